import { useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A minimal history router: paths and query strings are state, so filters survive reloads and links. */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export function navigate(to: string, { replace = false } = {}) {
  const href = withSticky(to);
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
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

export const usePath = () => useSyncExternalStore(subscribe, () => window.location.pathname);
const useSearch = () => useSyncExternalStore(subscribe, () => window.location.search);

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
      navigate(`${window.location.pathname}${qs ? `?${qs}` : ''}`, { replace: true });
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
