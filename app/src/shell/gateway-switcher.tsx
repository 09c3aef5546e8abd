import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useGateway, useSession } from '../lib/gateway-context';
import { Link, usePath } from '../lib/router';
import { useSavedGateways } from '../lib/use-saved-gateways';
import { defaultLabel, switchHref } from '../session/gateways-list';
import { Button } from '../ui/button';

/**
 * The header's gateway menu: the saved gateways (switching is a page load of `?gateway=<url>`, so
 * each gateway gets its own connection, device token and state), saving the one in use, and the
 * way to the fleet page. Saved entries are label + URL only; tokens never go there.
 */
export function GatewaySwitcher() {
  const gw = useGateway();
  const current = useSession((s) => s.gatewayUrl);
  const path = usePath();
  const { list, save } = useSavedGateways();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const saved = list.find((g) => g.url === current);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = save({ label, url: current }, [gw.sharedToken()]);
    if (!r.ok) return setError(r.error);
    setError(null);
    setLabel('');
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-44 items-center gap-1.5 rounded-md border border-zinc-200 px-2.5 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900"
      >
        {/* Named "Gateway …" for everyone; the word shows only where the header has room. */}
        <span className="sr-only text-zinc-600 2xl:not-sr-only dark:text-zinc-400">Gateway</span>
        <span className="truncate font-medium">{saved?.label ?? defaultLabel(current)}</span>
        <span aria-hidden className="text-xs text-zinc-500">
          ▾
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          role="region"
          aria-label="Gateways"
          className="absolute right-0 z-30 mt-2 w-96 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 className="mb-2 font-semibold">Saved gateways</h2>
          {list.length === 0 ? (
            <p className="text-zinc-600 dark:text-zinc-400">
              None yet. Save the one in use to switch back to it later.
            </p>
          ) : (
            <ul className="space-y-1">
              {list.map((g) => (
                <li key={g.url}>
                  {/* A plain link: a full page load builds the connection (and the page's CSP) for that gateway. */}
                  <a
                    href={switchHref(g.url, path)}
                    aria-current={g.url === current ? 'true' : undefined}
                    className={`block rounded-md px-2 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${g.url === current ? 'bg-zinc-100 dark:bg-zinc-800' : ''}`}
                  >
                    <span className="font-medium">{g.label}</span>
                    {g.url === current && <span className="ml-2 text-xs text-teal-800 dark:text-teal-300">in use</span>}
                    <span className="block truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">{g.url}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {!saved && (
            <form onSubmit={submit} className="mt-3 border-t border-zinc-200 pt-3 dark:border-zinc-800" noValidate>
              <label htmlFor={`${panelId}-label`} className="mb-1 block font-medium">
                Save <span className="font-mono text-xs">{current}</span> as
              </label>
              <span className="flex gap-2">
                <input
                  id={`${panelId}-label`}
                  value={label}
                  onChange={(e) => setLabel(e.target.value)}
                  placeholder={defaultLabel(current)}
                  maxLength={64}
                  aria-invalid={Boolean(error)}
                  className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
                />
                <Button type="submit" variant="primary">
                  Save gateway
                </Button>
              </span>
              {error && (
                <p role="alert" className="mt-1 text-red-700 dark:text-red-400">
                  {error}
                </p>
              )}
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                Only the name and URL are kept in this browser; the token stays in this tab.
              </p>
            </form>
          )}
          <p className="mt-3 border-t border-zinc-200 pt-2 dark:border-zinc-800">
            <Link to="/fleet" onClick={() => setOpen(false)} className="text-teal-800 underline dark:text-teal-300">
              Fleet: every saved gateway side by side
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
