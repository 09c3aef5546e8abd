import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';

/**
 * Which cached data each event family makes stale. `presence` is absent: its event carries
 * the whole list, and the Presence page writes it to the cache directly.
 */
const FAMILIES: Record<string, QueryKey> = {
  cron: ['cron'],
  task: ['cron', 'runs'],
  'config.changed': ['config'],
  'device.pair.requested': ['devices'],
  'device.pair.resolved': ['devices'],
  'device.pair.changed': ['devices'],
};

/** Re-reading every cron job can take dozens of pages, so a busy scheduler re-reads at most this often. */
const MIN_INTERVAL_MS: Record<string, number> = { '["cron"]': 2000 };

/**
 * One subscription from gateway events to the query cache. Bursts (a cron run emits
 * started, finished, task upserts...) are coalesced into one invalidation per family.
 */
export function bridgeEventsToCache(gateway: Gateway, qc: QueryClient, windowMs = 300) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastRun = new Map<string, number>();
  const schedule = (key: QueryKey) => {
    const id = JSON.stringify(key);
    if (timers.has(id)) return;
    const earliest = (lastRun.get(id) ?? 0) + (MIN_INTERVAL_MS[id] ?? 0);
    const delay = Math.max(windowMs, earliest - Date.now());
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        lastRun.set(id, Date.now());
        void qc.invalidateQueries({ queryKey: key });
      }, delay),
    );
  };
  const offEvent = gateway.onEvent((e) => {
    // A seq gap means we missed events: re-read everything event-fed.
    if (e.event === 'clawscope.gap') [...Object.values(FAMILIES), ['presence']].forEach(schedule);
    else if (FAMILIES[e.event]) schedule(FAMILIES[e.event]!);
  });
  // Events are not replayed after a reconnect, and a new grant changes what we may read: re-read all.
  const offHello = gateway.onHello(({ resync }) => {
    if (resync) void qc.invalidateQueries();
  });
  return () => {
    offEvent();
    offHello();
    timers.forEach(clearTimeout);
  };
}
