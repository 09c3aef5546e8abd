import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { ROLE } from '../session/gateway';
import type { DeviceVault } from '../session/device-identity';
import { useCan, useGateway, useReady } from '../lib/gateway-context';
import { isObj, num, optStr, str, strs } from './fields';

// The reads of the pairing lists, apart from their writes (devices.ts): the header badge on every page needs only
// these, so the first load does not carry the device actions.

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
