import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNow } from '../../lib/use-now';
import {
  PAIRING_REQUEST_TTL_MS,
  STALE_REQUEST_MESSAGE,
  describeDeviceError,
  devicesQueries,
  isUnknownRequest,
  rolesOf,
  useApproveRequest,
  useRejectRequest,
  type PairedDevice,
  type PendingRequest,
} from '../../queries/devices';
import { Badge } from '../../ui/badge';
import { EmptyState } from '../../ui/states';
import { countdown, shortId } from './format';
import { ActionButton, InlineError, Reasons, ScopeList } from './parts';
import { CopyButton } from '../../ui/copy-button';
import { relativeTime } from '../../ui/relative-time';
import { approveBlock, rejectBlock, type Access } from './permissions';

type StaleNote = { requestId: string; who: string };

export function requesterName(req: PendingRequest, paired: readonly PairedDevice[]): string {
  const known = paired.find((d) => d.deviceId === req.deviceId);
  const label = known?.operatorLabel ?? known?.displayName;
  return label ?? (req.clientId || shortId(req.deviceId));
}

/** Pending pairing requests, newest first, each with its expiry; kept live by the event bridge. */
export function PendingRequests({
  pending,
  paired,
  access,
  ownDeviceId,
}: {
  pending: readonly PendingRequest[];
  paired: readonly PairedDevice[];
  access: Access;
  ownDeviceId: string | null;
}) {
  const qc = useQueryClient();
  const now = useNow(1000);
  const [stale, setStale] = useState<StaleNote[]>([]);
  const sorted = [...pending].sort((a, b) => (b.ts ?? 0) - (a.ts ?? 0));

  // The gateway drops a request 5 minutes after it was made without an event: re-read then.
  const nextExpiry = Math.min(...pending.map((p) => (p.ts ?? Infinity) + PAIRING_REQUEST_TTL_MS));
  useEffect(() => {
    if (!Number.isFinite(nextExpiry)) return;
    const t = setTimeout(
      () => void qc.invalidateQueries({ queryKey: devicesQueries.lists() }),
      Math.max(1000, nextExpiry - Date.now() + 1500),
    );
    return () => clearTimeout(t);
  }, [nextExpiry, qc]);

  return (
    <div className="space-y-3">
      {stale.length > 0 && (
        <div
          role="status"
          className="flex items-start justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
        >
          <ul className="space-y-0.5">
            {stale.map((n) => (
              <li key={n.requestId}>
                <span className="font-medium">{STALE_REQUEST_MESSAGE}</span>: the request from {n.who} (
                <code className="font-mono text-xs">{shortId(n.requestId, 8)}</code>) is no longer pending, so the list
                was refreshed.
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => setStale([])}
            className="shrink-0 text-xs underline"
            aria-label="Dismiss"
          >
            Dismiss
          </button>
        </div>
      )}
      {sorted.length === 0 ? (
        <EmptyState title="No pending requests">
          When a device asks to pair, or a paired one asks for more scopes, it shows up here at once.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Pending requests">
          {sorted.map((req) => (
            <PendingRow
              key={req.requestId}
              req={req}
              who={requesterName(req, paired)}
              own={ownDeviceId === req.deviceId}
              access={access}
              now={now}
              onStale={(note) => setStale((s) => [...s.filter((x) => x.requestId !== note.requestId), note])}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function PendingRow({
  req,
  who,
  own,
  access,
  now,
  onStale,
}: {
  req: PendingRequest;
  who: string;
  own: boolean;
  access: Access;
  now: number;
  onStale: (n: StaleNote) => void;
}) {
  const approve = useApproveRequest();
  const reject = useRejectRequest();
  const busy = approve.isPending || reject.isPending;
  const failed = approve.error ?? reject.error;
  const approveWhy = approveBlock(access, req);
  const rejectWhy = rejectBlock(access, req);
  const leftMs = req.ts === null ? null : req.ts + PAIRING_REQUEST_TTL_MS - now;
  const roles = rolesOf(req);

  const onError = (e: unknown) => {
    if (isUnknownRequest(e)) onStale({ requestId: req.requestId, who });
  };
  const doApprove = () => {
    reject.reset();
    approve.mutate(req.requestId, { onError });
  };
  const doReject = () => {
    approve.reset();
    reject.mutate(req.requestId, { onError });
  };

  return (
    <li
      aria-label={`Request from ${who}`}
      data-request-id={req.requestId}
      className="space-y-2 py-3 first:pt-0 last:pb-0"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{who}</span>
        {req.isRepair && (
          <Badge tone="warn" title="An already paired device asks for more than it was approved for">
            upgrade
          </Badge>
        )}
        {own && <Badge tone="info">this browser</Badge>}
        <span className="ml-auto flex items-center gap-3 text-xs tabular-nums text-zinc-500">
          <span title={req.ts ? new Date(req.ts).toLocaleString() : undefined}>
            requested {relativeTime(req.ts, now, { past: true })}
          </span>
          {leftMs !== null &&
            (leftMs > 0 ? (
              <span
                className={leftMs < 60_000 ? 'font-medium text-amber-700 dark:text-amber-400' : ''}
                aria-label={`expires in ${countdown(leftMs)}`}
              >
                expires in {countdown(leftMs)}
              </span>
            ) : (
              <Badge tone="neutral">expired</Badge>
            ))}
        </span>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="text-zinc-500">Device</dt>
        <dd className="flex min-w-0 items-center gap-1">
          <code className="truncate font-mono" title={req.deviceId}>
            {shortId(req.deviceId)}
          </code>
          {req.deviceId && <CopyButton text={req.deviceId} what={`device id of ${who}`} />}
        </dd>
        <dt className="text-zinc-500">Client</dt>
        <dd className="font-mono">
          {req.clientId || '—'}
          {req.clientMode ? ` / ${req.clientMode}` : ''}
        </dd>
        <dt className="text-zinc-500">Platform</dt>
        <dd className="font-mono">{req.platform || '—'}</dd>
        <dt className="text-zinc-500">Role</dt>
        <dd className="font-mono">{roles.join(', ') || '—'}</dd>
      </dl>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <span className="pt-0.5 text-xs text-zinc-500">Asks for</span>
        <ScopeList scopes={req.scopes} granted={access.granted} markMissing={access.ready} empty="no scopes" />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <ActionButton variant="primary" reason={approveWhy} busy={busy} onClick={doApprove}>
          {approve.isPending ? 'Approving…' : 'Approve'}
        </ActionButton>
        <ActionButton reason={rejectWhy} busy={busy} onClick={doReject}>
          {reject.isPending ? 'Rejecting…' : 'Reject'}
        </ActionButton>
        <Reasons
          items={[
            ['Approve', approveWhy],
            ['Reject', rejectWhy],
          ]}
        />
      </div>
      {failed != null && !isUnknownRequest(failed) && <InlineError>{describeDeviceError(failed)}</InlineError>}
    </li>
  );
}
