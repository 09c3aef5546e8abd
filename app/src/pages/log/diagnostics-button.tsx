import { useState } from 'react';
import { useGateway, useSession } from '../../lib/gateway-context';
import { buildDiagnostics, diagnosticsFileName } from '../../lib/diagnostics';
import { ROLE } from '../../session/gateway';
import { Button } from '../../ui/button';

/**
 * Download a JSON file for a bug report: versions, handshake, grant, last close and error, and the
 * last 200 log entries. Every secret this browser knows (the shared token, this device's token) is
 * passed to the scrubber, which also drops token-like fields and the gateway's redaction marks.
 */
export function DiagnosticsButton({
  variant = 'secondary',
  className = '',
}: {
  variant?: 'secondary' | 'ghost' | 'primary';
  className?: string;
}) {
  const gw = useGateway();
  const state = useSession((s) => s);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const secrets: (string | undefined)[] = [gw.sharedToken()];
      const identity = await gw.vault.loadIdentity();
      if (identity) secrets.push((await gw.vault.loadToken(gw.url, identity.deviceId, ROLE))?.token);
      const now = Date.now();
      const report = buildDiagnostics(state, gw.log.entries(), now, { secrets, userAgent: navigator.userAgent });
      const name = diagnosticsFileName(gw.url, now);
      download(`${JSON.stringify(report, null, 2)}\n`, name);
      setSaved(name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className={`inline-flex flex-col items-end ${className}`}>
      <Button
        variant={variant}
        onClick={save}
        disabled={busy}
        title="A JSON file for a bug report: versions, handshake timeline, requested and granted scopes, last close and error, and the last 200 log entries. Tokens and secrets are removed."
      >
        <span aria-hidden>⤓</span> Export diagnostics
      </Button>
      <span aria-live="polite" className="sr-only">
        {saved ? `Saved ${saved}` : ''}
      </span>
      {error && (
        <span role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          Could not export: {error}
        </span>
      )}
    </span>
  );
}

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
