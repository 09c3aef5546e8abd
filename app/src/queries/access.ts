import { queryOptions } from '@tanstack/react-query';
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
      queryFn: async (): Promise<ProbeResult> => {
        const { scope, mutates: dry } = METHODS[method];
        const hello = gw.hello();
        if (!live && scope && hello?.scopesStated && hello.scopes.length === 0) {
          const message = `missing scope: ${scope}`;
          const failure = { code: 'FORBIDDEN', detailCode: 'MISSING_SCOPE', missingScope: scope, message };
          return { allowed: false, failure, fromHello: true };
        }
        try {
          await gw.probe(method, PROBE_PARAMS[method] ?? {});
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
