import { memo, useRef } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { Link } from '../../lib/router';
import { describeSchedule } from '../../lib/schedule';
import type { CronJob, DeliveryPreview } from '../../queries/cron';
import { EnabledSwitch, RemoveButton, RunFollowFor, RunNowButton, type Report } from './job-actions';
import type { SortDir, SortKey } from './list-model';
import { Duration, StatusBadge, SystemBadge, Time, jobTitle, lastStatus, nextRunAt } from './parts';
import { useRunNow } from './run-tracker';

/**
 * All jobs in one virtualised table: fixed-height rows in a scroll container with a max
 * height, so 10,000 jobs render only what is visible. ARIA table semantics on divs
 * (a <table> cannot hold absolutely positioned rows); each row links to its job page
 * through a stretched link, with the controls layered above it.
 */
export const ROW_HEIGHT = 56;
const FALLBACK_RECT = { width: 1200, height: 600 };

const GRID =
  'grid grid-cols-[minmax(11rem,2fr)_minmax(9rem,1.6fr)_minmax(5.5rem,0.7fr)_6.5rem_minmax(9rem,1.2fr)_5rem_minmax(6rem,0.7fr)_3rem_3.75rem_9.5rem] items-center gap-x-3';

type Column = { label: string; sort?: SortKey; className?: string; title?: string };
const COLUMNS: Column[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Schedule' },
  { label: 'Time zone' },
  { label: 'Next run', sort: 'next' },
  { label: 'Last run', sort: 'last' },
  { label: 'Updated', sort: 'updated', title: 'Last change to the job definition' },
  { label: 'Target · agent', title: 'Session target and agent' },
  { label: 'Errors', className: 'text-right', title: 'Consecutive errors' },
  { label: 'Enabled' },
  { label: 'Actions', className: 'sr-only' },
];

