import type { ReactNode } from 'react';
import { Button } from './button';
import { GatewayError } from '../session/errors';
import { Link } from '../lib/router';

export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-5 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      ))}
    </div>
  );
}

/** A page whose data comes over the gateway connection, while there is none (yet). */
export function NotConnected({ status, what }: { status: string; what: string }) {
  return (
    <EmptyState
      title={
        status === 'connecting' || status === 'reconnecting'
          ? 'Connecting to the gateway…'
          : 'Not connected to a gateway'
      }
    >
      {what} read over the gateway connection.{' '}
      <Link to="/" className="underline">
        Open the Session page
      </Link>{' '}
      to see the connection state.
    </EmptyState>
  );
}

/** Re-read a query by hand; disabled while it is already reading or the session is not ready. */
export function RefreshButton({
  query,
  ready,
}: {
  query: { isFetching: boolean; refetch: () => unknown };
  ready: boolean;
}) {
  return (
    <Button
      variant="ghost"
      className="disabled:opacity-50"
      onClick={() => void query.refetch()}
      disabled={query.isFetching || !ready}
    >
      {query.isFetching ? 'Refreshing…' : 'Refresh'}
    </Button>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>}
    </div>
  );
}

/** A failed read. A missing scope says which one and links to the fix rather than offering a futile retry. */
export function ErrorPanel({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const f = error instanceof GatewayError ? error.failure : null;
  if (f?.detailCode === 'MISSING_SCOPE') {
    return (
      <div
        role="alert"
        className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        <p className="font-medium">
          {what ? `Cannot ${what}: ` : ''}this session lacks <code className="font-mono">{f.missingScope}</code>.
        </p>
        <p className="mt-1">
          The gateway answered <code className="font-mono">{f.message}</code>.{' '}
          <Link to="/" className="underline">
            Open the Session page
          </Link>{' '}
          to see why, and pair this browser to get it.
        </p>
      </div>
    );
  }
  const message = f
    ? `${f.detailCode ?? f.code}: ${f.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-medium">{what ? `Could not ${what}.` : 'Something went wrong.'}</p>
      <p className="mt-1 break-words font-mono text-xs">{message}</p>
      {onRetry && (
        <Button className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
