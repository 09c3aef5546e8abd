#!/usr/bin/env node
// The clawscope command: serve the built dashboard (shipped in this package) and print a URL that already
// points at the local OpenClaw gateway, with its token, found the way the openclaw CLI finds them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { discoverGateway } from '../scripts/discover.mjs';
import { appUrl, normalizeGateway, openInBrowser, probe } from '../scripts/probe.mjs';
import { serve } from '../scripts/serve.mjs';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;

const USAGE = `clawscope ${version}: a control-plane dashboard for OpenClaw gateways

usage: clawscope [options]
  --gateway URL    the gateway to open (default: the local one, from the OpenClaw config as the openclaw CLI
                   reads it: OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH, else ~/.openclaw/openclaw.json)
  --profile NAME   read the config of an OpenClaw profile (~/.openclaw-NAME), like openclaw --profile
  --port N         port for the dashboard (default 5180; the next free one if taken; 0 = any)
  --host H         address to serve on (default 127.0.0.1)
  --open           open the dashboard in the default browser
  -h, --help       this help
  -v, --version    the version

The token comes from gateway.auth.token (or OPENCLAW_GATEWAY_TOKEN) and is put in the URL after #token=,
which the browser never sends to a server; the page removes it from the address bar on load.`;

/** @param {string[]} argv */
function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      gateway: { type: 'string' },
      profile: { type: 'string' },
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
  return { ...values, port };
}

/** @type {ReturnType<typeof options>} */
let opts;
try {
  opts = options(process.argv.slice(2));
} catch (err) {
  console.error(`clawscope: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exit(2);
}
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
if (opts.version) {
  console.log(version);
  process.exit(0);
}

const home = process.env.HOME ?? '';
/** @param {string} p */
const tilde = (p) => (home && p.startsWith(`${home}${path.sep}`) ? `~${p.slice(home.length)}` : p);
const found = discoverGateway({ profile: opts.profile });

/** @type {import('../scripts/probe.mjs').GatewayAddress} */
let target;
try {
  target = normalizeGateway(opts.gateway ?? found.url);
} catch (err) {
  console.error(`clawscope: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
// The config's token belongs to the config's gateway; another --gateway only gets OPENCLAW_GATEWAY_TOKEN.
const sameGateway = (() => {
  try {
    return target.ws === normalizeGateway(found.url).ws;
  } catch {
    return false;
  }
})();
const token = sameGateway ? found.token : process.env.OPENCLAW_GATEWAY_TOKEN?.trim() || undefined;

let server;
try {
  server = await serve({ dir: path.join(pkgDir, 'dist'), port: opts.port, host: opts.host });
} catch (err) {
  console.error(`clawscope: cannot serve the dashboard: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);

const displayHost = ['0.0.0.0', '::'].includes(opts.host) ? '127.0.0.1' : opts.host;
const base = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${server.port}`;
const url = appUrl(base, target.ws, token);
const health = await probe(target);

/** @type {string[]} */
const lines = [];
const say = (/** @type {string} */ s) => lines.push(`  ${s}`);
say(
  `Gateway  ${target.ws}  ${
    health.state === 'ok'
      ? '(answers /healthz)'
      : health.state === 'down'
        ? '(not answering yet: start it with `openclaw gateway run`, or check `openclaw gateway status`; the page connects once it is up)'
        : `(something answers, but not as an OpenClaw gateway: ${health.detail})`
  }`,
);
if (!opts.gateway || sameGateway)
  say(`Config   ${tilde(found.configPath)}${found.configFound ? '' : ' (not found: using the defaults)'}`);
for (const note of found.notes) say(`Note     ${note}`);

if (token) {
  say(
    `Token    from ${sameGateway ? found.tokenFrom : 'OPENCLAW_GATEWAY_TOKEN'}; it is in the URL above: keep it private.`,
  );
} else if (sameGateway && found.auth === 'password') {
  say('Auth     this gateway uses a password (gateway.auth.mode: password). clawscope signs in with a token only,');
  say('         so the gateway will refuse it. To use clawscope, switch the gateway to token auth:');
  say('           openclaw config set gateway.auth.mode token && openclaw doctor --generate-gateway-token');
  say('         then restart the gateway and run clawscope again.');
} else if (sameGateway && found.auth === 'none') {
  say('Auth     this gateway asks for no shared secret (gateway.auth.mode: none): the URL carries no token.');
} else if (sameGateway && found.auth === 'trusted-proxy') {
  say('Auth     this gateway trusts a reverse proxy for sign-in (gateway.auth.mode: trusted-proxy): open clawscope');
  say('         through that proxy; a direct connection carries no identity and will be refused.');
} else if (!sameGateway) {
  say(`Token    none in the URL: the config's token belongs to ${found.url}. Set OPENCLAW_GATEWAY_TOKEN, or paste`);
  say('         the token on the Session page (`openclaw gateway auth-token --show` on the gateway host prints it).');
} else {
  say(`Token    none found: ${found.problem ?? 'no gateway.auth.token in the config and no OPENCLAW_GATEWAY_TOKEN'}.`);
  say('         The page asks for it. On the gateway host, `openclaw gateway auth-token --show` prints it (in a');
  say('         terminal). If the gateway made up a token at start, it cannot be recovered: run');
  say('         `openclaw doctor --generate-gateway-token` and restart the gateway.');
}
if (found.problem && token) say(`Note     ${found.problem}`);
if (target.ws.startsWith('ws://') && !['127.0.0.1', 'localhost', '::1'].includes(target.host))
  say('Warning  the page refuses plain ws:// to another host (the token would travel unencrypted): use wss://');

console.log(`clawscope: ${url}\n\n${lines.join('\n')}`);
if (opts.open) {
  const opened = await openInBrowser(url);
  console.log(
    opened
      ? '\n  Opened in your browser.'
      : '\n  Could not open a browser here (xdg-open / open failed): copy the URL above.',
  );
}
console.log('\n  Press Ctrl-C to stop.');
