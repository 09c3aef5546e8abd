import type { ReactNode } from 'react';
import { Link } from '../../lib/router';
import { ScopeMatrix } from '../../ui/scope-matrix';
import type { TrialResult } from '../../session/trial';
import { Badge, type Tone } from '../../ui/badge';
import { Card } from '../../ui/card';
import { compare, explainResult, knownOutcome, methodVerdicts, type TrialDraft } from './lab-model';
import type { Cleanup, TrialRun } from './use-trials';

export function describeDraft(d: TrialDraft) {
  return `${d.clientId}/${d.mode} · ${d.device ? 'device' : 'no device'} · ${d.sendToken ? 'token' : 'no token'}`;
}

export function outcomeBadge(r: TrialResult | null): [Tone, string] {
  if (!r) return ['info', 'running…'];
  switch (r.outcome) {
    case 'granted':
      return r.granted.length === 0
        ? ['bad', 'granted nothing']
        : r.granted.length < r.request.scopes.length
          ? ['warn', `granted ${r.granted.length} of ${r.request.scopes.length}`]
          : ['good', `granted ${r.granted.length}`];
    case 'refused':
      return ['bad', 'refused'];
    default:
      return ['warn', r.outcome];
  }
}

export function TrialResultView({ run }: { run: TrialRun }) {
  const r = run.result;
  const [tone, label] = outcomeBadge(r);
  return (
    <div
      role="region"
      aria-label="Trial result"
      data-outcome={r?.outcome ?? 'running'}
      data-device-id={r?.deviceId ?? undefined}
      aria-busy={!r}
    >
      <Card
        title={
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span>Trial #{run.n}</span>
            <span className="font-mono text-xs font-normal text-zinc-500">{describeDraft(run.draft)}</span>
          </span>
        }
        actions={<Badge tone={tone}>{label}</Badge>}
      >
        {!r ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Handshaking on a separate socket… (gives up after 10 s)
          </p>
        ) : (
          <div className="space-y-5">
            <Summary r={r} draft={run.draft} />
            {r.error && <ErrorFacts r={r} />}
            {r.deviceId && <DeviceFate r={r} cleanup={run.cleanup} />}
            <TrialScopes r={r} />
            <Methods r={r} />
            <Steps r={r} />
          </div>
        )}
      </Card>
    </div>
  );
}

function Summary({ r, draft }: { r: TrialResult; draft: TrialDraft }) {
  const expected = knownOutcome(draft);
  const verdict = compare(expected, r);
  return (
    <div className="space-y-2">
      <p data-testid="trial-explanation" className="text-sm text-zinc-800 dark:text-zinc-200">
        {explainResult(r)}
      </p>
      <p data-testid="trial-verdict" data-verdict={verdict} className="flex items-start gap-2 text-xs">
        {verdict === 'matches' ? (
          <>
            <Badge tone="good">expected</Badge>
            <span className="text-zinc-600 dark:text-zinc-400">
              Matches the known behaviour of OpenClaw 2026.9 on loopback with default config: not a clawscope bug.
            </span>
          </>
        ) : verdict === 'differs' ? (
          <>
            <Badge tone="warn">unexpected</Badge>
            <span className="text-zinc-600 dark:text-zinc-400">
              Differs from the known behaviour ({expected!.text}) Another gateway version, a non-default config
              (allowedOrigins, autoApproveLocal) or a bug.
            </span>
          </>
        ) : (
          <>
            <Badge>no reference</Badge>
            <span className="text-zinc-600 dark:text-zinc-400">
              No known behaviour to compare with for this combination or outcome.
            </span>
          </>
        )}
      </p>
      {r.hello && (
        <p className="text-xs text-zinc-500">
          Gateway {r.hello.serverVersion}, protocol {r.hello.protocol}, auth method {r.hello.authMethod ?? 'not stated'}
          , {r.durationMs} ms.
        </p>
      )}
    </div>
  );
}

function ErrorFacts({ r }: { r: TrialResult }) {
  const e = r.error!;
  const rows: [string, string | undefined][] = [
    ['code', e.code],
    ['details.code', e.detailCode ?? undefined],
    ['message', e.message],
    ['recommendedNextStep', e.recommendedNextStep],
    [
      'pairing',
      e.pairing
        ? [e.pairing.reason, e.pairing.requestId && `request ${e.pairing.requestId}`].filter(Boolean).join(', ')
        : undefined,
    ],
    ['close', r.close ? `${r.close.code}${r.close.reason ? ` “${r.close.reason}”` : ''}` : undefined],
  ];
  return (
    <dl
      aria-label="Error"
      className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-red-200 bg-red-50/60 p-3 text-xs dark:border-red-900 dark:bg-red-950/30"
    >
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-zinc-500">{k}</dt>
            <dd className="break-words font-mono text-zinc-900 dark:text-zinc-100" data-field={k}>
              {v}
            </dd>
          </div>
        ))}
    </dl>
  );
}

