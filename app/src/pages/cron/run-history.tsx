import { Fragment, useMemo, useState } from 'react';
import { Link } from '../../lib/router';
import { formatInstant } from '../../lib/schedule';
import { useCronList, useCronRuns, type CronRunEntry, type RunsScope } from '../../queries/cron';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { EmptyState, ErrorPanel, Skeleton } from '../../ui/states';
import { Duration, StatusBadge, Time, useNow } from './parts';

/** Run history, newest first, 50 at a time. Everything the gateway sent is rendered as text. */
export function RunHistory({ scope }: { scope: RunsScope }) {
  const runs = useCronRuns(scope);
  const now = useNow();
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const all = scope.scope === 'all';
  // Shown names (displayName) come from the job list, which the list page has already loaded.
  const list = useCronList({}, { enabled: all });
  const names = useMemo(
    () => new Map((list.data?.jobs ?? []).map((j) => [j.id, j.displayName ?? j.name])),
    [list.data],
  );

  if (runs.isPending && runs.fetchStatus === 'idle')
    return <EmptyState title="Run history appears once the gateway session is ready" />;
  if (runs.isPending) return <Skeleton rows={4} />;
  if (runs.isError)
    return <ErrorPanel error={runs.error} what="read the run history" onRetry={() => void runs.refetch()} />;

  const entries = runs.data.pages.flatMap((p) => p.entries ?? []);
  const total = runs.data.pages.at(-1)?.total ?? entries.length;
  if (entries.length === 0) {
    return (
      <EmptyState title="No runs yet">
        {all
          ? 'Runs appear here when a job fires or someone presses “Run now”.'
          : 'This job has not run yet. Press “Run now” to try it.'}
      </EmptyState>
    );
  }

  const toggle = (key: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const cols = all ? 8 : 7;

  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[760px] text-sm" aria-label={all ? 'Run history, all jobs' : 'Run history'}>
          <thead>
            <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
              <th className="py-2 pr-3 font-medium">When</th>
              {all && <th className="px-3 py-2 font-medium">Job</th>}
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Completion</th>
              <th className="px-3 py-2 font-medium">Duration</th>
              <th className="px-3 py-2 font-medium">Summary</th>
              <th className="px-3 py-2 font-medium">Delivery</th>
              <th className="py-2 pl-3 text-right font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => {
              const key = `${e.runId ?? e.ts}:${i}`;
              const expanded = open.has(key);
              const detailsId = `run-details-${i}`;
              const text = e.error || e.summary || '';
              return (
                <Fragment key={key}>
                  <tr className="border-b border-zinc-100 align-middle last:border-0 dark:border-zinc-800/60">
                    <td className="whitespace-nowrap py-2 pr-3">
                      <Time ms={e.runAtMs ?? e.ts} now={now} past />
                    </td>
                    {all && (
                      <td className="max-w-48 truncate px-3 py-2">
                        {names.has(e.jobId) || !list.data ? (
                          <Link
                            to={`/cron/${encodeURIComponent(e.jobId)}`}
                            className="text-teal-700 hover:underline dark:text-teal-400"
                            title={e.jobId}
                          >
                            {names.get(e.jobId) ?? e.jobName ?? e.jobId}
                          </Link>
                        ) : (
                          <span
                            className="flex items-center gap-1.5 text-zinc-500"
                            title={`${e.jobId} (no longer on the gateway)`}
                          >
                            <span className="truncate">{e.jobName ?? e.jobId.slice(0, 8)}</span>
                            <Badge tone="neutral">removed</Badge>
                          </span>
                        )}
                      </td>
                    )}
                    <td className="px-3 py-2">
                      <StatusBadge status={e.status ?? 'unknown'} />
                    </td>
                    <td className="px-3 py-2 text-xs text-zinc-600 dark:text-zinc-400">{e.completionStatus ?? '–'}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <Duration ms={e.durationMs} />
                    </td>
                    <td className={`max-w-[28rem] px-3 py-2 ${e.error ? 'text-red-700 dark:text-red-300' : ''}`}>
                      <span className="line-clamp-2 break-words" title={text}>
                        {text || <span className="text-zinc-400">–</span>}
                      </span>
                    </td>
                    <td className="px-3 py-2 text-xs">
                      {e.deliveryStatus ? <DeliveryBadge status={e.deliveryStatus} /> : '–'}
                    </td>
                    <td className="py-2 pl-3 text-right">
                      <Button
                        variant="ghost"
                        className="px-2 py-0.5 text-xs"
                        aria-expanded={expanded}
                        aria-controls={detailsId}
                        onClick={() => toggle(key)}
                      >
                        {expanded ? 'Hide' : 'Show'}
                        {e.diagnostics?.entries?.length ? ` (${e.diagnostics.entries.length})` : ''}
                      </Button>
                    </td>
                  </tr>
                  {expanded && (
                    <tr id={detailsId} className="border-b border-zinc-100 dark:border-zinc-800/60">
                      <td colSpan={cols} className="bg-zinc-50 px-3 py-3 dark:bg-zinc-950/60">
                        <RunDetails entry={e} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
        <span>
          Showing {entries.length} of {total} runs
        </span>
        {runs.hasNextPage && (
          <Button onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
            {runs.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        )}
        {runs.isFetchNextPageError && (
          <span className="text-red-700 dark:text-red-400">Could not load more; try again.</span>
        )}
      </div>
    </div>
  );
}

function DeliveryBadge({ status }: { status: string }) {
  const tone = status === 'delivered' ? 'good' : status === 'not-delivered' ? 'bad' : 'neutral';
  return <Badge tone={tone}>{status}</Badge>;
}

function RunDetails({ entry: e }: { entry: CronRunEntry }) {
  const facts: [string, string | undefined][] = [
    ['Run id', e.runId],
    [
      'Started',
      typeof e.runAtMs === 'number' ? formatInstant(e.runAtMs, undefined, { seconds: true, weekday: true }) : undefined,
    ],
    ['Logged', formatInstant(e.ts, undefined, { seconds: true })],
    ['Model', e.model],
    ['Delivery error', e.deliveryError],
    [
      'Next run',
      typeof e.nextRunAtMs === 'number' ? formatInstant(e.nextRunAtMs, undefined, { weekday: true }) : undefined,
    ],
  ];
  const diag = e.diagnostics;
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <Fragment key={k}>
              <dt className="text-zinc-500">{k}</dt>
              <dd className="break-all font-mono text-xs leading-5">{v}</dd>
            </Fragment>
          ))}
      </dl>
      {(e.summary || e.error) && (
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">{e.error ? 'Error' : 'Summary'}</p>
          <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded border border-zinc-200 bg-white p-2 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
            {e.error ? `${e.error}${e.summary ? `\n\n${e.summary}` : ''}` : e.summary}
          </pre>
        </div>
      )}
      <div>
        <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Diagnostics</p>
        {diag?.summary && <p className="mt-1">{diag.summary}</p>}
        {diag?.entries?.length ? (
          <ol className="mt-1 space-y-1">
            {diag.entries.map((d, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-2 font-mono text-xs">
                <span className="text-zinc-500">{formatInstant(d.ts, undefined, { seconds: true })}</span>
                <Badge tone={d.severity === 'error' ? 'bad' : d.severity === 'warn' ? 'warn' : 'neutral'}>
                  {d.severity}
                </Badge>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {d.source}
                  {d.toolName ? `/${d.toolName}` : ''}
                </span>
                {typeof d.exitCode === 'number' && <span>exit {d.exitCode}</span>}
                <span className="basis-full whitespace-pre-wrap break-words text-zinc-800 dark:text-zinc-200">
                  {d.message}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-zinc-500">None recorded.</p>
        )}
      </div>
    </div>
  );
}
