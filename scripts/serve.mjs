#!/usr/bin/env node
// The static server for the built SPA (dist/): sirv, plus the one thing a static server cannot know.
//
//   node scripts/serve.mjs [--dir dist] [--port 5180] [--host 127.0.0.1] [--strict-port] [--exit-with-parent] [--log]
//
// - Precompressed files: the build writes app.js.br / app.js.gz (scripts/precompress.mjs); sirv sends the
//   Brotli or gzip copy the browser accepts (Vary: Accept-Encoding), never compressing per request.
// - SPA fallback: a path without a file extension (/cron, /devices?gateway=…) gets index.html. Missing files
//   under /assets/ or with a known extension stay 404 (the browser would parse HTML as JS/CSS).
// - Cache-Control: no-cache for index.html (and everything else outside /assets/),
//   "public, max-age=31536000, immutable" for the hashed files under /assets/.
// - Content-Security-Policy header on the page itself: the policy of dist/index.html's CSP <meta>, with
//   connect-src narrowed to exactly the origin of the page's ?gateway= (the default gateway without one,
//   only 'self' when it is not a valid ws/wss URL) and frame-ancestors 'none' (header-only). The
//   browser applies both policies, so the header can only narrow the meta. Also Referrer-Policy.
// - A rebuild while serving is picked up (the file list is re-read when index.html changes).
// - If the port is taken, tries the next ones (up to 20) unless --strict-port.
// - --exit-with-parent: exit when the parent process goes away (Playwright's webServer, so a SIGKILLed
//   test run does not leave the port taken; start it with `exec node …` so the parent is not a shell).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

/** Extensions of files the app ships: a missing one is a 404, never the SPA page (the browser would parse HTML as JS). */
const FILE_LIKE =
  /\.(?:html?|js|mjs|css|json|map|webmanifest|txt|xml|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|wasm|br|gz)$/i;
/** What the app connects to without ?gateway= (app/src/session/target.ts DEFAULT_GATEWAY). */
export const DEFAULT_GATEWAY = 'ws://127.0.0.1:18789';

/** Used when index.html carries no CSP meta (a build from before the CSP plugin). */
const FALLBACK_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** The CSP in an HTML document's <meta http-equiv="Content-Security-Policy">, or null. @param {string} html */
export function metaPolicy(html) {
  const tag = /<meta\b[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i.exec(html)?.[0];
  const content = tag && /\bcontent="([^"]*)"/i.exec(tag)?.[1];
  return content
    ? content
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : null;
}

/**
 * The origin the page at `requestUrl` will open its WebSocket to, as a CSP source, or null. Mirrors
 * parseGatewayUrl in app/src/session/target.ts; the host must be a plain name or IPv4 address, so
 * nothing from the query string can add a directive to the header. (CSP has no syntax for IPv6
 * literals: Chromium ignores `ws://[::1]:*` with a console error, so [::1] gateways are not reachable
 * from the built app; use 127.0.0.1 or localhost.)
 * @param {string | undefined} requestUrl
 * @returns {string | null}
 */
export function gatewaySource(requestUrl) {
  let raw;
  try {
    raw = (new URL(requestUrl ?? '/', 'http://x').searchParams.get('gateway') ?? DEFAULT_GATEWAY).trim();
  } catch {
    return null;
  }
  return sourceOf(raw);
}

/**
 * A ws/wss URL as a CSP source (`wss://host:port`), or null when it is not a plain ws/wss URL.
 * @param {string} raw
 * @returns {string | null}
 */
