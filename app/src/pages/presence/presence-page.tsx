import { useNow } from '../../lib/use-now';
import { useMemo } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Gateway } from '../../session/gateway';
import { useCan, useGateway, useGranted, useSession } from '../../lib/gateway-context';
import {
  findOwnEntry,
  groupPresence,
  shortId,
  summarizePresence,
  timeZoneLabel,
  type OwnSession,
  type PresenceEntry,
  type PresenceSummary,
} from '../../lib/presence';
import { Link } from '../../lib/router';
import { presenceQueries } from '../../queries/presence';
import { CLIENT } from '../../session/gateway';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { EmptyState, ErrorPanel, NotConnected, RefreshButton, Skeleton } from '../../ui/states';
import { PresenceTable, type OwnMark } from './presence-table';
import { RelativeTime } from '../../ui/relative-time';

/** How often Presence re-reads the list on protocol-3 gateways, which send no event when a client connects. */
export const LEGACY_POLL_MS = 3000;

/** The read this page starts with, begun at hello-ok or on the click that opens it (see routes.ts). */
export function prefetch(gw: Gateway, qc: QueryClient) {
  void qc.prefetchQuery(presenceQueries.list(gw));
}

export function PresencePage() {
  const gw = useGateway();
  const status = useSession((s) => s.status);
  const hasHello = useSession((s) => s.hello !== null);
  const canRead = useCan('operator.read');
  // 2026.3.x broadcasts presence only when a client leaves, not when one connects: re-read it while open.
  const legacy = useSession((s) => (s.hello?.protocol ?? 4) < 4);
  const presence = useQuery({
    ...presenceQueries.list(gw),
    enabled: status === 'ready' && canRead,
    refetchInterval: legacy ? LEGACY_POLL_MS : false,
  });

  let body;
  if (!hasHello && !presence.data) body = <NotConnected status={status} what="Presence is" />;
  else if (!canRead) body = <NoReadScope />;
  else if (presence.isPending) body = <Skeleton rows={6} />;
  else if (presence.isError)
    body = <ErrorPanel error={presence.error} what="read presence" onRetry={() => void presence.refetch()} />;
  else body = <PresenceView entries={presence.data} updatedAt={presence.dataUpdatedAt} stale={status !== 'ready'} />;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Presence</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Who is connected to this gateway, updated live as clients come and go.
          </p>
        </div>
        {canRead && presence.data && <RefreshButton query={presence} ready={status === 'ready'} />}
      </div>
      {body}
    </div>
  );
}

/** Without operator.read the gateway answers an empty list and sends no events: never show that as "nobody". */
function NoReadScope() {
  const granted = useGranted();
  return (
    <div
      role="status"
      data-testid="presence-no-scope"
      className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="font-medium">
        This session cannot see presence: it lacks <code className="font-mono">operator.read</code>.
      </p>
      <p className="mt-1">
        Without it the gateway withholds the presence list and its live events, so an empty page here would not mean
        that nobody is connected. Granted now: {granted.length === 0 ? 'no scopes at all' : granted.join(', ')}.
      </p>
      <p className="mt-2">
        <Link to="/" className="font-medium underline">
          Open the Session page
        </Link>{' '}
        to see why, and pair this browser to get operator.read.
      </p>
    </div>
  );
}

