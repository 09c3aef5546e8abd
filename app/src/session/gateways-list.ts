import { parseGatewayUrl } from './target';

/**
 * The gateways this browser knows, by label and URL, kept in localStorage so every tab shares them.
 * Never a secret: entries hold exactly `label` and `url` (query, fragment and user info are refused or
 * dropped by parseGatewayUrl), and a label that contains a known token is refused. Tokens live
 * elsewhere: the shared token per tab in sessionStorage, device tokens per URL in IndexedDB.
 */
export type SavedGateway = { label: string; url: string };

export const GATEWAYS_KEY = 'clawscope.gateways';
export const MAX_LABEL = 64;
export const MAX_GATEWAYS = 50;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved list; anything in storage that is not a well-formed entry is skipped. */
export function loadGateways(storage: Store): SavedGateway[] {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(GATEWAYS_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: SavedGateway[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const { label, url } = item as Record<string, unknown>;
    if (typeof url !== 'string' || typeof label !== 'string') continue;
    const parsed = parseGatewayUrl(url);
    if (!('url' in parsed) || out.some((g) => g.url === parsed.url)) continue;
    out.push({ label: cleanLabel(label) || defaultLabel(parsed.url), url: parsed.url });
  }
  return out.slice(0, MAX_GATEWAYS);
}

/** A label for a URL the user did not name: its host. */
export function defaultLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const cleanLabel = (label: string) => [...label.replace(/\s+/g, ' ').trim()].slice(0, MAX_LABEL).join('');

export type SaveResult = { ok: true; list: SavedGateway[]; entry: SavedGateway } | { ok: false; error: string };

/**
 * Add a gateway, or rename it when its URL is already saved. `secrets` are the tokens this tab knows:
 * a label or URL that contains one is refused, so a pasted token never lands in localStorage.
 */
export function saveGateway(
  storage: Store,
  input: { label: string; url: string },
  secrets: readonly (string | undefined)[] = [],
): SaveResult {
  const parsed = parseGatewayUrl(input.url);
  if ('error' in parsed) return { ok: false, error: parsed.error };
  const label = cleanLabel(input.label) || defaultLabel(parsed.url);
  for (const s of secrets) {
    if (s && s.length >= 8 && (label.includes(s) || input.url.includes(s)))
      return { ok: false, error: 'That looks like the gateway token. Labels are saved in this browser: use a name.' };
  }
  const list = loadGateways(storage);
  const entry = { label, url: parsed.url };
  const at = list.findIndex((g) => g.url === entry.url);
  if (at >= 0) list[at] = entry;
  else if (list.length >= MAX_GATEWAYS) return { ok: false, error: `At most ${MAX_GATEWAYS} gateways can be saved.` };
  else list.push(entry);
  write(storage, list);
  return { ok: true, list, entry };
}

export function removeGateway(storage: Store, url: string): SavedGateway[] {
  const list = loadGateways(storage).filter((g) => g.url !== url);
  write(storage, list);
  return list;
}

function write(storage: Store, list: SavedGateway[]) {
  // Rebuilt field by field so nothing but label and url is ever written.
  storage.setItem(GATEWAYS_KEY, JSON.stringify(list.map(({ label, url }) => ({ label, url }))));
}

/**
 * Where switching to a gateway goes: the same page, `?gateway=<url>` and nothing else (a narrower
 * `?scopes=` belongs to one gateway's session). A full page load, so the connection, the query
 * cache and the page's CSP are all built for that gateway alone.
 */
export function switchHref(url: string, pathname = '/'): string {
  // Job ids and similar belong to one gateway: keep only the page's section.
  const section = `/${pathname.split('/').filter(Boolean)[0] ?? ''}`;
  return `${section}?gateway=${encodeURIComponent(url)}`;
}

/**
 * The fleet page's own address: the gateway in use plus `probe=` per other saved gateway. The app
 * server allows exactly these origins in this page's connect-src (scripts/serve.mjs).
 */
export function fleetHref(current: string, saved: readonly SavedGateway[]): string {
  const params = new URLSearchParams({ gateway: current });
  for (const g of saved) if (g.url !== current) params.append('probe', g.url);
  return `/fleet?${params.toString()}`;
}
