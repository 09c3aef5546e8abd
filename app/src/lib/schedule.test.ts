import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  effectiveStaggerMs,
  everyToParts,
  formatDuration,
  formatInstant,
  instantToZonedInput,
  isTopOfHourExpr,
  partsToEvery,
  staggerOffsetMs,
  zonedInputToInstant,
} from './schedule';
import { nextRuns } from './next-runs';

const iso = (r: Date[] | { error: string }) => {
  if (!Array.isArray(r)) throw new Error(`expected dates, got error: ${r.error}`);
  return r.map((d) => d.toISOString());
};

describe('nextRuns', () => {
  // Thursday 2026-03-26 12:00 UTC; Berlin switches to summer time on Sunday 2026-03-29.
  const now = Date.parse('2026-03-26T12:00:00Z');

  it('evaluates weekday 09:00 in Europe/Berlin across the DST switch', () => {
    expect(iso(nextRuns({ kind: 'cron', expr: '0 9 * * 1-5' }, 'Europe/Berlin', 5, now))).toEqual([
      '2026-03-27T08:00:00.000Z', // Fri, CET (UTC+1)
      '2026-03-30T07:00:00.000Z', // Mon, CEST (UTC+2)
      '2026-03-31T07:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
      '2026-04-02T07:00:00.000Z',
    ]);
  });

  it('uses the schedule zone when no zone is passed', () => {
    expect(iso(nextRuns({ kind: 'cron', expr: '0 9 * * *', tz: 'America/New_York' }, undefined, 2, now))).toEqual([
      '2026-03-26T13:00:00.000Z',
      '2026-03-27T13:00:00.000Z',
    ]);
  });

  it('adds a stagger offset without skipping an occurrence that moves past now', () => {
    const at = Date.parse('2026-03-26T12:00:30Z');
    expect(iso(nextRuns({ kind: 'cron', expr: '0 * * * *' }, 'UTC', 2, at, { offsetMs: 60_000 }))).toEqual([
      '2026-03-26T12:01:00.000Z',
      '2026-03-26T13:01:00.000Z',
    ]);
  });

  it("returns croner's message for a bad expression or zone", () => {
    expect(nextRuns({ kind: 'cron', expr: 'not a cron' }, 'UTC', 5, now)).toEqual({
      error:
        "CronPattern: invalid configuration format ('not a cron'), exactly five, six, or seven space separated parts are required.",
    });
    expect(nextRuns({ kind: 'cron', expr: '99 * * * *' }, 'UTC', 5, now)).toEqual({
      error: 'CronPattern: Invalid value for minute: 99',
    });
    const bad = nextRuns({ kind: 'cron', expr: '0 9 * * *' }, 'Mars/Olympus', 5, now);
    expect('error' in bad && bad.error).toMatch(/^CronDate: Failed to convert date to timezone 'Mars\/Olympus'/);
    expect(nextRuns({ kind: 'cron', expr: '  ' }, 'UTC', 5, now)).toEqual({ error: 'Enter a cron expression.' });
  });

  it('steps an interval from now, or from its anchor', () => {
    expect(iso(nextRuns({ kind: 'every', everyMs: 1_800_000 }, undefined, 3, now))).toEqual([
      '2026-03-26T12:30:00.000Z',
      '2026-03-26T13:00:00.000Z',
      '2026-03-26T13:30:00.000Z',
    ]);
    const anchorMs = Date.parse('2026-03-26T11:50:00Z');
    expect(iso(nextRuns({ kind: 'every', everyMs: 1_800_000, anchorMs }, undefined, 2, now))).toEqual([
      '2026-03-26T12:20:00.000Z',
      '2026-03-26T12:50:00.000Z',
    ]);
  });

  it('gives one instant for a future at, none for a past one', () => {
    expect(iso(nextRuns({ kind: 'at', at: '2026-04-01T10:00:00+02:00' }, undefined, 5, now))).toEqual([
      '2026-04-01T08:00:00.000Z',
    ]);
    expect(nextRuns({ kind: 'at', at: '2020-01-01T00:00:00Z' }, undefined, 5, now)).toEqual([]);
    expect(nextRuns({ kind: 'stream', command: ['x'] }, undefined, 5, now)).toHaveProperty('error');
  });
});