function PresenceView({ entries, updatedAt, stale }: { entries: PresenceEntry[]; updatedAt: number; stale: boolean }) {
  const now = useNow();
  const legacy = useSession((s) => (s.hello?.protocol ?? 4) < 4);
  const deviceId = useSession((s) => (s.presented.device ? s.deviceId : null));
  const connectedAtMs = useSession((s) => s.timeline.findLast((t) => t.phase === 'hello-ok')?.atMs);
  const groups = useMemo(() => groupPresence(entries), [entries]);
  const summary = useMemo(() => summarizePresence(groups), [groups]);
  const own = useMemo(
    () => findOwnEntry(groups.online, { deviceId, clientId: CLIENT.id, connectedAtMs }),
    [groups, deviceId, connectedAtMs],
  );
  const marks = useMemo(() => {
    const m = new Map<PresenceEntry, OwnMark>();
    if (own.kind === 'exact') m.set(own.entry, 'self');
    else if (own.kind === 'probable') {
      m.set(own.entry, 'probably-self');
      own.others.forEach((e) => m.set(e, 'same-device'));
    } else if (own.kind === 'shared') own.entries.forEach((e) => m.set(e, 'same-device'));
    return m;
  }, [own]);

  if (entries.length === 0) {
    return (
      <EmptyState title="The gateway listed nobody">
        Not even itself: this gateway sent an empty presence list.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-6">
      <SummaryBar summary={summary} updatedAt={updatedAt} now={now} stale={stale} legacy={legacy} />
      {groups.gateway.map((g, i) => (
        <GatewayCard key={g.instanceId ?? i} entry={g} now={now} />
      ))}
      <Card
        title={`Online clients (${groups.online.length})`}
        actions={<span className="text-xs text-zinc-500">newest connection first</span>}
      >
        <OwnNote own={own} deviceId={deviceId} />
        {groups.online.length === 0 ? (
          <EmptyState title="No clients online">Only the gateway itself is listed.</EmptyState>
        ) : (
          <PresenceTable entries={groups.online} marks={marks} now={now} label="Online clients" />
        )}
      </Card>
      <DisconnectedGroup entries={groups.disconnected} now={now} />
    </div>
  );
}

function SummaryBar({
  summary,
  updatedAt,
  now,
  stale,
  legacy,
}: {
  summary: PresenceSummary;
  updatedAt: number;
  now: number;
  stale: boolean;
  legacy: boolean;
}) {
  return (
    <section aria-label="Presence summary" className="flex flex-wrap items-stretch gap-3">
      <Stat label="Online" value={summary.online} testId="presence-online-count" />
      <div className="flex min-w-48 flex-1 flex-col justify-center rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="text-xs font-medium uppercase tracking-wide text-zinc-500">By mode</div>
        <div className="mt-1.5 flex flex-wrap gap-1.5">
          {summary.byMode.length === 0 ? (
            <span className="text-sm text-zinc-500">no clients</span>
          ) : (
            summary.byMode.map((m) => (
              <Badge key={m.mode}>
                {m.mode} <span className="tabular-nums text-zinc-900 dark:text-white">{m.count}</span>
              </Badge>
            ))
          )}
        </div>
      </div>
      <Stat label="Limited (no device)" value={summary.limited} tone={summary.limited > 0 ? 'warn' : undefined} />
      <Stat label="Disconnected" value={summary.disconnected} muted />
      <div className="flex items-center gap-2 px-1 text-xs text-zinc-500" aria-live="polite">
        <span className={`h-2 w-2 rounded-full ${stale ? 'bg-amber-500' : 'bg-emerald-500'}`} aria-hidden />
        {stale
          ? 'paused while reconnecting · '
          : legacy
            ? `live (re-read every ${LEGACY_POLL_MS / 1000} s) · `
            : 'live · '}
        updated <RelativeTime ms={updatedAt} now={now} past />
        <span> · times in {timeZoneLabel(now)}</span>
      </div>
    </section>
  );
}

function Stat({
  label,
  value,
  tone,
  muted,
  testId,
}: {
  label: string;
  value: number;
  tone?: 'warn';
  muted?: boolean;
  testId?: string;
}) {
  const color =
    tone === 'warn'
      ? 'text-amber-700 dark:text-amber-400'
      : muted
        ? 'text-zinc-500 dark:text-zinc-400'
        : 'text-zinc-900 dark:text-white';
  return (
    <div className="min-w-28 rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</div>
      <div data-testid={testId} className={`mt-0.5 text-2xl font-semibold tabular-nums ${color}`}>
        {value}
      </div>
    </div>
  );
}

function GatewayCard({ entry: g, now }: { entry: PresenceEntry; now: number }) {
  const rows: [string, string | undefined][] = [
    ['Host', g.host],
    ['IP', g.ip],
    ['Version', g.version],
    ['Platform', g.platform],
    ['Device family', g.deviceFamily],
    ['Instance', g.instanceId],
  ];
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Gateway
          <Badge tone="good">self</Badge>
        </span>
      }
      actions={
        <span className="text-xs text-zinc-500">
          reported <RelativeTime ms={g.ts} now={now} past />
        </span>
      }
    >
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="gateway-entry">
        {rows.map(([k, v]) => (
          <div key={k} className="min-w-0">
            <dt className="text-xs text-zinc-500">{k}</dt>
            <dd className="truncate font-mono text-xs leading-5" title={v}>
              {v ?? '—'}
            </dd>
          </div>
        ))}
      </dl>
      {g.text && <p className="mt-3 break-words text-xs text-zinc-500">{g.text}</p>}
    </Card>
  );
}

function OwnNote({ own, deviceId }: { own: OwnSession; deviceId: string | null }) {
  let text: string;
  if (own.kind === 'exact') {
    text = `The row marked “this session” carries this browser's device id (${shortId(deviceId ?? '')}).`;
  } else if (own.kind === 'probable' && own.basis === 'device') {
    text = `This browser's device id is on ${own.others.length + 1} connections (other tabs or windows). The one that came online closest to when this session connected is marked “probably this session”.`;
  } else if (own.kind === 'shared') {
    text = `This browser's device id is on ${own.entries.length} connections (other tabs or windows), marked “this browser”. The gateway gives them the same online-since time, so which one is this tab cannot be told.`;
  } else if (own.kind === 'probable') {
    text = `This session presented no device identity, so its entry carries no device id and cannot be singled out for sure. The device-less ${CLIENT.id} entry that came online closest to when this session connected is marked “probably this session”.`;
  } else if (own.why === 'ambiguous') {
    text = `This session presented no device identity, and several device-less ${CLIENT.id} entries came online at the same time, so its own entry cannot be singled out.`;
  } else if (own.why === 'device-not-listed') {
    text = "This browser's device id is not in the list: the gateway has not reported this session yet.";
  } else {
    text = `This session presented no device identity and no device-less ${CLIENT.id} entry is listed, so its own entry cannot be singled out.`;
  }
  return (
    <p data-testid="own-session-note" className="mb-3 text-xs text-zinc-600 dark:text-zinc-400">
      {text}
    </p>
  );
}

function DisconnectedGroup({ entries, now }: { entries: PresenceEntry[]; now: number }) {
  const none = useMemo(() => new Map<PresenceEntry, OwnMark>(), []);
  return (
    <details className="group rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-3 text-sm font-semibold text-zinc-900 select-none dark:text-zinc-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="inline-block w-3 text-zinc-500 transition-transform group-open:rotate-90">
          ▸
        </span>
        Disconnected
        <Badge>{entries.length}</Badge>
        <span className="ml-auto text-xs font-normal text-zinc-500">
          the gateway keeps clients that left; most recent first
        </span>
      </summary>
      <div className="border-t border-zinc-200 p-4 dark:border-zinc-800">
        {entries.length === 0 ? (
          <p className="text-sm text-zinc-500">No disconnected clients listed.</p>
        ) : (
          <PresenceTable entries={entries} marks={none} now={now} label="Disconnected clients" gone />
        )}
      </div>
    </details>
  );
}
