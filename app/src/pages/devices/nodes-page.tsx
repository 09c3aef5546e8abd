import { Link } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { usePairList } from '../../queries/devices';
import { useNodeList, useNodePairList, type NodeInfo } from '../../queries/nodes';
import { useCan } from '../../lib/gateway-context';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { relativeTime } from '../../ui/relative-time';
import { EmptyState, ErrorPanel, Skeleton } from '../../ui/states';
import { formatDateTime, shortId } from './format';
import { NodeRequests } from './node-requests';
import { useAccess } from './parts';
import { PendingRequests } from './pending-requests';

/**
 * Nodes: machines that connect with role "node". A new node first asks to pair as a device with role node (only a
 * session holding operator.admin may approve that), then asks for its declared commands to be approved.
 * Lives beside the Devices page because a node is a device: both share the pairing rules and parts.
 */
export function NodesPage() {
  const access = useAccess();
  const canRead = useCan('operator.read');
  const canPair = useCan('operator.pairing');
  const nodes = useNodeList();
  const nodePairs = useNodePairList();
  const devices = usePairList();
  const nodeDeviceRequests = (devices.data?.pending ?? []).filter((p) => p.role === 'node' || p.roles.includes('node'));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Nodes</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Machines connected with the node role, and their pairing requests.
        </p>
      </div>
      {!access.ready ? (
        <EmptyState title="Not connected">
          Nodes are read over the gateway connection.{' '}
          <Link to="/" className="underline">
            Open the Session page
          </Link>
          .
        </EmptyState>
      ) : (
        <>
          <Card title="Pairing requests from nodes">
            {!canPair ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Reading node pairing requests needs operator.pairing; this session does not hold it.
              </p>
            ) : (
              <div className="space-y-4">
                <section aria-label="Nodes asking to pair">
                  <h3 className="mb-2 text-sm font-medium">Asking to pair (as a device with the node role)</h3>
                  {devices.data ? (
                    <PendingRequests
                      pending={nodeDeviceRequests}
                      paired={devices.data.paired}
                      access={access}
                      ownDeviceId={access.deviceId}
                    />
                  ) : devices.isError ? (
                    <ErrorPanel error={devices.error} what="read pairing requests" onRetry={() => devices.refetch()} />
                  ) : (
                    <Skeleton rows={2} />
                  )}
                </section>
                <section aria-label="Nodes asking to approve commands">
                  <h3 className="mb-2 text-sm font-medium">Asking to approve their commands</h3>
                  {nodePairs.data ? (
                    <NodeRequests pending={nodePairs.data.pending} access={access} />
                  ) : nodePairs.isError ? (
                    <ErrorPanel error={nodePairs.error} what="read node requests" onRetry={() => nodePairs.refetch()} />
                  ) : (
                    <Skeleton rows={2} />
                  )}
                </section>
              </div>
            )}
          </Card>
          <Card title="Nodes" actions={nodes.data ? <Badge>{nodes.data.length}</Badge> : undefined}>
            {!canRead ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Listing nodes needs operator.read.</p>
            ) : nodes.isError ? (
              <ErrorPanel error={nodes.error} what="list nodes" onRetry={() => nodes.refetch()} />
            ) : !nodes.data ? (
              <Skeleton rows={3} />
            ) : nodes.data.length === 0 ? (
              <EmptyState title="No nodes">No machine has paired with the node role yet.</EmptyState>
            ) : (
              <NodeTable nodes={nodes.data} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function NodeTable({ nodes }: { nodes: readonly NodeInfo[] }) {
  const now = useNow(15_000);
  const sorted = [...nodes].sort(
    (a, b) => Number(b.connected) - Number(a.connected) || (b.lastSeenAtMs ?? 0) - (a.lastSeenAtMs ?? 0),
  );
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] text-sm" aria-label="Node list">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs tracking-wide text-zinc-500 uppercase dark:border-zinc-800">
            <th className="py-2 pr-3 font-medium">Node</th>
            <th className="px-3 py-2 font-medium">Connection</th>
            <th className="px-3 py-2 font-medium">Platform · version</th>
            <th className="px-3 py-2 font-medium">Capabilities · commands</th>
            <th className="py-2 pl-3 font-medium">Host</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((n) => (
            <tr
              key={n.nodeId}
              data-testid="node-row"
              className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60"
            >
              <td className="py-2.5 pr-3">
                <div className="font-medium">{n.displayName ?? (n.clientId || shortId(n.nodeId))}</div>
                <div className="font-mono text-xs text-zinc-500" title={n.nodeId}>
                  {shortId(n.nodeId)}
                </div>
                {n.approvalState && n.approvalState !== 'approved' && (
                  <Badge tone="warn">{n.approvalState.replace(/-/g, ' ')}</Badge>
                )}
              </td>
              <td className="px-3 py-2.5 text-xs">
                {n.connected ? <Badge tone="good">connected</Badge> : <Badge>offline</Badge>}
                <div className="mt-1 text-zinc-500" title={formatDateTime(n.lastSeenAtMs)}>
                  last seen {relativeTime(n.lastSeenAtMs, now, { past: true })}
                  {n.lastSeenReason ? ` (${n.lastSeenReason})` : ''}
                </div>
              </td>
              <td className="px-3 py-2.5 text-xs">
                <div>{n.platform || '—'}</div>
                <div className="font-mono text-zinc-500">{n.version || '—'}</div>
              </td>
              <td className="px-3 py-2.5 font-mono text-xs">
                <div>{n.caps.join(', ') || 'no capabilities'}</div>
                <div className="break-all text-zinc-500">{n.commands.join(', ') || 'no commands approved'}</div>
                {n.pendingCommands.length > 0 && (
                  <div className="text-amber-800 dark:text-amber-300">waiting: {n.pendingCommands.join(', ')}</div>
                )}
              </td>
              <td className="py-2.5 pl-3 text-xs">
                {n.hostStats ? (
                  <dl className="grid grid-cols-[auto_1fr] gap-x-2">
                    {Object.entries(n.hostStats).map(([k, v]) => (
                      <div key={k} className="contents">
                        <dt className="text-zinc-500">{k}</dt>
                        <dd className="font-mono">{String(v)}</dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <span className="text-zinc-500">not reported</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
