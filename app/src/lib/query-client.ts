// query-core, not react-query: the entry creates the client before React has loaded.
import { QueryClient } from '@tanstack/query-core';
import { GatewayError } from '../session/errors';

/** Reads retry once on a transient failure; a scope or input error never retries; mutations never do. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => count < 1 && !(error instanceof GatewayError && isFinal(error)),
      },
      mutations: { retry: false },
    },
  });
}

/** Asking again cannot change these answers (an unusable answer comes back the same way). */
function isFinal(error: GatewayError) {
  const { code, detailCode } = error.failure;
  return (
    detailCode === 'MISSING_SCOPE' || code === 'INVALID_REQUEST' || code === 'FORBIDDEN' || code === 'INVALID_RESPONSE'
  );
}