export function JobsTable({
  jobs,
  now,
  canAdmin,
  sort,
  onSort,
  sortable = true,
  report,
  onRemove,
  previews,
}: {
  jobs: CronJob[];
  now: number;
  canAdmin: boolean;
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
  /** False while pages are still arriving: the sort applies to the complete list. */
  sortable?: boolean;
  report: Report;
  onRemove: (job: CronJob) => void;
  previews: Record<string, DeliveryPreview>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler here, so nothing memoizes the virtualizer's functions: the rule's concern does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => jobs[i]!.id,
    initialRect: FALLBACK_RECT,
    // Without layout (happy-dom, a hidden tab) the box measures 0 and nothing would render; assume a screenful.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
  });

  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div role="table" aria-label="Cron jobs" aria-rowcount={jobs.length + 1} className="min-w-[76rem] text-sm">
        <div role="rowgroup">
          <div
            role="row"
            aria-rowindex={1}
            className={`${GRID} border-b border-zinc-200 bg-zinc-50 px-4 py-2 text-left text-xs font-medium uppercase tracking-wide text-zinc-500 dark:border-zinc-800 dark:bg-zinc-950/60`}
          >
            {COLUMNS.map((c) => {
              const active = c.sort && sort.key === c.sort;
              return (
                <div
                  key={c.label}
                  role="columnheader"
                  title={c.title}
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}
                  className={c.className}
                >
                  {c.sort ? (
                    <button
                      type="button"
                      onClick={() => onSort(c.sort!)}
                      disabled={!sortable}
                      title={sortable ? undefined : 'Sorting applies once every job is loaded'}
                      className="inline-flex items-center gap-1 uppercase tracking-wide hover:text-zinc-900 dark:hover:text-zinc-100"
                    >
                      {c.label}
                      <span aria-hidden className={active ? 'text-teal-700 dark:text-teal-400' : 'opacity-30'}>
                        {active && sort.dir === 'desc' ? '↓' : '↑'}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div
          ref={scrollRef}
          role="rowgroup"
          className="max-h-[min(70vh,44rem)] overflow-y-auto overscroll-contain"
          data-testid="jobs-scroll"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const job = jobs[item.index]!;
              return (
                <JobRow
                  key={item.key}
                  job={job}
                  index={item.index}
                  top={item.start}
                  now={now}
                  canAdmin={canAdmin}
                  report={report}
                  onRemove={onRemove}
                  preview={previews[job.id]}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

const JobRow = memo(function JobRow({
  job,
  index,
  top,
  now,
  canAdmin,
  report,
  onRemove,
  preview,
}: {
  job: CronJob;
  index: number;
  top: number;
  now: number;
  canAdmin: boolean;
  report: Report;
  onRemove: (job: CronJob) => void;
  preview?: DeliveryPreview;
}) {
  const { follow } = useRunNow(job.id);
  const s = job.schedule as { kind: string; expr?: string; tz?: string };
  const status = lastStatus(job);
  const errors = job.state?.consecutiveErrors ?? 0;
  const running = typeof job.state?.runningAtMs === 'number';
  const href = `/cron/${encodeURIComponent(job.id)}`;
  const title = jobTitle(job);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-job-id={job.id}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      className={`${GRID} group absolute inset-x-0 top-0 border-b border-zinc-100 px-4 hover:bg-zinc-50 dark:border-zinc-800/60 dark:hover:bg-zinc-800/40 ${job.enabled ? '' : 'text-zinc-500 dark:text-zinc-500'}`}
    >
      <div role="cell" className="min-w-0">
        <div className="flex min-w-0 items-center gap-1.5">
          <Link
            to={href}
            className="truncate font-medium text-zinc-900 after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-teal-500 dark:text-zinc-100"
            title={title === job.name ? job.id : `${job.name} · ${job.id}`}
          >
            {title}
          </Link>
          <SystemBadge job={job} />
        </div>
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={job.description}>
          {job.description || <span className="font-mono">{job.id.slice(0, 8)}</span>}
        </p>
      </div>
      <div role="cell" className="min-w-0">
        <p className="truncate" title={s.expr ? `${s.expr}` : undefined}>
          {describeSchedule(job.schedule)}
        </p>
        {s.expr && <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{s.expr}</p>}
      </div>
      <div role="cell" className="truncate text-xs text-zinc-600 dark:text-zinc-400" title={s.tz}>
        {s.kind === 'cron' ? (
          s.tz || <span className="italic">gateway</span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">–</span>
        )}
      </div>
      <div role="cell" className="whitespace-nowrap">
        {job.enabled ? (
          <Time ms={nextRunAt(job)} now={now} future />
        ) : (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">disabled</span>
        )}
      </div>
      <div role="cell" className="relative z-10 min-w-0">
        {follow ? (
          <RunFollowFor jobId={job.id} compact />
        ) : running ? (
          <span className="text-xs text-sky-700 dark:text-sky-300">running now</span>
        ) : (
          <div className="min-w-0" title={job.state?.lastError}>
            <div className="flex items-center gap-1.5 whitespace-nowrap">
              <StatusBadge status={status} />
              <Duration ms={job.state?.lastDurationMs} />
            </div>
            {typeof job.state?.lastRunAtMs === 'number' && (
              <Time
                ms={job.state.lastRunAtMs}
                now={now}
                past
                className="block truncate text-xs text-zinc-500 dark:text-zinc-400"
              />
            )}
          </div>
        )}
      </div>
      <div role="cell" className="whitespace-nowrap text-xs text-zinc-600 dark:text-zinc-400">
        <Time ms={job.updatedAtMs} now={now} past />
      </div>
      <div
        role="cell"
        className="min-w-0 text-xs"
        title={
          preview
            ? `delivery: ${preview.label}${preview.detail !== preview.label ? ` (${preview.detail})` : ''}`
            : undefined
        }
      >
        <p className="truncate font-mono">{job.sessionTarget}</p>
        <p className="truncate text-zinc-500 dark:text-zinc-400">
          <span className="sr-only">agent </span>
          {job.agentId ?? job.effectiveAgentId ?? 'default agent'}
        </p>
      </div>
      <div
        role="cell"
        className={`text-right tabular-nums ${errors > 0 ? 'font-semibold text-red-700 dark:text-red-400' : 'text-zinc-400 dark:text-zinc-600'}`}
        title={job.state?.lastError}
      >
        {errors}
      </div>
      <div role="cell" className="relative z-10">
        <EnabledSwitch job={job} canAdmin={canAdmin} report={report} />
      </div>
      <div role="cell" className="relative z-10 flex items-center justify-end gap-1">
        <RunNowButton job={job} canAdmin={canAdmin} />
        <RemoveButton job={job} canAdmin={canAdmin} onRequest={onRemove} />
      </div>
    </div>
  );
});
