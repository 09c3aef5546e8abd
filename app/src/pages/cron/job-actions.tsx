import { useState } from 'react';
import { describeMutationError, useRemoveCronJob, useUpdateCronJob, type CronJob } from '../../queries/cron';
import { Button } from '../../ui/button';
import { Badge } from '../../ui/badge';
import { formatInstant } from '../../lib/schedule';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Duration, InlineAlert, NEEDS_ADMIN, Spinner, StatusBadge, Switch, isSystemJob, jobTitle } from './parts';
import { useRunNow, type RunFollow } from './run-tracker';

/** Row and page actions on one job: enable/disable, run now, remove. */

export type Report = (title: string, error: unknown) => void;

const SYSTEM_NOTE = 'system-owned: the gateway refuses changes from clients';

export function EnabledSwitch({ job, canAdmin, report }: { job: CronJob; canAdmin: boolean; report: Report }) {
  const update = useUpdateCronJob();
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
          { id: job.id, patch: { enabled }, expectedConfigRevision: job.configRevision },
          { onError: (error) => report(`Could not ${enabled ? 'enable' : 'disable'} “${jobTitle(job)}”`, error) },
        )
      }
    />
  );
}

export function RunNowButton({ job, canAdmin, size = 'sm' }: { job: CronJob; canAdmin: boolean; size?: 'sm' | 'md' }) {
  const { follow, start } = useRunNow(job.id);
  const busy = follow?.phase === 'starting' || follow?.phase === 'running';
  return (
    <Button
      onClick={start}
      disabled={!canAdmin || busy}
      title={!canAdmin ? NEEDS_ADMIN : busy ? 'A run is in progress' : 'Run this job now, whatever its schedule says'}
      aria-label={`Run now: ${jobTitle(job)}`}
      className={`whitespace-nowrap ${size === 'sm' ? 'gap-1.5 px-2 py-1 text-xs' : ''}`}
    >
      {busy ? (
        <Spinner />
      ) : (
        <span aria-hidden className="text-[0.7em]">
          ▶
        </span>
      )}
      {busy ? 'Running…' : 'Run now'}
    </Button>
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
          <Spinner /> {follow.phase === 'starting' ? 'starting…' : 'running…'}
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
              Manual run finished: {e.status ?? 'unknown'}
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
    case 'not-run':
      return compact ? (
        <Badge tone="warn" title={follow.reason}>
          not run: {follow.reason}
        </Badge>
      ) : (
        <InlineAlert tone="warn" onDismiss={onDismiss} title="The gateway did not start a run">
          Reason: {follow.reason}
        </InlineAlert>
      );
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
