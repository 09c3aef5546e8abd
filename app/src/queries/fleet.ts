import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { DeviceVault } from '../session/device-identity';
import { probeGateway, type ProbeResult } from '../session/probe';
import { loadToken } from '../session/target';

/**
 * Gateways whose refused probe the user asked to check again. A refusal is otherwise final: an
 * invalidation after a reconnect, a remount or a focus answers from the cache and never sends a
 * rejected token a second time (failed sign-ins count toward the gateway's per-origin lockout).
 */
const recheck = new WeakMap<QueryClient, Set<string>>();

/** One probe per gateway, kept until the user asks again. */
export const fleetQueries = {
  all: () => ['fleet'] as const,
  probe: (vault: DeviceVault, url: string) =>
    queryOptions({
      queryKey: [...fleetQueries.all(), 'probe', url] as const,
      queryFn: ({ client, queryKey }): Promise<ProbeResult> => {
        const previous = client.getQueryData<ProbeResult>(queryKey);
        const asked = recheck.get(client)?.delete(url) ?? false;
        if (previous?.outcome === 'refused' && !asked) return Promise.resolve(previous);
        return probeGateway({ url, vault, token: loadToken(sessionStorage, url) });
      },
      staleTime: Infinity,
      gcTime: Infinity,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    }),
  /** The user asked: a refused gateway may be tried once more. */
  checkAgain: (client: QueryClient, url: string) => {
    const set = recheck.get(client) ?? new Set<string>();
    set.add(url);
    recheck.set(client, set);
  },
};
