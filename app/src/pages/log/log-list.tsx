import { memo, useRef, type CSSProperties, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatBytes, formatClock, type LogRow } from './log-model';

const ROW_HEIGHT = 52;
/** Up to this many rows render plainly (find-in-page works); beyond it only the rows in view do. */
const VIRTUALIZE_AFTER = 120;

export function LogList({ rows }: { rows: LogRow[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALIZE_AFTER;
  // The compiler skips memoizing this component (the virtualizer's functions change every render): intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    enabled: virtual,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]!.id,
    initialRect: { width: 560, height: 700 },
  });
  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" data-testid="log-scroll">
      {virtual ? (
        <ol
          aria-label="Log entries"
          data-virtual="true"
          className="relative"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => (
            <Row
              key={item.key}
              row={rows[item.index]!}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            />
          ))}
        </ol>
      ) : (
        <ol aria-label="Log entries">
          {rows.map((r) => (
            <Row key={r.id} row={r} />
          ))}
        </ol>
      )}
    </div>
  );
}

const tag = {
  request: ['REQ', 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300'],
  event: ['EVT', 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300'],
  problem: ['!', 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300'],
} as const;

const Row = memo(function Row({ row, style }: { row: LogRow; style?: CSSProperties }) {
  const [label, tone] = tag[row.kind];
  const failed =
    (row.kind === 'request' && row.ok === false) || row.kind === 'problem' || row.gapExpected !== undefined;
  return (
    <li
      style={{ ...style, height: ROW_HEIGHT }}
      data-testid="log-row"
      data-kind={row.kind}
      data-error={failed ? 'true' : undefined}
      className={`flex items-start gap-3 border-b border-zinc-100 px-4 py-1.5 text-xs dark:border-zinc-800/70 ${failed ? 'bg-red-50/40 dark:bg-red-950/20' : ''}`}
    >
      <time
        dateTime={new Date(row.atMs).toISOString()}
        className="w-[5.6rem] shrink-0 pt-0.5 font-mono tabular-nums text-zinc-500"
      >
        {formatClock(row.atMs)}
      </time>
      <span
        className={`mt-0.5 w-9 shrink-0 rounded px-1 text-center font-mono text-[10px] font-semibold leading-4 ${tone}`}
        aria-label={row.kind}
      >
        {label}
      </span>
      <div className="min-w-0 flex-1">{body(row)}</div>
    </li>
  );
});

function body(row: LogRow) {
  switch (row.kind) {
    case 'request': {
      const outcome =
        row.ok === undefined ? (
          <span className="text-zinc-500">pending…</span>
        ) : row.ok ? (
          <span className="font-medium text-emerald-700 dark:text-emerald-400">ok</span>
        ) : (
          <span className="font-mono font-medium text-red-700 dark:text-red-400">{row.errorCode ?? 'error'}</span>
        );
      return (
        <>
          <Line>
            <span className="truncate font-mono font-medium text-zinc-900 dark:text-zinc-100">{row.method}</span>
            <span className="flex shrink-0 items-baseline gap-2">
              {outcome}
              {row.durationMs !== undefined && (
                <span className="w-14 text-right font-mono tabular-nums text-zinc-500">{row.durationMs} ms</span>
              )}
            </span>
          </Line>
          {row.ok === false && row.errorMessage ? (
            <p className="truncate text-red-700 dark:text-red-400" title={row.errorMessage}>
              {row.errorMessage}
            </p>
          ) : (
            <p className="truncate text-zinc-500">
              {row.scope ? (
                <>
                  needs <span className="font-mono">{row.scope}</span>
                </>
              ) : (
                'needs no scope'
              )}{' '}
              · params {formatBytes(row.paramsBytes)}
            </p>
          )}
        </>
      );
    }
    case 'event':
      return (
        <>
          <Line>
            <span className="truncate font-mono font-medium text-zinc-900 dark:text-zinc-100">{row.event}</span>
            <span className="shrink-0 font-mono tabular-nums text-zinc-500">{formatBytes(row.bytes)}</span>
          </Line>
          <p className="flex items-center gap-2 truncate text-zinc-500">
            <span className="font-mono">seq {row.seq ?? '—'}</span>
            {row.gapExpected !== undefined && (
              <span className="rounded bg-amber-100 px-1 font-medium text-amber-900 ring-1 ring-amber-300 ring-inset dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800">
                seq gap: expected {row.gapExpected}, missed {(row.seq ?? row.gapExpected) - row.gapExpected}
              </span>
            )}
          </p>
        </>
      );
    case 'problem':
      return (
        <>
          <p className="truncate font-medium text-amber-900 dark:text-amber-300" title={row.message}>
            {row.message}
          </p>
          <p className="truncate text-zinc-500">
            {row.isGapNotice
              ? 'Events were missed: the pages that depend on them re-read their data.'
              : 'Seen by this dashboard, not sent by the gateway.'}
          </p>
        </>
      );
  }
}

function Line({ children }: { children: ReactNode }) {
  return <div className="flex items-baseline justify-between gap-3">{children}</div>;
}
