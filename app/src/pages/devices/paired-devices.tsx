import { useId, useState, type FormEvent } from 'react';
import { useGateway, useSession } from '../../lib/gateway-context';
import { navigate } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import {
  LABEL_MAX,
  describeDeviceError,
  failureOf,
  rolesOf,
  useRemoveDevice,
  useRenameDevice,
  useRevokeToken,
  type PairedDevice,
} from '../../queries/devices';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { EmptyState } from '../../ui/states';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { charCount, formatDateTime, shortId } from './format';
import { labelProblem } from './label';
import { ActionButton, InlineError, Reasons, ScopeList } from './parts';
import { CopyButton } from '../../ui/copy-button';
import { relativeTime } from '../../ui/relative-time';
import { manageBlock, type Access } from './permissions';
import { TokensTable } from './device-tokens';
import { RotateDialog } from './rotate-dialog';
import { sameDeviceKey, StaleCleanup } from './stale-cleanup';

export const deviceName = (d: PairedDevice) => d.operatorLabel ?? d.displayName ?? (d.clientId || shortId(d.deviceId));

const APPROVED_VIA: Record<string, string> = {
  owner: 'approved by an operator',
  silent: 'approved silently (local)',
  'trusted-cidr': 'approved by trusted network',
  'ssh-verified': 'approved by SSH key match',
  bootstrap: 'paired with a setup code',
};

/** This browser first, then connected devices, then by last seen. */
function order(devices: readonly PairedDevice[], ownDeviceId: string | null) {
  const rank = (d: PairedDevice) => (d.deviceId === ownDeviceId ? 0 : d.connected ? 1 : 2);
  return [...devices].sort((a, b) => rank(a) - rank(b) || (b.lastSeenAtMs ?? 0) - (a.lastSeenAtMs ?? 0));
}

