#!/usr/bin/env node
// npm start: build clawscope, serve it, and point it at a gateway.
//
//   node scripts/start.mjs [--gateway ws://127.0.0.1:18789] [--port 5180] [--host 127.0.0.1]
//                          [--no-build] [--sandbox] [--no-sandbox] [--keep-state]
//
// 1. `vite build` (skip with --no-build).
// 2. Probe the gateway (TCP connect + GET /healthz). If it answers, serve dist/ and print a URL for it.
// 3. If nothing answers (or --sandbox), start a throwaway sandbox gateway (sandbox/launcher.mjs) with a
//    private state dir under .sandbox/ and print a URL that carries its address and token.
// Ctrl-C stops the server and the sandbox gateway.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_GATEWAY = 'ws://127.0.0.1:18789';

function usage(code) {
  console.log(`usage: npm start -- [options]
  --gateway URL    gateway to use (default ${DEFAULT_GATEWAY}); if it does not answer, a sandbox gateway starts
  --port N         port for the app (default 5180; the next free one is used if taken)
  --host H         address to serve the app on (default 127.0.0.1)
  --no-build       serve the existing dist/ without running vite build
  --sandbox        always start a sandbox gateway, do not probe
  --no-sandbox     never start a sandbox gateway (serve pointing at --gateway even if it is down)
  --keep-state     keep the sandbox state dir (.sandbox/start-*) after Ctrl-C`);
  process.exit(code);
}

function parseArgs(argv) {
  const o = { gateway: null, port: 5180, host: '127.0.0.1', build: true, sandbox: 'auto', keepState: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) {
        console.error(`start: ${a} needs a value`);
        usage(2);
      }
      return argv[++i];
    };
    if (a === '--gateway' || a.startsWith('--gateway=')) o.gateway = val();
    else if (a === '--port' || a.startsWith('--port=')) o.port = Number(val());
    else if (a === '--host' || a.startsWith('--host=')) o.host = val();
    else if (a === '--no-build') o.build = false;
    else if (a === '--sandbox') o.sandbox = 'always';
    else if (a === '--no-sandbox') o.sandbox = 'never';
    else if (a === '--keep-state') o.keepState = true;
    else if (a === '--help' || a === '-h') usage(0);
    else {
      console.error(`start: unknown argument ${a}`);
      usage(2);
    }
  }
  return o;
}

