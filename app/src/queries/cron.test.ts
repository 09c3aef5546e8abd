import { describe, expect, it } from 'vitest';
import type { Gateway } from '../session/gateway';
import { fetchAllCronJobs, finishedRunFromEvent, type CronJob } from './cron';

const job = (id: string) => ({ id, name: id }) as CronJob;

/** A gateway whose cron.list pages through `pages()` (called per request, so the set can change mid-read). */
function fakeGateway(pages: (offset: number, call: number) => { ids: string[]; total: number; revision: string }) {
  const calls: unknown[] = [];
  const gw = {
    call: async (method: string, params: { offset: number; limit: number }) => {
      calls.push({ method, ...params });
      const p = pages(params.offset, calls.length);
      const next = params.offset + p.ids.length;
      return {
        jobs: p.ids.map(job),
        total: p.total,
        offset: params.offset,
        limit: params.limit,
        hasMore: next < p.total,
        nextOffset: next < p.total ? next : null,
        snapshotRevision: p.revision,
      };
    },
  } as unknown as Gateway;
  return { gw, calls };
}

describe('fetchAllCronJobs', () => {
  it('follows hasMore/nextOffset with limit 200 and includeDisabled', async () => {
    const all = Array.from({ length: 450 }, (_, i) => `j${i}`);
    const { gw, calls } = fakeGateway((offset) => ({
      ids: all.slice(offset, offset + 200),
      total: 450,
      revision: 'r1',
    }));
    const list = await fetchAllCronJobs(gw);
    expect(list.jobs.map((j) => j.id)).toEqual(all);
    expect(list.total).toBe(450);
    expect(calls).toEqual(
      [0, 200, 400].map((offset) => ({ method: 'cron.list', includeDisabled: true, limit: 200, offset })),
    );
  });

  it('starts over when the job set changes between pages', async () => {
    const before = Array.from({ length: 300 }, (_, i) => `a${i}`);
    const after = ['new', ...before];
    const { gw, calls } = fakeGateway((offset, call) => {
      const ids = call === 1 ? before : after; // a job was added after the first page was read
      return { ids: ids.slice(offset, offset + 200), total: ids.length, revision: call === 1 ? 'r1' : 'r2' };
    });
    const list = await fetchAllCronJobs(gw);
    expect(list.jobs.map((j) => j.id)).toEqual(after);
    expect(calls.map((c) => (c as { offset: number }).offset)).toEqual([0, 200, 0, 200]);
  });
});

describe('finishedRunFromEvent', () => {
  it('reads a finished cron event and ignores everything else', () => {
    const e = {
      event: 'cron',
      payload: {
        jobId: 'j',
        action: 'finished',
        runId: 'manual:j:1:1',
        status: 'ok',
        summary: 'done',
        durationMs: 13,
        job: { name: 'n' },
      },
    };
    expect(finishedRunFromEvent(e)).toMatchObject({
      jobId: 'j',
      runId: 'manual:j:1:1',
      status: 'ok',
      summary: 'done',
      durationMs: 13,
      jobName: 'n',
    });
    expect(finishedRunFromEvent({ event: 'cron', payload: { jobId: 'j', action: 'started' } })).toBeNull();
    expect(finishedRunFromEvent({ event: 'task', payload: { action: 'finished', jobId: 'j' } })).toBeNull();
    expect(finishedRunFromEvent({ event: 'cron', payload: null })).toBeNull();
  });
});
