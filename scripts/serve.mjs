#!/usr/bin/env node
// A tiny static server for the built SPA (dist/), no dependencies.
//
//   node scripts/serve.mjs [--dir dist] [--port 5180] [--host 127.0.0.1] [--strict-port] [--exit-with-parent] [--log]
//
// - SPA fallback: unknown paths that are not files get index.html (so /devices?gateway=… works on reload).
//   Missing files under /assets/ or with a file extension stay 404.
// - gzip when the client accepts it (compressed output is cached in memory per file version).
// - Cache-Control: no-cache for index.html (and everything else outside /assets/),
//   "public, max-age=31536000, immutable" for the hashed files under /assets/.
// - Content-Security-Policy header on the page itself: the policy of dist/index.html's CSP <meta>, with
//   connect-src narrowed to exactly the origin of the page's ?gateway= (the default gateway without one,
//   only 'self' when it is not a valid ws/wss URL) and frame-ancestors 'none' (header-only). The
//   browser applies both policies, so the header can only narrow the meta. Also Referrer-Policy.
// - If the port is taken, tries the next ones (up to 20) unless --strict-port.
// - --exit-with-parent: exit when the parent process goes away (Playwright's webServer, so a SIGKILLed
//   test run does not leave the port taken; start it with `exec node …` so the parent is not a shell).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};
/** What the app connects to without ?gateway= (app/src/session/target.ts DEFAULT_GATEWAY). */
export const DEFAULT_GATEWAY = 'ws://127.0.0.1:18789';

/** Used when index.html carries no CSP meta (a build from before the CSP plugin). */
const FALLBACK_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** The CSP in an HTML document's <meta http-equiv="Content-Security-Policy">, or null. */
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

/** A ws/wss URL as a CSP source (`wss://host:port`), or null when it is not a plain ws/wss URL. */
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
 */
export function probeSources(requestUrl) {
  let u;
  try {
    u = new URL(requestUrl ?? '/', 'http://x');
  } catch {
    return [];
  }
  if (u.pathname !== '/fleet') return [];
  return [...new Set(u.searchParams.getAll('probe').slice(0, 50).map(sourceOf).filter(Boolean))];
}

/** The header policy for one page request: the meta policy, connect-src narrowed, frame-ancestors added. */
export function pagePolicy(meta, requestUrl) {
  const sources = [...new Set([gatewaySource(requestUrl), ...probeSources(requestUrl)].filter(Boolean))];
  const connect = ["connect-src 'self'", ...sources].join(' ');
  const directives = (meta ?? FALLBACK_POLICY)
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^(connect-src|frame-ancestors)\b/i.test(d));
  return [...directives, connect, "frame-ancestors 'none'"].join('; ');
}

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.txt',
  '.svg',
  '.wasm',
  '.ttf',
  '.otf',
  '.ico',
]);
const MIN_GZIP_BYTES = 1024;

function acceptsGzip(header) {
  if (!header) return false;
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name.trim().toLowerCase() !== 'gzip' && name.trim() !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
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
 * Serve `dir` over HTTP. Resolves once listening.
 * @param {{ dir?: string, port?: number, host?: string, strictPort?: boolean, maxTries?: number, log?: boolean }} [opts]
 * @returns {Promise<{ server: http.Server, url: string, port: number, host: string, close: () => Promise<void> }>}
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
  /** @type {Map<string, { key: string, gz: Buffer }>} */
  const gzCache = new Map();

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
    if (log) res.on('finish', () => console.log(`${res.statusCode} ${req.method} ${req.url}`));
  });

  /** The CSP meta of index.html, re-read when the file changes (a rebuild while serving). */
  let metaCache = { key: '', policy: /** @type {string | null} */ (null) };
  function indexPolicy(stat) {
    const key = `${stat.size}:${stat.mtimeMs}`;
    if (metaCache.key !== key) metaCache = { key, policy: metaPolicy(fs.readFileSync(indexFile, 'utf8')) };
    return metaCache.policy;
  }

  function send(req, res, file, stat, cacheControl) {
    const ext = path.extname(file).toLowerCase();
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (ext === '.html')
      res.setHeader('Content-Security-Policy', pagePolicy(file === indexFile ? indexPolicy(stat) : null, req.url));
    const compressible = COMPRESSIBLE.has(ext) && stat.size >= MIN_GZIP_BYTES;
    if (compressible) res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    let body;
    if (compressible && acceptsGzip(req.headers['accept-encoding'])) {
      const key = `${stat.size}:${stat.mtimeMs}`;
      let hit = gzCache.get(file);
      if (!hit || hit.key !== key) {
        hit = { key, gz: zlib.gzipSync(fs.readFileSync(file), { level: 9 }) };
        gzCache.set(file, hit);
      }
      res.setHeader('Content-Encoding', 'gzip');
      body = hit.gz;
    } else {
      body = fs.readFileSync(file);
    }
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('bad request\n');
      return;
    }
    const file = path.join(root, path.normalize(pathname));
    if ((file !== root && !file.startsWith(root + path.sep)) || pathname.includes('\0')) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('forbidden\n');
      return;
    }
    const isAsset = pathname.startsWith('/assets/');
    let stat = null;
    try {
      stat = fs.statSync(file);
    } catch {
      stat = null;
    }
    if (stat?.isFile()) {
      send(req, res, file, stat, isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // A missing hashed asset or a missing file of a known type is a real 404, never index.html (the browser
    // would parse the HTML as JS/CSS). Other paths, even with dots (/nodes/vm.local), are SPA routes.
    if (isAsset || (!stat && TYPES[path.extname(pathname).toLowerCase()])) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end('not found\n');
      return;
    }
    send(req, res, indexFile, fs.statSync(indexFile), 'no-cache');
  }

  let current = port;
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, current, host);
      break;
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || strictPort || attempt + 1 >= maxTries || current === 0) {
        if (err.code === 'EADDRINUSE')
          err.message = `port ${current} on ${host} is already in use${strictPort ? ' (--strict-port)' : ''}`;
        throw err;
      }
      current += 1;
    }
  }
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : current;
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

function parseArgs(argv) {
  const out = { dir: 'dist', port: 5180, host: '127.0.0.1', strictPort: false, log: false, exitWithParent: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const [, inline] = a.split(/=(.*)/s);
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--port' || a.startsWith('--port=')) out.port = Number(val());
    else if (a === '--host' || a.startsWith('--host=')) out.host = val();
    else if (a === '--dir' || a.startsWith('--dir=')) out.dir = val();
    else if (a === '--strict-port') out.strictPort = true;
    else if (a === '--log') out.log = true;
    else if (a === '--exit-with-parent') out.exitWithParent = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node scripts/serve.mjs [--dir dist] [--port 5180] [--host 127.0.0.1] [--strict-port] [--exit-with-parent] [--log]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error('--port must be 0..65535');
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  try {
    const opts = parseArgs(process.argv.slice(2));
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
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
}
