import { describe, expect, it } from 'vitest';
import { createActivityLog, type LogEntry } from '../../session/activity-log';
import { NO_FILTER, countByKind, filterRows, formatBytes, toRows } from './log-model';

const req = (id: string, over: Partial<Extract<LogEntry, { kind: 'request' }>> = {}): LogEntry => ({
  kind: 'request',
  id,
  atMs: 1,
  method: 'status',
  scope: 'operator.read',
  paramsBytes: 2,
  ...over,
});
const evt = (id: string, event: string, seq?: number): LogEntry => ({
  kind: 'event',
  id,
  atMs: 1,
  event,
  seq,
  bytes: 10,
});
const problem = (id: string, message: string): LogEntry => ({ kind: 'problem', id, atMs: 1, message });

describe('log rows', () => {
  it('lists newest first', () => {
    expect(toRows([req('a'), evt('b', 'tick', 1), req('c')]).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('flags the event whose seq jumped, from the gap notice the session records before it', () => {
    const rows = toRows([
      evt('1', 'tick', 1),
      evt('2', 'presence', 2),
      problem('g', 'event seq gap: expected 3, got 6'),
      evt('3', 'presence', 6),
      evt('4', 'tick', 7),
    ]);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId['3']!.gapExpected).toBe(3);
    expect(byId['g']!.isGapNotice).toBe(true);
    expect(byId['4']!.gapExpected).toBeUndefined();
    expect(byId['2']!.gapExpected).toBeUndefined();
  });

  it('honours a gap recorded on the entry itself', () => {
    const rows = toRows([{ kind: 'event', id: 'x', atMs: 1, event: 'cron', seq: 9, bytes: 1, gap: { expected: 4 } }]);
    expect(rows[0]!.gapExpected).toBe(4);
  });

  it('filters by kind, text (method, code, message, event) and errors only', () => {
    const rows = toRows([
      req('ok'),
      req('denied', {
        method: 'cron.add',
        scope: 'operator.admin',
        ok: false,
        errorCode: 'MISSING_SCOPE',
        errorMessage: 'missing scope: operator.admin',
      }),
      req('pending', { method: 'config.get' }),
      evt('tick', 'tick', 1),
      problem('gap', 'event seq gap: expected 2, got 4'),
      evt('presence', 'presence', 4),
    ]);
    const ids = (f: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...f }).map((r) => r.id);
    expect(ids({})).toHaveLength(6);
    expect(ids({ kind: 'request' })).toEqual(['pending', 'denied', 'ok']);
    expect(ids({ kind: 'event' })).toEqual(['presence', 'tick']);
    expect(ids({ text: 'MISSING_scope' })).toEqual(['denied']);
    expect(ids({ text: 'operator.admin' })).toEqual(['denied']);
    expect(ids({ text: 'presence' })).toEqual(['presence']);
    expect(ids({ errorsOnly: true })).toEqual(['presence', 'gap', 'denied']);
    expect(ids({ errorsOnly: true, kind: 'request' })).toEqual(['denied']);
    expect(countByKind(rows)).toEqual({ all: 6, request: 3, event: 2, problem: 1, errors: 3 });
  });

  it('stays capped: the activity log keeps the newest 1000', () => {
    const log = createActivityLog();
    for (let i = 1; i <= 1200; i++) log.add(evt(log.nextId(), 'tick', i));
    const rows = toRows(log.entries());
    expect(rows).toHaveLength(1000);
    expect(rows[0]).toMatchObject({ seq: 1200 });
    expect(rows.at(-1)).toMatchObject({ seq: 201 });
  });

  it('formats sizes', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(50 * 1024)).toBe('50 kB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