function sourceOf(raw) {
  let u;
  try {
    u = new URL(raw.trim().replace(/^http(s?):\/\//i, 'ws$1://'));
  } catch {
    return null;
  }
  if ((u.protocol !== 'ws:' && u.protocol !== 'wss:') || u.username || u.password) return null;
  if (!/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?$/.test(u.hostname)) return null;
  return `${u.protocol}//${u.host}`;
}

/**
 * The fleet page (/fleet) checks every saved gateway: its address names them as `probe=` (at most
 * 50), and exactly those origins are added to its connect-src. No other page gets them.
 * @param {string | undefined} requestUrl
 * @returns {string[]}
 */
export function probeSources(requestUrl) {
  let u;
  try {
    u = new URL(requestUrl ?? '/', 'http://x');
  } catch {
    return [];
  }
  if (u.pathname !== '/fleet') return [];
  /** @type {string[]} */
  const sources = [];
  for (const p of u.searchParams.getAll('probe').slice(0, 50)) {
    const source = sourceOf(p);
    if (source && !sources.includes(source)) sources.push(source);
  }
  return sources;
}

/**
 * The header policy for one page request: the meta policy, connect-src narrowed, frame-ancestors added.
 * @param {string | null} meta
 * @param {string | undefined} requestUrl
 */
export function pagePolicy(meta, requestUrl) {
  /** @type {string[]} */
  const sources = [];
  for (const source of [gatewaySource(requestUrl), ...probeSources(requestUrl)])
    if (source && !sources.includes(source)) sources.push(source);
  const connect = ["connect-src 'self'", ...sources].join(' ');
  const directives = (meta ?? FALLBACK_POLICY)
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^(connect-src|frame-ancestors)\b/i.test(d));
  return [...directives, connect, "frame-ancestors 'none'"].join('; ');
}

/** @param {http.Server} server @param {number} port @param {string} host @returns {Promise<void>} */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    /** @param {Error} err */
    const onError = (err) => {
      server.removeListener('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.removeListener('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * @typedef {{ dir?: string, port?: number, host?: string, strictPort?: boolean, maxTries?: number, log?: boolean }} ServeOptions
 * @typedef {{ server: http.Server, url: string, port: number, host: string, close: () => Promise<void> }} Served
 */

/**
 * Serve `dir` over HTTP. Resolves once listening.
 * @param {ServeOptions} [opts]
 * @returns {Promise<Served>}
 */
export async function serve({
  dir = 'dist',
  port = 5180,
  host = '127.0.0.1',
  strictPort = false,
  maxTries = 20,
  log = false,
} = {}) {
  const root = path.resolve(dir);
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(
      `${path.relative(process.cwd(), indexFile) || indexFile} not found: build the app first (npm run build).`,
    );
  }

  /** The URL the browser asked for, before the SPA fallback rewrote it to /index.html. */
  const asked = new WeakMap();
  /** sirv and the CSP meta of index.html, both re-read when index.html changes (a rebuild while serving). */
  let current = { key: '', files: sirv(root), policy: /** @type {string | null} */ (null) };
  const refresh = () => {
    const stat = fs.statSync(indexFile);
    const key = `${stat.size}:${stat.mtimeMs}`;
    if (current.key === key) return current;
    const files = sirv(root, {
      etag: true,
      brotli: true,
      gzip: true,
      extensions: [],
      setHeaders(res, pathname) {
        res.setHeader(
          'Cache-Control',
          pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        if (/\.html?$/i.test(pathname)) {
          const meta = pathname === '/index.html' ? current.policy : null;
          res.setHeader('Content-Security-Policy', pagePolicy(meta, asked.get(res.req) ?? res.req.url));
        }
      },
    });
    current = { key, files, policy: metaPolicy(fs.readFileSync(indexFile, 'utf8')) };
    return current;
  };
  refresh();

  /** @param {http.ServerResponse} res @param {number} status @param {string} text @param {Record<string, string>} [extra] */
  const plain = (res, status, text, extra = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...extra });
    res.end(`${text}\n`);
  };

  const server = http.createServer((req, res) => {
    if (log) res.on('finish', () => console.log(`${res.statusCode} ${req.method} ${req.url}`));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return plain(res, 400, 'bad request');
    }
    if (pathname.includes('\0')) return plain(res, 400, 'bad request');
    let files;
    try {
      files = refresh().files;
    } catch {
      return plain(res, 503, 'index.html is missing (a rebuild in progress?); reload in a moment', {
        'Retry-After': '1',
      });
    }
    const notFound = () => plain(res, 404, 'not found');
    if (pathname.startsWith('/assets/') || FILE_LIKE.test(pathname)) return files(req, res, notFound);
    // Every other path is a route of the SPA (even with dots: /nodes/vm.local).
    asked.set(req, req.url ?? '/');
    req.url = '/index.html';
    files(req, res, notFound);
  });

  let listenPort = port;
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, listenPort, host);
      break;
    } catch (e) {
      const err = /** @type {NodeJS.ErrnoException} */ (e);
      if (err.code !== 'EADDRINUSE' || strictPort || attempt + 1 >= maxTries || listenPort === 0) {
        if (err.code === 'EADDRINUSE')
          err.message = `port ${listenPort} on ${host} is already in use${strictPort ? ' (--strict-port)' : ''}`;
        throw err;
      }
      listenPort += 1;
    }
  }
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : listenPort;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    host,
    port: actualPort,
    url: `http://${urlHost}:${actualPort}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

const USAGE =
  'usage: node scripts/serve.mjs [--dir dist] [--port 5180] [--host 127.0.0.1] [--strict-port] [--exit-with-parent] [--log]';

/** @param {string[]} argv */
function cliOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      'strict-port': { type: 'boolean', default: false },
      log: { type: 'boolean', default: false },
      'exit-with-parent': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
  return {
    dir: values.dir,
    port,
    host: values.host,
    strictPort: values['strict-port'],
    log: values.log,
    exitWithParent: values['exit-with-parent'],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  try {
    const opts = cliOptions(process.argv.slice(2));
    const s = await serve(opts);
    console.log(`serving ${path.relative(process.cwd(), path.resolve(opts.dir)) || '.'} on ${s.url}/`);
    const shutdown = () => s.close().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    if (opts.exitWithParent) {
      const parent = process.ppid;
      setInterval(() => {
        if (process.ppid !== parent) shutdown();
      }, 1000).unref();
    }
  } catch (err) {
    console.error(`serve: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
