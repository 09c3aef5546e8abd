import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useGateway, useSession, useStatus } from '../../lib/gateway-context';
import { Link } from '../../lib/router';
import { devicesQueries, failureOf, usePairList, type PairList } from '../../queries/devices';
import { satisfies } from '../../session/scopes';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { ErrorPanel, Skeleton } from '../../ui/states';
import { PairedDevices } from './paired-devices';
import { PendingRequests } from './pending-requests';
import { useAccess } from './parts';
import { NEEDS_PAIRING, PAIRING_SCOPE, type Access } from './permissions';
import { ThisBrowserCard } from './this-browser-card';

/**
 * Devices: this browser's identity, pending pairing requests and paired devices.
 */
export function DevicesPage() {
  const gw = useGateway();
  const v = gw.vault;
  const connKey = useSession((s) => `${s.status}|${s.hello?.connId ?? ''}|${s.hello?.issuedAtMs ?? ''}`);
  const browser = useQuery({ ...devicesQueries.thisBrowser(v, gw.url, connKey), placeholderData: keepPreviousData });
  const sessionDeviceId = useSession((s) => (s.presented.device ? s.deviceId : null));
  const ownDeviceId = browser.data?.identity?.deviceId ?? sessionDeviceId;
  const access = useAccess();
  const list = usePairList();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Devices</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Approve or reject pairing requests, and manage paired devices and their tokens.
        </p>
      </div>
      <div className="grid items-start gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <PairingLists list={list} access={access} ownDeviceId={ownDeviceId} />
        </div>
        <ThisBrowserCard browser={browser} />
      </div>
    </div>
  );
}

function PairingLists({
  list,
  access,
  ownDeviceId,
}: {
  list: ReturnType<typeof usePairList>;
  access: Access;
  ownDeviceId: string | null;
}) {
  const status = useStatus();
  const lacksPairing = access.ready && !satisfies(access.granted, PAIRING_SCOPE);
  const deniedByGateway = list.isError && failureOf(list.error).detailCode === 'MISSING_SCOPE';
  const data: PairList | undefined = list.data;

  let notice = null;
  if (lacksPairing || deniedByGateway) notice = <NoPairingNotice />;
  else if (!access.ready) notice = <NotConnectedNotice status={status} />;

  // Without a fresh read there is nothing to act on: show a notice, and earlier data (if this tab
  // read it before the grant or connection changed) only as a record, with every action disabled.
  if (!data) {
    if (notice) return notice;
    return (
      <>
        <Card title="Pending requests">
          {list.isError ? (
            <ErrorPanel error={list.error} what="read pairing requests" onRetry={() => list.refetch()} />
          ) : (
            <Skeleton rows={3} />
          )}
        </Card>
        <Card title="Paired devices">
          {list.isError ? <p className="text-sm text-zinc-500">Not available.</p> : <Skeleton rows={4} />}
        </Card>
      </>
    );
  }
  return (
    <>
      {notice}
      {notice && (
        <p className="text-xs text-zinc-500">Below is what this tab read earlier; it is not being kept up to date.</p>
      )}
      {list.isError && !notice && (
        <ErrorPanel error={list.error} what="refresh the pairing lists" onRetry={() => list.refetch()} />
      )}
      <Card
        title="Pending requests"
        actions={data.pending.length > 0 ? <Badge tone="warn">{data.pending.length} waiting</Badge> : undefined}
      >
        <PendingRequests pending={data.pending} paired={data.paired} access={access} ownDeviceId={ownDeviceId} />
      </Card>
      <Card title="Paired devices" actions={<Badge>{data.paired.length}</Badge>}>
        <PairedDevices paired={data.paired} access={access} ownDeviceId={ownDeviceId} />
      </Card>
    </>
  );
}

function NoPairingNotice() {
  return (
    <div
      data-testid="no-pairing"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="font-medium">
        This session cannot see pairing requests or paired devices: reading them {NEEDS_PAIRING}.
      </p>
      <p className="mt-1">
        <Link to="/" className="font-medium underline">
          Open the Session page
        </Link>{' '}
        to pair this browser or ask for {PAIRING_SCOPE}. This browser’s own identity is shown alongside.
      </p>
    </div>
  );
}

function NotConnectedNotice({ status }: { status: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <p className="font-medium">
        {status === 'connecting' || status === 'reconnecting'
          ? 'Connecting to the gateway…'
          : 'Not connected to the gateway.'}
      </p>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        Pairing requests and paired devices are read once the session is ready.{' '}
        <Link to="/" className="font-medium text-teal-700 underline dark:text-teal-400">
          Open the Session page
        </Link>{' '}
        for details.
      </p>
    </div>
  );
}
