import type { DeviceTokenSummary, PairedDevice } from '../../queries/devices';
import { Badge } from '../../ui/badge';
import { relativeTime } from '../../ui/relative-time';
import { formatDateTime } from './format';
import { ActionButton, Reasons, ScopeList } from './parts';
import { revokeBlock, rotateBlock, type Access } from './permissions';

/** A device's tokens, one row per role, with Rotate and Revoke as the gateway allows them. */
const sameScopes = (a: readonly string[], b: readonly string[]) =>
  a.length > 0 && a.length === b.length && a.every((s) => b.includes(s));

export function TokensTable({
  device,
  name,
  access,
  now,
  onRotate,
  onRevoke,
}: {
  device: PairedDevice;
  name: string;
  access: Access;
  now: number;
  onRotate: (role: string) => void;
  onRevoke: (role: string) => void;
}) {
  if (device.tokens.length === 0) return <p className="mt-3 text-xs text-zinc-500">No tokens issued.</p>;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-xs" aria-label={`Tokens of ${name}`}>
        <thead>
          <tr className="whitespace-nowrap border-b border-zinc-200 text-left uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
            <th className="py-1.5 pr-3 font-medium">Role</th>
            <th className="px-3 py-1.5 font-medium">Scopes</th>
            <th className="px-3 py-1.5 font-medium">Issued</th>
            <th className="px-3 py-1.5 font-medium">Last used</th>
            <th className="px-3 py-1.5 font-medium">State</th>
            <th className="py-1.5 pl-3 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {device.tokens.map((t) => (
            <TokenRow
              key={t.role}
              token={t}
              device={device}
              access={access}
              now={now}
              onRotate={onRotate}
              onRevoke={onRevoke}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({
  token,
  device,
  access,
  now,
  onRotate,
  onRevoke,
}: {
  token: DeviceTokenSummary;
  device: PairedDevice;
  access: Access;
  now: number;
  onRotate: (role: string) => void;
  onRevoke: (role: string) => void;
}) {
  const rotateWhy = rotateBlock(access, device, token);
  const revokeWhy = revokeBlock(access, device, token);
  const issued = token.rotatedAtMs ?? token.createdAtMs;
  return (
    <>
      <tr data-role={token.role} className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60">
        <td className="py-2 pr-3 font-mono">{token.role}</td>
        <td className="min-w-48 px-3 py-2">
          {sameScopes(token.scopes, device.scopes) ? (
            <span className="text-zinc-600 dark:text-zinc-400" title={token.scopes.join(', ')}>
              all {token.scopes.length} device scopes
            </span>
          ) : (
            <ScopeList scopes={token.scopes} empty="no scopes" />
          )}
        </td>
        <td className="whitespace-nowrap px-3 py-2" title={formatDateTime(issued)}>
          {relativeTime(issued, now, { past: true })}
          {token.rotatedAtMs !== null && <span className="text-zinc-500"> (rotated)</span>}
        </td>
        <td className="whitespace-nowrap px-3 py-2" title={formatDateTime(token.lastUsedAtMs)}>
          {token.lastUsedAtMs === null ? (
            <span className="text-zinc-500">never</span>
          ) : (
            relativeTime(token.lastUsedAtMs, now, { past: true })
          )}
        </td>
        <td className="px-3 py-2">
          {token.revokedAtMs !== null ? (
            <Badge tone="bad" title={formatDateTime(token.revokedAtMs)}>
              revoked
            </Badge>
          ) : (
            <Badge tone="good">active</Badge>
          )}
        </td>
        <td className="py-2 pl-3">
          <div className="flex justify-end gap-1.5">
            <ActionButton reason={rotateWhy} onClick={() => onRotate(token.role)}>
              Rotate token
            </ActionButton>
            <ActionButton variant="danger" reason={revokeWhy} onClick={() => onRevoke(token.role)}>
              Revoke
            </ActionButton>
          </div>
        </td>
      </tr>
      {(rotateWhy || revokeWhy) && (
        <tr>
          <td colSpan={6} className="pb-2 text-right">
            <div className="inline-block text-left">
              <Reasons
                items={[
                  ['Rotate token', rotateWhy],
                  ['Revoke', revokeWhy],
                ]}
              />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
