/**
 * Presence entries as the gateway sends them (`system-presence`, `presence` events), and the pure
 * logic the Presence page needs: validate, group, sort, find this session's own entry, summarize.
 * Everything here comes from an untrusted frame, so every field is checked before it is kept.
 */
export type PresenceEntry = {
  clientId?: string;
  mode?: string;
  host?: string;
  ip?: string;
  platform?: string;
  version?: string;
  deviceId?: string;
  deviceFamily?: string;
  instanceId?: string;
  modelIdentifier?: string;
  roles?: string[];
  /** Absent on device-less (token-only) entries: the gateway clears their scopes. */
  scopes?: string[];
  onlineSince?: number;
  /** When the gateway last updated this entry (connect, heartbeat, disconnect), epoch ms: "last seen". */
  ts?: number;
  /** Seconds since the person last touched the client, as the client reported it at `ts`. */
  lastInputSeconds?: number;
  /** "self" (the gateway), "connect", "disconnect", ... */
  reason?: string;
  text?: string;
  userId?: string;
};

const STRING_FIELDS = [
  'clientId',
  'mode',
  'host',
  'ip',
  'platform',
  'version',
  'deviceId',
  'deviceFamily',
  'instanceId',
  'modelIdentifier',
  'reason',
  'text',
] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** One entry, keeping only well-typed fields; null when it is not an object at all. */
export function readPresenceEntry(raw: unknown): PresenceEntry | null {
  if (!isRecord(raw)) return null;
  const e: PresenceEntry = {};
  for (const k of STRING_FIELDS) {
    const v = str(raw[k]);
    if (v !== undefined) e[k] = v;
  }
  const roles = strings(raw.roles);
  if (roles) e.roles = roles;
  const scopes = strings(raw.scopes);
  if (scopes) e.scopes = scopes;
  const onlineSince = time(raw.onlineSince);
  if (onlineSince !== undefined) e.onlineSince = onlineSince;
  const ts = time(raw.ts);
  if (ts !== undefined) e.ts = ts;
  const idle = raw.lastInputSeconds;
  if (typeof idle === 'number' && Number.isFinite(idle) && idle >= 0) e.lastInputSeconds = idle;
  const userId = isRecord(raw.user) ? str(raw.user.id) : undefined;
  if (userId) e.userId = userId;
  return e;
}

/** `system-presence` answers a bare array; the `presence` event wraps it as `{presence: [...]}`. */
export function readPresenceList(raw: unknown): PresenceEntry[] | null {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.presence) ? raw.presence : null;
  if (!list) return null;
  return list.map(readPresenceEntry).filter((e): e is PresenceEntry => e !== null);
}

/**
 * Cache reducer for a `presence` event: the payload is the full list, so it replaces the old one.
 * Returns `old` itself when the payload is unusable or says nothing new, so nothing re-renders.
 */
export function applyPresenceEvent(old: PresenceEntry[] | undefined, payload: unknown): PresenceEntry[] | undefined {
  const next = readPresenceList(payload);
  if (!next) return old;
  if (old && samePresence(old, next)) return old;
  return next;
}

