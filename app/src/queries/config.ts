import { queryOptions } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { readConfigSnapshot, type ConfigSnapshot } from '../lib/config-tree';

export const configQueries = {
  all: () => ['config'] as const,
  /** Event-fed: the bridge invalidates ['config'] on `config.changed` and after a reconnect. */
  get: (gw: Gateway) =>
    queryOptions({
      queryKey: [...configQueries.all(), 'get'] as const,
      staleTime: Infinity,
      // Seen live: a hand edit of the file (and the hot reload it triggers) emits no config.changed,
      // so re-read on return to the tab; it is one small call.
      refetchOnWindowFocus: 'always',
      queryFn: async (): Promise<ConfigSnapshot> => readConfigSnapshot(await gw.call('config.get', {})),
    }),
};
