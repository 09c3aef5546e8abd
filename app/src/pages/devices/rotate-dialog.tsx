import { useState } from 'react';
import { describeDeviceError, useRotateToken, type DeviceTokenSummary, type PairedDevice } from '../../queries/devices';
import { satisfies } from '../../session/scopes';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { listText } from './format';
import { rotateBlock, type Access } from './permissions';

/**
 * Rotate one token to an explicit scope set: the device's approved scopes are offered, the current token's are
 * ticked, and a scope the session does not hold cannot be ticked (the gateway would refuse the rotation).
 * `own`: this tab's own device; the session keeps the new token and reconnects on it.
 */
export function RotateDialog({
  device,
  name,
  token,
  access,
  own,
  onDone,
  onCancel,
}: {
  device: PairedDevice;
  name: string;
  token: DeviceTokenSummary;
  access: Access;
  own: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const rotate = useRotateToken();
  const offered = token.role === 'operator' ? [...new Set([...device.scopes, ...token.scopes])] : token.scopes;
  const [chosen, setChosen] = useState<string[]>(() => token.scopes.filter((s) => offered.includes(s)));
  const why = rotateBlock(access, device, token, chosen);
  const empty = token.role === 'operator' && chosen.length === 0;
  const problem = why ?? (empty ? 'choose at least one scope: a token with none can read nothing' : null);
  // The gateway adds what a scope implies to a token: admin brings read and write, write brings read.
  const impliedBy = (s: string) =>
    s !== 'operator.admin' && chosen.includes('operator.admin') && (s === 'operator.write' || s === 'operator.read')
      ? 'operator.admin'
      : s === 'operator.read' && chosen.includes('operator.write')
        ? 'operator.write'
        : null;
  const toggle = (s: string) => setChosen((c) => (c.includes(s) ? c.filter((x) => x !== s) : [...c, s]));
  const dropped = token.scopes.filter((s) => !chosen.includes(s) && impliedBy(s) === null);
  const error = rotate.error ? describeDeviceError(rotate.error) : problem ? `Cannot rotate: ${problem}.` : null;

  return (
    <ConfirmDialog
      title={`Rotate the ${token.role} token of “${name}”?`}
      confirmLabel="Rotate token"
      pending={rotate.isPending}
      error={error}
      confirmDisabled={problem !== null}
      onConfirm={() =>
        rotate.mutate({ deviceId: device.deviceId, role: token.role, scopes: chosen, own }, { onSuccess: onDone })
      }
      onCancel={onCancel}
    >
      <fieldset>
        <legend className="text-sm font-medium">Scopes of the new token</legend>
        <p className="mt-0.5 text-xs text-zinc-500">
          Offered: the scopes approved for this device. Ticked: what the token holds now.
        </p>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {offered.map((s) => {
            const held = satisfies(access.granted, s);
            const approved = satisfies(device.scopes, s);
            const lock = !held ? 'this session does not hold it' : !approved ? 'not approved for this device' : null;
            const implied = impliedBy(s);
            const on = chosen.includes(s) || implied !== null;
            return (
              <li key={s}>
                <label className="flex items-center gap-2 text-sm" title={lock ?? s}>
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={(lock !== null && !on) || implied !== null}
                    onChange={() => toggle(s)}
                    className="h-4 w-4"
                  />
                  <span className="font-mono text-xs">{s}</span>
                  {implied ? (
                    <span className="text-xs text-zinc-500">(comes with {implied})</span>
                  ) : (
                    lock && <span className="text-xs text-amber-800 dark:text-amber-300">({lock})</span>
                  )}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {dropped.length > 0 && (
        <p className="text-xs">
          The new token drops {listText(dropped)}. It can be widened again only within the device’s approved scopes.
        </p>
      )}
      <p>
        The old token stops working and the device’s live connections are closed.{' '}
        {own
          ? 'This is this browser: the gateway hands the new token to it, this tab keeps it and reconnects on it.'
          : 'The new token is handed to the device itself, never to this page.'}
      </p>
    </ConfirmDialog>
  );
}
