import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '../../lib/router';
import {
  cronQueries,
  describeMutationError,
  failureOf,
  useRemoveCronJob,
  useUpdateCronJob,
  type CronJob,
  type RunMode,
} from '../../queries/cron';
import { Button } from '../../ui/button';
import { Badge } from '../../ui/badge';
import { formatInstant } from '../../lib/schedule';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Duration, InlineAlert, NEEDS_ADMIN, Spinner, StatusBadge, Switch, isSystemJob, jobTitle } from './parts';
import { useRunNow, type RunFollow } from './run-tracker';

/** Row and page actions on one job: enable/disable, run now, run if due, clone, remove. */

export type Report = (title: string, error: unknown) => void;

const SYSTEM_NOTE = 'system-owned: the gateway refuses changes from clients';

/** Why a switch flip was refused because the job moved on; the job is re-read so the next flip is informed. */
export const CHANGED_NOTE =
  'Someone else changed this job since this page read it, so the gateway refused the switch and nothing was changed. The job has been re-read: check it, then flip the switch again if you still want to.';

export function describeToggleError(error: unknown): string {
  return failureOf(error).detailCode === 'CRON_JOB_CHANGED' ? CHANGED_NOTE : describeMutationError(error);
}

/**
 * The enable switch sends only `enabled`, guarded by the revision it was shown with, so it can
 * never undo an edit made meanwhile (CRON_JOB_CHANGED instead, then a re-read).
 */
export function EnabledSwitch({ job, canAdmin, report }: { job: CronJob; canAdmin: boolean; report: Report }) {
  const update = useUpdateCronJob();
  const qc = useQueryClient();
  const system = isSystemJob(job);
  // While the gateway answers, show the state asked for.
  const shown = update.isPending ? Boolean(update.variables?.patch.enabled) : job.enabled;
  const reason = !canAdmin ? NEEDS_ADMIN : system ? SYSTEM_NOTE : undefined;
  return (
    <Switch
      checked={shown}
      label={`${shown ? 'Disable' : 'Enable'} ${jobTitle(job)}`}
      title={reason ?? (shown ? 'Enabled: click to disable' : 'Disabled: click to enable')}
      disabled={Boolean(reason)}
      pending={update.isPending}
      onChange={(enabled) =>
        update.mutate(
          {
            id: job.id,
            patch: { enabled },
            expectedConfigRevision: job.configRevision,
          },
          {
            onError: (error) => {
              if (failureOf(error).detailCode === 'CRON_JOB_CHANGED') {
                void qc.invalidateQueries({ queryKey: cronQueries.all() });
              }
              report(`Could not ${enabled ? 'enable' : 'disable'} “${jobTitle(job)}”`, error);
            },
          },
        )
      }
    />
  );
}

const RUN_WORDS: Record<RunMode, { label: string; title: string; busy: string }> = {
  force: { label: 'Run now', title: 'Run this job now, whatever its schedule says', busy: 'Running…' },
  due: {
    label: 'Run if due',
    title:
      'Run only if the schedule says the job is due now (what the scheduler itself would do); otherwise nothing runs',
    busy: 'Checking…',
  },
};

export function RunNowButton({
  job,
  canAdmin,
  size = 'sm',
  mode = 'force',
}: {
  job: CronJob;
  canAdmin: boolean;
  size?: 'sm' | 'md';
  mode?: RunMode;
}) {
  const { follow, start } = useRunNow(job.id);
  const busy = follow?.phase === 'starting' || follow?.phase === 'running';
  const words = RUN_WORDS[mode];
  const mine = busy && follow?.mode === mode;
  return (
    <Button
      onClick={() => start(mode)}
      disabled={!canAdmin || busy}
      title={!canAdmin ? NEEDS_ADMIN : busy ? 'A run is in progress' : words.title}
      aria-label={`${words.label}: ${jobTitle(job)}`}
      className={`whitespace-nowrap ${size === 'sm' ? 'gap-1.5 px-2 py-1 text-xs' : ''}`}
    >
      {mine ? (
        <Spinner />
      ) : (
        <span aria-hidden className="text-[0.7em]">
          {mode === 'force' ? '▶' : '⏵?'}
        </span>
      )}
      {mine ? words.busy : words.label}
    </Button>
  );
}

/** A new job prefilled from this one (the form reads `?from=`). */
export function CloneLink({ job, canAdmin }: { job: CronJob; canAdmin: boolean }) {
  const name = jobTitle(job);
  if (!canAdmin) {
    return (
      <Button disabled title={NEEDS_ADMIN} aria-label={`Clone ${name}`}>
        Clone
      </Button>
    );
  }
  return (
    <Link
      to={`/cron/new?from=${encodeURIComponent(job.id)}`}
      aria-label={`Clone ${name}`}
      title="Start a new job with this one's settings"
      className="inline-flex items-center justify-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 shadow-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
    >
      Clone
    </Link>
  );
}

