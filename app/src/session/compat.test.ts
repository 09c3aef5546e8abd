import { describe, expect, it } from 'vitest';
import { cronGetFromList } from './compat';
import { GatewayError } from './errors';

describe('cronGetFromList (2026.3.x has no cron.get)', () => {
  const pages: Record<number, unknown> = {
    0: { jobs: [{ id: 'a' }, { id: 'b' }], hasMore: true, nextOffset: 2 },
    2: { jobs: [{ id: 'c', name: 'third' }], hasMore: false },
  };
  const calls: unknown[] = [];
  const call = async (method: string, params?: unknown) => {
    calls.push([method, params]);
    return pages[(params as { offset: number }).offset];
  };

  it('pages through cron.list until it finds the job', async () => {
    expect(await cronGetFromList(call, { id: 'c' })).toEqual({ id: 'c', name: 'third' });
    expect(calls).toHaveLength(2);
  });

  it('says not found like cron.get would', async () => {
    const err = await cronGetFromList(call, { id: 'zzz' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('CRON_JOB_NOT_FOUND');
  });
});
