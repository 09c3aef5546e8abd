import type { QueryClient } from '@tanstack/react-query';
import type { Gateway } from './session/gateway';
import { satisfies } from './session/scopes';

/** What a page module may export beside its component: the reads it starts with, begun before it renders. */
export type PageModule = {
  prefetch?: (gw: Gateway, qc: QueryClient, search: URLSearchParams) => void;
  [component: string]: unknown;
};

// The Session page is in the entry; every other page loads on demand. A new page: a line here (keyed by its
// first path segment, `x/:id` for a detail page), its lazy() and a route() case in app.tsx.
const chunks: Record<string, () => Promise<PageModule>> = {
  cron: () => import('./pages/cron/cron-page'),
  'cron/:id': () => import('./pages/cron/cron-job-page'),
  presence: () => import('./pages/presence/presence-page'),
  config: () => import('./pages/config/config-page'),
  devices: () => import('./pages/devices/devices-page'),
  nodes: () => import('./pages/devices/nodes-page'),
  lab: () => import('./pages/lab/lab-page'),
  fleet: () => import('./pages/fleet/fleet-page'),
};

/** Each chunk key's page module under pages/ (the build lists its files in index.html, see vite.config.ts). */
const modules: Record<string, string> = {
  cron: 'cron/cron-page',
  'cron/:id': 'cron/cron-job-page',
  presence: 'presence/presence-page',
  config: 'config/config-page',
  devices: 'devices/devices-page',
  nodes: 'devices/nodes-page',
  lab: 'lab/lab-page',
  fleet: 'fleet/fleet-page',
};

/**
 * Fetch (and let the browser compile) a path's page chunk without running it: the entry does this at once for the
 * URL's page, and runs it only after the connect is sent, so its evaluation never delays the handshake.
 */
export function warm(path: string) {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="clawscope-page-chunks"]');
  const page = modules[chunkKey(path)];
  if (!meta || !page) return; // the dev server has no such list; the import then fetches as usual
  let files: unknown;
  try {
    files = (JSON.parse(meta.content) as Record<string, unknown>)[page];
  } catch {
    return;
  }
  if (!Array.isArray(files)) return;
  for (const file of files) {
    if (typeof file !== 'string' || !/^assets\/[\w.-]+\.js$/.test(file)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = `/${file}`;
    document.head.append(link);
  }
}

const loaded = new Map<string, PageModule>();

/** The chunk key of a path: its first segment, `x/:id` for a detail page. */
export function chunkKey(path: string) {
  const [, first = '', second] = path.split('/');
  return second ? `${first}/:id` : first;
}

/** A page chunk that has arrived (so its page can render without suspending), else undefined. */
export const loadedPage = (key: string) => loaded.get(key);

/** Fetch a page chunk: now for the page the URL names, on hover or focus for a nav link. */
export function load(key: string): Promise<PageModule> {
  const chunk = chunks[key];
  if (!chunk) return Promise.reject(new Error(`no page chunk named ${key}`));
  return chunk().then((page) => (loaded.set(key, page), page));
}

/** Start fetching a path's page chunk; a failure shows where the page renders (its error boundary), not here. */
export function preload(path: string): Promise<PageModule | undefined> {
  const key = chunkKey(path);
  return key in chunks ? load(key).catch(() => undefined) : Promise.resolve(undefined);
}

/**
 * Begin the reads of the page at `to` (a path with its query string) now: at hello-ok for the page the URL names,
 * on a click for the next one. The page's own queries then find them in flight or done. Only with operator.read:
 * without it every read would only fail, and the page says so without asking.
 */
export function startReads(to: string, gw: Gateway, qc: QueryClient) {
  const scopes = gw.hello()?.scopes;
  if (!scopes || !satisfies(scopes, 'operator.read')) return;
  const url = new URL(to, window.location.href);
  void preload(url.pathname).then((page) => page?.prefetch?.(gw, qc, url.searchParams));
}
