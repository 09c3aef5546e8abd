import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { ROLE } from '../session/gateway';
import type { DeviceVault } from '../session/device-identity';
import { GatewayError, toFailure, type GatewayFailure } from '../session/errors';
import { useCan, useGateway, useReady } from '../lib/gateway-context';

// ---------------------------------------------------------------------------
// Shapes (gateway 2026.9.x; shared/PROTOCOL.md §4). Everything is read defensively from the
// frame: a field of the wrong type becomes its empty value, so the page only ever renders text.

export type PendingRequest = {
  requestId: string;
  deviceId: string;
  publicKey: string;
  platform: string;
  clientId: string;
  clientMode: string;
  role: string;
  roles: string[];
  scopes: string[];
  silent: boolean;
  isRepair: boolean;
  /** When the gateway made the request (epoch ms); it expires 5 minutes later. */
  ts: number | null;
};

export type DeviceTokenSummary = {
  role: string;
  scopes: string[];
  createdAtMs: number | null;
  rotatedAtMs: number | null;
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
};

export type PairedDevice = {
  deviceId: string;
  publicKey: string;
  platform: string;
  clientId: string;
  clientMode: string;
  role: string;
  roles: string[];
  scopes: string[];
  approvedVia: string;
  createdAtMs: number | null;
  approvedAtMs: number | null;
  lastSeenAtMs: number | null;
  lastSeenReason: string;
  connected: boolean;
  operatorLabel: string | null;
  displayName: string | null;
  tokens: DeviceTokenSummary[];
};

export type PairList = { pending: PendingRequest[]; paired: PairedDevice[] };

/** The gateway drops a pending device-pairing request this long after `ts`. */
export const PAIRING_REQUEST_TTL_MS = 5 * 60_000;
/** `device.pair.rename` accepts labels of 1..64 characters. */
export const LABEL_MAX = 64;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const optStr = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Roles named by `role` and `roles[]`, deduplicated, in order. */
export function rolesOf(x: { role: string; roles: string[] }): string[] {
  return [...new Set([x.role, ...x.roles].map((r) => r.trim()).filter(Boolean))];
}

export function readPendingRequest(raw: unknown): PendingRequest | null {
  if (!isObj(raw) || typeof raw.requestId !== 'string' || !raw.requestId) return null;
  return {
    requestId: raw.requestId,
    deviceId: str(raw.deviceId),
    publicKey: str(raw.publicKey),
    platform: str(raw.platform),
    clientId: str(raw.clientId),
    clientMode: str(raw.clientMode),
    role: str(raw.role),
    roles: strs(raw.roles),
    scopes: strs(raw.scopes),
    silent: raw.silent === true,
    isRepair: raw.isRepair === true,
    ts: num(raw.ts),
  };
}

function readToken(raw: unknown): DeviceTokenSummary | null {
  if (!isObj(raw) || typeof raw.role !== 'string') return null;
  return {
    role: raw.role,
    scopes: strs(raw.scopes),
    createdAtMs: num(raw.createdAtMs),
    rotatedAtMs: num(raw.rotatedAtMs),
    lastUsedAtMs: num(raw.lastUsedAtMs),
    revokedAtMs: num(raw.revokedAtMs),
  };
}

export function readPairedDevice(raw: unknown): PairedDevice | null {
  if (!isObj(raw) || typeof raw.deviceId !== 'string' || !raw.deviceId) return null;
  return {
    deviceId: raw.deviceId,
    publicKey: str(raw.publicKey),
    platform: str(raw.platform),
    clientId: str(raw.clientId),
    clientMode: str(raw.clientMode),
    role: str(raw.role),
    roles: strs(raw.roles),
    scopes: strs(raw.scopes),
    approvedVia: str(raw.approvedVia),
    createdAtMs: num(raw.createdAtMs),
    approvedAtMs: num(raw.approvedAtMs),
    lastSeenAtMs: num(raw.lastSeenAtMs),
    lastSeenReason: str(raw.lastSeenReason),
    connected: raw.connected === true,
    operatorLabel: optStr(raw.operatorLabel),
    displayName: optStr(raw.displayName),
    tokens: Array.isArray(raw.tokens)
      ? raw.tokens.map(readToken).filter((t): t is DeviceTokenSummary => t !== null)
      : [],
  };
}

export function readPairList(raw: unknown): PairList {
  const r = isObj(raw) ? raw : {};
  return {
    pending: (Array.isArray(r.pending) ? r.pending : [])
      .map(readPendingRequest)
      .filter((p): p is PendingRequest => p !== null),
    paired: (Array.isArray(r.paired) ? r.paired : [])
      .map(readPairedDevice)
      .filter((d): d is PairedDevice => d !== null),
  };
}

