import { queryOptions } from '@tanstack/react-query';
import type { DeviceVault } from '../session/device-identity';
import { probeGateway, type ProbeResult } from '../session/probe';
import { loadToken } from '../session/target';

/**
 * Refused probes by URL. A refusal is final until the user asks again (checkAgain): an invalidation
 * after a reconnect, a remount or a focus never sends a rejected token a second time.
 */
const refused = new Map<string, ProbeResult>();

/** One probe per gateway, kept until the user asks again. */
export const fleetQueries = {
  all: () => ['fleet'] as const,
  probe: (vault: DeviceVault, url: string) =>
    queryOptions({
      queryKey: [...fleetQueries.all(), 'probe', url] as const,
      queryFn: async () => {
        const held = refused.get(url);
        if (held) return held;
        const result = await probeGateway({ url, vault, token: loadToken(sessionStorage, url) });
        if (result.outcome === 'refused') refused.set(url, result);
        return result;
      },
      staleTime: Infinity,
      gcTime: Infinity,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    }),
  /** The user asked: a refused gateway may be tried once more. */
  checkAgain: (url: string) => void refused.delete(url),
};
