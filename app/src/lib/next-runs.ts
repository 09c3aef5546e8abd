import { Cron } from 'croner';
import { localTimeZone, type CronSchedule } from './schedule';

// Apart from schedule.ts: croner (27 KB) is needed only where next runs are previewed (the job form), not by the
// list, which only describes schedules. The gateway evaluates cron expressions with croner, so previews agree.

export type NextRunsOptions = {
  /** Per-job stagger offset to add to cron occurrences (see staggerOffsetMs). */
  offsetMs?: number;
};

/**
 * The next `n` instants after `now`. `tz` is the zone a cron expression is evaluated in
 * (falls back to schedule.tz, then the browser's zone). Errors are croner's own messages.
 */
export function nextRuns(
  schedule: CronSchedule | { kind: string },
  tz: string | undefined,
  n: number,
  now: number,
  opts: NextRunsOptions = {},
): Date[] | { error: string } {
  const s = schedule as CronSchedule;
  switch (s.kind) {
    case 'cron': {
      const expr = s.expr?.trim() ?? '';
      if (!expr) return { error: 'Enter a cron expression.' };
      const offset = opts.offsetMs ?? 0;
      try {
        const cron = new Cron(expr, { timezone: tz || s.tz || localTimeZone() });
        // Start early by the offset so an occurrence shifted past `now` is not skipped.
        return cron
          .nextRuns(n + 1, new Date(now - offset))
          .map((d) => new Date(d.getTime() + offset))
          .filter((d) => d.getTime() > now)
          .slice(0, n);
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }
    case 'every': {
      if (!Number.isFinite(s.everyMs) || s.everyMs < 1) return { error: 'The interval must be at least 1 ms.' };
      const anchor = typeof s.anchorMs === 'number' && s.anchorMs >= 0 ? s.anchorMs : now;
      const first = now < anchor ? anchor : anchor + (Math.floor((now - anchor) / s.everyMs) + 1) * s.everyMs;
      return Array.from({ length: n }, (_, i) => new Date(first + i * s.everyMs));
    }
    case 'at': {
      const ms = Date.parse(s.at);
      if (Number.isNaN(ms)) return { error: `Not an ISO-8601 time: ${s.at}` };
      return ms > now ? [new Date(ms)] : [];
    }
    default:
      return { error: `A ${s.kind} schedule fires on events, not at known times.` };
  }
}
