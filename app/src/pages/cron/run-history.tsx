import { Fragment, useMemo, useState } from 'react';
import { Link, useSearchParam } from '../../lib/router';
import {
  useCronFeatures,
  useCronList,
  useCronRuns,
  type CronRunEntry,
  type RunFilters,
  type RunsScope,
} from '../../queries/cron';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { EmptyState, ErrorPanel, Skeleton } from '../../ui/states';
import { useDebounced } from './list-filters';
import { Duration, StatusBadge, Time, inputClass, useNow } from './parts';
import { DeliveryBadge, RunDetails, asText } from './run-details';

/**
 * Run history with the gateway's own filters (status, delivery status, text, order), all in the
 * URL, 50 runs a page. `?run=<runId>` shows one run by its id. Everything the gateway sent is text.
 */

const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | undefined =>
  v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

function useRunFilters() {
  const status = useSearchParam('rstatus');
  const delivery = useSearchParam('rdelivery');
  const q = useSearchParam('rq');
  const order = useSearchParam('rorder');
  const run = useSearchParam('run');
  const filters: RunFilters = {
    status: pick(status[0], ['ok', 'error', 'skipped'] as const),
    deliveryStatus: pick(delivery[0], ['delivered', 'not-delivered', 'unknown', 'not-requested'] as const),
    query: q[0] ?? undefined,
    sortDir: order[0] === 'asc' ? 'asc' : 'desc',
  };
  return {
    filters,
    q: q[0] ?? '',
    runId: run[0],
    set: { status: status[1], delivery: delivery[1], q: q[1], order: order[1], run: run[1] },
  };
}

/** The current URL with `run` set (or cleared): a link to one run that keeps the page and its tab. */
function runHref(runId: string | null) {
  const params = new URLSearchParams(window.location.search);
  if (runId) params.set('run', runId);
  else params.delete('run');
  const qs = params.toString();
  return `${window.location.pathname}${qs ? `?${qs}` : ''}`;
}

export function RunHistory({ scope }: { scope: RunsScope }) {
  const { filters, q, runId, set } = useRunFilters();
  const features = useCronFeatures();
  const query = useDebounced(filters.query);
  if (runId && features.runIds) return <OneRun scope={scope} runId={runId} />;
  return (
    <div className="space-y-3">
      <div role="search" aria-label="Filter runs" className="flex flex-wrap items-end gap-3">
        <label className="min-w-48 flex-1 text-sm">
          <span className="mb-1 block font-medium">Search runs</span>
          <input
            type="search"
            value={q}
            onChange={(e) => set.q(e.target.value || null)}
            placeholder="Summary, error, job…"
            className={inputClass}
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Status</span>
          <select
            value={filters.status ?? 'all'}
            onChange={(e) => set.status(e.target.value === 'all' ? null : e.target.value)}
            className={`${inputClass} w-auto pr-8`}
          >
            <option value="all">Any status</option>
            <option value="ok">ok</option>
            <option value="error">error</option>
            <option value="skipped">skipped</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Delivery</span>
          <select
            value={filters.deliveryStatus ?? 'all'}
            onChange={(e) => set.delivery(e.target.value === 'all' ? null : e.target.value)}
            className={`${inputClass} w-auto pr-8`}
          >
            <option value="all">Any delivery</option>
            <option value="delivered">delivered</option>
            <option value="not-delivered">not delivered</option>
            <option value="not-requested">not requested</option>
            <option value="unknown">unknown</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Order</span>
          <select
            value={filters.sortDir}
            onChange={(e) => set.order(e.target.value === 'desc' ? null : e.target.value)}
            className={`${inputClass} w-auto pr-8`}
          >
            <option value="desc">Newest first</option>
            <option value="asc">Oldest first</option>
          </select>
        </label>
      </div>
      {!features.runIds && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="runs-note">
          This gateway (protocol 3) gives runs no id, so links to a single run are hidden.
        </p>
      )}
      <RunTable scope={scope} filters={{ ...filters, query }} />
    </div>
  );
}

