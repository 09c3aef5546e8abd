import { useCallback, useState, type ReactNode } from 'react';
import { useCan } from '../../lib/gateway-context';
import { Link, navigate, useSearchParam } from '../../lib/router';
import { describeSchedule, formatInstant } from '../../lib/schedule';
import { failureOf, useCronJob, type CronJob } from '../../queries/cron';
import { Badge } from '../../ui/badge';
import { EmptyState, ErrorPanel, Skeleton } from '../../ui/states';
import { Tabs } from '../../ui/tabs';
import {
  CloneLink,
  EnabledSwitch,
  RemoveButton,
  RunFollowFor,
  RunNowButton,
  describeToggleError,
  useRemoveDialog,
  type Report,
} from './job-actions';
import { AllFields, JobSummary } from './job-summary';
import { JobForm } from './job-form';
import { NewJobForm } from './form/new-job-form';
import {
  ADMIN,
  Duration,
  InlineAlert,
  StatusBadge,
  SystemBadge,
  Time,
  jobTitle,
  lastStatus,
  nextRunAt,
  useNow,
} from './parts';
import { RunHistory } from './run-history';

export function CronJobPage({ id }: { id: string | null }) {
  return id === null ? <NewJob /> : <ExistingJob id={id} />;
}

function Crumbs({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
      <Link to="/cron" className="hover:text-zinc-900 hover:underline dark:hover:text-white">
        Cron
      </Link>
      <span aria-hidden className="mx-2">
        /
      </span>
      <span aria-current="page" className="text-zinc-700 dark:text-zinc-300">
        {current}
      </span>
    </nav>
  );
}

function NewJob() {
  return (
    <div className="space-y-4">
      <Crumbs current="New job" />
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">New cron job</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Pick when it runs, what it does and where the result goes. The preview shows the next runs as the gateway will
          compute them.
        </p>
      </header>
      <NewJobForm />
    </div>
  );
}

function ExistingJob({ id }: { id: string }) {
  const job = useCronJob(id);
  if (job.isPending && job.fetchStatus === 'idle') {
    return (
      <div className="space-y-4">
        <Crumbs current={id} />
        <h1 className="sr-only">Cron job {id}</h1>
        <EmptyState title="This job loads once the gateway session is ready">
          <Link to="/" className="underline">
            Open the Session page
          </Link>{' '}
          to connect.
        </EmptyState>
      </div>
    );
  }
  if (job.isPending) {
    return (
      <div className="space-y-4">
        <Crumbs current={id} />
        <h1 className="sr-only">Cron job {id}</h1>
        <Skeleton rows={8} />
      </div>
    );
  }
  if (job.isError) {
    const f = failureOf(job.error);
    const gone = f.detailCode === 'CRON_JOB_NOT_FOUND' || /not found/i.test(f.message);
    return (
      <div className="space-y-4">
        <Crumbs current={id} />
        <h1 className="sr-only">Cron job {id}</h1>
        {gone ? (
          <EmptyState title="This cron job does not exist (any more)">
            <p>
              The gateway has no job <span className="font-mono">{id}</span>. It may have been removed, or it was a
              one-shot job that ran and deleted itself.
            </p>
            <Link to="/cron" className="mt-2 inline-block underline">
              Back to all jobs
            </Link>
          </EmptyState>
        ) : (
          <ErrorPanel error={job.error} what="load this cron job" onRetry={() => void job.refetch()} />
        )}
      </div>
    );
  }
  return <JobView job={job.data} />;
}

type Notice = { id: number; title: string; message: string };

const JOB_TABS = [
  ['settings', 'Settings'],
  ['history', 'Run history'],
  ['fields', 'All fields'],
] as const;

