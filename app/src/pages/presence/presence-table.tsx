import {
  clientName,
  isDeviceless,
  lastInputAt,
  presenceKey,
  shortId,
  shortScope,
  type PresenceEntry,
} from '../../lib/presence';
import { RelativeTime } from '../../ui/relative-time';
import { Badge } from '../../ui/badge';

export type OwnMark = 'self' | 'probably-self' | 'same-device';

const OWN_LABEL: Record<OwnMark, { text: string; tone: 'good' | 'info' | 'neutral'; title: string }> = {
  self: { text: 'this session', tone: 'good', title: "This entry carries this browser's device id." },
  'probably-self': {
    text: 'probably this session',
    tone: 'info',
    title: 'A best guess: the entry that came online closest to when this session connected.',
  },
  'same-device': {
    text: 'this browser',
    tone: 'neutral',
    title: "Another connection with this browser's device id (another tab or window).",
  },
};

/** Keys for React: entries have no id, and two can look alike. */
function uniqueKeys(entries: readonly PresenceEntry[]) {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const k = presenceKey(e);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n === 0 ? k : `${k}#${n}`;
  });
}

export function PresenceTable({
  entries,
  marks,
  now,
  label,
  gone = false,
}: {
  entries: readonly PresenceEntry[];
  marks: ReadonlyMap<PresenceEntry, OwnMark>;
  now: number;
  label: string;
  /** Disconnected entries: the last column is when they left. */
  gone?: boolean;
}) {
  const keys = uniqueKeys(entries);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[60rem] text-sm" aria-label={label}>
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
            <th className="py-2 pr-3 pl-2 font-medium">Client</th>
            <th className="px-3 py-2 font-medium">Host</th>
            <th className="px-3 py-2 font-medium">Platform · version</th>
            <th className="px-3 py-2 font-medium">Device</th>
            <th className="px-3 py-2 font-medium">Roles · scopes</th>
            <th className="px-3 py-2 font-medium">Online since</th>
            <th
              className="px-3 py-2 font-medium"
              title="The last time the gateway updated this entry (connect, heartbeat)"
            >
              {gone ? 'Left' : 'Last seen'}
            </th>
            <th
              className="py-2 pl-3 font-medium"
              title="The last time a person used the client, as the client reports it"
            >
              Last input
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <PresenceRow key={keys[i]} entry={e} mark={marks.get(e)} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PresenceRow({ entry: e, mark, now }: { entry: PresenceEntry; mark: OwnMark | undefined; now: number }) {
  const own = mark === 'self' || mark === 'probably-self';
  return (
    <tr
      data-testid="presence-row"
      data-own={mark}
      title={e.text}
      className={`border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60 ${own ? 'bg-teal-50/70 shadow-[inset_3px_0_0] shadow-teal-600 dark:bg-teal-950/30 dark:shadow-teal-500' : ''}`}
    >
      <td className="py-2.5 pr-3 pl-2">
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono text-xs font-medium whitespace-nowrap text-zinc-900 dark:text-zinc-100">
            {clientName(e)}
          </span>
          {e.mode && <Badge>{e.mode}</Badge>}
        </div>
        {e.userId && <div className="mt-0.5 text-xs whitespace-nowrap text-zinc-500">user {e.userId}</div>}
        {mark && (
          <div className="mt-1">
            <Badge tone={OWN_LABEL[mark].tone} title={OWN_LABEL[mark].title}>
              {OWN_LABEL[mark].text}
            </Badge>
          </div>
        )}
      </td>
      <td className="px-3 py-2.5">
        <span className="font-mono text-xs whitespace-nowrap">{e.host ?? '—'}</span>
        {e.ip && <div className="font-mono text-xs text-zinc-500">{e.ip}</div>}
      </td>
      <td className="px-3 py-2.5 text-xs">
        <div>{e.platform ?? '—'}</div>
        {e.version && <div className="font-mono text-zinc-500">{e.version}</div>}
      </td>
      <td className="px-3 py-2.5">
        {e.deviceId ? (
          <span className="font-mono text-xs" title={e.deviceId}>
            {shortId(e.deviceId)}
          </span>
        ) : isDeviceless(e) ? (
          <Badge
            tone="warn"
            title="A token-only connection: the gateway clears the scopes of operator sessions without a device identity."
          >
            limited: no device identity, no scopes
          </Badge>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">—</span>
        )}
      </td>
      <td className="px-3 py-2.5">
        <div className="flex max-w-72 flex-wrap gap-1">
          {e.roles?.map((r) => (
            <Badge key={`r:${r}`} title={`role ${r}`}>
              {r}
            </Badge>
          ))}
          {e.scopes?.map((s) => (
            <Badge key={`s:${s}`} tone="info" title={s}>
              {shortScope(s)}
            </Badge>
          ))}
          {(!e.scopes || e.scopes.length === 0) && (
            <span className="text-xs text-zinc-500">{e.deviceId ? 'no scopes stated' : 'no scopes'}</span>
          )}
        </div>
      </td>
      <td className="px-3 py-2.5 text-xs">
        <RelativeTime ms={e.onlineSince} now={now} past />
      </td>
      <td className="px-3 py-2.5 text-xs">
        <RelativeTime ms={e.ts} now={now} past />
      </td>
      <td className="py-2.5 pl-3 text-xs">
        {lastInputAt(e) === undefined ? (
          <span className="text-zinc-500" title="This client does not report when it was last used">
            not reported
          </span>
        ) : (
          <RelativeTime ms={lastInputAt(e)} now={now} past />
        )}
      </td>
    </tr>
  );
}