function OneRun({ scope, runId }: { scope: RunsScope; runId: string }) {
  const runs = useCronRuns(scope, { runId });
  const back = (
    <Link to={runHref(null)} className="text-sm text-teal-700 underline underline-offset-2 dark:text-teal-400">
      All runs
    </Link>
  );
  if (runs.isPending && runs.fetchStatus === 'idle')
    return <EmptyState title="This run loads once the gateway session is ready" />;
  if (runs.isPending) return <Skeleton rows={4} />;
  if (runs.isError) return <ErrorPanel error={runs.error} what="read this run" onRetry={() => void runs.refetch()} />;
  const entry = runs.data.pages[0]?.entries?.find((e) => e.runId === runId);
  if (!entry) {
    return (
      <EmptyState title="No run with this id in the history">
        <p className="break-all font-mono text-xs">{runId}</p>
        <p className="mt-2">{back}</p>
      </EmptyState>
    );
  }
  return (
    <section aria-label="Run" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="flex flex-wrap items-center gap-2 font-medium">
          Run <StatusBadge status={entry.status ?? 'unknown'} />
          <Duration ms={entry.durationMs} />
          {scope.scope === 'all' && (
            <Link to={`/cron/${encodeURIComponent(entry.jobId)}`} className="text-sm text-teal-700 hover:underline">
              {asText(entry.jobName ?? entry.jobId)}
            </Link>
          )}
        </h3>
        {back}
      </div>
      <RunDetails entry={entry} />
    </section>
  );
}

function RunTable({ scope, filters }: { scope: RunsScope; filters: RunFilters }) {
  const runs = useCronRuns(scope, filters);
  const features = useCronFeatures();
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
  const filtered = Boolean(filters.status || filters.deliveryStatus || filters.query);
  if (entries.length === 0) {
    return (
      <EmptyState title={filtered ? 'No run matches these filters' : 'No runs yet'}>
        {filtered
          ? 'Change or clear the filters above.'
          : all
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
  const runLink = (e: CronRunEntry) =>
    e.runId && features.runIds ? (
      <Link to={runHref(e.runId)} className="text-teal-700 underline underline-offset-2 dark:text-teal-400">
        {e.runId}
      </Link>
    ) : undefined;

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
              const text = asText(e.error || e.summary || '');
              return (
                <Fragment key={key}>
                  <tr className="border-b border-zinc-100 align-middle last:border-0 dark:border-zinc-800/60">
                    <td className="whitespace-nowrap py-2 pr-3">
                      {e.runId && features.runIds ? (
                        <Link to={runHref(e.runId)} className="hover:underline" title={`Open run ${e.runId}`}>
                          <Time ms={e.runAtMs ?? e.ts} now={now} past />
                        </Link>
                      ) : (
                        <Time ms={e.runAtMs ?? e.ts} now={now} past />
                      )}
                    </td>
                    {all && (
                      <td className="max-w-48 truncate px-3 py-2">
                        {names.has(e.jobId) || !list.data ? (
                          <Link
                            to={`/cron/${encodeURIComponent(e.jobId)}`}
                            className="text-teal-700 hover:underline dark:text-teal-400"
                            title={e.jobId}
                          >
                            {names.get(e.jobId) ?? asText(e.jobName ?? e.jobId)}
                          </Link>
                        ) : (
                          <span
                            className="flex items-center gap-1.5 text-zinc-500"
                            title={`${e.jobId} (no longer on the gateway)`}
                          >
                            <span className="truncate">{asText(e.jobName ?? e.jobId.slice(0, 8))}</span>
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
                        {text || <span className="text-zinc-500 dark:text-zinc-400">–</span>}
                      </span>
                    </td>
                    <td className="px-3 py-2 text-xs">
                      {e.deliveryStatus ? <DeliveryBadge status={e.deliveryStatus} /> : '–'}
                      {e.deliverySuppressionReason && (
                        <span className="mt-0.5 block text-zinc-500" title="Why the gateway did not deliver">
                          {asText(e.deliverySuppressionReason)}
                        </span>
                      )}
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
                        <RunDetails entry={e} link={runLink(e)} />
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
          Showing {entries.length} of {total} {filtered ? 'matching ' : ''}runs
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
