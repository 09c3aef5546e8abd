import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useGateway, useSession } from '../../lib/gateway-context';
import { useSavedGateways } from '../../lib/use-saved-gateways';
import { fleetQueries } from '../../queries/fleet';
import { fleetHref, type SavedGateway } from '../../session/gateways-list';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/states';
import { FleetTable } from './fleet-table';

/**
 * Every saved gateway side by side, each from its own short-lived read-only connection. The app
 * server allows this page to connect to exactly the gateways in its address (`probe=`), so a
 * gateway saved since the page loaded needs one reload before it can be reached.
 */
export function FleetPage() {
  const current = useSession((s) => s.gatewayUrl);
  const { list, save, remove } = useSavedGateways();
  const qc = useQueryClient();
  const missing = useMissingProbes(current, list);

  useEffect(() => {
    if (missing) window.location.replace(fleetHref(current, list));
  }, [missing, current, list]);

  const rows: Array<SavedGateway & { saved: boolean }> = [
    ...(list.some((g) => g.url === current) ? [] : [{ label: 'not saved', url: current, saved: false }]),
    ...list.map((g) => ({ ...g, saved: true })),
  ];

  const checkAll = () => {
    rows.forEach((r) => fleetQueries.checkAgain(qc, r.url));
    void qc.invalidateQueries({ queryKey: fleetQueries.all() });
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Fleet</h1>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            Each gateway is checked once over its own read-only connection, with the credential this browser holds
            there: its device token, else this tab&apos;s shared token (which can never pair). A refused token is not
            sent again until you check again.
          </p>
        </div>
        <Button onClick={checkAll} disabled={missing}>
          Check all again
        </Button>
      </div>
      {missing ? (
        <p role="status" className="text-sm">
          Loading the fleet page for the newly saved gateways…
        </p>
      ) : (
        <FleetTable rows={rows} current={current} onRemove={remove} />
      )}
      {list.length === 0 && (
        <EmptyState title="No saved gateways yet">
          Add one below, or save the gateway in use from the Gateway menu in the header.
        </EmptyState>
      )}
      <AddGateway onSave={save} />
    </div>
  );
}

/** A saved gateway this page's address (and so its CSP) does not name yet. */
function useMissingProbes(current: string, list: readonly SavedGateway[]) {
  const search = typeof window === 'undefined' ? '' : window.location.search;
  const probes = new Set(new URLSearchParams(search).getAll('probe'));
  return list.some((g) => g.url !== current && !probes.has(g.url));
}

function AddGateway({ onSave }: { onSave: ReturnType<typeof useSavedGateways>['save'] }) {
  const gw = useGateway();
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = onSave({ label, url }, [gw.sharedToken()]);
    if (!r.ok) return setError(r.error);
    setError(null);
    setLabel('');
    setUrl('');
  };
  return (
    <Card title="Add a gateway">
      <form onSubmit={submit} noValidate className="grid gap-3 md:grid-cols-[1fr_2fr_auto] md:items-end">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Name</span>
          <input
            name="label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={64}
            placeholder="home server"
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Gateway URL</span>
          <input
            name="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            spellCheck={false}
            placeholder="wss://gateway.example.com"
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'add-gateway-error' : undefined}
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
        <Button type="submit" variant="primary">
          Save gateway
        </Button>
      </form>
      {error && (
        <p id="add-gateway-error" role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        Only the name and URL are kept in this browser. To sign in, open the gateway and paste its token there (it stays
        in that tab) or pair this browser.
      </p>
    </Card>
  );
}
