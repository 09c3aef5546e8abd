import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useCan, useStatus } from '../../lib/gateway-context';
import { Link, navigate, useSearchParam } from '../../lib/router';
import { formatInstant } from '../../lib/schedule';
import type { QueryClient } from '@tanstack/react-query';
import type { Gateway } from '../../session/gateway';
import { cronFeatures, cronQueries, useCronFeatures, useCronList, useCronStatus } from '../../queries/cron';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { EmptyState, ErrorPanel, Skeleton } from '../../ui/states';
import { describeToggleError, useRemoveDialog, type Report } from './job-actions';
import { JobsTable } from './jobs-table';
import { Tabs } from '../../ui/tabs';
import { FilterBar, useDebounced, type FilterSetters } from './list-filters';
import {
  countFailing,
  filterJobs,
  gatewayFilters,
  isFiltered,
  readFilters,
  readSort,
  sortJobs,
  type SortKey,
} from './list-model';
import { ADMIN, InlineAlert, NEEDS_ADMIN, NeedsAdminNote, Spinner, Time, useNow } from './parts';
import { useLabelClock } from '../../lib/use-now';
import { RunHistory } from './run-history';

const CONNECTION_WORDS: Record<string, string> = {
  idle: 'not started',
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  unreachable: 'not reachable',
  'pairing-required': 'waiting for this device to be approved',
  failed: 'refused',
};

const CRON_TABS = [
  ['jobs', 'Jobs'],
  ['history', 'Run history'],
] as const;

/** The reads this page starts with, begun at hello-ok or on the click that opens it (see routes.ts). */
export function prefetch(gw: Gateway, qc: QueryClient, search: URLSearchParams) {
  if (search.get('tab') === 'history') return;
  const filters = readFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k)])));
  const { agentAndTrigger } = cronFeatures(gw.hello()?.protocol);
  void qc.prefetchQuery(cronQueries.list(gw, gatewayFilters(filters, filters.q, agentAndTrigger)));
  void qc.prefetchQuery(cronQueries.status(gw));
}

export function CronPage() {
  const [tab, setTab] = useSearchParam('tab');
  const canAdmin = useCan(ADMIN);
  const connection = useStatus();
  const active = tab === 'history' ? 'history' : 'jobs';

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Cron</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Scheduled jobs on this gateway: when they run, how the last run went, and their history.
          </p>
        </div>
        <Button
          variant="primary"
          onClick={() => navigate('/cron/new')}
          disabled={!canAdmin}
          title={canAdmin ? 'Create a cron job' : NEEDS_ADMIN}
        >
          <span aria-hidden className="text-base leading-none">
            +
          </span>{' '}
          New job
        </Button>
      </header>
      {connection !== 'ready' && (
        <InlineAlert tone="warn" title="Not connected">
          The gateway connection is {CONNECTION_WORDS[connection] ?? connection}.{' '}
          <Link to="/" className="underline">
            Open the Session page
          </Link>{' '}
          to connect; jobs load once it is ready.
        </InlineAlert>
      )}
      {connection === 'ready' && !canAdmin && <NeedsAdminNote />}
      <SchedulerStatus />
      <Tabs label="Cron views" tabs={CRON_TABS} active={active} onSelect={(key) => setTab(key === 'jobs' ? null : key)}>
        {active === 'jobs' ? (
          <JobsPanel canAdmin={canAdmin} />
        ) : (
          <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <RunHistory scope={{ scope: 'all' }} />
          </div>
        )}
      </Tabs>
    </div>
  );
}

function SchedulerStatus() {
  const status = useCronStatus();
  const wakeAt = status.data?.nextWakeAtMs;
  const now = useLabelClock(
    useMemo(() => [wakeAt], [wakeAt]),
    15_000,
  );
  if (status.isPending && status.fetchStatus === 'idle') {
    return (
      <section
        aria-label="Scheduler"
        className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700"
      >
        Scheduler status appears once the gateway session is ready.
      </section>
    );
  }
  if (status.isPending) {
    return (
      <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <Skeleton rows={1} />
      </div>
    );
  }
  if (status.isError)
    return <ErrorPanel error={status.error} what="read the scheduler status" onRetry={() => void status.refetch()} />;
  const s = status.data;
  const wake = typeof s.nextWakeAtMs === 'number' ? s.nextWakeAtMs : null;
  return (
    <section
      aria-label="Scheduler"
      className="grid gap-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <Stat label="Scheduler">
        <Badge tone={s.enabled ? 'good' : 'warn'}>{s.enabled ? 'enabled' : 'disabled'}</Badge>
        {s.triggersEnabled === false && (
          <Badge
            tone="neutral"
            title="cron.triggers.enabled is false: stream schedules, condition triggers and script payloads are off"
          >
            triggers off
          </Badge>
        )}
      </Stat>
      <Stat label="Jobs">
        <span className="text-xl font-semibold tabular-nums">{s.jobs}</span>
      </Stat>
      <Stat label="Next wake">
        {wake ? (
          <span className="flex flex-col">
            <Time ms={wake} now={now} future className="text-xl font-semibold" />
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {formatInstant(wake, undefined, { seconds: true, weekday: true })}
            </span>
          </span>
        ) : (
          <span className="text-zinc-500">nothing scheduled</span>
        )}
      </Stat>
      <Stat label="Storage">
        <span className="text-sm text-zinc-700 dark:text-zinc-300">{s.storage ?? '–'}</span>
      </Stat>
    </section>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2">{children}</div>
    </div>
  );
}

type Notice = { id: number; title: string; message: string };

const FILTER_KEYS = ['enabled', 'kind', 'status', 'failing', 'q', 'agent', 'trigger'] as const;

