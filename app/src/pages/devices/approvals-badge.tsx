import { Suspense, lazy, useEffect, useId, useRef, useState } from 'react';
import { useGateway } from '../../lib/gateway-context';
import { Link } from '../../lib/router';
import { PAIRING_REQUEST_TTL_MS, usePairList } from '../../queries/device-list';
import { useNodePairList } from '../../queries/nodes';
import { useNow } from '../../lib/use-now';
import { useAccess } from './parts';
import { satisfies } from '../../session/scopes';

import { notifyOn } from './notify';

// The panel (request rows and their actions) loads when the badge is first opened or pointed at.
const loadPanel = () => import('./approvals-panel');
const ApprovalsPanel = lazy(() => loadPanel().then((m) => ({ default: m.ApprovalsPanel })));

/**
 * In the header of every page: how many device and node pairing requests wait, and, opened, who asks for what
 * with Approve and Reject in place. The lists are event-fed (device.pair.* and node.pair.* through the bridge).
 */
export function ApprovalsBadge() {
  const access = useAccess();
  const canPair = access.ready && satisfies(access.granted, 'operator.pairing');
  const devices = usePairList();
  const nodes = useNodePairList();
  const now = useNow(5000);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  useRequestNotifications(canPair);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  if (!canPair) return null;
  const pending = (devices.data?.pending ?? []).filter((p) => p.ts === null || p.ts + PAIRING_REQUEST_TTL_MS > now);
  const nodePending = nodes.data?.pending ?? [];
  const count = pending.length + nodePending.length;

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="approvals-badge"
        onClick={() => setOpen((o) => !o)}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        className={`flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium ${
          count > 0
            ? 'border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'
            : 'border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-300'
        }`}
      >
        Requests
        <span
          className={`min-w-5 rounded-full px-1.5 text-center tabular-nums ${count > 0 ? 'bg-amber-600 text-white' : 'bg-zinc-100 dark:bg-zinc-800'}`}
        >
          {count}
        </span>
        <span className="sr-only">waiting for approval</span>
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="Pairing requests"
          className="absolute right-0 z-30 mt-2 max-h-[70vh] w-[min(36rem,90vw)] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-4 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
        >
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold">Pairing requests</h2>
            <Link to="/devices" className="text-xs text-teal-700 underline dark:text-teal-400">
              Open Devices
            </Link>
          </div>
          <Suspense fallback={<p className="text-sm text-zinc-500">Reading…</p>}>
            <ApprovalsPanel devices={devices} nodePending={nodePending} pending={pending} access={access} />
          </Suspense>
        </div>
      )}
    </div>
  );
}

/** A browser notification for a new request while this tab is hidden: opt-in, and only with permission. */
function useRequestNotifications(enabled: boolean) {
  const gw = useGateway();
  useEffect(() => {
    if (!enabled) return;
    return gw.onEvent((e) => {
      if (e.event !== 'device.pair.requested' && e.event !== 'node.pair.requested') return;
      if (!document.hidden || !notifyOn()) return;
      const p = (typeof e.payload === 'object' && e.payload !== null ? e.payload : {}) as Record<string, unknown>;
      const who = [p.displayName, p.clientId, p.platform].filter((x) => typeof x === 'string' && x).join(' · ');
      const n = new Notification(
        e.event === 'node.pair.requested' ? 'A node asks for approval' : 'A device asks to pair',
        {
          body: who || 'Open clawscope to review it.',
          tag: typeof p.requestId === 'string' ? p.requestId : undefined,
        },
      );
      n.onclick = () => window.focus();
    });
  }, [gw, enabled]);
}
