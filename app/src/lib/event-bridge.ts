import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { applyPresenceEvent, type PresenceEntry } from './presence';
import { presenceKeys } from '../queries/presence-keys';

/**
 * Which cached data each event family makes stale. `presence` is absent: its event carries
 * the whole list, so the bridge writes it into the cache (whichever page is mounted).
 */
const FAMILIES: Record<string, QueryKey> = {
  cron: ['cron'],
  task: ['cron', 'runs'],
  'config.changed': ['config'],
  'device.pair.requested': ['devices'],
  'device.pair.resolved': ['devices'],
  'device.pair.changed': ['devices'],
  'node.pair.requested': ['nodes'],
  'node.pair.resolved': ['nodes'],
};

export type BridgeTiming = {
  /** A family is re-read once its events have been quiet this long... */
  quietMs?: number;
  /** ...or this long after the first event of the burst, whichever comes first. */
  maxWaitMs?: number;
};

/**
 * A `presence` event carries the full list: it replaces the cached one (no re-read). With no list
 * cached yet it is kept too, so a page opened later starts from the newest list.
 */
function writePresence(qc: QueryClient, payload: unknown) {
  qc.setQueryData(presenceKeys.list(), (old: PresenceEntry[] | undefined) => applyPresenceEvent(old, payload));
}

/**
 * One subscription from gateway events to the query cache. A burst (a cron run emits started,
 * finished, task upserts...) is one re-read per family: a trailing debounce, re-armed on every
 * event and capped, so a busy scheduler re-reads the (maybe many-paged) cron list at most every 2 s.
 */
export function bridgeEventsToCache(gateway: Gateway, qc: QueryClient, timing: BridgeTiming = {}) {
  const { quietMs = 300, maxWaitMs = 2000 } = timing;
  const bursts = new Map<string, { firstAtMs: number; timer: ReturnType<typeof setTimeout> }>();
  const schedule = (key: QueryKey) => {
    const id = JSON.stringify(key);
    const now = Date.now();
    const burst = bursts.get(id);
    if (burst) clearTimeout(burst.timer);
    const firstAtMs = burst?.firstAtMs ?? now;
    const delay = Math.max(0, Math.min(quietMs, firstAtMs + maxWaitMs - now));
    const timer = setTimeout(() => {
      bursts.delete(id);
      void qc.invalidateQueries({ queryKey: key });
    }, delay);
    bursts.set(id, { firstAtMs, timer });
  };
  const offEvent = gateway.onEvent((e) => {
    // A seq gap means we missed events: re-read everything event-fed.
    if (e.event === 'clawscope.gap') [...Object.values(FAMILIES), presenceKeys.all()].forEach(schedule);
    else if (e.event === 'presence') writePresence(qc, e.payload);
    else if (FAMILIES[e.event]) schedule(FAMILIES[e.event]!);
  });
  // Events are not replayed after a reconnect, and a new grant changes what we may read: re-read all.
  const offHello = gateway.onHello(({ resync }) => {
    if (resync) void qc.invalidateQueries();
  });
  return () => {
    offEvent();
    offHello();
    bursts.forEach((b) => clearTimeout(b.timer));
  };
}
