import { useId, useState } from 'react';
import { CleanupError, describeDeviceError, useRemoveDevices, type PairedDevice } from '../../queries/devices';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { relativeTime } from '../../ui/relative-time';
import { shortId } from './format';
import { manageBlock, type Access } from './permissions';

const DAY_MS = 86_400_000;

/** What two pairing records of one device have in common: a re-paired browser profile, a reinstalled node. */
export const sameDeviceKey = (d: PairedDevice) =>
  [d.operatorLabel ?? d.displayName ?? '', d.clientId, d.clientMode, d.platform].join('|');

/** When the device was last seen (or approved, if it never came back). */
const lastSeen = (d: PairedDevice) => d.lastSeenAtMs ?? d.approvedAtMs ?? d.createdAtMs ?? 0;

/** Not connected, not seen for `days`, not this browser, and removable by this session. */
export function staleDevices(
  paired: readonly PairedDevice[],
  access: Access,
  days: number,
  now: number,
  ownDeviceId: string | null,
) {
  return paired.filter(
    (d) =>
      !d.connected &&
      d.deviceId !== ownDeviceId &&
      lastSeen(d) < now - days * DAY_MS &&
      manageBlock(access, d) === null,
  );
}

/** Remove every paired device not seen for N days, in one confirmed step. */
export function StaleCleanup({
  paired,
  access,
  ownDeviceId,
  now,
}: {
  paired: readonly PairedDevice[];
  access: Access;
  ownDeviceId: string | null;
  now: number;
}) {
  const [days, setDays] = useState(30);
  const [confirm, setConfirm] = useState(false);
  const remove = useRemoveDevices();
  const inputId = useId();
  const stale = staleDevices(paired, access, days, now, ownDeviceId);
  const err = remove.error;
  const errorText =
    err instanceof CleanupError
      ? `Stopped at ${shortId(err.failedId)}: ${describeDeviceError(err.cause)}${err.removed.length > 0 ? ` (${err.removed.length} removed before it)` : ''}`
      : err
        ? describeDeviceError(err)
        : null;

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="stale-cleanup">
      <label htmlFor={inputId} className="text-zinc-600 dark:text-zinc-400">
        Not seen for
      </label>
      <input
        id={inputId}
        type="number"
        min={1}
        value={days}
        onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))}
        className="w-16 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
      />
      <span className="text-zinc-600 dark:text-zinc-400">days:</span>
      <Button
        variant="danger"
        className="px-2.5 py-1 text-xs"
        disabled={stale.length === 0}
        onClick={() => {
          remove.reset();
          setConfirm(true);
        }}
      >
        {stale.length === 0 ? 'No stale devices' : `Remove ${stale.length} stale device${stale.length > 1 ? 's' : ''}`}
      </Button>
      {confirm && (
        <ConfirmDialog
          title={`Remove ${stale.length} device${stale.length > 1 ? 's' : ''} not seen for ${days} days?`}
          confirmLabel="Remove them"
          pending={remove.isPending}
          error={errorText}
          confirmDisabled={stale.length === 0}
          onConfirm={() =>
            remove.mutate(
              stale.map((d) => d.deviceId),
              { onSuccess: () => setConfirm(false) },
            )
          }
          onCancel={() => setConfirm(false)}
        >
          <p>Each pairing record and its tokens are deleted; a device that comes back has to ask to pair again.</p>
          <ul className="max-h-48 space-y-0.5 overflow-y-auto text-xs">
            {stale.map((d) => (
              <li key={d.deviceId}>
                <span className="font-medium">{d.operatorLabel ?? d.displayName ?? d.clientId}</span>{' '}
                <code className="font-mono text-zinc-500">{shortId(d.deviceId)}</code>, last seen{' '}
                {relativeTime(lastSeen(d), now, { past: true })}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </div>
  );
}
