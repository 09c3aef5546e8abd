import { useNow } from '../../lib/use-now';
import { describeDeviceError, isUnknownRequest, STALE_REQUEST_MESSAGE } from '../../queries/devices';
import type { NodeRequest } from '../../queries/nodes';
import { useApproveNode, useRejectNode } from '../../queries/node-actions';
import { relativeTime } from '../../ui/relative-time';
import { EmptyState } from '../../ui/states';
import { shortId } from './format';
import { ActionButton, InlineError, Reasons, ScopeList } from './parts';
import { nodeApproveBlock, nodeRejectBlock, type Access } from './permissions';

export const nodeRequestName = (r: NodeRequest) => r.displayName ?? (r.clientId || shortId(r.nodeId));

/** Nodes asking for their commands to be approved (node.pair.*), newest first. */
export function NodeRequests({ pending, access }: { pending: readonly NodeRequest[]; access: Access }) {
  const now = useNow(1000);
  if (pending.length === 0) {
    return (
      <EmptyState title="No node requests">
        A node that connects and declares commands asks here for them to be approved.
      </EmptyState>
    );
  }
  const sorted = [...pending].sort((a, b) => (b.ts ?? 0) - (a.ts ?? 0));
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Node requests">
      {sorted.map((r) => (
        <NodeRequestRow key={r.requestId} req={r} access={access} now={now} />
      ))}
    </ul>
  );
}

function NodeRequestRow({ req, access, now }: { req: NodeRequest; access: Access; now: number }) {
  const approve = useApproveNode();
  const reject = useRejectNode();
  const name = nodeRequestName(req);
  const busy = approve.isPending || reject.isPending;
  const failed = approve.error ?? reject.error;
  const approveWhy = nodeApproveBlock(access, req);
  const rejectWhy = nodeRejectBlock(access, req);
  return (
    <li aria-label={`Node request from ${name}`} data-request-id={req.requestId} className="space-y-2 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{name}</span>
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-zinc-800">node</span>
        <span className="ml-auto text-xs text-zinc-500" title={req.ts ? new Date(req.ts).toLocaleString() : undefined}>
          requested {relativeTime(req.ts, now, { past: true })}
        </span>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
        <dt className="text-zinc-500">Node</dt>
        <dd className="font-mono" title={req.nodeId}>
          {shortId(req.nodeId)}
        </dd>
        <dt className="text-zinc-500">Client</dt>
        <dd className="font-mono">
          {req.clientId || '—'} · {req.platform || '—'} {req.version}
        </dd>
        <dt className="text-zinc-500">Capabilities</dt>
        <dd className="font-mono">{req.caps.join(', ') || 'none'}</dd>
        <dt className="text-zinc-500">Commands</dt>
        <dd className="font-mono break-all">{req.commands.join(', ') || 'none'}</dd>
        <dt className="text-zinc-500">Approval needs</dt>
        <dd>
          <ScopeList
            scopes={req.requiredApproveScopes}
            granted={access.granted}
            markMissing={access.ready}
            empty="operator.pairing"
          />
        </dd>
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        <ActionButton variant="primary" reason={approveWhy} busy={busy} onClick={() => approve.mutate(req.requestId)}>
          {approve.isPending ? 'Approving…' : 'Approve'}
        </ActionButton>
        <ActionButton reason={rejectWhy} busy={busy} onClick={() => reject.mutate(req.requestId)}>
          {reject.isPending ? 'Rejecting…' : 'Reject'}
        </ActionButton>
        <Reasons
          items={[
            ['Approve', approveWhy],
            ['Reject', rejectWhy],
          ]}
        />
      </div>
      {failed != null && (
        <InlineError>
          {isUnknownRequest(failed) ? `${STALE_REQUEST_MESSAGE}; the list was refreshed.` : describeDeviceError(failed)}
        </InlineError>
      )}
    </li>
  );
}
