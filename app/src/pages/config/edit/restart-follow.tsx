import { useSession } from '../../../lib/gateway-context';
import { revisionState, shortHash, type ConfigSnapshot } from '../../../lib/config-tree';
import { Button } from '../../../ui/button';
import type { ConfigEditor } from './use-config-editor';

/**
 * After a write that needs a restart: follows the gateway down and back up (the session reconnects
 * by itself on close 1012) and says "restart pending" until the gateway runs the written revision.
 */
export function RestartFollow({ editor, snapshot }: { editor: ConfigEditor; snapshot: ConfigSnapshot }) {
  const status = useSession((s) => s.status);
  const resyncs = useSession((s) => s.resyncs);
  // gateway.restart.request is 2026.9.x only; 2026.3.x restarts by itself when a key needs it.
  const canRequest = useSession((s) => (s.hello?.protocol ?? 0) >= 4);
  const r = editor.restart;
  if (!r) return null;
  const state = revisionState(snapshot);
  const cameBack = resyncs > r.resyncsAtWrite && status === 'ready';
  // 2026.3.x reports no applied revision: back after a restart is all it can tell.
  const applied = state.kind === 'in-sync' || (state.kind === 'unknown' && cameBack);
  // A snapshot still showing the revision from before the write is not news yet.
  const fresh = r.prevHash === undefined || snapshot.hash !== r.prevHash;
  const done = applied && (cameBack || state.kind === 'in-sync') && fresh;

  if (done) {
    return (
      <div
        role="status"
        data-testid="config-restart-done"
        className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-100"
      >
        <span>
          {cameBack ? 'The gateway restarted and' : 'The gateway'} now runs the written config
          {snapshot.appliedConfigHash ? ` (revision ${shortHash(snapshot.appliedConfigHash)})` : ''}.
        </span>
        <Button variant="ghost" onClick={editor.clearRestart}>
          Dismiss
        </Button>
      </div>
    );
  }
  const phase =
    status === 'reconnecting' || status === 'connecting'
      ? 'The gateway is restarting; this page reconnects by itself.'
      : status !== 'ready'
        ? 'Not connected: waiting for the gateway to come back.'
        : cameBack
          ? 'Reconnected; waiting for the gateway to report the written revision as applied.'
          : r.requested
            ? 'Restart requested; waiting for the gateway to restart.'
            : 'Written; the gateway restarts by itself once its work is drained.';
  return (
    <div
      role="status"
      data-testid="config-restart-pending"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="font-medium">Restart pending</p>
      <p>{phase}</p>
      {r.requestError && <p className="font-mono text-xs">The restart request failed: {r.requestError}</p>}
      {editor.restartNow.isError && (
        <p className="font-mono text-xs">The restart request failed: {editor.restartNow.error.message}</p>
      )}
      {status === 'ready' && !cameBack && canRequest && (
        <Button onClick={() => editor.restartNow.mutate()} disabled={editor.restartNow.isPending}>
          {editor.restartNow.isPending ? 'Requesting…' : 'Restart the gateway now'}
        </Button>
      )}
    </div>
  );
}
