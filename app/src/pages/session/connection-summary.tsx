import { useState } from 'react';
import { useGateway, useSession } from '../../lib/gateway-context';
import { describeConnectFailure } from '../../lib/describe';
import { useNow } from '../../lib/use-now';
import { missingScopes } from '../../session/scopes';
import { Button } from '../../ui/button';

const frame = {
  good: 'border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/60',
  warn: 'border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/60',
  bad: 'border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/60',
  busy: 'border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950/60',
} as const;

/** Retrying these with the same credential only counts toward the gateway's per-origin lockout. */
const NO_BLIND_RETRY = new Set(['AUTH_TOKEN_MISMATCH', 'AUTH_RATE_LIMITED', 'BAD_URL']);

/** The one-glance answer: what state this session is in, why, and the next step. */
export function ConnectionSummary() {
  const gw = useGateway();
  const s = useSession((x) => x);
  const [pairing, setPairing] = useState(false);
  const [pairError, setPairError] = useState<string | null>(null);

  const pair = async () => {
    setPairing(true);
    setPairError(null);
    try {
      await gw.pair();
    } catch (e) {
      setPairError(e instanceof Error ? e.message : String(e));
    } finally {
      setPairing(false);
    }
  };

  let tone: keyof typeof frame = 'busy';
  let state = 'Connecting';
  let title = `Connecting to ${s.gatewayUrl}…`;
  let body = '';
  let action: string | undefined;
  let canPair = false;

  if (s.status === 'ready' && s.hello) {
    const missing = missingScopes(s.requestedScopes, s.hello.scopes);
    if (missing.length === 0) {
      tone = 'good';
      state = 'Full';
      title = `Connected with ${s.hello.scopes.length} scopes`;
      body = s.presented.device
        ? 'This browser is paired: later visits connect with its device token, no shared token needed.'
        : '';
    } else {
      tone = 'warn';
      state = 'Limited';
      title =
        s.hello.scopes.length === 0
          ? 'Connected, but the gateway granted no scopes'
          : `Connected, but ${missing.length} requested scopes were not granted`;
      body =
        s.hello.scopes.length === 0 && !s.presented.device
          ? 'The gateway admits a token-only client without a device identity, then clears its scopes: status, presence, config and cron all fail with "missing scope: operator.read".'
          : `Missing: ${missing.join(', ')}.`;
      canPair = gw.hasToken() && !s.presented.device;
      action = s.presented.device
        ? 'Ask for the missing scopes below.'
        : canPair
          ? 'Pair this device: clawscope makes a signing key that never leaves this browser and reconnects with it. On this machine the gateway approves it at once.'
          : 'Paste the gateway token below, then pair this device to ask for the missing scopes.';
    }
  } else if (s.status === 'reconnecting') {
    state = 'Reconnecting';
    title = 'Connection lost, reconnecting…';
    body = s.lastClose
      ? `The gateway closed the socket (code ${s.lastClose.code}${s.lastClose.reason ? `, “${s.lastClose.reason}”` : ''}). Data is re-read once back.`
      : '';
  } else if ((s.status === 'failed' || s.status === 'unreachable' || s.status === 'pairing-required') && s.error) {
    const d = describeConnectFailure(s.error, s.gatewayUrl);
    tone = s.status === 'pairing-required' ? 'warn' : 'bad';
    state =
      s.status === 'unreachable' ? 'Not reachable' : s.status === 'pairing-required' ? 'Pairing required' : 'Failed';
    title = d.title;
    body = d.body;
    action = d.action;
    canPair = s.error.detailCode === 'DEVICE_REMOVED' && gw.hasToken();
  } else if (s.status === 'idle') {
    state = 'Not connected';
    title = 'Not connected';
  }

  return (
    <section
      aria-label="Connection state"
      aria-live="polite"
      data-state={state.toLowerCase().replace(/\s+/g, '-')}
      className={`rounded-lg border p-5 ${frame[tone]}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold uppercase tracking-wider text-zinc-600 dark:text-zinc-400">{state}</p>
          <h1 className="mt-1 text-xl font-semibold">{title}</h1>
          {body && <p className="mt-2 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">{body}</p>}
          {action && <p className="mt-2 max-w-3xl text-sm font-medium">{action}</p>}
          {s.status === 'pairing-required' && s.error?.pairing?.requestId && (
            <p className="mt-3 text-sm">
              Request id:{' '}
              <code className="font-mono" data-testid="pairing-request-id">
                {s.error.pairing.requestId}
              </code>
            </p>
          )}
          {pairError && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
              Could not pair: {pairError}
            </p>
          )}
        </div>
        <div className="flex shrink-0 gap-2">
          {canPair && (
            <Button variant="primary" onClick={pair} disabled={pairing}>
              {pairing ? 'Pairing…' : 'Pair this device'}
            </Button>
          )}
          {(s.status === 'failed' || s.status === 'pairing-required' || s.status === 'unreachable') &&
            !NO_BLIND_RETRY.has(s.error?.detailCode ?? '') && <Button onClick={() => gw.reconnect()}>Try again</Button>}
          {s.status === 'failed' && s.error?.detailCode === 'AUTH_RATE_LIMITED' && s.blockedUntilMs !== null && (
            <Lockout until={s.blockedUntilMs} onRetry={() => gw.reconnect()} />
          )}
        </div>
      </div>
    </section>
  );
}

/** AUTH_RATE_LIMITED: a countdown to the end of the lockout (session/ refuses to connect before), then one retry. */
function Lockout({ until, onRetry }: { until: number; onRetry: () => void }) {
  const left = Math.max(0, Math.ceil((until - useNow(1000)) / 1000));
  if (left === 0) return <Button onClick={onRetry}>Try again</Button>;
  return (
    <p data-testid="lockout-countdown" className="text-sm font-medium tabular-nums">
      Try again in {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}
    </p>
  );
}
