import { useCallback, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useCan, useStatus } from '../../lib/gateway-context';
import { Link, navigate, useSearchParam } from '../../lib/router';
import { formatInstant } from '../../lib/schedule';
import { describeMutationError, useCronList, useCronStatus } from '../../queries/cron';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { EmptyState, ErrorPanel, Skeleton } from '../../ui/states';
import { useRemoveDialog, type Report } from './job-actions';
import { JobsTable } from './jobs-table';
import { Tabs } from '../../ui/tabs';
import { filterJobs, readFilters, readSort, sortJobs, type ListFilters, type SortKey } from './list-model';
import { ADMIN, InlineAlert, NEEDS_ADMIN, NeedsAdminNote, Time, inputClass, useNow } from './parts';
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
  const now = useNow();
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

function JobsPanel({ canAdmin }: { canAdmin: boolean }) {
  const list = useCronList();
  const now = useNow();
  const [enabledP, setEnabled] = useSearchParam('enabled');
  const [kindP, setKind] = useSearchParam('kind');
  const [statusP, setStatusFilter] = useSearchParam('status');
  const [qP, setQ] = useSearchParam('q');
  const [sortP, setSort] = useSearchParam('sort');
  const [dirP, setDir] = useSearchParam('dir');
  const filters = readFilters({ enabled: enabledP, kind: kindP, status: statusP, q: qP });
  const sort = readSort(sortP, dirP);
  const deferredQ = useDeferredValue(filters.q);

  const [notices, setNotices] = useState<Notice[]>([]);
  const report = useCallback<Report>((title, error) => {
    setNotices((n) => [
      ...n.slice(-4),
      { id: Date.now() + Math.random(), title, message: describeMutationError(error) },
    ]);
  }, []);
  const removeDialog = useRemoveDialog();
  const onRemove = removeDialog.ask;

  const shown = useMemo(() => {
    if (!list.data) return [];
    return sortJobs(filterJobs(list.data.jobs, { ...filters, q: deferredQ }), sort.key, sort.dir);
  }, [list.data, filters.enabled, filters.kind, filters.status, deferredQ, sort.key, sort.dir]);

  const onSort = useCallback(
    (key: SortKey) => {
      if (key === sort.key) setDir(sort.dir === 'asc' ? 'desc' : 'asc');
      else {
        setSort(key);
        setDir(key === 'last' ? 'desc' : 'asc');
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

  const total = list.data.jobs.length;
  const filtered = filters.enabled !== 'all' || filters.kind !== 'all' || filters.status !== 'all' || filters.q !== '';
  const clear = () => {
    setEnabled(null);
    setKind(null);
    setStatusFilter(null);
    setQ(null);
  };

  if (total === 0) {
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
      <FilterBar
        filters={filters}
        onEnabled={(v) => setEnabled(v === 'all' ? null : v)}
        onKind={(v) => setKind(v === 'all' ? null : v)}
        onStatus={(v) => setStatusFilter(v === 'all' ? null : v)}
        onQ={(v) => setQ(v || null)}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p aria-live="polite">
          {filtered ? `${shown.length} of ${total} jobs match` : `${total} ${total === 1 ? 'job' : 'jobs'}`}
          {list.isFetching && <span className="ml-2 text-xs text-zinc-400">refreshing…</span>}
        </p>
        {filtered && (
          <button type="button" onClick={clear} className="text-sm underline underline-offset-2">
            Clear filters
          </button>
        )}
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
          report={report}
          onRemove={onRemove}
          previews={list.data.deliveryPreviews}
        />
      )}
      {removeDialog.element}
    </div>
  );
}

function FilterBar({
  filters,
  onEnabled,
  onKind,
  onStatus,
  onQ,
}: {
  filters: ListFilters;
  onEnabled: (v: string) => void;
  onKind: (v: string) => void;
  onStatus: (v: string) => void;
  onQ: (v: string) => void;
}) {
  const select = `${inputClass} w-auto pr-8`;
  return (
    <div role="search" className="flex flex-wrap items-end gap-3">
      <label className="min-w-56 flex-1 text-sm">
        <span className="mb-1 block font-medium">Search</span>
        <input
          type="search"
          value={filters.q}
          onChange={(e) => onQ(e.target.value)}
          placeholder="Name, id, expression, agent…"
          className={inputClass}
        />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Enabled</span>
        <select value={filters.enabled} onChange={(e) => onEnabled(e.target.value)} className={select}>
          <option value="all">All</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Schedule</span>
        <select value={filters.kind} onChange={(e) => onKind(e.target.value)} className={select}>
          <option value="all">Any kind</option>
          <option value="cron">Cron expression</option>
          <option value="every">Every N</option>
          <option value="at">Once at</option>
          <option value="on-exit">On exit</option>
          <option value="stream">Stream</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Last run</span>
        <select value={filters.status} onChange={(e) => onStatus(e.target.value)} className={select}>
          <option value="all">Any status</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
          <option value="skipped">skipped</option>
          <option value="never">never run</option>
        </select>
      </label>
    </div>
  );
}
