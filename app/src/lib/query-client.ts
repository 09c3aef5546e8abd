import { QueryClient } from '@tanstack/react-query';
import { GatewayError } from '../session/errors';

/** Reads retry once on a transient failure; a scope or input error never retries; mutations never do. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          count < 1 && !(error instanceof GatewayError && ['MISSING_SCOPE', 'INVALID_REQUEST'].includes(error.code)),
      },
      mutations: { retry: false },
    },
  });
}
