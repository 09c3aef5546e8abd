import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useGateway } from '../../lib/gateway-context';
import { useNow } from '../../lib/use-now';
import { fleetQueries } from '../../queries/fleet';
import { switchHref, type SavedGateway } from '../../session/gateways-list';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { countCell, grantCell, reachCell, versionText, type Cell } from './fleet-model';

type Row = SavedGateway & { saved: boolean };

const COLUMNS = ['Gateway', 'Reachable', 'Version', "This browser's grant", 'Pending requests', 'Failing cron jobs'];

export function FleetTable({
  rows,
  current,
  onRemove,
}: {
  rows: Row[];
  current: string;
  onRemove: (url: string) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Saved gateways and what this browser can see on each</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-600 uppercase dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-medium">
                {c}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => (
            <FleetRow key={r.url} row={r} inUse={r.url === current} onRemove={onRemove} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FleetRow({ row, inUse, onRemove }: { row: Row; inUse: boolean; onRemove: (url: string) => void }) {
  const gw = useGateway();
  const qc = useQueryClient();
  const probe = useQuery(fleetQueries.probe(gw.vault, row.url));
  const now = useNow(10_000);
  const r = probe.data;
  const checking = probe.isFetching;
  return (
    <tr aria-busy={checking || undefined} data-gateway={row.url}>
      <th scope="row" className="px-3 py-2 align-top font-normal">
        <span className="font-medium">{row.label}</span>
        {inUse && (
          <span className="ml-2">
            <Badge tone="info">in use</Badge>
          </span>
        )}
        <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">{row.url}</span>
        {r && (
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">
            {checking ? 'checking…' : `checked ${ago(now - r.checkedAtMs)}`}
          </span>
        )}
      </th>
      {!r ? (
        <td colSpan={5} className="px-3 py-2 text-zinc-600 dark:text-zinc-400">
          {probe.isError ? `Could not check: ${String(probe.error)}` : 'Checking…'}
        </td>
      ) : (
        <>
          <CellTd cell={reachCell(r)} />
          <td className="px-3 py-2 align-top font-mono text-xs whitespace-nowrap">{versionText(r)}</td>
          <CellTd cell={grantCell(r)} />
          <CellTd cell={countCell(r.pending, 'pending pairing requests')} />
          <CellTd cell={countCell(r.failingCron, 'cron jobs whose last run failed')} />
        </>
      )}
      <td className="px-3 py-2 align-top">
        <div className="flex items-center justify-end gap-1 whitespace-nowrap">
          {!inUse && (
            <a
              href={switchHref(row.url)}
              className="rounded-md px-2 py-1 text-sm font-medium text-teal-800 underline dark:text-teal-300"
            >
              Open <span className="sr-only">{row.label}</span>
            </a>
          )}
          <Button
            variant="ghost"
            disabled={checking}
            onClick={() => {
              fleetQueries.checkAgain(qc, row.url);
              void probe.refetch();
            }}
          >
            Check again <span className="sr-only">{row.label}</span>
          </Button>
          {row.saved && (
            <Button variant="ghost" onClick={() => onRemove(row.url)}>
              Remove <span className="sr-only">{row.label}</span>
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}

function CellTd({ cell }: { cell: Cell }) {
  return (
    <td className="px-3 py-2 align-top">
      <Badge tone={cell.tone} title={cell.detail}>
        {cell.text}
      </Badge>
      {cell.detail && cell.tone !== 'good' && cell.tone !== 'neutral' && (
        <span className="mt-1 block max-w-56 text-xs text-zinc-600 dark:text-zinc-400">{cell.detail}</span>
      )}
    </td>
  );
}

function ago(ms: number) {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
}
