import { Suspense, lazy, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useGateway, useGranted, useSession } from '../../lib/gateway-context';
import { explainGrant } from '../../lib/describe';
import { accessQueries } from '../../queries/access';
import { OPERATOR_SCOPES, missingScopes } from '../../session/scopes';
import { PROBED_METHODS, scopeFor, type Method } from '../../session/methods';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ScopeMatrix } from '../../ui/scope-matrix';
import { ConnectForm } from './connect-form';
import { ConnectionSummary } from './connection-summary';

// Shown only in their states (waiting for an approval, origin refused, paired with fewer scopes than asked):
// loaded then, not with every first visit.
const PairingWait = lazy(() => import('./pairing-wait').then((m) => ({ default: m.PairingWait })));
const OriginHelp = lazy(() => import('./origin-help').then((m) => ({ default: m.OriginHelp })));
const MoreAccess = lazy(() => import('./more-access').then((m) => ({ default: m.MoreAccess })));

export function SessionPage() {
  const hello = useSession((s) => s.hello);
  const status = useSession((s) => s.status);
  const originRefused = useSession((s) => s.error?.detailCode === 'CONTROL_UI_ORIGIN_NOT_ALLOWED');
  const pairedButNarrow = useSession(
    (s) =>
      s.status === 'ready' &&
      s.presented.device &&
      missingScopes(OPERATOR_SCOPES.slice(0, 3), s.hello?.scopes ?? []).length > 0,
  );
  return (
    <div className="space-y-6">
      <ConnectionSummary />
      <Suspense fallback={null}>
        {originRefused && <OriginHelp />}
        {status === 'pairing-required' && <PairingWait />}
        {pairedButNarrow && <MoreAccess />}
      </Suspense>
      <ConnectForm />
      {hello && (
        <div className="grid gap-6 xl:grid-cols-5">
          <div className="space-y-6 xl:col-span-3">
            <SessionScopes />
            {status === 'ready' && <MethodAccess />}
          </div>
          <div className="space-y-6 xl:col-span-2">
            <ServerFacts />
            <Timeline />
          </div>
        </div>
      )}
      {!hello && <Timeline />}
    </div>
  );
}

function SessionScopes() {
  const requested = useSession((s) => s.requestedScopes);
  const granted = useGranted();
  const stated = useSession((s) => s.hello?.scopesStated ?? false);
  const explanation = useSession(explainGrant);
  const missing = missingScopes(requested, granted);
  return (
    <Card
      title="Scopes: requested vs granted"
      actions={
        <Badge tone={missing.length === 0 ? 'good' : granted.length === 0 ? 'bad' : 'warn'}>
          {granted.length === 0 ? 'granted none' : `${granted.length} granted`}
        </Badge>
      }
    >
      <p data-testid="grant-explanation" className="mb-4 text-sm text-zinc-700 dark:text-zinc-300">
        {explanation}
        {!stated && ' (hello-ok carried no auth block.)'}
      </p>
      <ScopeMatrix label="Scope matrix" requested={requested} granted={granted} />
      <p className="mt-3 text-xs text-zinc-500">
        Admin implies every scope; write implies read and talk. Everything else needs an exact grant.
      </p>
    </Card>
  );
}

