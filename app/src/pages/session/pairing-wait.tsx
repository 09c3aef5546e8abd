import { useGateway, useSession } from '../../lib/gateway-context';
import { useNow } from '../../lib/use-now';
import { PAIRING_EXPIRY_MS } from '../../session/gateway';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { CopyButton } from '../../ui/copy-button';

const REASONS: Record<string, string> = {
  'not-paired': 'This browser is not paired with the gateway yet.',
  'scope-upgrade': 'This browser is paired, but asks for more scopes than were approved.',
  'role-upgrade': 'This browser is paired, but asks for a role it was not approved for.',
  'metadata-upgrade': 'This browser changed its platform details since it was approved, so it needs approval again.',
};

/** Waiting for an operator to approve this browser: what was asked, who can approve, and how long it lasts. */
export function PairingWait() {
  const gw = useGateway();
  const wait = useSession((s) => s.pairingWait);
  const nextRetryAtMs = useSession((s) => s.nextRetryAtMs);
  const now = useNow();
  if (!wait) return null;
  const command = wait.requestId ? `openclaw devices approve ${wait.requestId}` : 'openclaw devices list';
  const leftMs = Math.max(0, wait.firstSeenAtMs + PAIRING_EXPIRY_MS - now);
  return (
    <Card
      title="Waiting for approval"
      actions={<Badge tone={wait.paused ? 'neutral' : 'warn'}>{wait.paused ? 'paused' : 'waiting'}</Badge>}
    >
      <div className="space-y-4 text-sm">
        <p>{REASONS[wait.reason] ?? `Approval needed (${wait.reason}).`}</p>
        {wait.replaced && (
          <p role="status" className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            The earlier request <code className="font-mono">{wait.replaced}</code> expired or was replaced; the gateway
            made a new one.
          </p>
        )}
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Requested</p>
            <p className="mt-1 flex flex-wrap gap-1">
              {wait.requestedScopes.map((s) => (
                <Badge key={s}>{s}</Badge>
              ))}
            </p>
          </div>
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Already approved</p>
            <p className="mt-1 flex flex-wrap gap-1">
              {wait.approvedScopes.length ? (
                wait.approvedScopes.map((s) => (
                  <Badge key={s} tone="good">
                    {s}
                  </Badge>
                ))
              ) : (
                <span className="text-zinc-500">nothing</span>
              )}
            </p>
          </div>
        </div>
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Approve it on the gateway host</p>
          <div className="mt-1 flex items-center gap-2">
            <code
              data-testid="approve-command"
              className="flex-1 truncate rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800"
            >
              {command}
            </code>
            <CopyButton text={command} what="approve command" look="button" />
          </div>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            Or approve it from another clawscope (or the Control UI) whose session holds operator.pairing: Devices, then
            Approve. Approving scopes the approver itself lacks fails, so use an admin session.
          </p>
        </div>
        <p className="text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {wait.paused
            ? 'Stopped checking. The request stays pending on the gateway until it expires.'
            : `Checking every few seconds${nextRetryAtMs ? `, next in ${Math.max(0, Math.ceil((nextRetryAtMs - now) / 1000))} s` : ''}. clawscope connects by itself the moment it is approved.`}{' '}
          {leftMs > 0
            ? `The request expires in ${Math.floor(leftMs / 60000)}:${String(Math.floor((leftMs % 60000) / 1000)).padStart(2, '0')}.`
            : 'The request has expired; the next check makes a new one.'}
        </p>
        <div className="flex gap-2">
          <Button variant="primary" onClick={() => gw.checkPairingNow()}>
            Check now
          </Button>
          {!wait.paused && <Button onClick={() => gw.cancelPairingWait()}>Cancel</Button>}
        </div>
      </div>
    </Card>
  );
}
