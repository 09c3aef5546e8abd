import { Suspense, lazy, useCallback, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { isError, NO_FILTER, type LogFilter } from './log-model';
import { useLogRows } from './use-activity-log';

// The drawer (virtualized list, filters, diagnostics) loads when it is first opened or pointed at.
const loadDrawer = () => import('./log-drawer');
const LogDrawer = lazy(() => loadDrawer().then((m) => ({ default: m.LogDrawer })));

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
        onPointerEnter={() => void loadDrawer()}
        onFocus={() => void loadDrawer()}
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
          <Suspense fallback={null}>
            <LogDrawer id={drawerId} rows={rows} filter={filter} onFilter={setFilter} onClose={close} />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