function MethodAccess() {
  const grantedNone = useSession((s) => Boolean(s.hello?.scopesStated && s.hello.scopes.length === 0));
  const [live, setLive] = useState(false);
  return (
    <Card title="Method access on this session">
      <table className="w-full text-sm" aria-label="Method access">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
            <th className="py-2 pr-3 font-medium">Method</th>
            <th className="px-3 py-2 font-medium">Needs</th>
            <th className="py-2 pl-3 font-medium">Live result</th>
          </tr>
        </thead>
        <tbody>
          {PROBED_METHODS.map((m) => (
            <MethodRow key={m} method={m} live={live} />
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-zinc-500">
        Changing methods (cron.add, cron.run) are probed with deliberately invalid params: the gateway checks scopes
        first, so nothing is changed.
      </p>
      {grantedNone && !live && (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
          hello-ok granted no scopes, so these answers come from it, without asking the gateway.
          <Button onClick={() => setLive(true)}>Ask the gateway</Button>
        </p>
      )}
    </Card>
  );
}

function MethodRow({ method, live }: { method: Method; live: boolean }) {
  const gw = useGateway();
  const connId = useSession((s) => s.hello?.connId ?? `t${s.timeline[0]?.atMs ?? 0}`);
  const probe = useQuery(accessQueries.probe(gw, method, connId, { live }));
  let result;
  if (probe.isPending) result = <span className="text-zinc-500">checking…</span>;
  else if (probe.isError) result = <Badge tone="bad">error</Badge>;
  else if (probe.data.allowed === true)
    result = <Badge tone="good">{probe.data.dry ? 'allowed (dry probe)' : 'ok'}</Badge>;
  else if (probe.data.allowed === false)
    result = (
      <span className="flex flex-wrap items-center gap-2">
        <Badge tone="bad">denied</Badge>
        <span className="font-mono text-xs text-red-700 dark:text-red-400">{probe.data.failure.message}</span>
      </span>
    );
  else
    result = (
      <span className="flex flex-wrap items-center gap-2">
        <Badge tone="warn">{probe.data.failure.detailCode ?? probe.data.failure.code}</Badge>
        <span className="font-mono text-xs">{probe.data.failure.message}</span>
      </span>
    );
  return (
    <tr data-method={method} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
      <td className="py-2 pr-3 font-mono text-xs">{method}</td>
      <td className="px-3 py-2 font-mono text-xs text-zinc-600 dark:text-zinc-400">{scopeFor(method) ?? 'nothing'}</td>
      <td className="py-2 pl-3">{result}</td>
    </tr>
  );
}

function ServerFacts() {
  const hello = useSession((s) => s.hello);
  const presented = useSession((s) => s.presented);
  const deviceId = useSession((s) => s.deviceId);
  const gw = useGateway();
  if (!hello) return null;
  const rows: [string, string][] = [
    ['Server version', hello.serverVersion],
    ['Protocol', String(hello.protocol)],
    ['Auth method', hello.authMethod ?? 'not stated'],
    ['Role', hello.role ?? 'not stated'],
    ['Credential sent', presented.credential],
    ['Device identity', presented.device && deviceId ? `${deviceId.slice(0, 16)}…` : 'none'],
    [
      'Device token',
      hello.deviceTokenIssued
        ? `issued ${hello.issuedAtMs ? new Date(hello.issuedAtMs).toLocaleString() : ''}`
        : 'none',
    ],
    ['Connection id', hello.connId ?? '—'],
  ];
  return (
    <Card
      title="Gateway"
      actions={
        <Button variant="ghost" onClick={() => gw.reconnect()}>
          Reconnect
        </Button>
      }
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-500">{k}</dt>
            <dd className="truncate font-mono text-xs leading-5" title={v}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function Timeline() {
  const timeline = useSession((s) => s.timeline);
  const lastClose = useSession((s) => s.lastClose);
  return (
    <Card title="Handshake timeline">
      {timeline.length === 0 ? (
        <p className="text-sm text-zinc-500">No connection attempt yet.</p>
      ) : (
        <ol aria-label="Handshake timeline" className="space-y-1.5 text-sm">
          {timeline.map((t, i) => (
            <li key={i} className="flex items-baseline gap-3">
              <span className="w-16 shrink-0 text-right font-mono text-xs tabular-nums text-zinc-500">
                +{t.sinceStartMs} ms
              </span>
              <span
                className={`font-medium ${t.phase === 'error' || t.phase === 'close' ? 'text-red-700 dark:text-red-400' : t.phase === 'hello-ok' ? 'text-emerald-700 dark:text-emerald-400' : ''}`}
              >
                {t.phase}
              </span>
              {t.detail && <span className="truncate font-mono text-xs text-zinc-500">{t.detail}</span>}
            </li>
          ))}
        </ol>
      )}
      {lastClose && (
        <p className="mt-3 text-xs text-zinc-500">
          Last close: code {lastClose.code}
          {lastClose.reason ? ` “${lastClose.reason}”` : ''} at {new Date(lastClose.atMs).toLocaleTimeString()}
        </p>
      )}
    </Card>
  );
}