function useListFilters() {
  const params = {
    enabled: useSearchParam('enabled'),
    kind: useSearchParam('kind'),
    status: useSearchParam('status'),
    failing: useSearchParam('failing'),
    q: useSearchParam('q'),
    agent: useSearchParam('agent'),
    trigger: useSearchParam('trigger'),
  };
  const filters = readFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k][0]])));
  const defaults: Record<string, string> = { enabled: 'all', kind: 'all', status: 'all', trigger: 'all' };
  const set = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, (v: string) => params[k][1](v === defaults[k] ? null : v || null)]),
  ) as FilterSetters;
  const clear = () => FILTER_KEYS.forEach((k) => params[k][1](null));
  return { filters, set, clear };
}

function JobsPanel({ canAdmin }: { canAdmin: boolean }) {
  const features = useCronFeatures();
  const { filters, set, clear } = useListFilters();
  const query = useDebounced(filters.q);
  const list = useCronList(gatewayFilters(filters, query, features.agentAndTrigger));
  const now = useNow();
  const [sortP, setSort] = useSearchParam('sort');
  const [dirP, setDir] = useSearchParam('dir');
  const sort = readSort(sortP, dirP);

  const [notices, setNotices] = useState<Notice[]>([]);
  const report = useCallback<Report>((title, error) => {
    setNotices((n) => [...n.slice(-4), { id: Date.now() + Math.random(), title, message: describeToggleError(error) }]);
  }, []);
  const removeDialog = useRemoveDialog();
  const onRemove = removeDialog.ask;

  const complete = list.data?.complete ?? false;
  // Pages render in the gateway's order as they arrive; sorting and filtering wait for the whole set.
  const { enabled, kind, status, failing: onlyFailing } = filters;
  const shown = useMemo(() => {
    if (!list.data) return [];
    if (!list.data.complete) return list.data.jobs;
    const f = { ...readFilters({}), enabled, kind, status, failing: onlyFailing };
    return sortJobs(filterJobs(list.data.jobs, f), sort.key, sort.dir);
  }, [list.data, enabled, kind, status, onlyFailing, sort.key, sort.dir]);
  const failing = useMemo(() => (list.data?.complete ? countFailing(list.data.jobs) : 0), [list.data]);

  const onSort = useCallback(
    (key: SortKey) => {
      if (key === sort.key) setDir(sort.dir === 'asc' ? 'desc' : 'asc');
      else {
        setSort(key);
        setDir(key === 'last' || key === 'updated' ? 'desc' : 'asc');
      }
    },
    [sort.key, sort.dir, setSort, setDir],
  );

  if (list.isPending && list.fetchStatus === 'idle') {
    return <EmptyState title="Jobs appear here once the gateway session is ready" />;
  }
  if (list.isPending) {
    return (
      <div
        className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        data-testid="cron-loading"
      >
        <Skeleton rows={6} />
      </div>
    );
  }
  if (list.isError) return <ErrorPanel error={list.error} what="list cron jobs" onRetry={() => void list.refetch()} />;

  const loaded = list.data.jobs.length;
  const total = list.data.total;
  const filtered = isFiltered(filters);

  if (complete && total === 0 && !filtered) {
    return (
      <EmptyState title="No cron jobs yet">
        <p>Schedule a reminder, a report or a check, and it shows up here.</p>
        <Button
          variant="primary"
          className="mt-3"
          onClick={() => navigate('/cron/new')}
          disabled={!canAdmin}
          title={canAdmin ? undefined : NEEDS_ADMIN}
        >
          New job
        </Button>
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <FilterBar filters={filters} set={set} agentAndTrigger={features.agentAndTrigger} />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p aria-live="polite" data-testid="jobs-count">
          {!complete ? (
            <span className="inline-flex items-center gap-2">
              <Spinner />
              Loading {loaded.toLocaleString('en-US')} of {total.toLocaleString('en-US')} jobs… sorting and filters
              apply once all are in
            </span>
          ) : filtered ? (
            `${shown.length} of ${total} jobs match`
          ) : (
            `${total} ${total === 1 ? 'job' : 'jobs'}`
          )}
          {complete && list.isFetching && (
            <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">refreshing…</span>
          )}
        </p>
        <div className="flex items-center gap-3">
          {complete && (failing > 0 || filters.failing) && (
            <button
              type="button"
              aria-pressed={filters.failing}
              onClick={() => set.failing(filters.failing ? '' : '1')}
              title="Jobs whose last runs failed in a row (consecutive errors)"
              className={`rounded-full border px-2.5 py-0.5 text-xs font-medium ${
                filters.failing
                  ? 'border-red-700 bg-red-700 text-white dark:border-red-500 dark:bg-red-600'
                  : 'border-red-300 bg-red-50 text-red-800 hover:bg-red-100 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200'
              }`}
            >
              {failing} failing
            </button>
          )}
          {filtered && (
            <button type="button" onClick={clear} className="text-sm underline underline-offset-2">
              Clear filters
            </button>
          )}
        </div>
      </div>
      {notices.length > 0 && (
        <div className="space-y-2">
          {notices.map((n) => (
            <InlineAlert
              key={n.id}
              title={n.title}
              onDismiss={() => setNotices((all) => all.filter((x) => x.id !== n.id))}
            >
              {n.message}
            </InlineAlert>
          ))}
        </div>
      )}
      {shown.length === 0 ? (
        <EmptyState title="No job matches these filters">
          <button type="button" onClick={clear} className="underline">
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <JobsTable
          jobs={shown}
          now={now}
          canAdmin={canAdmin}
          sort={sort}
          onSort={onSort}
          sortable={complete}
          report={report}
          onRemove={onRemove}
          previews={list.data.deliveryPreviews}
        />
      )}
      {removeDialog.element}
    </div>
  );
}
