/**
 * Where to connect and with what secret, read from the page's own URL:
 * `?gateway=ws://host:port` and `#token=...` (as `openclaw dashboard` hands it).
 * The token is stripped from the address bar at once and kept for this tab only.
 */
export const DEFAULT_GATEWAY = 'ws://127.0.0.1:18789';
const TOKEN_KEY = 'clawscope.token';

export type Target = { gatewayUrl: string; token?: string; error?: string };

/** Accepts ws:// and wss:// URLs with a host; http(s) is rewritten to ws(s) as users often paste that. */
export function parseGatewayUrl(input: string): { url: string } | { error: string } {
  const raw = input.trim();
  if (!raw) return { error: 'Enter the gateway URL, for example ws://127.0.0.1:18789.' };
  let u: URL;
  try {
    u = new URL(raw.replace(/^http(s?):\/\//i, 'ws$1://'));
  } catch {
    return { error: `"${raw}" is not a URL. Use ws://host:port, for example ws://127.0.0.1:18789.` };
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
    return { error: `Use a ws:// or wss:// URL, not ${u.protocol}//.` };
  if (!u.hostname) return { error: 'The gateway URL needs a host.' };
  if (u.username || u.password) return { error: 'Put the token in the token field, not in the URL.' };
  if (u.protocol === 'ws:' && !isLoopbackHost(u.hostname)) return { error: plaintextRefusal(u.hostname) };
  const path = u.pathname === '/' ? '' : u.pathname;
  return { url: `${u.protocol}//${u.host}${path}` };
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain ws:// may reach (the page's CSP says the same). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

const plaintextRefusal = (host: string) =>
  `Plain ws:// to ${host} is refused: the gateway token and this browser's device token would cross the network ` +
  `unencrypted. Use wss:// (a TLS reverse proxy in front of the gateway), or an SSH tunnel to ws://127.0.0.1.`;

/** Read the target, strip `#token=` from the address bar, remember the token in sessionStorage. */
export function readTarget(loc: Location, history: History, session: Storage): Target {
  const params = new URLSearchParams(loc.search);
  const parsed = parseGatewayUrl(params.get('gateway') ?? DEFAULT_GATEWAY);
  const gatewayUrl = 'url' in parsed ? parsed.url : DEFAULT_GATEWAY;
  const hash = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash !== null) {
    hash.delete('token');
    const rest = hash.toString();
    history.replaceState(history.state, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
    if (fromHash) saveToken(session, gatewayUrl, fromHash);
  }
  const token = loadToken(session, gatewayUrl);
  return { gatewayUrl, ...(token ? { token } : {}), ...('error' in parsed ? { error: parsed.error } : {}) };
}

export function saveToken(session: Storage, gatewayUrl: string, token: string) {
  session.setItem(`${TOKEN_KEY}|${gatewayUrl}`, token);
}
export function loadToken(session: Storage, gatewayUrl: string) {
  return session.getItem(`${TOKEN_KEY}|${gatewayUrl}`) ?? undefined;
}
export function clearToken(session: Storage, gatewayUrl: string) {
  session.removeItem(`${TOKEN_KEY}|${gatewayUrl}`);
}
