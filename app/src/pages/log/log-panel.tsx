import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { countByKind, filterRows, isError, NO_FILTER, type LogFilter, type LogRow } from './log-model';
import { LogList } from './log-list';
import { useLogRows } from './use-activity-log';
import { DiagnosticsButton } from './diagnostics-button';
import { EmptyState } from '../../ui/states';

const LOG_CAP = 1000;
const DOCK_QUERY = '(min-width: 1024px)';
const DOCK_WIDTH = '30rem';
const idNumber = (id: string) => Number(id.replace(/^\D+/, '')) || 0;

/**
 * The "Log" button for the header and the side drawer it opens: every request this dashboard sent and
 * every event it received, newest first. Open state and filters live here, not in the URL, so they
 * survive moving between pages while the drawer stays open.
 */
export function LogPanel() {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const rows = useLogRows();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const drawerId = useId();
  // Errors that arrived while the drawer was closed; the badge hides while it is open, and what was
  // there when it closes counts as seen.
  const [seenUpTo, setSeenUpTo] = useState(0);
  const newest = rows[0] ? idNumber(rows[0].id) : 0;
  const unseenErrors = useMemo(() => {
    let n = 0;
    for (const r of rows) {
      if (idNumber(r.id) <= seenUpTo) break;
      if (isError(r)) n++;
    }
    return n;
  }, [rows, seenUpTo]);

  const close = useCallback(() => {
    // Focus goes back to the button unless the user had moved on to something on the page.
    const active = document.activeElement;
    const inDrawer = !active || active === document.body || Boolean(active.closest(`[id="${CSS.escape(drawerId)}"]`));
    setOpen(false);
    setSeenUpTo(newest);
    if (inDrawer || active === buttonRef.current) buttonRef.current?.focus();
  }, [drawerId, newest]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? drawerId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
        title="Requests sent and events received (Esc closes)"
        className={`relative flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm ${
          open
            ? 'bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-white'
            : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white'
        }`}
      >
        Log
        {unseenErrors > 0 && !open && (
          <span
            aria-label={`${unseenErrors} new ${unseenErrors === 1 ? 'error' : 'errors'}`}
            className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-[11px] font-semibold leading-5 text-white tabular-nums"
          >
            {unseenErrors > 99 ? '99+' : unseenErrors}
          </span>
        )}
      </button>
      {open &&
        createPortal(
          <LogDrawer id={drawerId} rows={rows} filter={filter} onFilter={setFilter} onClose={close} />,
          document.body,
        )}
    </>
  );
}

function LogDrawer({
  id,
  rows,
  filter,
  onFilter,
  onClose,
}: {
  id: string;
  rows: LogRow[];
  filter: LogFilter;
  onFilter: (f: LogFilter) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => filterRows(rows, deferred), [rows, deferred]);
  const counts = useMemo(() => countByKind(rows), [rows]);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  // Docked on wide screens: the page moves over instead of hiding under the drawer, so it stays usable.
  useEffect(() => {
    const wide = window.matchMedia(DOCK_QUERY);
    const apply = () => {
      document.body.style.paddingRight = wide.matches ? DOCK_WIDTH : '';
    };
    apply();
    wide.addEventListener('change', apply);
    return () => {
      wide.removeEventListener('change', apply);
      document.body.style.paddingRight = '';
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // A modal (a confirmation) open on top handles its own Esc first.
      if (document.querySelector('[aria-modal="true"]')) return;
      // Esc in a field of the page (the config search clears itself with it) stays that field's.
      const t = e.target as HTMLElement | null;
      if (t && !ref.current?.contains(t) && t.closest('input, textarea, select, [contenteditable="true"]')) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const kinds = [
    ['all', 'All', counts.all],
    ['request', 'Requests', counts.request],
    ['event', 'Events', counts.event],
    ['problem', 'Problems', counts.problem],
  ] as const;
  const filtered = filter.kind !== 'all' || filter.text.trim() !== '' || filter.errorsOnly;

  return (
    <div
      ref={ref}
      id={id}
      role="dialog"
      aria-modal="false"
      aria-label="Activity log"
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-xl flex-col border-l lg:w-[30rem] border-zinc-200 bg-white shadow-2xl dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Activity log</h2>
          <p className="mt-0.5 text-xs text-zinc-500" data-testid="log-count">
            {filtered ? `${shown.length} of ${rows.length}` : rows.length} {rows.length === 1 ? 'entry' : 'entries'},
            newest first · keeps the last {LOG_CAP}
          </p>
        </div>
        <div className="flex shrink-0 items-start gap-2">
          <DiagnosticsButton />
          <button
            type="button"
            onClick={onClose}
            aria-label="Close the log"
            title="Close (Esc)"
            className="rounded-md px-2 py-1 text-lg leading-none text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-white"
          >
            ×
          </button>
        </div>
      </div>
      <div className="space-y-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-2">
          <div
            role="group"
            aria-label="Entry kind"
            className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
          >
            {kinds.map(([k, label, n]) => (
              <button
                key={k}
                type="button"
                aria-pressed={filter.kind === k}
                onClick={() => onFilter({ ...filter, kind: k })}
                className={`rounded px-2 py-0.5 text-xs font-medium ${
                  filter.kind === k
                    ? 'bg-teal-700 text-white dark:bg-teal-600'
                    : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white'
                }`}
              >
                {label} <span className="tabular-nums font-normal">{n}</span>
              </button>
            ))}
          </div>
          <label className="ml-auto inline-flex items-center gap-1.5 text-xs text-zinc-700 dark:text-zinc-300">
            <input
              type="checkbox"
              checked={filter.errorsOnly}
              onChange={(e) => onFilter({ ...filter, errorsOnly: e.target.checked })}
              className="accent-teal-700"
            />
            Errors only <span className="tabular-nums text-zinc-500">({counts.errors})</span>
          </label>
        </div>
        <input
          ref={searchRef}
          type="search"
          value={filter.text}
          onChange={(e) => onFilter({ ...filter, text: e.target.value })}
          aria-label="Filter the log"
          placeholder="Filter: method, event, scope, error code or message"
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-950"
        />
      </div>
      {rows.length === 0 ? (
        <div className="p-4">
          <EmptyState title="Nothing yet">
            Requests and events appear here as the dashboard talks to the gateway.
          </EmptyState>
        </div>
      ) : shown.length === 0 ? (
        <div className="p-4">
          <EmptyState title="No entry matches">
            <button type="button" className="underline" onClick={() => onFilter(NO_FILTER)}>
              Clear the filters
            </button>
          </EmptyState>
        </div>
      ) : (
        <LogList rows={shown} />
      )}
    </div>
  );
}
