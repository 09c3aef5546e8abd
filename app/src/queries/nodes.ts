import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { useCan, useGateway, useReady } from '../lib/gateway-context';
import { isObj, num, optStr, str, strs } from './fields';

// Nodes (gateway 2026.9.6, measured): a node first pairs as a device with role "node" (device.pair.*, which needs
// operator.admin to approve), then, once connected, asks for its command surface to be approved (node.pair.*).
// `node.list` (operator.read) lists paired and connected nodes; `node.pair.list` (operator.pairing) the surface
// requests, each naming the scopes its approval needs (`requiredApproveScopes`).

export type NodeInfo = {
  nodeId: string;
  displayName: string | null;
  platform: string;
  version: string;
  clientId: string;
  clientMode: string;
  deviceFamily: string;
  caps: string[];
  commands: string[];
  /** "approved", "pending-approval", ...; absent on 2026.3.x. */
  approvalState: string | null;
  pendingRequestId: string | null;
  pendingCaps: string[];
  pendingCommands: string[];
  connected: boolean;
  paired: boolean;
  connectedAtMs: number | null;
  lastSeenAtMs: number | null;
  lastSeenReason: string;
  /** Host figures the node reported (`node.hostStats`), when the gateway keeps them. */
  hostStats: Record<string, number | string> | null;
};

export type NodeRequest = {
  requestId: string;
  nodeId: string;
  displayName: string | null;
  clientId: string;
  platform: string;
  version: string;
  caps: string[];
  commands: string[];
  requiredApproveScopes: string[];
  ts: number | null;
};

export type NodePairList = { pending: NodeRequest[]; paired: unknown[] };

type Obj = Record<string, unknown>;

function readStats(v: unknown): NodeInfo['hostStats'] {
  if (!isObj(v)) return null;
  const out: Record<string, number | string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' || typeof x === 'string') out[k] = x;
  return Object.keys(out).length > 0 ? out : null;
}

export function readNode(raw: unknown): NodeInfo | null {
  if (!isObj(raw) || typeof raw.nodeId !== 'string' || !raw.nodeId) return null;
  return {
    nodeId: raw.nodeId,
    displayName: optStr(raw.displayName),
    platform: str(raw.platform),
    version: str(raw.version),
    clientId: str(raw.clientId),
    clientMode: str(raw.clientMode),
    deviceFamily: str(raw.deviceFamily),
    caps: strs(raw.caps),
    commands: strs(raw.commands),
    approvalState: optStr(raw.approvalState),
    pendingRequestId: optStr(raw.pendingRequestId),
    pendingCaps: strs(raw.pendingDeclaredCaps),
    pendingCommands: strs(raw.pendingDeclaredCommands),
    connected: raw.connected === true,
    paired: raw.paired === true,
    connectedAtMs: num(raw.connectedAtMs),
    lastSeenAtMs: num(raw.lastSeenAtMs) ?? num(raw.lastConnectedAtMs),
    lastSeenReason: str(raw.lastSeenReason),
    hostStats: readStats(raw.hostStats),
  };
}

export function readNodeRequest(raw: unknown): NodeRequest | null {
  if (!isObj(raw) || typeof raw.requestId !== 'string' || !raw.requestId) return null;
  return {
    requestId: raw.requestId,
    nodeId: str(raw.nodeId),
    displayName: optStr(raw.displayName),
    clientId: str(raw.clientId),
    platform: str(raw.platform),
    version: str(raw.version),
    caps: strs(raw.caps),
    commands: strs(raw.commands),
    requiredApproveScopes: strs(raw.requiredApproveScopes),
    ts: num(raw.ts),
  };
}

const list = <T>(v: unknown, read: (x: unknown) => T | null) =>
  (Array.isArray(v) ? v : []).map(read).filter((x): x is T => x !== null);

export const nodesQueries = {
  all: () => ['nodes'] as const,
  listKey: () => [...nodesQueries.all(), 'list'] as const,
  pairKey: () => [...nodesQueries.all(), 'pair'] as const,
  /** Re-read on node.pair.* events (bridge) and every 15 s while shown: connects send only presence. */
  list: (gw: Gateway) =>
    queryOptions({
      queryKey: nodesQueries.listKey(),
      queryFn: async ({ signal }) => {
        const raw = await gw.call('node.list', {}, { signal });
        return list(isObj(raw) ? raw.nodes : null, readNode);
      },
    }),
  pairList: (gw: Gateway) =>
    queryOptions({
      queryKey: nodesQueries.pairKey(),
      staleTime: Infinity,
      queryFn: async ({ signal }): Promise<NodePairList> => {
        const raw = await gw.call('node.pair.list', {}, { signal });
        const r: Obj = isObj(raw) ? raw : {};
        return { pending: list(r.pending, readNodeRequest), paired: Array.isArray(r.paired) ? r.paired : [] };
      },
    }),
};

export function useNodeList() {
  const gw = useGateway();
  const ready = useReady();
  const canRead = useCan('operator.read');
  return useQuery({ ...nodesQueries.list(gw), enabled: ready && canRead, refetchInterval: 15_000 });
}

export function useNodePairList() {
  const gw = useGateway();
  const ready = useReady();
  const canPair = useCan('operator.pairing');
  return useQuery({ ...nodesQueries.pairList(gw), enabled: ready && canPair });
}