/** What this browser holds, without the token value: the page never needs (or shows) it. */
export type ThisBrowser = {
  identity: { deviceId: string; publicKey: string; createdAtMs: number | null } | null;
  token: { scopes: string[]; issuedAtMs: number | null; storedAtMs: number | null } | null;
};

export async function readThisBrowser(vault: DeviceVault, gatewayUrl: string): Promise<ThisBrowser> {
  const identity = await vault.loadIdentity();
  if (!identity) return { identity: null, token: null };
  const stored = await vault.loadToken(gatewayUrl, identity.deviceId, ROLE);
  return {
    identity: { deviceId: identity.deviceId, publicKey: identity.publicKey, createdAtMs: num(identity.createdAtMs) },
    token: stored
      ? { scopes: strs(stored.scopes), issuedAtMs: num(stored.issuedAtMs), storedAtMs: num(stored.storedAtMs) }
      : null,
  };
}

// ---------------------------------------------------------------------------
// Reads

export const devicesQueries = {
  all: () => ['devices'] as const,
  lists: () => [...devicesQueries.all(), 'list'] as const,
  /** Event-fed: device.pair.requested/resolved/changed invalidate ['devices'] through the bridge. */
  list: (gw: Gateway) =>
    queryOptions({
      queryKey: devicesQueries.lists(),
      staleTime: Infinity,
      queryFn: async ({ signal }) => readPairList(await gw.call('device.pair.list', {}, { signal })),
    }),
  /**
   * This browser's key and stored token, read from its own storage. Keyed by the connection so a
   * new hello (which may have stored a rotated token) re-reads it.
   */
  thisBrowser: (vault: DeviceVault, gatewayUrl: string, connKey: string) =>
    queryOptions({
      queryKey: [...devicesQueries.all(), 'this-browser', gatewayUrl, connKey] as const,
      staleTime: Infinity,
      retry: false,
      queryFn: () => readThisBrowser(vault, gatewayUrl),
    }),
};

/** The pairing lists, read only while the session is ready and holds operator.pairing. */
export function usePairList() {
  const gw = useGateway();
  const ready = useReady();
  const canPair = useCan('operator.pairing');
  return useQuery({ ...devicesQueries.list(gw), enabled: ready && canPair });
}

// ---------------------------------------------------------------------------
// Writes. None retries. A failure leaves the cached lists untouched (the page shows the
// gateway's message where the action was), except that a stale request or a lost answer
// re-reads the lists, since then what we show may be wrong.

export function failureOf(error: unknown): GatewayFailure {
  return error instanceof GatewayError ? error.failure : toFailure(error);
}

/** Approve/reject of a request the gateway no longer has: it expired, was replaced, or someone else decided it. */
export function isUnknownRequest(error: unknown): boolean {
  const f = failureOf(error);
  return f.code === 'INVALID_REQUEST' && /unknown requestId/i.test(f.message);
}

export const STALE_REQUEST_MESSAGE = 'This request expired or was replaced';

/** The words for a failed device action: the gateway's own message, with context where it helps. */
export function describeDeviceError(error: unknown): string {
  const f = failureOf(error);
  if (f.outcomeUnknown) {
    return `No answer: the connection dropped before the gateway replied, so it may or may not have happened. The list was re-read. (${f.message})`;
  }
  if (isUnknownRequest(error))
    return `${STALE_REQUEST_MESSAGE}. The gateway answered “${f.message}”; the list was refreshed.`;
  if (f.detailCode === 'MISSING_SCOPE' && f.missingScope)
    return `The gateway refused: ${f.message} (this session does not hold ${f.missingScope}).`;
  return f.message;
}

/**
 * One shape for every device and node action: no retry; on success write what the answer says into the cached
 * list, then re-read it (the event that follows triggers one too; they coalesce); on a stale request or a lost
 * answer re-read, since then what we show may be wrong. Any other failure leaves the list as it was.
 */
export function actionHook<V, R, L>(spec: {
  name: string;
  listKey: QueryKey;
  run: (gw: Gateway, vars: V) => Promise<R>;
  patch?: (old: L, result: R, vars: V) => L;
}) {
  return function useAction() {
    const gw = useGateway();
    const qc = useQueryClient();
    return useMutation({
      mutationKey: [...spec.listKey, spec.name],
      retry: false,
      mutationFn: (vars: V) => spec.run(gw, vars),
      onSuccess: (result, vars) => {
        if (spec.patch) qc.setQueryData<L>(spec.listKey, (old) => (old ? spec.patch!(old, result, vars) : old));
        void qc.invalidateQueries({ queryKey: spec.listKey });
      },
      onError: (error) => {
        if (isUnknownRequest(error) || failureOf(error).outcomeUnknown)
          void qc.invalidateQueries({ queryKey: spec.listKey });
      },
    });
  };
}

