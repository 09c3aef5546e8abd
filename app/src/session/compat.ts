import { GatewayError } from './errors';

type Call = (method: 'cron.list', params: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;

/**
 * OpenClaw 2026.3.x has no `cron.get` ("unknown method: cron.get"). Find the job by paging
 * `cron.list` instead, so pages never need to know which generation they talk to.
 */
export async function cronGetFromList(call: Call, params: unknown, signal?: AbortSignal): Promise<unknown> {
  const id = (params as { id?: unknown } | null)?.id;
  for (let offset = 0, pages = 0; pages < 100; pages++) {
    const page = (await call('cron.list', { includeDisabled: true, limit: 200, offset }, { signal })) as {
      jobs?: Array<{ id?: unknown }>;
      hasMore?: boolean;
      nextOffset?: number;
    };
    const found = page.jobs?.find((j) => j.id === id);
    if (found) return found;
    if (!page.hasMore || typeof page.nextOffset !== 'number' || page.nextOffset <= offset) break;
    offset = page.nextOffset;
  }
  throw new GatewayError({
    code: 'INVALID_REQUEST',
    detailCode: 'CRON_JOB_NOT_FOUND',
    message: `cron job not found: ${String(id)}`,
  });
}

export const isUnknownMethod = (message: string, method: string) => message.includes(`unknown method: ${method}`);