function DeviceFate({ r, cleanup }: { r: TrialResult; cleanup: Cleanup }) {
  let tone: Tone = 'neutral';
  let text: ReactNode = r.paired ? 'paired' : 'not paired: nothing to remove';
  switch (cleanup.state) {
    case 'working':
      tone = 'info';
      text = cleanup.what === 'remove' ? 'removing the trial device…' : 'rejecting its pairing request…';
      break;
    case 'removed':
      tone = 'good';
      text = 'trial device removed';
      break;
    case 'rejected':
      tone = 'good';
      text = 'its pairing request was rejected: nothing left behind';
      break;
    case 'left':
      tone = 'warn';
      text = cleanup.pending ? (
        <>
          pairing request left pending: this session lacks operator.pairing. The gateway drops it after 5 minutes, or
          reject it on the{' '}
          <Link to="/devices" className="underline">
            Devices page
          </Link>
          .
        </>
      ) : (
        <>
          left paired: this session lacks operator.pairing; remove it on the{' '}
          <Link to="/devices" className="underline">
            Devices page
          </Link>
          .
        </>
      );
      break;
    case 'failed':
      tone = 'bad';
      text = (
        <>
          could not {cleanup.pending ? 'reject its request' : 'remove it'} ({cleanup.message}); do it on the{' '}
          <Link to="/devices" className="underline">
            Devices page
          </Link>
          .
        </>
      );
      break;
  }
  const frame = {
    neutral: 'border-zinc-200 dark:border-zinc-800',
    info: 'border-sky-300 dark:border-sky-800',
    good: 'border-emerald-300 dark:border-emerald-800',
    warn: 'border-amber-300 bg-amber-50/60 dark:border-amber-800 dark:bg-amber-950/30',
    bad: 'border-red-300 bg-red-50/60 dark:border-red-800 dark:bg-red-950/30',
  }[tone];
  return (
    <div className={`flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-xs ${frame}`}>
      <span className="text-zinc-500">Throwaway device</span>
      <code className="font-mono" title={r.deviceId!}>
        {r.deviceId!.slice(0, 16)}…
      </code>
      <span role="status" data-testid="trial-cleanup" data-state={cleanup.state} className="font-medium">
        {text}
      </span>
    </div>
  );
}

function TrialScopes({ r }: { r: TrialResult }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Scopes: requested vs granted</h3>
      <ScopeMatrix label="Trial scope matrix" requested={r.request.scopes} granted={r.granted} dense />
    </div>
  );
}

function Methods({ r }: { r: TrialResult }) {
  if (r.outcome !== 'granted') {
    return (
      <p data-testid="trial-methods-none" className="text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-semibold uppercase tracking-wide text-zinc-500">Dashboard methods: </span>
        none would pass; the gateway did not admit this client, so there is no grant to call them with.
      </p>
    );
  }
  const verdicts = methodVerdicts(r);
  const passing = verdicts.filter((v) => v.passes).length;
  return (
    <div>
      <h3 className="mb-1 flex items-baseline justify-between gap-3 text-xs font-semibold uppercase tracking-wide text-zinc-500">
        <span>Dashboard methods with this grant</span>
        <span className="font-normal normal-case tracking-normal">
          {passing} of {verdicts.length} would pass
        </span>
      </h3>
      <p className="mb-2 text-xs text-zinc-500">
        Computed from the grant with the gateway&apos;s scope rule; the trial called nothing.
      </p>
      <table className="w-full text-sm" aria-label="Methods with this grant">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800">
            <th className="py-1.5 pr-3 font-medium">Method</th>
            <th className="px-3 py-1.5 font-medium">Needs</th>
            <th className="py-1.5 pl-3 font-medium">Computed</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((v) => (
            <tr
              key={v.method}
              data-method={v.method}
              data-passes={v.passes}
              className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60"
            >
              <td className="py-1 pr-3 font-mono text-xs">{v.method}</td>
              <td className="px-3 py-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">{v.scope ?? 'nothing'}</td>
              <td className="py-1 pl-3 text-xs">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={v.passes ? 'good' : 'bad'}>{v.passes ? 'would pass' : 'would fail'}</Badge>
                  {v.note && <span className="text-zinc-500">{v.note}</span>}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Steps({ r }: { r: TrialResult }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
        Handshake steps ({r.timeline.length})
      </summary>
      <ol aria-label="Trial steps" className="mt-2 space-y-1">
        {r.timeline.map((t, i) => (
          <li key={i} className="flex items-baseline gap-3">
            <span className="w-14 shrink-0 text-right font-mono tabular-nums text-zinc-500">+{t.sinceStartMs} ms</span>
            <span className="font-medium">{t.phase}</span>
            {t.detail && <span className="truncate font-mono text-zinc-500">{t.detail}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
