import { useNow as useSharedNow } from '../../lib/use-now';
import type { ReactNode } from 'react';
import { Link } from '../../lib/router';
import { formatDuration, formatInstant } from '../../lib/schedule';
import { RelativeTime } from '../../ui/relative-time';
import type { CronJob, RunStatus } from '../../queries/cron';
import { Badge, type Tone } from '../../ui/badge';

/** Small pieces shared by the cron list and job pages. */

export const ADMIN = 'operator.admin';
export const NEEDS_ADMIN = 'needs operator.admin';

export const inputClass =
  'w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-600 dark:disabled:bg-zinc-900 dark:aria-[invalid=true]:border-red-500';

/** A clock for relative labels; one per page, not one per row. */
export const useNow = (intervalMs = 15_000) => useSharedNow(intervalMs);

/** The gateway owns these (heartbeat and skill-review monitors): it refuses edits and removal. */
export function isSystemJob(job: Pick<CronJob, 'declarationKey' | 'payload'>): boolean {
  return job.payload?.kind === 'heartbeat' || /^(heartbeat|skill-collection-review):/.test(job.declarationKey ?? '');
}

export const jobTitle = (job: Pick<CronJob, 'displayName' | 'name'>) => job.displayName ?? job.name;

export function lastStatus(job: CronJob): RunStatus | undefined {
  return job.state?.lastRunStatus ?? job.state?.lastStatus;
}

export function nextRunAt(job: CronJob): number | undefined {
  return job.state?.nextRunAtMs ?? job.nextRunAtMs;
}

/**
 * A relative time with the exact one in its title. `past` marks times that cannot be in the
 * future (last run, created…): the page clock ticks every few seconds, so a fresh one reads "just now".
 */
export function Time({
  ms,
  now,
  timeZone,
  className = '',
  past,
  future,
}: {
  ms: number | null | undefined;
  now: number;
  timeZone?: string;
  className?: string;
  past?: boolean;
  /** A next-run time: once it has passed, the run is due (or under way), not "3 s ago". */
  future?: boolean;
}) {
  return (
    <RelativeTime
      ms={ms}
      now={now}
      past={past}
      future={future}
      title={typeof ms === 'number' ? formatInstant(ms, timeZone, { seconds: true, weekday: true }) : undefined}
      className={className}
    />
  );
}

const statusTone: Record<string, Tone> = {
  ok: 'good',
  error: 'bad',
  skipped: 'warn',
  succeeded: 'good',
  failed: 'bad',
  unknown: 'neutral',
};

export function StatusBadge({ status, title }: { status: string | undefined; title?: string }) {
  if (!status) return <span className="text-xs text-zinc-500 dark:text-zinc-400">never run</span>;
  return (
    <Badge tone={statusTone[status] ?? 'neutral'} title={title}>
      {status}
    </Badge>
  );
}

export function Duration({ ms }: { ms: number | undefined }) {
  return typeof ms === 'number' ? (
    <span className="whitespace-nowrap tabular-nums text-xs text-zinc-500 dark:text-zinc-400">
      {formatDuration(ms)}
    </span>
  ) : null;
}

export function SystemBadge({ job }: { job: CronJob }) {
  if (isSystemJob(job)) {
    return (
      <Badge
        tone="info"
        title={`Owned by the gateway (${job.declarationKey ?? job.payload.kind}): it cannot be edited or removed by clients`}
      >
        system
      </Badge>
    );
  }
  if (job.declarationKey) {
    return (
      <Badge tone="neutral" title={`Declared by ${job.declarationKey}: the owner may change it back`}>
        managed
      </Badge>
    );
  }
  return null;
}

/** The visible reason admin controls are off, with the way to fix it. */
export function NeedsAdminNote({ className = '' }: { className?: string }) {
  return (
    <p
      className={`flex flex-wrap items-center gap-x-2 text-sm text-amber-900 dark:text-amber-200 ${className}`}
      data-testid="needs-admin"
    >
      <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-current">
        <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5ZM6 7h4V5a2 2 0 1 0-4 0v2Z" />
      </svg>
      <span>Read-only: creating, changing, running and removing jobs {NEEDS_ADMIN}.</span>
      <Link to="/" className="font-medium underline">
        Pair this device
      </Link>
    </p>
  );
}

export function InlineAlert({
  tone = 'bad',
  title,
  children,
  onDismiss,
}: {
  tone?: 'bad' | 'warn' | 'good';
  title?: ReactNode;
  children?: ReactNode;
  onDismiss?: () => void;
}) {
  const colours = {
    bad: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100',
    warn: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100',
    good: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-100',
  }[tone];
  return (
    <div
      role={tone === 'good' ? 'status' : 'alert'}
      className={`flex items-start gap-3 rounded-md border px-3 py-2 text-sm ${colours}`}
    >
      <div className="min-w-0 flex-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className="mt-0.5 break-words">{children}</div>}
      </div>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss"
          className="-mr-1 rounded px-1.5 text-lg leading-none opacity-70 hover:opacity-100"
        >
          ×
        </button>
      )}
    </div>
  );
}

/** An on/off switch (role="switch"); `pending` shows the requested state while the gateway answers. */
export function Switch({
  checked,
  onChange,
  disabled,
  label,
  title,
  pending,
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  disabled?: boolean;
  label: string;
  title?: string;
  pending?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-busy={pending || undefined}
      title={title}
      disabled={disabled || pending}
      onClick={() => onChange(!checked)}
      className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed ${
        checked ? 'bg-teal-600 dark:bg-teal-500' : 'bg-zinc-300 dark:bg-zinc-700'
      } ${disabled ? 'opacity-50' : ''} ${pending ? 'animate-pulse' : ''}`}
    >
      <span
        className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${checked ? 'translate-x-4.5' : 'translate-x-0.5'}`}
      />
    </button>
  );
}

export function Spinner({ className = '' }: { className?: string }) {
  return (
    <span
      aria-hidden
      className={`inline-block h-3 w-3 animate-spin rounded-full border-2 border-current border-r-transparent ${className}`}
    />
  );
}
