import { useEffect, useState } from 'react';
import { effectiveStaggerMs, formatDuration, formatInstant, localTimeZone, staggerOffsetMs } from '../../lib/schedule';
import { nextRuns } from '../../lib/next-runs';
import { relativeTime } from '../../ui/relative-time';
import { buildSchedule, type Draft } from './form-model';

/** The next five occurrences of the draft's schedule, in its zone, computed with croner like the gateway. */
export function SchedulePreview({ draft, jobId, now }: { draft: Draft; jobId?: string; now: number }) {
  const browserTz = localTimeZone();
  const schedule = buildSchedule(draft);
  const zone = draft.scheduleKind === 'every' ? browserTz : draft.tz.trim() || browserTz;
  const stagger = schedule?.kind === 'cron' ? effectiveStaggerMs(schedule) : 0;
  const offset = useStaggerOffset(jobId, stagger);

  let body;
  if (draft.scheduleKind === 'on-exit' || draft.scheduleKind === 'stream') {
    body = (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This schedule fires on events, so there are no times to show.
      </p>
    );
  } else if (!schedule || (schedule.kind === 'cron' && !schedule.expr)) {
    body = <p className="text-sm text-zinc-500">Complete the schedule to see when it runs.</p>;
  } else {
    const runs = nextRuns(schedule, zone, 5, now, { offsetMs: offset ?? 0 });
    if (!Array.isArray(runs)) {
      body = (
        <p className="break-words font-mono text-xs text-red-700 dark:text-red-300" data-testid="preview-error">
          {runs.error}
        </p>
      );
    } else if (runs.length === 0) {
      body = <p className="text-sm text-amber-800 dark:text-amber-300">No upcoming run: this time has passed.</p>;
    } else {
      body = (
        <ol className="space-y-1 text-sm" data-testid="preview-runs">
          {runs.map((d) => (
            <li key={d.getTime()} className="flex flex-wrap items-baseline justify-between gap-x-3 tabular-nums">
              <time dateTime={d.toISOString()} className="font-mono text-[13px] text-zinc-900 dark:text-zinc-100">
                {formatInstant(d.getTime(), zone, { weekday: true })}
              </time>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {relativeTime(d.getTime(), now)}
                {zone !== browserTz && <> · your time {formatInstant(d.getTime(), browserTz)}</>}
              </span>
            </li>
          ))}
        </ol>
      );
    }
  }

  return (
    <div
      aria-live="polite"
      className="self-start rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-950/60"
    >
      <p className="mb-2 text-xs font-medium uppercase tracking-wide text-zinc-500">
        Next runs
        {draft.scheduleKind !== 'on-exit' && draft.scheduleKind !== 'stream' && (
          <span className="normal-case tracking-normal">
            {' '}
            · {zone}
            {draft.scheduleKind === 'cron' && !draft.tz.trim()
              ? ' (your zone; the job will use the gateway host zone)'
              : ''}
          </span>
        )}
      </p>
      {body}
      {stagger > 0 && (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          {offset !== null
            ? `Includes this job's fixed stagger of ${formatDuration(offset)} (window ${formatDuration(stagger)}).`
            : `The gateway delays each run by a fixed per-job amount within ${formatDuration(stagger)} to spread load${draft.staggerMode === 'auto' ? ' (automatic for top-of-hour expressions; choose “exact” to turn it off)' : ''}.`}
        </p>
      )}
    </div>
  );
}

/** The per-job stagger offset needs the job id (sha256), so only saved jobs get exact times. */
function useStaggerOffset(jobId: string | undefined, staggerMs: number): number | null {
  const [offset, setOffset] = useState<{ key: string; value: number } | null>(null);
  const key = `${jobId}:${staggerMs}`;
  useEffect(() => {
    if (!jobId || staggerMs <= 0 || !globalThis.crypto?.subtle) return;
    let live = true;
    void staggerOffsetMs(jobId, staggerMs).then((value) => live && setOffset({ key, value }));
    return () => {
      live = false;
    };
  }, [jobId, staggerMs, key]);
  return offset?.key === key ? offset.value : null;
}
