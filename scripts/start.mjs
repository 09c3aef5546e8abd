#!/usr/bin/env node
// npm start: build clawscope if needed, serve it, and point it at a gateway.
//
//   node scripts/start.mjs [--gateway ws://127.0.0.1:18789] [--port 5180] [--host 127.0.0.1]
//                          [--no-build] [--sandbox] [--no-sandbox] [--keep-state]
//
// 1. `vite build`, skipped when dist/ is newer than its sources (scripts/build.mjs) or with --no-build.
// 2. Probe the gateway (TCP connect + GET /healthz). If it answers, serve dist/ and print a URL for it.
// 3. If nothing answers (or --sandbox), start a throwaway sandbox gateway (sandbox/launcher.mjs) with a
//    private state dir under .sandbox/ and print a URL that carries its address and token.
// Ctrl-C stops the server and the sandbox gateway.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT as root, ensureBuilt } from './build.mjs';
import { discoverGateway } from './discover.mjs';
import { appUrl, normalizeGateway, probe } from './probe.mjs';
import { DEFAULT_GATEWAY, serve } from './serve.mjs';

const t0 = Date.now();
const USAGE = `usage: npm start -- [options]
  --gateway URL    gateway to use (default: the local one from ~/.openclaw/openclaw.json, as the openclaw CLI
                   finds it, else ${DEFAULT_GATEWAY}); if it does not answer, a sandbox gateway starts
  --port N         port for the app (default 5180; the next free one is used if taken)
  --host H         address to serve the app on (default 127.0.0.1)
  --no-build       serve the existing dist/ without building (by default it builds only when sources changed)
  --sandbox        always start a sandbox gateway, do not probe
  --no-sandbox     never start a sandbox gateway (serve pointing at --gateway even if it is down)
  --keep-state     keep the sandbox state dir (.sandbox/start-*) after Ctrl-C`;

/** @param {string[]} argv */
function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      gateway: { type: 'string' },
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-build': { type: 'boolean', default: false },
      sandbox: { type: 'boolean', default: false },
      'no-sandbox': { type: 'boolean', default: false },
      'keep-state': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
  if (values.sandbox && values['no-sandbox']) throw new Error('--sandbox and --no-sandbox contradict each other');
  return {
    gateway: values.gateway,
    port,
    host: values.host,
    build: !values['no-build'],
    sandbox: values.sandbox ? 'always' : values['no-sandbox'] ? 'never' : 'auto',
    keepState: values['keep-state'],
  };
}

// Without --gateway: the local gateway and its token, found the way the openclaw CLI finds them.
const local = discoverGateway();
/** @type {ReturnType<typeof options>} */
let opts;
/** @type {import('./probe.mjs').GatewayAddress} */
let target;
try {
  opts = options(process.argv.slice(2));
  target = normalizeGateway(opts.gateway ?? local.url);
} catch (err) {
  console.error(`start: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exit(2);
}

if (opts.build) {
  try {
    const r = ensureBuilt();
    if (!r.built) console.log('clawscope: dist/ is up to date, not rebuilding.');
  } catch (err) {
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
} else if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  console.error('start: dist/index.html is missing; drop --no-build or run `npm run build`.');
  process.exit(1);
}

/** @type {import('../sandbox/launcher.mjs').SandboxGateway | null} */
let gateway = null;
/** @type {import('./serve.mjs').Served | null} */
let server = null;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nclawscope: stopping…');
  await server?.close().catch(() => {});
  if (gateway) {
    await gateway.stop({ removeState: !opts.keepState }).catch((e) => console.error(`start: ${e}`));
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
    console.error(`start: could not start the sandbox gateway.\n${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const gw = gateway;
  gw.waitForExit().then(() => {
    if (stopping) return;
    console.error(
      `\nclawscope: the sandbox gateway exited unexpectedly (${JSON.stringify(gw.exitInfo)}).\n--- last log lines ---\n${gw.logTail(30)}`,
    );
    shutdown(1);
  });
}

try {
  server = await serve({ dir: path.join(root, 'dist'), port: opts.port, host: opts.host });
} catch (err) {
  console.error(`start: cannot serve dist/: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
  process.exit(1);
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
  const token = opts.gateway ? undefined : local.token;
  console.log(`clawscope: ${appUrl(base, target.ws, token)}`);
  console.log('');
  console.log(`  Using the gateway at ${target.ws} (${probeNote}).`);
  if (token) {
    console.log(`  Its token (from ${local.tokenFrom}) is in the URL above: keep it private.`);
  } else {
    if (!opts.gateway && local.auth !== 'token')
      console.log(`  It uses gateway.auth.mode ${local.auth}; clawscope signs in with a shared token only.`);
    console.log('  The app will ask for the gateway token. To get it, on the gateway host run');
    console.log('    openclaw gateway auth-token --show      (in a terminal; prints only the token), or');
    console.log('    openclaw dashboard --json               (the token is in "url", after #token=)');
    console.log(`  Or append #token=<token> to the URL above.`);
  }
}
console.log(`\n  Ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
console.log('\n  Press Ctrl-C to stop.');
