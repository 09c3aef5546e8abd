import { queryOptions } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { presenceKeys } from './presence-keys';
import { readPresenceList, type PresenceEntry } from '../lib/presence';

export const presenceQueries = {
  all: presenceKeys.all,
  listKey: presenceKeys.list,
  /**
   * Event-fed: every `presence` event carries the full list, so the cache never goes stale on its
   * own; the event bridge writes events into it and a reconnect or seq gap invalidates it.
   */
  list: (gw: Gateway) =>
    queryOptions({
      queryKey: presenceQueries.listKey(),
      staleTime: Infinity,
      queryFn: async (): Promise<PresenceEntry[]> => {
        const raw = await gw.call('system-presence', {});
        return readPresenceList(raw) ?? [];
      },
    }),
};
