import { useState } from 'react';
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useGateway, useSession } from '../../lib/gateway-context';
import { Link } from '../../lib/router';
import { devicesQueries, failureOf, type ThisBrowser } from '../../queries/devices';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { Skeleton } from '../../ui/states';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { formatDateTime, shortId } from './format';
import { ScopeList } from './parts';
import { CopyButton } from '../../ui/copy-button';

/** This browser's signing identity and what it holds for this gateway, with "Forget this browser". */
export function ThisBrowserCard({ browser }: { browser: UseQueryResult<ThisBrowser> }) {
  const presented = useSession((s) => s.presented);
  const sessionDeviceId = useSession((s) => s.deviceId);
  const [confirming, setConfirming] = useState(false);

  let body;
  if (browser.isPending) body = <Skeleton rows={4} />;
  else if (browser.isError)
    body = (
      <p role="alert" className="text-sm text-red-800 dark:text-red-300">
        Could not read this browser's storage: {failureOf(browser.error).message}
      </p>
    );
  else if (!browser.data.identity)
    body = (
      <div className="space-y-2 text-sm">
        <p>This browser has no device key yet, so it connects with the shared token only.</p>
        <p className="text-zinc-600 dark:text-zinc-400">
          <Link to="/" className="font-medium text-teal-700 underline dark:text-teal-400">
            Pair it from the Session page
          </Link>{' '}
          to get one: the key is made here and never leaves this browser.
        </p>
      </div>
    );
  else {
    const { identity, token } = browser.data;
    const presents = presented.device && sessionDeviceId === identity.deviceId;
    body = (
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-4 gap-y-2.5 text-sm">
        <dt className="text-zinc-500">Device id</dt>
        <dd className="flex min-w-0 items-center gap-1">
          <code className="truncate font-mono text-xs" title={identity.deviceId} data-testid="this-device-id">
            {shortId(identity.deviceId, 16)}
          </code>
          <CopyButton text={identity.deviceId} what="full device id" />
        </dd>
        <dt className="text-zinc-500">Key created</dt>
        <dd>{formatDateTime(identity.createdAtMs)}</dd>
        <dt className="text-zinc-500">Device token</dt>
        <dd className="space-y-1.5">
          {token ? (
            <>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                Stored for this gateway, issued {formatDateTime(token.issuedAtMs ?? token.storedAtMs)}
              </p>
              <ScopeList scopes={token.scopes} empty="no scopes" />
            </>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">not paired with this gateway</span>
          )}
        </dd>
        <dt className="text-zinc-500">This session</dt>
        <dd>
          {presents ? (
            <Badge tone="good">presents this device</Badge>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">does not present it (token-only connection)</span>
          )}
          {presents && (
            <span className="ml-2 text-xs text-zinc-500">
              signed with the {presented.credential === 'device-token' ? 'device token' : 'shared token'}
            </span>
          )}
        </dd>
      </dl>
    );
  }

  const identity = browser.data?.identity ?? null;
  return (
    <Card
      title="This browser"
      actions={
        <button
          type="button"
          className="rounded-md border border-red-300 px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:border-zinc-200 disabled:text-zinc-400 dark:border-red-900 dark:text-red-400 dark:hover:bg-red-950 dark:disabled:border-zinc-800 dark:disabled:text-zinc-600"
          disabled={!identity}
          title={identity ? undefined : 'nothing to forget: this browser has no device key'}
          onClick={() => setConfirming(true)}
        >
          Forget this browser
        </button>
      }
    >
      {body}
      {confirming && identity && (
        <ForgetDialog identity={identity} token={browser.data?.token ?? null} onClose={() => setConfirming(false)} />
      )}
    </Card>
  );
}

function ForgetDialog({
  identity,
  token,
  onClose,
}: {
  identity: NonNullable<ThisBrowser['identity']>;
  token: ThisBrowser['token'];
  onClose: () => void;
}) {
  const gw = useGateway();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const forget = async () => {
    setBusy(true);
    setError(null);
    try {
      await gw.forgetDevice();
      await qc.invalidateQueries({ queryKey: devicesQueries.all() });
      onClose();
    } catch (e) {
      setError(failureOf(e).message);
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title="Forget this browser?"
      confirmLabel="Forget this browser"
      pending={busy}
      error={error}
      onConfirm={forget}
      onCancel={onClose}
    >
      <p>This deletes, from this browser's storage:</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          the device signing key for <code className="break-all font-mono text-xs">{identity.deviceId}</code>
        </li>
        <li>
          every device token stored for it
          {token
            ? ' (including the one for this gateway, ' +
              (token.scopes.length ? token.scopes.join(', ') : 'no scopes') +
              ')'
            : ''}
        </li>
      </ul>
      <p>
        clawscope then reconnects with the shared token only, which on this gateway grants no scopes. The gateway keeps
        its pairing record for this device; remove it under Paired devices first if you want it gone there too.
      </p>
      {!gw.hasToken() && (
        <p className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          This tab holds no shared gateway token: after forgetting, paste it on the Session page to reconnect.
        </p>
      )}
    </ConfirmDialog>
  );
}
