import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Gateway } from '../../session/gateway';
import { RunTracker } from './run-tracker';

type Listener = (e: { event: string; payload: unknown }) => void;

function fakeGateway(handlers: Record<string, (params: unknown) => unknown>) {
  const listeners = new Set<Listener>();
  const calls: { method: string; params: unknown }[] = [];
  const gw = {
    call: async (method: string, params: unknown) => {
      calls.push({ method, params });
      return handlers[method]!(params);
    },
    onEvent: (l: Listener) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  } as unknown as Gateway;
  const emit = (payload: unknown) => listeners.forEach((l) => l({ event: 'cron', payload }));
  return { gw, calls, emit, listeners };
}

afterEach(() => vi.useRealTimers());

describe('RunTracker', () => {
  it('finishes on the cron event with the same runId, then stops listening', async () => {
    const { gw, emit, listeners } = fakeGateway({
      'cron.run': () => ({ ok: true, enqueued: true, runId: 'r1' }),
      'cron.runs': () => ({ entries: [] }),
    });
    const t = new RunTracker(gw, new QueryClient());
    await t.start('j');
    expect(t.get('j')).toMatchObject({ phase: 'running', runId: 'r1' });
    emit({ jobId: 'j', action: 'finished', runId: 'other', status: 'error' });
    expect(t.get('j')?.phase).toBe('running');
    emit({ jobId: 'j', action: 'finished', runId: 'r1', status: 'ok', summary: 'fine' });
    expect(t.get('j')).toMatchObject({ phase: 'done', entry: { status: 'ok', summary: 'fine' } });
    expect(listeners.size).toBe(0);
    t.stop();
  });

  it('catches a run that finished before cron.run answered', async () => {
    let emitNow: (p: unknown) => void = () => {};
    const fake = fakeGateway({
      'cron.run': () => {
        emitNow({ jobId: 'j', action: 'finished', runId: 'fast', status: 'ok' });
        return { ok: true, runId: 'fast' };
      },
    });
    emitNow = fake.emit;
    const t = new RunTracker(fake.gw, new QueryClient());
    await t.start('j');
    expect(t.get('j')).toMatchObject({ phase: 'done', runId: 'fast' });
  });

  it('falls back to polling cron.runs every 2 s and re-reads cron when found that way', async () => {
    vi.useFakeTimers();
    let found = false;
    const { gw, calls } = fakeGateway({
      'cron.run': () => ({ ok: true, runId: 'r2' }),
      'cron.runs': () => ({
        entries: found ? [{ ts: 1, jobId: 'j', action: 'finished', runId: 'r2', status: 'error', error: 'boom' }] : [],
      }),
    });
    const qc = new QueryClient();
    const invalidate = vi.spyOn(qc, 'invalidateQueries');
    const t = new RunTracker(gw, qc);
    await t.start('j');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls.filter((c) => c.method === 'cron.runs')).toEqual([
      { method: 'cron.runs', params: { id: 'j', runId: 'r2', limit: 1 } },
    ]);
    expect(t.get('j')?.phase).toBe('running');
    found = true;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.get('j')).toMatchObject({ phase: 'done', entry: { status: 'error', error: 'boom' } });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['cron'] });
  });

  it('ignores a second start while running, and reports a refused start', async () => {
    const { gw, calls } = fakeGateway({
      'cron.run': () => ({ ok: true, runId: 'r3' }),
      'cron.runs': () => ({ entries: [] }),
    });
    const t = new RunTracker(gw, new QueryClient());
    await Promise.all([t.start('j'), t.start('j')]);
    expect(calls.filter((c) => c.method === 'cron.run')).toHaveLength(1);
    t.stop();

    const refused = fakeGateway({
      'cron.run': () => {
        throw Object.assign(new Error('missing scope: operator.admin'), {
          failure: { code: 'FORBIDDEN', detailCode: 'MISSING_SCOPE', message: 'missing scope: operator.admin' },
        });
      },
    });
    const t2 = new RunTracker(refused.gw, new QueryClient());
    await t2.start('j');
    expect(t2.get('j')?.phase).toBe('failed');
    const notRun = fakeGateway({ 'cron.run': () => ({ ok: true, ran: false, reason: 'invalid-spec' }) });
    const t3 = new RunTracker(notRun.gw, new QueryClient());
    await t3.start('j');
    expect(t3.get('j')).toMatchObject({ phase: 'not-run', reason: 'invalid-spec' });
  });
});