/** What happened to the last "Run now": running…, then status, duration and summary. */
export function RunFollowView({
  follow,
  compact,
  onDismiss,
}: {
  follow: RunFollow;
  compact?: boolean;
  onDismiss?: () => void;
}) {
  switch (follow.phase) {
    case 'starting':
    case 'running':
      return (
        <span className="inline-flex items-center gap-1.5 text-xs text-sky-700 dark:text-sky-300" role="status">
          <Spinner />{' '}
          {follow.phase === 'running' ? 'running…' : follow.mode === 'due' ? 'checking if due…' : 'starting…'}
        </span>
      );
    case 'done': {
      const e = follow.entry;
      const text = e.error || e.summary || '';
      if (compact) {
        return (
          <span
            className="flex min-w-0 items-center gap-1.5"
            role="status"
            title={`Manual run ${follow.runId}${text ? `\n${text}` : ''}`}
          >
            <StatusBadge status={e.status ?? 'unknown'} />
            <Duration ms={e.durationMs} />
            <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">{text || 'manual run'}</span>
          </span>
        );
      }
      return (
        <InlineAlert
          tone={e.status === 'ok' ? 'good' : e.status === 'skipped' ? 'warn' : 'bad'}
          onDismiss={onDismiss}
          title={
            <>
              {follow.mode === 'due' ? 'Due run' : 'Manual run'} finished: {e.status ?? 'unknown'}
              {e.completionStatus ? ` (${e.completionStatus})` : ''}
              {typeof e.durationMs === 'number' && (
                <>
                  {' '}
                  in <Duration ms={e.durationMs} />
                </>
              )}
            </>
          }
        >
          {text && <p className="whitespace-pre-wrap">{text}</p>}
          <p className="mt-1 font-mono text-xs opacity-70">{follow.runId}</p>
        </InlineAlert>
      );
    }
    case 'not-run': {
      const notDue = follow.reason === 'not-due';
      return compact ? (
        <Badge tone={notDue ? 'neutral' : 'warn'} title={follow.reason}>
          {notDue ? 'not due: nothing ran' : `not run: ${follow.reason}`}
        </Badge>
      ) : (
        <InlineAlert
          tone="warn"
          onDismiss={onDismiss}
          title={notDue ? 'Not due yet: nothing ran' : 'The gateway did not start a run'}
        >
          {notDue
            ? 'The schedule says this job is not due now, so “Run if due” left it alone. “Run now” runs it anyway.'
            : `Reason: ${follow.reason}`}
        </InlineAlert>
      );
    }
    case 'failed': {
      const message = describeMutationError(follow.error);
      return compact ? (
        <span className="flex min-w-0 items-center gap-1.5" role="alert" title={message}>
          <Badge tone="bad">run failed</Badge>
          <span className="truncate text-xs text-red-700 dark:text-red-300">{message}</span>
        </span>
      ) : (
        <InlineAlert onDismiss={onDismiss} title="Could not start the run">
          {message}
        </InlineAlert>
      );
    }
    case 'lost':
      return compact ? (
        <Badge tone="warn" title={`No result for ${follow.runId} after 15 min`}>
          no result yet
        </Badge>
      ) : (
        <InlineAlert tone="warn" onDismiss={onDismiss} title="Still no result after 15 minutes">
          Run {follow.runId} started at {formatInstant(follow.startedAt)}; check the history below.
        </InlineAlert>
      );
  }
}

export function RunFollowFor({ jobId, compact }: { jobId: string; compact?: boolean }) {
  const { follow, dismiss } = useRunNow(jobId);
  return follow ? <RunFollowView follow={follow} compact={compact} onDismiss={dismiss} /> : null;
}

export function RemoveButton({
  job,
  canAdmin,
  size = 'sm',
  onRequest,
}: {
  job: CronJob;
  canAdmin: boolean;
  size?: 'sm' | 'md';
  onRequest: (job: CronJob) => void;
}) {
  const reason = !canAdmin ? NEEDS_ADMIN : isSystemJob(job) ? SYSTEM_NOTE : undefined;
  const name = jobTitle(job);
  return (
    <Button
      variant="ghost"
      onClick={() => onRequest(job)}
      disabled={Boolean(reason)}
      title={reason ?? `Remove ${name}`}
      aria-label={`Remove ${name}`}
      className={`whitespace-nowrap text-red-700 hover:bg-red-50 disabled:text-zinc-400 dark:text-red-400 dark:hover:bg-red-950 dark:disabled:text-zinc-600 ${size === 'sm' ? 'px-2 py-1 text-xs' : ''}`}
    >
      Remove
    </Button>
  );
}

/**
 * One confirmation dialog per page (not per row: a virtualised row can unmount while its
 * dialog is open). `ask(job)` opens it; the dialog names the job and keeps errors in place.
 */
export function useRemoveDialog(onRemoved?: (job: CronJob) => void) {
  const [job, setJob] = useState<CronJob | null>(null);
  const remove = useRemoveCronJob();
  const name = job ? jobTitle(job) : '';
  const element = (
    <ConfirmDialog
      open={job !== null}
      title={`Remove “${name}”?`}
      confirmLabel="Remove job"
      pendingLabel="Removing…"
      pending={remove.isPending}
      onCancel={() => setJob(null)}
      onConfirm={() => {
        if (!job || remove.isPending) return;
        remove.mutate(job.id, {
          onSuccess: () => {
            setJob(null);
            onRemoved?.(job);
          },
        });
      }}
      error={
        remove.isError ? (
          <InlineAlert title="The gateway did not remove it">{describeMutationError(remove.error)}</InlineAlert>
        ) : undefined
      }
    >
      {job && (
        <p>
          The job <strong className="font-semibold">{name}</strong>{' '}
          <span className="break-all font-mono text-xs">({job.id})</span> stops running and is deleted from the gateway.
          Its run history is kept.
        </p>
      )}
    </ConfirmDialog>
  );
  return {
    ask: (j: CronJob) => {
      remove.reset();
      setJob(j);
    },
    element,
  };
}
