import { useState } from 'react';
import { useGateway, useGranted, useSession } from '../../lib/gateway-context';
import { OPERATOR_SCOPES, satisfies } from '../../session/scopes';
import { toFailure } from '../../session/errors';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';

/** A paired device with a narrow grant asks for more, in place when it can. */
export function MoreAccess() {
  const gw = useGateway();
  const granted = useGranted();
  const requested = useSession((s) => s.requestedScopes);
  const upgrade = useSession((s) => s.upgradeWait);
  const lacking = OPERATOR_SCOPES.filter((s) => !satisfies(granted, s));
  const [picked, setPicked] = useState<string[]>(() =>
    lacking.filter((s) => requested.includes(s) || s === 'operator.admin'),
  );
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (lacking.length === 0) return null;

  const submit = async () => {
    setBusy(true);
    setResult(null);
    try {
      const outcome = await gw.requestMoreAccess(picked);
      setResult(
        outcome === 'approved'
          ? 'Approved: reconnecting with the new grant.'
          : outcome === 'reconnecting'
            ? 'Reconnecting with the gateway token to ask for the broader set.'
            : outcome === 'rejected'
              ? 'The request was rejected.'
              : 'The request expired before anyone approved it (after 5 minutes). Ask again.',
      );
    } catch (e) {
      setResult(`Could not ask: ${toFailure(e).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Request more access">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        This device holds {granted.length ? granted.join(', ') : 'no scopes'}. Cron changes need operator.admin; pairing
        management needs operator.pairing.
      </p>
      <fieldset className="mt-3 flex flex-wrap gap-x-4 gap-y-2 text-sm" disabled={busy || Boolean(upgrade)}>
        <legend className="sr-only">Scopes to ask for</legend>
        {lacking.map((s) => (
          <label key={s} className="flex items-center gap-1.5 font-mono text-xs">
            <input
              type="checkbox"
              checked={picked.includes(s)}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, s] : p.filter((x) => x !== s)))}
            />
            {s}
          </label>
        ))}
      </fieldset>
      <div className="mt-3 flex items-center gap-3">
        <Button variant="primary" onClick={submit} disabled={busy || picked.length === 0 || Boolean(upgrade)}>
          {upgrade ? 'Waiting for approval…' : 'Request more access'}
        </Button>
        {upgrade && (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            Request <code className="font-mono">{upgrade.requestId}</code>: approve with{' '}
            <code className="font-mono">openclaw devices approve {upgrade.requestId}</code> or from an admin clawscope.
          </span>
        )}
      </div>
      {result && (
        <p role="status" className="mt-2 text-sm">
          {result}
        </p>
      )}
    </Card>
  );
}
