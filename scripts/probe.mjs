// Shared by npm start (scripts/start.mjs) and the clawscope command (bin/clawscope.mjs): read a gateway URL,
// ask it whether it is a live OpenClaw gateway, build the app URL that points at it, open a browser.

import { spawn } from 'node:child_process';
import net from 'node:net';

/**
 * @typedef {{ ws: string, http: string, host: string, port: number }} GatewayAddress
 * @typedef {{ state: 'ok', body: string } | { state: 'down' } | { state: 'other', detail: string }} ProbeResult
 */

/** ws://host:port (http(s) accepted) → its ws and http forms. Throws on anything else. @param {string} input */
export function normalizeGateway(input) {
  const u = new URL(input.trim().replace(/^http(s?):\/\//i, 'ws$1://'));
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
    throw new Error(`gateway URL must be ws:// or wss:// (got ${input})`);
  if (u.username || u.password) throw new Error('put the token in OPENCLAW_GATEWAY_TOKEN, not in the gateway URL');
  const secure = u.protocol === 'wss:';
  const port = Number(u.port || (secure ? 443 : 80));
  const ws = `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  /** @type {GatewayAddress} */
  const out = { ws, http: `${secure ? 'https' : 'http'}://${u.host}`, host: u.hostname.replace(/^\[|\]$/g, ''), port };
  return out;
}

/** @param {string} host @param {number} port @param {number} timeoutMs @returns {Promise<boolean>} */
function tcpConnect(host, port, timeoutMs) {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    /** @param {boolean} ok */
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/**
 * 'ok' (answers GET /healthz with {"ok":true}), 'other' (something listens but is not a healthy gateway), 'down'.
 * @param {GatewayAddress} gw
 * @returns {Promise<ProbeResult>}
 */
export async function probe(gw) {
  if (!(await tcpConnect(gw.host, gw.port, 1500))) return { state: 'down' };
  try {
    const res = await fetch(`${gw.http}/healthz`, { signal: AbortSignal.timeout(2500) });
    const body = await res.text();
    let json = null;
    try {
      json = JSON.parse(body);
    } catch {
      /* not a gateway */
    }
    // An OpenClaw gateway answers {"ok":true,"status":"live"}; a dev server's SPA fallback would answer HTML.
    if (res.ok && json?.ok === true) return { state: 'ok', body };
    return {
      state: 'other',
      detail: `GET /healthz returned HTTP ${res.status}${res.ok ? ' without {"ok":true}' : ''}`,
    };
  } catch (e) {
    const err = /** @type {Error & { cause?: { code?: string } }} */ (e);
    return { state: 'other', detail: `GET /healthz failed (${err.cause?.code ?? err.message})` };
  }
}

/**
 * The app URL for a gateway: ?gateway=ws://… stays readable (':' and '/' are legal in a query), the token goes
 * in the fragment (never sent to the server; the app strips it from the address bar).
 * @param {string} base @param {string} gatewayWs @param {string} [token]
 */
export function appUrl(base, gatewayWs, token) {
  const q = encodeURIComponent(gatewayWs).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  return `${base}/?gateway=${q}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * Open url in the default browser (xdg-open, open, start). Resolves false when none could be started.
 * @param {string} url
 * @returns {Promise<boolean>}
 */
export function openInBrowser(url) {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    // xdg-open and open exit at once, non-zero when no browser could be started; a helper that stays is fine.
    const timer = setTimeout(() => resolve(true), 3000);
    timer.unref();
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
    child.unref();
  });
}
