import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { countByKind, filterRows, NO_FILTER, type LogFilter, type LogRow } from './log-model';
import { LogList } from './log-list';
import { DiagnosticsButton } from './diagnostics-button';
import { EmptyState } from '../../ui/states';

const LOG_CAP = 1000;
const DOCK_QUERY = '(min-width: 1024px)';
const DOCK_WIDTH = '30rem';

/** The side drawer the header's "Log" button opens (see log-panel.tsx, which keeps its open state and filters). */
export function LogDrawer({
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