export function PairedDevices({
  paired,
  access,
  ownDeviceId,
}: {
  paired: readonly PairedDevice[];
  access: Access;
  ownDeviceId: string | null;
}) {
  const now = useNow(15_000);
  if (paired.length === 0) {
    return <EmptyState title="No paired devices">Approved devices, with their tokens, are listed here.</EmptyState>;
  }
  // Records of one device (same name, client and platform) are grouped: every live record (connected, or this
  // browser) shows, as does the newest when none is live; the other, disconnected records fold away. A connected
  // record is a device in use, never a leftover, so it is never folded.
  const groups = new Map<string, PairedDevice[]>();
  for (const d of order(paired, ownDeviceId))
    groups.set(sameDeviceKey(d), [...(groups.get(sameDeviceKey(d)) ?? []), d]);
  const live = (d: PairedDevice) => d.connected || d.deviceId === ownDeviceId;
  const split = (records: PairedDevice[]) => {
    const shown = records.filter(live);
    if (shown.length === 0) shown.push(records[0]!);
    return { shown, folded: records.filter((d) => !shown.includes(d)) };
  };
  const item = (d: PairedDevice) => (
    <PairedDeviceItem key={d.deviceId} device={d} own={d.deviceId === ownDeviceId} access={access} now={now} />
  );
  return (
    <div className="space-y-4">
      <StaleCleanup paired={paired} access={access} ownDeviceId={ownDeviceId} now={now} />
      <ul className="space-y-4" aria-label="Paired devices">
        {[...groups.values()].map(split).map(({ shown, folded }) => (
          <li key={shown[0]!.deviceId} className="list-none">
            <ul className="space-y-2">{shown.map(item)}</ul>
            {folded.length > 0 && (
              <details className="mt-2 rounded-md border border-dashed border-zinc-300 px-3 py-2 dark:border-zinc-700">
                <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
                  {folded.length} more disconnected record{folded.length > 1 ? 's' : ''} of “{deviceName(shown[0]!)}”
                  (same client and platform: likely re-paired)
                </summary>
                <ul className="mt-2 space-y-2">{folded.map(item)}</ul>
              </details>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Pending = { kind: 'rotate' | 'revoke'; role: string } | { kind: 'remove' } | null;

function PairedDeviceItem({
  device,
  own,
  access,
  now,
}: {
  device: PairedDevice;
  own: boolean;
  access: Access;
  now: number;
}) {
  const gw = useGateway();
  const presents = useSession((s) => s.presented.device && s.deviceId === device.deviceId);
  const [renaming, setRenaming] = useState(false);
  const [confirm, setConfirm] = useState<Pending>(null);
  const rename = useRenameDevice();
  const [rotated, setRotated] = useState(false);
  const credential = useSession((s) => s.presented.credential);
  const revoke = useRevokeToken();
  const remove = useRemoveDevice();
  const name = deviceName(device);
  const manageWhy = manageBlock(access, device);
  const roles = rolesOf(device);

  // The gateway closes every socket of a device it rotates, revokes or removes (4001). When that is
  // this tab's own socket the session layer shows "this browser was unpaired"; go there.
  const afterOwnAction = (error?: unknown) => {
    if (!presents) return;
    if (!error || failureOf(error).code === 'DISCONNECTED') navigate('/');
  };

  const running = confirm?.kind === 'remove' ? remove : confirm?.kind === 'revoke' ? revoke : null;
  const confirmError = running?.error ? describeDeviceError(running.error) : null;

  const runConfirm = () => {
    if (!confirm) return;
    const done = {
      onSuccess: () => {
        setConfirm(null);
        afterOwnAction();
      },
      onError: (e: unknown) => afterOwnAction(e),
    };
    if (confirm.kind === 'remove') remove.mutate(device.deviceId, done);
    else if (confirm.kind === 'revoke') revoke.mutate({ deviceId: device.deviceId, role: confirm.role }, done);
  };
  const openConfirm = (p: Pending) => {
    setRotated(false);
    revoke.reset();
    remove.reset();
    setConfirm(p);
  };

  const rotatingToken = confirm?.kind === 'rotate' ? device.tokens.find((t) => t.role === confirm.role) : undefined;
  // A device-token tab that rotates its own token keeps the new one and reconnects on it, staying here.
  const ownKeeps = presents && credential === 'device-token';
  const lastOutcome = rotated
    ? ownKeeps
      ? 'Token rotated: this browser keeps the new token and reconnects on it.'
      : 'Token rotated: the device has to reconnect with its new token.'
    : revoke.isSuccess
      ? 'Token revoked.'
      : null;

  return (
    <li>
      <article
        aria-label={name}
        data-device-id={device.deviceId}
        className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      >
        <header className="flex flex-wrap items-center gap-2">
          {renaming ? (
            <RenameForm device={device} name={name} mutation={rename} onDone={() => setRenaming(false)} />
          ) : (
            <h3 className="min-w-0 truncate font-medium" title={name}>
              {name}
            </h3>
          )}
          {own && <Badge tone="info">this browser</Badge>}
          {device.connected ? (
            <Badge tone="good">connected</Badge>
          ) : (
            <span className="text-xs text-zinc-500" title={formatDateTime(device.lastSeenAtMs)}>
              {device.lastSeenAtMs === null
                ? 'not seen since approval'
                : `last seen ${relativeTime(device.lastSeenAtMs, now, { past: true })}`}
              {device.lastSeenAtMs !== null && device.lastSeenReason ? ` (${device.lastSeenReason})` : ''}
            </span>
          )}
          <span className="ml-auto text-xs text-zinc-500" title={formatDateTime(device.approvedAtMs)}>
            {APPROVED_VIA[device.approvedVia] ??
              (device.approvedVia ? `approved via ${device.approvedVia}` : 'approved')}
            {device.approvedAtMs ? `, ${relativeTime(device.approvedAtMs, now, { past: true })}` : ''}
          </span>
        </header>

        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-zinc-500">Device</dt>
          <dd className="flex min-w-0 items-center gap-1">
            <code className="truncate font-mono" title={device.deviceId}>
              {shortId(device.deviceId)}
            </code>
            <CopyButton text={device.deviceId} what={`device id of ${name}`} />
          </dd>
          <dt className="text-zinc-500">Client</dt>
          <dd className="font-mono">
            {device.clientId || '—'}
            {device.clientMode ? ` / ${device.clientMode}` : ''}
          </dd>
          <dt className="text-zinc-500">Platform</dt>
          <dd className="font-mono">{device.platform || '—'}</dd>
          <dt className="text-zinc-500">Roles</dt>
          <dd className="font-mono">{roles.join(', ') || '—'}</dd>
          <dt className="text-zinc-500">Scopes</dt>
          <dd className="sm:col-span-3">
            <ScopeList scopes={device.scopes} empty="no scopes" />
          </dd>
        </dl>

        <TokensTable
          device={device}
          name={name}
          access={access}
          now={now}
          onRotate={(role) => openConfirm({ kind: 'rotate', role })}
          onRevoke={(role) => openConfirm({ kind: 'revoke', role })}
        />

        <div className="mt-3 flex flex-wrap items-center gap-2">
          <ActionButton
            reason={manageWhy}
            busy={renaming}
            onClick={() => {
              rename.reset();
              setRenaming(true);
            }}
          >
            Rename
          </ActionButton>
          <ActionButton variant="danger" reason={manageWhy} onClick={() => openConfirm({ kind: 'remove' })}>
            Remove
          </ActionButton>
          <Reasons
            items={[
              ['Rename', manageWhy],
              ['Remove', manageWhy],
            ]}
          />
        </div>
        {lastOutcome && !confirm && (
          <p role="status" className="mt-2 text-xs text-emerald-700 dark:text-emerald-400">
            {lastOutcome}
          </p>
        )}
        {rename.error != null && !renaming && (
          <div className="mt-2">
            <InlineError>{describeDeviceError(rename.error)}</InlineError>
          </div>
        )}
      </article>

      {confirm?.kind === 'rotate' && rotatingToken && (
        <RotateDialog
          device={device}
          name={name}
          token={rotatingToken}
          access={access}
          own={presents}
          onDone={() => {
            setConfirm(null);
            setRotated(true);
            if (!ownKeeps) afterOwnAction();
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
      {confirm && confirm.kind !== 'rotate' && (
        <ConfirmDialog
          title={confirm.kind === 'remove' ? `Remove “${name}”?` : `Revoke the ${confirm.role} token of “${name}”?`}
          confirmLabel={confirm.kind === 'remove' ? 'Remove device' : 'Revoke token'}
          pending={running?.isPending ?? false}
          error={confirmError}
          onConfirm={runConfirm}
          onCancel={() => setConfirm(null)}
        >
          <p>
            {confirm.kind === 'remove'
              ? 'The gateway deletes this pairing record and all of its tokens, and closes the device’s live connections. It has to ask to pair again.'
              : 'The token stops working at once and the device’s live connections are closed. The pairing record stays.'}
          </p>
          <p className="text-xs text-zinc-500">
            Device <code className="break-all font-mono">{device.deviceId}</code>
          </p>
          {own &&
            (presents ? (
              <p
                data-testid="own-device-warning"
                className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
              >
                <strong>This is this browser’s device.</strong> This browser’s connection will be closed, and you’ll be
                taken to the Session page to pair it again
                {gw.hasToken() ? '.' : ' (which needs the gateway token: this tab does not hold it).'}
              </p>
            ) : (
              <p
                data-testid="own-device-warning"
                className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
              >
                <strong>This is this browser’s device.</strong> Its stored token will stop working. This tab’s current
                connection does not use it and stays open.
              </p>
            ))}
        </ConfirmDialog>
      )}
    </li>
  );
}

function RenameForm({
  device,
  name,
  mutation,
  onDone,
}: {
  device: PairedDevice;
  name: string;
  mutation: ReturnType<typeof useRenameDevice>;
  onDone: () => void;
}) {
  const [label, setLabel] = useState(device.operatorLabel ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const msgId = useId();
  const n = charCount(label.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = labelProblem(label);
    setProblem(p);
    if (p) return;
    mutation.mutate({ deviceId: device.deviceId, label: label.trim() }, { onSuccess: onDone });
  };
  const message = problem ?? (mutation.error ? describeDeviceError(mutation.error) : null);
  return (
    <form onSubmit={submit} className="flex w-full flex-wrap items-center gap-2" aria-label={`Rename ${name}`}>
      <input
        autoFocus
        value={label}
        onChange={(e) => {
          setLabel(e.target.value);
          if (problem) setProblem(labelProblem(e.target.value));
        }}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
        aria-label={`New label for ${name}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={msgId}
        placeholder={device.clientId || 'Label'}
        className={`min-w-0 flex-1 rounded-md border bg-white px-2 py-1 text-sm dark:bg-zinc-950 ${problem ? 'border-red-500' : 'border-zinc-300 dark:border-zinc-700'}`}
      />
      <span
        className={`text-xs tabular-nums ${n > LABEL_MAX ? 'font-medium text-red-700 dark:text-red-400' : 'text-zinc-500'}`}
      >
        {n}/{LABEL_MAX}
      </span>
      <Button type="submit" variant="primary" className="px-2.5 py-1 text-xs" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save'}
      </Button>
      <Button className="px-2.5 py-1 text-xs" onClick={onDone}>
        Cancel
      </Button>
      <div id={msgId} className="basis-full empty:hidden">
        {message && <InlineError>{message}</InlineError>}
      </div>
    </form>
  );
}