export function samePresence(a: readonly PresenceEntry[], b: readonly PresenceEntry[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((e, i) => JSON.stringify(e) === JSON.stringify(b[i]));
}

export const isGatewayEntry = (e: PresenceEntry) => e.mode === 'gateway' || e.reason === 'self';
export const isDisconnected = (e: PresenceEntry) => e.reason === 'disconnect';
/** Token-only sessions carry no device id, and the gateway grants them no scopes. */
export const isDeviceless = (e: PresenceEntry) => !isGatewayEntry(e) && !e.deviceId;

/**
 * What to call a client. 2026.3.x entries carry no `clientId`, only `host` (the client's display name, else its
 * client id, else the gateway's hostname), so the host names it there.
 */
export function clientName(e: PresenceEntry): string {
  return e.clientId ?? e.host ?? e.instanceId ?? 'unnamed client';
}

/** When the person last used the client (epoch ms), from `lastInputSeconds` as of `ts`; undefined when not reported. */
export function lastInputAt(e: PresenceEntry): number | undefined {
  if (e.lastInputSeconds === undefined || e.ts === undefined) return undefined;
  return e.ts - e.lastInputSeconds * 1000;
}

/** "Europe/Berlin (UTC+01:00)": the zone every time on the page is shown in. */
export function timeZoneLabel(atMs: number, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const offset = -new Date(atMs).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${zone || 'local time'} (UTC${sign}${hh}:${mm})`;
}

/** A stable-enough React key: entries have no id of their own. */
export function presenceKey(e: PresenceEntry): string {
  return [e.instanceId, e.clientId, e.mode, e.deviceId, e.onlineSince, e.host, e.reason].map((x) => x ?? '').join('|');
}

export type PresenceGroups = {
  gateway: PresenceEntry[];
  /** Newest connection first. */
  online: PresenceEntry[];
  /** Most recently gone first. */
  disconnected: PresenceEntry[];
};

const desc = (a: number | undefined, b: number | undefined) => (b ?? 0) - (a ?? 0);

export function groupPresence(entries: readonly PresenceEntry[]): PresenceGroups {
  const groups: PresenceGroups = { gateway: [], online: [], disconnected: [] };
  for (const e of entries) {
    if (isGatewayEntry(e)) groups.gateway.push(e);
    else if (isDisconnected(e)) groups.disconnected.push(e);
    else groups.online.push(e);
  }
  groups.online.sort(
    (a, b) =>
      desc(a.onlineSince, b.onlineSince) || desc(a.ts, b.ts) || (a.clientId ?? '').localeCompare(b.clientId ?? ''),
  );
  groups.disconnected.sort((a, b) => desc(a.ts, b.ts) || desc(a.onlineSince, b.onlineSince));
  return groups;
}

export type PresenceSummary = {
  online: number;
  disconnected: number;
  /** Online entries without a device identity (and so without scopes). */
  limited: number;
  /** Online entries per mode, most common first. */
  byMode: { mode: string; count: number }[];
};

export function summarizePresence(groups: PresenceGroups): PresenceSummary {
  const counts = new Map<string, number>();
  for (const e of groups.online) {
    const mode = e.mode ?? 'unknown';
    counts.set(mode, (counts.get(mode) ?? 0) + 1);
  }
  return {
    online: groups.online.length,
    disconnected: groups.disconnected.length,
    limited: groups.online.filter(isDeviceless).length,
    byMode: [...counts]
      .map(([mode, count]) => ({ mode, count }))
      .sort((a, b) => b.count - a.count || a.mode.localeCompare(b.mode)),
  };
}

export type OwnSessionInput = {
  /** The device id this session presented, or null when it connected without one. */
  deviceId: string | null;
  /** This session's client id (e.g. "webchat-ui"). */
  clientId: string;
  /** When this session's hello-ok arrived (browser clock), to pick among look-alikes. */
  connectedAtMs?: number;
};

export type OwnSession =
  /** Exactly one online entry carries our device id. */
  | { kind: 'exact'; entry: PresenceEntry }
  /**
   * A best guess: several entries carry our device id (other tabs of this browser), or we presented
   * no device and picked the device-less entry of our client id; either way the one that came
   * online nearest to when we connected. `others` are the rest with our device id.
   */
  | { kind: 'probable'; entry: PresenceEntry; others: PresenceEntry[]; basis: 'device' | 'client' }
  /**
   * Our device id is on several connections that cannot be told apart. Seen live: two tabs of one
   * browser get the same `onlineSince` (the device's), so there is nothing to pick by.
   */
  | { kind: 'shared'; entries: PresenceEntry[] }
  | { kind: 'none'; why: 'no-device-no-candidate' | 'device-not-listed' | 'ambiguous' };

/** Which online entry is this session. Only a device id identifies it for sure. */
export function findOwnEntry(online: readonly PresenceEntry[], me: OwnSessionInput): OwnSession {
  if (me.deviceId) {
    const mine = online.filter((e) => e.deviceId === me.deviceId);
    if (mine.length === 0) return { kind: 'none', why: 'device-not-listed' };
    if (mine.length === 1) return { kind: 'exact', entry: mine[0]! };
    const pick = closest(mine, me.connectedAtMs);
    if (!pick) return { kind: 'shared', entries: mine };
    return { kind: 'probable', entry: pick, others: mine.filter((e) => e !== pick), basis: 'device' };
  }
  const candidates = online.filter((e) => !e.deviceId && e.clientId === me.clientId);
  if (candidates.length === 0) return { kind: 'none', why: 'no-device-no-candidate' };
  const pick = closest(candidates, me.connectedAtMs);
  if (!pick) return { kind: 'none', why: 'ambiguous' };
  return { kind: 'probable', entry: pick, others: [], basis: 'client' };
}

/**
 * The entry that came online nearest to `atMs` (else the newest one); null when another entry
 * ties with it, since then nothing tells them apart.
 */
function closest(entries: readonly PresenceEntry[], atMs: number | undefined): PresenceEntry | null {
  const distance = (e: PresenceEntry) =>
    atMs === undefined ? -(e.onlineSince ?? 0) : Math.abs((e.onlineSince ?? 0) - atMs);
  const ranked = [...entries].sort((a, b) => distance(a) - distance(b));
  const [best, next] = ranked;
  if (!best) return null;
  if (next && distance(next) === distance(best)) return null;
  return best;
}

/** "1f3a9c02b4d8…" for a long hex id; short ids unchanged. */
export function shortId(id: string, keep = 12): string {
  return id.length > keep + 1 ? `${id.slice(0, keep)}…` : id;
}

/** "operator.read" → "read" for compact badges (the full name goes in a title). */
export function shortScope(scope: string): string {
  return scope.startsWith('operator.') ? scope.slice('operator.'.length) : scope;
}
