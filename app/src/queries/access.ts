import { queryOptions, type FetchQueryOptions, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { devicesQueries } from './device-list';
import { nodesQueries } from './nodes';
import { presenceQueries } from './presence';
import type { Gateway } from '../session/gateway';
import { GatewayError, toFailure, type GatewayFailure } from '../session/errors';
import { METHODS, type Method } from '../session/methods';

/**
 * Params for a live access probe. Mutating methods get deliberately invalid params:
 * the gateway checks scopes before params, so the answer tells access without changing anything.
 */
const PROBE_PARAMS: Partial<Record<Method, unknown>> = {
  'cron.list': { limit: 1 },
  'cron.runs': { limit: 1 },
  'cron.add': { __clawscopeProbe: true },
  'cron.run': { id: '__clawscope_probe__' },
};

/**
 * Reads the app itself makes with the probe's very params (the header badge's pairing lists, Presence): the probe
 * reads through their cache entry, so it joins one in flight, a list read on this connection already answers it,
 * and the page that shows the list later finds it there instead of asking again.
 */
const CACHED_READS: Partial<Record<Method, (gw: Gateway) => CachedRead>> = {
  'device.pair.list': (gw) => devicesQueries.list(gw),
  'node.pair.list': (gw) => nodesQueries.pairList(gw),
  'system-presence': (gw) => presenceQueries.list(gw),
};
type CachedRead = { queryKey: QueryKey; queryFn?: unknown };

/** When this connection's hello arrived (a cached answer from before it proves nothing about this grant). */
const connectedAt = (gw: Gateway) => gw.helloAtMs() ?? Number.POSITIVE_INFINITY;

async function readThroughCache(client: QueryClient, read: CachedRead, since: number) {
  const state = client.getQueryState(read.queryKey);
  if (state?.status === 'success' && state.dataUpdatedAt >= since && state.fetchStatus === 'idle') return;
  // Joins a fetch in flight; otherwise reads now (staleTime 0), and the page's query gets the answer.
  await client.fetchQuery({ ...(read as FetchQueryOptions), staleTime: 0 });
}

export type ProbeResult =
  | { allowed: true; dry: boolean }
  /** `fromHello`: answered by hello-ok's stated grant, without asking the gateway. */
  | { allowed: false; failure: GatewayFailure; fromHello?: boolean }
  | { allowed: null; failure: GatewayFailure };

export const accessQueries = {
  all: () => ['access'] as const,
  /**
   * Keyed by connection id: a new socket can carry a different grant. While hello-ok stated an
   * empty grant, a gated method's answer is already known: no request unless `live` asks for one.
   */
  probe: (gw: Gateway, method: Method, connId: string, { live = false } = {}) =>
    queryOptions({
      queryKey: [...accessQueries.all(), connId, method, live ? 'live' : 'hello'] as const,
      staleTime: Infinity,
      retry: false,
      queryFn: async ({ client }): Promise<ProbeResult> => {
        const { scope, mutates: dry } = METHODS[method];
        const hello = gw.hello();
        if (!live && scope && hello?.scopesStated && hello.scopes.length === 0) {
          const message = `missing scope: ${scope}`;
          const failure = { code: 'FORBIDDEN', detailCode: 'MISSING_SCOPE', missingScope: scope, message };
          return { allowed: false, failure, fromHello: true };
        }
        try {
          const cached = CACHED_READS[method];
          if (cached && !live) await readThroughCache(client, cached(gw), connectedAt(gw));
          else await gw.probe(method, PROBE_PARAMS[method] ?? {});
          return { allowed: true, dry };
        } catch (error) {
          const failure = error instanceof GatewayError ? error.failure : toFailure(error);
          if (failure.detailCode === 'MISSING_SCOPE') return { allowed: false, failure };
          // Past the scope gate, the dry probe's bad params are rejected: that means allowed.
          // 2026.3.x answers an unknown cron id with UNAVAILABLE "unknown cron job id: <our marker>".
          const rejectedProbe = /__clawscope_?probe__|__clawscopeProbe/i.test(failure.message);
          if (
            dry &&
            (failure.code === 'INVALID_REQUEST' || failure.detailCode === 'CRON_JOB_NOT_FOUND' || rejectedProbe)
          )
            return { allowed: true, dry };
          return { allowed: null, failure };
        }
      },
    }),
};