const mapDevice = (old: PairList, deviceId: string, fn: (d: PairedDevice) => PairedDevice): PairList => ({
  ...old,
  paired: old.paired.map((d) => (d.deviceId === deviceId ? fn(d) : d)),
});
const mapToken = (d: PairedDevice, role: string, fn: (t: DeviceTokenSummary) => DeviceTokenSummary) => ({
  ...d,
  tokens: d.tokens.map((t) => (t.role === role ? fn(t) : t)),
});
const LIST = devicesQueries.lists();

export const useApproveRequest = actionHook({
  name: 'approve',
  listKey: LIST,
  run: (gw, requestId: string) => gw.call('device.pair.approve', { requestId }),
  patch: (old: PairList, res, requestId) => {
    const device = isObj(res) ? readPairedDevice(res.device) : null;
    return {
      pending: old.pending.filter((p) => p.requestId !== requestId),
      paired: device ? [...old.paired.filter((d) => d.deviceId !== device.deviceId), device] : old.paired,
    };
  },
});

export const useRejectRequest = actionHook({
  name: 'reject',
  listKey: LIST,
  run: (gw, requestId: string) => gw.call('device.pair.reject', { requestId }),
  patch: (old: PairList, _res, requestId) => ({
    ...old,
    pending: old.pending.filter((p) => p.requestId !== requestId),
  }),
});

export type RenameVars = { deviceId: string; label: string };

export const useRenameDevice = actionHook({
  name: 'rename',
  listKey: LIST,
  run: (gw, { deviceId, label }: RenameVars) => gw.call('device.pair.rename', { deviceId, label }),
  patch: (old: PairList, res, vars) => {
    const label = isObj(res) && typeof res.label === 'string' ? res.label : vars.label;
    return mapDevice(old, vars.deviceId, (d) => ({ ...d, operatorLabel: label }));
  },
});

export type TokenVars = { deviceId: string; role: string };
/** `own`: this browser's own device, whose new token the session keeps (and then reconnects on). */
export type RotateVars = TokenVars & { scopes: string[]; own: boolean };

export const useRotateToken = actionHook({
  name: 'rotate',
  listKey: LIST,
  // Another device's new token is never handed to us (tokenDelivery "withheld-cross-device").
  run: async (gw, { deviceId, role, scopes, own }: RotateVars) => {
    const res = own
      ? await gw.rotateOwnToken(scopes)
      : await gw.call('device.token.rotate', { deviceId, role, scopes });
    const r = isObj(res) ? res : {};
    return { rotatedAtMs: num(r.rotatedAtMs) ?? Date.now(), scopes: strs(r.scopes), delivery: str(r.tokenDelivery) };
  },
  patch: (old: PairList, res, { deviceId, role }) =>
    mapDevice(old, deviceId, (d) =>
      mapToken(d, role, (t) => ({ ...t, scopes: res.scopes, rotatedAtMs: res.rotatedAtMs, revokedAtMs: null })),
    ),
});

export const useRevokeToken = actionHook({
  name: 'revoke',
  listKey: LIST,
  run: async (gw, { deviceId, role }: TokenVars) => {
    const res = await gw.call('device.token.revoke', { deviceId, role });
    return (isObj(res) ? num(res.revokedAtMs) : null) ?? Date.now();
  },
  patch: (old: PairList, revokedAtMs, { deviceId, role }) =>
    mapDevice(old, deviceId, (d) => mapToken(d, role, (t) => ({ ...t, revokedAtMs }))),
});

export const useRemoveDevice = actionHook({
  name: 'remove',
  listKey: LIST,
  run: (gw, deviceId: string) => gw.call('device.pair.remove', { deviceId }),
  patch: (old: PairList, _res, deviceId) => ({ ...old, paired: old.paired.filter((d) => d.deviceId !== deviceId) }),
});

/**
 * Remove several devices (stale-device cleanup), one call each, in order; stops at the first failure so the
 * user sees which ones went. Never re-sent: a lost answer is reported as unknown for that device.
 */
export const useRemoveDevices = actionHook({
  name: 'remove-many',
  listKey: LIST,
  run: async (gw, deviceIds: string[]) => {
    const removed: string[] = [];
    for (const deviceId of deviceIds) {
      try {
        await gw.call('device.pair.remove', { deviceId });
        removed.push(deviceId);
      } catch (error) {
        throw new CleanupError(removed, deviceId, error);
      }
    }
    return removed;
  },
  patch: (old: PairList, removed) => ({ ...old, paired: old.paired.filter((d) => !removed.includes(d.deviceId)) }),
});

/** A cleanup that stopped part way: which devices went before `failedId` failed. */
export class CleanupError extends Error {
  constructor(
    readonly removed: string[],
    readonly failedId: string,
    readonly cause: unknown,
  ) {
    super(failureOf(cause).message);
  }
}
