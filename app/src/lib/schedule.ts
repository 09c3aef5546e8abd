import cronstrue from 'cronstrue';

/**
 * Pure helpers for cron-job schedules: words, upcoming instants, interval units and
 * time formatting; every function takes `now` (and a zone) so tests are deterministic. Upcoming runs
 * are in next-runs.ts (croner is only needed by the form's preview, not by the list).
 */

export type CronSchedule =
  | { kind: 'cron'; expr: string; tz?: string; staggerMs?: number }
  | { kind: 'every'; everyMs: number; anchorMs?: number }
  | { kind: 'at'; at: string }
  | { kind: 'on-exit'; command: string; cwd?: string }
  | { kind: 'stream'; command: string[]; cwd?: string; mode?: 'line' | 'match'; match?: string };

export type EveryUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export const UNIT_MS: Record<EveryUnit, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

const SINGULAR: Record<EveryUnit, string> = { seconds: 'second', minutes: 'minute', hours: 'hour', days: 'day' };

/** The gateway staggers recurring top-of-hour expressions by up to 5 minutes unless staggerMs is set. */
export const DEFAULT_TOP_OF_HOUR_STAGGER_MS = 300_000;

/** The browser's own IANA zone (the default for new jobs). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Largest whole unit that divides the interval; sub-second rests stay as fractional seconds. */
export function everyToParts(everyMs: number): { n: number; unit: EveryUnit } {
  for (const unit of ['days', 'hours', 'minutes', 'seconds'] as const) {
    if (everyMs >= UNIT_MS[unit] && everyMs % UNIT_MS[unit] === 0) return { n: everyMs / UNIT_MS[unit], unit };
  }
  return { n: everyMs / 1000, unit: 'seconds' };
}

/** n units as whole milliseconds, or null when that is not a positive interval. */
export function partsToEvery(n: number, unit: EveryUnit): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = Math.round(n * UNIT_MS[unit]);
  return ms >= 1 ? ms : null;
}

export function describeEvery(everyMs: number): string {
  const { n, unit } = everyToParts(everyMs);
  if (everyMs < 1000) return `every ${everyMs} ms`;
  return n === 1 ? `every ${SINGULAR[unit]}` : `every ${n} ${unit}`;
}

export type DescribeOptions = {
  /** Zone used to print an `at` instant (defaults to the browser's). */
  timeZone?: string;
  /** Append the cron zone, e.g. "(Europe/Berlin)". */
  withTimeZone?: boolean;
};

/** A schedule in words: cronstrue for expressions, "every 30 minutes", "once at …", else the kind. */
export function describeSchedule(schedule: CronSchedule | { kind: string }, opts: DescribeOptions = {}): string {
  const s = schedule as CronSchedule;
  switch (s.kind) {
    case 'cron': {
      let words: string;
      try {
        words = cronstrue.toString(s.expr, { throwExceptionOnParseError: true, use24HourTimeFormat: true });
      } catch {
        words = `cron ${s.expr}`;
      }
      return opts.withTimeZone ? `${words} (${s.tz || 'gateway time zone'})` : words;
    }
    case 'every':
      return describeEvery(s.everyMs);
    case 'at': {
      const ms = Date.parse(s.at);
      return Number.isNaN(ms) ? `once at ${s.at}` : `once at ${formatInstant(ms, opts.timeZone)}`;
    }
    case 'on-exit':
      return `on exit of ${s.command}`;
    case 'stream':
      return `on output of ${Array.isArray(s.command) ? s.command.join(' ') : String(s.command)}`;
    default:
      return String((schedule as { kind: unknown }).kind ?? 'unknown');
  }
}

/** True for expressions the gateway staggers by default (minute 0 with a recurring hour field). */
export function isTopOfHourExpr(expr: string): boolean {
  const fields = expr.trim().split(/\s+/).filter(Boolean);
  const hourPart = /^(?:\d+|\d+-\d+)(?:\/\d+)?$|^[*?](?:\/\d+)?$/;
  const recurringHour = (f: string) => {
    const parts = f.split(',');
    return parts.every((p) => hourPart.test(p)) && parts.some((p) => p.startsWith('*') || p.startsWith('?'));
  };
  if (fields.length === 5) return fields[0] === '0' && recurringHour(fields[1]!);
  if (fields.length === 6) return fields[0] === '0' && fields[1] === '0' && recurringHour(fields[2]!);
  return false;
}

/** The stagger window the gateway applies: the explicit staggerMs, else 5 min for top-of-hour, else 0. */
export function effectiveStaggerMs(schedule: { expr: string; staggerMs?: number }): number {
  if (typeof schedule.staggerMs === 'number' && Number.isFinite(schedule.staggerMs))
    return Math.max(0, Math.floor(schedule.staggerMs));
  return isTopOfHourExpr(schedule.expr) ? DEFAULT_TOP_OF_HOUR_STAGGER_MS : 0;
}

/**
 * The fixed per-job offset inside the stagger window, as the gateway computes it
 * (first 4 bytes of sha256(jobId), big-endian, modulo the window).
 */
export async function staggerOffsetMs(jobId: string, staggerMs: number): Promise<number> {
  if (staggerMs <= 1) return 0;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(jobId)));
  const n = ((digest[0]! << 24) >>> 0) + (digest[1]! << 16) + (digest[2]! << 8) + digest[3]!;
  return n % staggerMs;
}

/** "13 ms", "1.2 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) {
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.round((ms % 3_600_000) / 60_000);
  return m ? `${h} h ${m} min` : `${h} h`;
}

type Parts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
  zone: string;
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(ms: number, timeZone: string | undefined): Parts {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: p.weekday ?? '',
    zone: p.timeZoneName ?? '',
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "Fri 2026-03-27 09:00 GMT+1": unambiguous, locale-independent, in the given zone. */
export function formatInstant(ms: number, timeZone?: string, { seconds = false, weekday = false } = {}): string {
  const p = partsIn(ms, timeZone);
  const time = `${pad(p.hour)}:${pad(p.minute)}${seconds ? `:${pad(p.second)}` : ''}`;
  return `${weekday ? `${p.weekday} ` : ''}${p.year}-${pad(p.month)}-${pad(p.day)} ${time} ${p.zone}`.trim();
}

/** The value a datetime-local input shows for an instant in a zone ("2026-03-27T09:00"). */
export function instantToZonedInput(ms: number, timeZone: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant when the wall clock in `timeZone` reads `local` ("YYYY-MM-DDTHH:mm[:ss]").
 * A time skipped by a DST jump resolves forward; an ambiguous one takes the earlier instant.
 */
export function zonedInputToInstant(local: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  try {
    const offsetAt = (instant: number) => {
      const p = partsIn(instant, timeZone);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant;
    };
    // Try the offsets in force a day either side; keep the earliest instant that reads `wall`.
    const candidates = [wall - 86_400_000, wall, wall + 86_400_000]
      .map((probe) => wall - offsetAt(probe))
      .filter((instant) => instant + offsetAt(instant) === wall);
    if (candidates.length) return Math.min(...candidates);
    // In a spring-forward gap: read the wall time with the offset from before the jump (02:30 -> 03:30).
    return wall - offsetAt(wall - 86_400_000);
  } catch {
    return null;
  }
}

/** Whether the runtime knows the zone (Intl throws RangeError for unknown ones). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
