import { useState } from 'react';
import type { NodeRequest } from '../../queries/nodes';
import type { PairedDevice, PendingRequest } from '../../queries/devices';
import { NodeRequests } from './node-requests';
import { PendingRequests } from './pending-requests';
import type { Access } from './permissions';
import { NOTIFY_KEY, notifyOn, notifySupported } from './notify';

/** The open badge: who asks for what, with Approve and Reject in place (loaded on first open, see the badge). */
export function ApprovalsPanel({
  devices,
  pending,
  nodePending,
  access,
}: {
  devices: { data?: { paired: readonly PairedDevice[] } | undefined; isError: boolean };
  pending: readonly PendingRequest[];
  nodePending: readonly NodeRequest[];
  access: Access;
}) {
  return (
    <>
      {devices.data ? (
        <PendingRequests pending={pending} paired={devices.data.paired} access={access} ownDeviceId={access.deviceId} />
      ) : (
        <p className="text-sm text-zinc-500">{devices.isError ? 'Could not read the requests.' : 'Reading…'}</p>
      )}
      {nodePending.length > 0 && (
        <div className="mt-4 border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <h3 className="text-sm font-medium">Nodes asking to approve their commands</h3>
          <NodeRequests pending={nodePending} access={access} />
        </div>
      )}
      <NotifyToggle />
    </>
  );
}

function NotifyToggle() {
  const [on, setOn] = useState(notifyOn);
  const [note, setNote] = useState<string | null>(null);
  if (!notifySupported()) {
    return <p className="mt-4 text-xs text-zinc-500">This browser cannot show notifications.</p>;
  }
  const toggle = async () => {
    if (on) {
      localStorage.removeItem(NOTIFY_KEY);
      setOn(false);
      return;
    }
    const permission =
      Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') {
      setNote('The browser blocks notifications for this site; allow them in its site settings first.');
      return;
    }
    localStorage.setItem(NOTIFY_KEY, '1');
    setOn(true);
    setNote(null);
  };
  return (
    <div className="mt-4 border-t border-zinc-200 pt-3 text-xs dark:border-zinc-800">
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={on} onChange={() => void toggle()} className="h-4 w-4" />
        Notify me when a request arrives while this tab is in the background
      </label>
      {note && <p className="mt-1 text-amber-800 dark:text-amber-300">{note}</p>}
    </div>
  );
}
