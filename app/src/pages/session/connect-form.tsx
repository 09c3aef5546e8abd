import { useState, type FormEvent } from 'react';
import { useGateway, useSession } from '../../lib/gateway-context';
import { parseGatewayUrl, saveToken } from '../../session/target';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';

/** Gateway URL and shared secret. The secret stays in this tab (sessionStorage), never in the URL or localStorage. */
export function ConnectForm() {
  const gw = useGateway();
  const status = useSession((s) => s.status);
  const [url, setUrl] = useState(gw.url);
  const [token, setToken] = useState('');
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasToken = gw.hasToken();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseGatewayUrl(url);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    if (token.trim()) saveToken(sessionStorage, parsed.url, token.trim());
    if (parsed.url !== gw.url) {
      // Another gateway is another session: load the page for it (the token waits in sessionStorage).
      const next = new URL(window.location.href);
      next.searchParams.set('gateway', parsed.url);
      next.hash = '';
      window.location.assign(next.toString());
      return;
    }
    if (token.trim()) gw.setToken(token.trim());
    setToken('');
    gw.reconnect();
  };

  return (
    <Card title="Connect to a gateway">
      <form onSubmit={submit} className="grid gap-3 md:grid-cols-[2fr_2fr_auto] md:items-end" noValidate>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Gateway URL</span>
          <input
            name="gateway"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            spellCheck={false}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'gateway-error' : undefined}
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Gateway token</span>
          <span className="flex gap-2">
            <input
              name="token"
              type={show ? 'text' : 'password'}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder={hasToken ? 'token set for this tab (type to replace)' : 'paste the gateway token'}
              className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
            <Button variant="ghost" onClick={() => setShow((v) => !v)} aria-pressed={show}>
              {show ? 'Hide' : 'Show'}
            </Button>
          </span>
        </label>
        <Button type="submit" variant="primary" disabled={status === 'connecting' && !token && url === gw.url}>
          Connect
        </Button>
      </form>
      {error && (
        <p id="gateway-error" role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <p className="mt-2 text-xs text-zinc-500">
        The token is kept for this tab only. Once this browser is paired, new tabs connect with its device token
        instead.
      </p>
    </Card>
  );
}
