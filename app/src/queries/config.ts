import { queryOptions } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { readConfigSnapshot, type ConfigSnapshot } from '../lib/config-tree';

export type PatchResult = { hash: string | null; changedPaths: string[] | null; noop: boolean };

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
  /** One key's schema node, hint and reload kind. The schema only changes with plugins, so it is kept. */
  lookup: (gw: Gateway, path: string) =>
    queryOptions({
      queryKey: [...configQueries.all(), 'lookup', path] as const,
      staleTime: Infinity,
      retry: false,
      queryFn: (): Promise<unknown> => gw.call('config.schema.lookup', { path }),
    }),
};

/**
 * Write only the staged keys, guarded by the authored revision they were made against.
 * Never retried: a write whose answer is lost reports "outcome unknown" and the caller re-reads.
 */
export async function patchConfig(
  gw: Gateway,
  params: { raw: string; baseHash: string | null; replacePaths: string[] },
): Promise<PatchResult> {
  const r = await gw.call('config.patch', {
    raw: params.raw,
    ...(params.baseHash ? { baseHash: params.baseHash } : {}),
    // 2026.3.x validates params strictly; send replacePaths only when there are some.
    ...(params.replacePaths.length > 0 ? { replacePaths: params.replacePaths } : {}),
  });
  return {
    hash: typeof r.hash === 'string' ? r.hash : null,
    changedPaths: Array.isArray(r.changedPaths) ? r.changedPaths.filter((p) => typeof p === 'string') : null,
    noop: r.noop === true,
  };
}

/** The gateway's own restart (drains work first); the session then reconnects by itself on close 1012. */
export function requestRestart(gw: Gateway) {
  return gw.call('gateway.restart.request', { reason: 'clawscope: apply config changes' });
}