function JobView({ job }: { job: CronJob }) {
  const canAdmin = useCan(ADMIN);
  const now = useNow();
  const [view, setView] = useSearchParam('view');
  const active = view === 'history' || view === 'fields' ? view : 'settings';
  const [notices, setNotices] = useState<Notice[]>([]);
  const report = useCallback<Report>((title, error) => {
    setNotices((n) => [...n.slice(-2), { id: Date.now() + Math.random(), title, message: describeToggleError(error) }]);
  }, []);
  const removeDialog = useRemoveDialog(() => navigate('/cron'));
  const title = jobTitle(job);
  const status = lastStatus(job);
  const s = job.schedule as { kind: string; tz?: string };

  return (
    <div className="space-y-5">
      <Crumbs current={title} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="truncate text-2xl font-semibold tracking-tight">{title}</h1>
            <SystemBadge job={job} />
            {!job.enabled && <Badge tone="warn">disabled</Badge>}
            {job.state?.autoDisabled && (
              <Badge
                tone="bad"
                title={`after ${job.state.autoDisabled.consecutiveErrors} consecutive ${job.state.autoDisabled.reason}`}
              >
                auto-disabled
              </Badge>
            )}
          </div>
          {job.description && (
            <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{job.description}</p>
          )}
          <p className="mt-1 font-mono text-xs text-zinc-500">{job.id}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2 text-sm">
            <EnabledSwitch job={job} canAdmin={canAdmin} report={report} />
            {job.enabled ? 'Enabled' : 'Disabled'}
          </label>
          <RunNowButton job={job} canAdmin={canAdmin} size="md" />
          <RunNowButton job={job} canAdmin={canAdmin} size="md" mode="due" />
          <CloneLink job={job} canAdmin={canAdmin} />
          <RemoveButton job={job} canAdmin={canAdmin} size="md" onRequest={removeDialog.ask} />
        </div>
      </header>

      <RunFollowFor jobId={job.id} />
      {notices.map((n) => (
        <InlineAlert key={n.id} title={n.title} onDismiss={() => setNotices((all) => all.filter((x) => x.id !== n.id))}>
          {n.message}
        </InlineAlert>
      ))}

      <section
        aria-label="Job state"
        className="grid gap-x-6 gap-y-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Fact label="Schedule">
          <span>{describeSchedule(job.schedule)}</span>
          {s.kind === 'cron' && <span className="block text-xs text-zinc-500">{s.tz || 'gateway time zone'}</span>}
        </Fact>
        <Fact label="Next run">
          {job.enabled && nextRunAt(job) ? (
            <>
              <Time ms={nextRunAt(job)} now={now} future className="font-medium" />
              <span className="block text-xs text-zinc-500">
                {formatInstant(nextRunAt(job)!, s.tz || undefined, { weekday: true })}
              </span>
            </>
          ) : (
            <span className="text-zinc-500">{job.enabled ? 'none scheduled' : 'disabled'}</span>
          )}
        </Fact>
        <Fact label="Last run">
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={status} />
            <Duration ms={job.state?.lastDurationMs} />
            {typeof job.state?.lastRunAtMs === 'number' && (
              <Time ms={job.state.lastRunAtMs} now={now} past className="text-xs text-zinc-500" />
            )}
          </span>
          {job.state?.lastDeliveryStatus && (
            <span className="mt-0.5 block text-xs text-zinc-500">delivery: {job.state.lastDeliveryStatus}</span>
          )}
        </Fact>
        <Fact label="Consecutive errors">
          <span
            className={`text-lg font-semibold tabular-nums ${(job.state?.consecutiveErrors ?? 0) > 0 ? 'text-red-700 dark:text-red-400' : ''}`}
          >
            {job.state?.consecutiveErrors ?? 0}
          </span>
        </Fact>
        {job.state?.lastError && (
          <div className="sm:col-span-2 lg:col-span-4">
            <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Last error</p>
            <p className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-red-800 dark:text-red-300">
              {job.state.lastError}
            </p>
          </div>
        )}
        <Fact label="Target">
          <span className="font-mono text-xs">{job.sessionTarget}</span>
          <span className="block text-xs text-zinc-500">wake: {job.wakeMode}</span>
        </Fact>
        <Fact label="Agent">
          {job.agentId ?? job.effectiveAgentId ?? <span className="text-zinc-500">default</span>}
        </Fact>
        <Fact label="Created">
          <Time ms={job.createdAtMs} now={now} past />
        </Fact>
        <Fact label="Updated">
          <Time ms={job.updatedAtMs} now={now} past />
          {job.configRevision && (
            <span className="block truncate font-mono text-[11px] text-zinc-500" title={job.configRevision}>
              {job.configRevision.slice(0, 19)}…
            </span>
          )}
        </Fact>
      </section>

      <JobSummary job={job} />

      <Tabs
        label="Job views"
        tabs={JOB_TABS}
        active={active}
        onSelect={(key) => setView(key === 'settings' ? null : key)}
      >
        {/* The form stays mounted (hidden) so switching tabs keeps unsaved edits. */}
        <div hidden={active !== 'settings'}>
          <JobForm key={job.id} job={job} />
        </div>
        {active === 'history' && (
          <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <RunHistory scope={{ scope: 'job', id: job.id }} />
          </div>
        )}
        {active === 'fields' && <AllFields job={job} />}
      </Tabs>
      {removeDialog.element}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0 text-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</p>
      <div className="mt-1">{children}</div>
    </div>
  );
}
