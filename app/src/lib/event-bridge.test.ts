import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { EventFrame } from '@openclaw/gateway-client/browser';
import { bridgeEventsToCache } from './event-bridge';
import type { Gateway } from '../session/gateway';

function fakeGateway() {
  const events = new Set<(e: EventFrame) => void>();
  const hellos = new Set<(i: { resync: boolean }) => void>();
  return {
    gw: {
      onEvent: (l: (e: EventFrame) => void) => (events.add(l), () => events.delete(l)),
      onHello: (l: (i: { resync: boolean }) => void) => (hellos.add(l), () => hellos.delete(l)),
    } as unknown as Gateway,
    emit: (event: string, payload: unknown = {}) =>
      events.forEach((l) => l({ type: 'event', event, payload } as EventFrame)),
    hello: (resync: boolean) => hellos.forEach((l) => l({ resync })),
  };
}

describe('bridgeEventsToCache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('invalidates once per burst of cron events', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    const { gw, emit } = fakeGateway();
    bridgeEventsToCache(gw, qc);
    for (let i = 0; i < 50; i++) emit('cron');
    emit('task');
    vi.advanceTimersByTime(400);
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['cron'], ['cron', 'runs']]);
  });

  it('re-reads the cron list once for a burst that outlasts the quiet window', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    const { gw, emit } = fakeGateway();
    bridgeEventsToCache(gw, qc);
    // A run: started, then task updates 250 ms apart, then finished: each event re-arms the timer.
    for (let i = 0; i < 5; i++) {
      emit('cron');
      vi.advanceTimersByTime(250);
    }
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['cron']]);
    vi.advanceTimersByTime(5000);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('re-reads the cron list at most every 2 s under a steady stream', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    const { gw, emit } = fakeGateway();
    bridgeEventsToCache(gw, qc);
    for (let t = 0; t < 5000; t += 100) {
      emit('cron');
      vi.advanceTimersByTime(100);
    }
    const cronCalls = spy.mock.calls.filter((c) => JSON.stringify(c[0]?.queryKey) === '["cron"]').length;
    expect(cronCalls).toBeGreaterThanOrEqual(2);
    expect(cronCalls).toBeLessThanOrEqual(3);
  });

  it('ignores unknown events and re-reads everything after a reconnect or a seq gap', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    const { gw, emit, hello } = fakeGateway();
    bridgeEventsToCache(gw, qc);
    emit('tick');
    emit('something.new');
    vi.advanceTimersByTime(1000);
    expect(spy).not.toHaveBeenCalled();
    hello(false);
    expect(spy).not.toHaveBeenCalled();
    hello(true);
    expect(spy).toHaveBeenCalledWith();
    spy.mockClear();
    emit('clawscope.gap');
    vi.advanceTimersByTime(400);
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toContainEqual(['presence']);
  });

  it('writes the list a presence event carries into the cache, with no page mounted and no re-read', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    const { gw, emit } = fakeGateway();
    bridgeEventsToCache(gw, qc);
    const list = [{ clientId: 'cli', host: 'laptop', reason: 'connect' }];
    emit('presence', { presence: list });
    const first = qc.getQueryData(['presence', 'list']);
    expect(first).toEqual(list);
    emit('presence', { presence: list });
    expect(qc.getQueryData(['presence', 'list'])).toBe(first);
    emit('presence', { presence: 'nope' });
    expect(qc.getQueryData(['presence', 'list'])).toBe(first);
    vi.advanceTimersByTime(1000);
    expect(spy).not.toHaveBeenCalled();
  });
});