describe('describeSchedule', () => {
  it('puts cron expressions, intervals and one-shots in words', () => {
    expect(describeSchedule({ kind: 'cron', expr: '*/5 * * * *' })).toBe('Every 5 minutes');
    expect(describeSchedule({ kind: 'cron', expr: '0 9 * * 1-5', tz: 'Europe/Berlin' }, { withTimeZone: true })).toBe(
      'At 09:00, Monday through Friday (Europe/Berlin)',
    );
    expect(describeSchedule({ kind: 'cron', expr: '0 9 * * 1-5' }, { withTimeZone: true })).toBe(
      'At 09:00, Monday through Friday (gateway time zone)',
    );
    expect(describeSchedule({ kind: 'cron', expr: 'garbage here' })).toBe('cron garbage here');
    expect(describeSchedule({ kind: 'every', everyMs: 1_800_000 })).toBe('every 30 minutes');
    expect(describeSchedule({ kind: 'every', everyMs: 3_600_000 })).toBe('every hour');
    expect(describeSchedule({ kind: 'every', everyMs: 604_800_000 })).toBe('every 7 days');
    expect(describeSchedule({ kind: 'every', everyMs: 90_000 })).toBe('every 90 seconds');
    expect(describeSchedule({ kind: 'at', at: '2026-04-01T08:00:00Z' }, { timeZone: 'Europe/Berlin' })).toBe(
      'once at 2026-04-01 10:00 GMT+2',
    );
    expect(describeSchedule({ kind: 'on-exit', command: './watch.sh' })).toBe('on exit of ./watch.sh');
    expect(describeSchedule({ kind: 'mystery' })).toBe('mystery');
  });
});

describe('every <-> units', () => {
  it('picks the largest whole unit', () => {
    expect(everyToParts(1_800_000)).toEqual({ n: 30, unit: 'minutes' });
    expect(everyToParts(86_400_000 * 2)).toEqual({ n: 2, unit: 'days' });
    expect(everyToParts(5_400_000)).toEqual({ n: 90, unit: 'minutes' });
    expect(everyToParts(45_000)).toEqual({ n: 45, unit: 'seconds' });
    expect(everyToParts(1_500)).toEqual({ n: 1.5, unit: 'seconds' });
  });
  it('round-trips and rejects non-positive intervals', () => {
    expect(partsToEvery(30, 'minutes')).toBe(1_800_000);
    expect(partsToEvery(1.5, 'hours')).toBe(5_400_000);
    expect(partsToEvery(0, 'minutes')).toBeNull();
    expect(partsToEvery(Number.NaN, 'minutes')).toBeNull();
    for (const ms of [1000, 61_000, 3_600_000, 172_800_000]) {
      const { n, unit } = everyToParts(ms);
      expect(partsToEvery(n, unit)).toBe(ms);
    }
  });
});

describe('formatDuration', () => {
  it('formats durations', () => {
    expect(formatDuration(13)).toBe('13 ms');
    expect(formatDuration(1_234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
  });
});

describe('zoned date-time inputs', () => {
  it('converts a wall time in a zone to the instant and back', () => {
    expect(zonedInputToInstant('2026-04-01T10:00', 'Europe/Berlin')).toBe(Date.parse('2026-04-01T08:00:00Z'));
    expect(zonedInputToInstant('2026-01-15T10:00', 'America/New_York')).toBe(Date.parse('2026-01-15T15:00:00Z'));
    expect(instantToZonedInput(Date.parse('2026-04-01T08:00:00Z'), 'Europe/Berlin')).toBe('2026-04-01T10:00');
    expect(formatInstant(Date.parse('2026-03-27T08:00:00Z'), 'Europe/Berlin', { weekday: true })).toBe(
      'Fri 2026-03-27 09:00 GMT+1',
    );
  });
  it('resolves DST gaps forward and overlaps to the earlier instant', () => {
    // 02:30 does not exist in Berlin on 2026-03-29; the clock reads 03:30 CEST one hour after 01:30 CET.
    expect(zonedInputToInstant('2026-03-29T02:30', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    // 02:30 happens twice on 2026-10-25; the first is still CEST.
    expect(zonedInputToInstant('2026-10-25T02:30', 'Europe/Berlin')).toBe(Date.parse('2026-10-25T00:30:00Z'));
    expect(zonedInputToInstant('tomorrow', 'UTC')).toBeNull();
  });
});

describe('stagger', () => {
  it('knows which expressions the gateway staggers', () => {
    expect(isTopOfHourExpr('0 * * * *')).toBe(true);
    expect(isTopOfHourExpr('0 */2 * * *')).toBe(true);
    expect(isTopOfHourExpr('0 9 * * *')).toBe(false);
    expect(isTopOfHourExpr('*/5 * * * *')).toBe(false);
    expect(effectiveStaggerMs({ expr: '0 * * * *' })).toBe(300_000);
    expect(effectiveStaggerMs({ expr: '0 * * * *', staggerMs: 0 })).toBe(0);
    expect(effectiveStaggerMs({ expr: '15 9 * * *' })).toBe(0);
  });
  it('computes the per-job offset like the gateway (sha256 of the id)', async () => {
    const id = '67151584-2969-4cea-8e97-598f83e11ee9';
    const expected = createHash('sha256').update(id).digest().readUInt32BE(0) % 300_000;
    expect(await staggerOffsetMs(id, 300_000)).toBe(expected);
    expect(await staggerOffsetMs(id, 1)).toBe(0);
  });
});
