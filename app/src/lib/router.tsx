import { startTransition, useCallback, useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A minimal history router: paths and query strings are state, so filters survive reloads and links.
 * A navigation is a transition: the current page stays on screen (and responsive) until the next one can
 * render, instead of flashing a loading fallback while its chunk arrives. Writing a query parameter from an
 * input is urgent, so the input never lags behind the keyboard.
 */
type Loc = { path: string; search: string };
type Listener = (urgent: boolean) => void;
const listeners = new Set<Listener>();
const notify = (urgent: boolean) => listeners.forEach((l) => l(urgent));
if (typeof window !== 'undefined') window.addEventListener('popstate', () => notify(false));

const readLoc = (): Loc => ({ path: window.location.pathname, search: window.location.search });

function useLocation(): Loc {
  const [loc, setLoc] = useState(readLoc);
  useEffect(() => {
    const update: Listener = (urgent) => {
      const next = readLoc();
      const apply = () => setLoc((prev) => (prev.path === next.path && prev.search === next.search ? prev : next));
      if (urgent) apply();
      else startTransition(apply);
    };
    listeners.add(update);
    update(true); // the URL may have moved between render and subscribe
    return () => void listeners.delete(update);
  }, []);
  return loc;
}

export function navigate(to: string, { replace = false, urgent = false } = {}) {
  const href = withSticky(to);
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify(urgent);
}

/** Params that define the session (?gateway=, ?scopes=) follow every link, so a link never silently switches gateways. */
const STICKY = ['gateway', 'scopes'];
function withSticky(to: string) {
  const next = new URL(to, 'http://x');
  const current = new URLSearchParams(typeof window !== 'undefined' ? window.location.search : '');
  for (const k of STICKY) {
    const v = current.get(k);
    if (v && !next.searchParams.has(k)) next.searchParams.set(k, v);
  }
  return `${next.pathname}${next.search}${next.hash}`;
}

export const usePath = () => useLocation().path;
const useSearch = () => useLocation().search;

/** Read and write one query parameter; writing replaces history so typing does not flood it. */
export function useSearchParam(name: string): [string | null, (value: string | null) => void] {
  const search = useSearch();
  const value = new URLSearchParams(search).get(name);
  const setValue = useCallback(
    (v: string | null) => {
      const params = new URLSearchParams(window.location.search);
      if (v === null || v === '') params.delete(name);
      else params.set(name, v);
      const qs = params.toString();
      navigate(`${window.location.pathname}${qs ? `?${qs}` : ''}`, { replace: true, urgent: true });
    },
    [name],
  );
  return [value, setValue];
}

/** Match `/cron/:id` style patterns. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const a = path.split('/').filter(Boolean);
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(a[i]!);
    else if (seg !== a[i]) return null;
  }
  return params;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const href = withSticky(to);
  return (
    <a
      href={href}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}