/** ws://host:port (http(s) accepted) -> { ws, http, host, port } */
function normalizeGateway(input) {
  const u = new URL(input.trim().replace(/^http(s?):\/\//i, 'ws$1://'));
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
    throw new Error(`gateway URL must be ws:// or wss:// (got ${input})`);
  const secure = u.protocol === 'wss:';
  const port = Number(u.port || (secure ? 443 : 80));
  const base = `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  return { ws: base, http: `${secure ? 'https' : 'http'}://${u.host}`, host: u.hostname.replace(/^\[|\]$/g, ''), port };
}

function tcpConnect(host, port, timeoutMs) {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** 'ok' (gateway answers /healthz), 'other' (something listens but is not a healthy gateway), 'down'. */
async function probe(gw) {
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
  } catch (err) {
    return { state: 'other', detail: `GET /healthz failed (${err.cause?.code ?? err.message})` };
  }
}

/** ?gateway=ws://… stays readable (':' and '/' are legal in a query); anything else is encoded. */
function appUrl(base, gatewayWs, token) {
  const q = encodeURIComponent(gatewayWs).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  return `${base}/?gateway=${q}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}

function build() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) {
    console.error('start: vite is not installed; run `npm ci` first.');
    process.exit(1);
  }
  console.log('clawscope: building (vite build)…');
  const r = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('start: vite build failed.');
    process.exit(r.status || 1);
  }
}

const opts = parseArgs(process.argv.slice(2));
let target;
try {
  target = normalizeGateway(opts.gateway ?? DEFAULT_GATEWAY);
} catch (err) {
  console.error(`start: ${err.message}`);
  process.exit(2);
}

if (opts.build) build();
else if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  console.error('start: dist/index.html is missing; drop --no-build or run `npm run build`.');
  process.exit(1);
}

let gateway = null; // sandbox handle
let server = null;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nclawscope: stopping…');
  await server?.close().catch(() => {});
  if (gateway) {
    await gateway.stop({ removeState: !opts.keepState }).catch((e) => console.error(`start: ${e.message}`));
    console.log(
      opts.keepState
        ? `clawscope: sandbox gateway stopped; state kept in ${path.relative(root, gateway.stateDir)}`
        : 'clawscope: sandbox gateway stopped and its state removed.',
    );
  }
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));

let useSandbox = opts.sandbox === 'always';
let probeNote = '';
if (!useSandbox) {
  const p = await probe(target);
  if (p.state === 'ok') {
    probeNote = `gateway ${target.ws} answers /healthz`;
  } else if (opts.sandbox === 'never') {
    probeNote = `gateway ${target.ws} does not answer (${p.state === 'down' ? 'connection refused or timed out' : p.detail}); serving anyway (--no-sandbox)`;
  } else {
    useSandbox = true;
    probeNote =
      p.state === 'down'
        ? `nothing answers at ${target.ws}`
        : `${target.ws} accepts connections but is not a healthy OpenClaw gateway (${p.detail})`;
  }
}

if (useSandbox) {
  console.log(`clawscope: ${probeNote ? `${probeNote}; ` : ''}starting a sandbox gateway…`);
  try {
    const { startGateway, ensureSandboxInstalled } = await import('../sandbox/launcher.mjs');
    ensureSandboxInstalled();
    gateway = await startGateway({ stateDir: `start-${Date.now().toString(36)}` });
  } catch (err) {
    console.error(`start: could not start the sandbox gateway.\n${err.message}`);
    process.exit(1);
  }
  gateway.waitForExit().then(() => {
    if (stopping) return;
    console.error(
      `\nclawscope: the sandbox gateway exited unexpectedly (${JSON.stringify(gateway.exitInfo)}).\n--- last log lines ---\n${gateway.logTail(30)}`,
    );
    shutdown(1);
  });
}

try {
  server = await serve({ dir: path.join(root, 'dist'), port: opts.port, host: opts.host });
} catch (err) {
  console.error(`start: cannot serve dist/: ${err.message}`);
  await shutdown(1);
}

const displayHost = ['0.0.0.0', '::'].includes(opts.host) ? '127.0.0.1' : opts.host;
const base = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${server.port}`;

console.log('');
if (gateway) {
  console.log(`clawscope: ${appUrl(base, gateway.url, gateway.token)}`);
  console.log('');
  console.log(`  This is a THROWAWAY SANDBOX GATEWAY (OpenClaw, ${gateway.url}), not your own OpenClaw.`);
  console.log(
    `  It has a private state dir (${path.relative(root, gateway.stateDir)}/) and a random token that is in the URL above.`,
  );
  console.log(`  Its log: ${path.relative(root, gateway.logFile)}`);
  console.log('  It stops (and its state is deleted) when you press Ctrl-C.');
  if (probeNote) console.log(`  (Started because ${probeNote}. Pass --gateway ws://host:port to use another gateway.)`);
} else {
  console.log(`clawscope: ${appUrl(base, target.ws)}`);
  console.log('');
  console.log(`  Using the gateway at ${target.ws} (${probeNote}).`);
  console.log('  The app will ask for the gateway token. To get it, on the gateway host run');
  console.log('    openclaw gateway auth-token --show      (in a terminal; prints only the token), or');
  console.log('    openclaw dashboard --json               (the token is in "url", after #token=)');
  console.log('  (`openclaw dashboard --no-open` prints the dashboard URL but leaves the token out.)');
  console.log(`  Or append #token=<token> to the URL above.`);
}
console.log('\n  Press Ctrl-C to stop.');
