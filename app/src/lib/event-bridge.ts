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

/**
 * One subscription from gateway events to the query cache. Bursts (a cron run emits
 * started, finished, task upserts...) are coalesced into one invalidation per family.
 */
export function bridgeEventsToCache(gateway: Gateway, qc: QueryClient, windowMs = 300) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void qc.invalidateQueries({ queryKey });
  };
  const offEvent = gateway.onEvent((e) => {
    if (e.event === 'clawscope.gap') {
      // A seq gap means we missed events: re-read everything event-fed.
      [...Object.values(FAMILIES), ['presence']].forEach((k) => pending.set(JSON.stringify(k), k));
    } else {
      const key = FAMILIES[e.event];
      if (!key) return;
      pending.set(JSON.stringify(key), key);
    }
    timer ??= setTimeout(flush, windowMs);
  });
  // Events are not replayed after a reconnect, and a new grant changes what we may read: re-read all.
  const offHello = gateway.onHello(({ resync }) => {
    if (resync) void qc.invalidateQueries();
  });
  return () => {
    offEvent();
    offHello();
    if (timer) clearTimeout(timer);
  };
}
