#!/usr/bin/env node
// npm run sandbox: start a throwaway OpenClaw gateway and keep it running until Ctrl-C.
//
//   node scripts/sandbox-run.mjs [--port N] [--token T] [--state NAME] [--keep-state]
//                                [--config '{"gateway":{"nodes":{"pairing":{"autoApproveLocal":false}}}}']
//
// --state NAME reuses .sandbox/NAME (kept afterwards); otherwise a fresh .sandbox/run-* dir is
// created and deleted on exit unless --keep-state.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, OPENCLAW_ENTRY, NODE_BIN, startGateway } from '../sandbox/launcher.mjs';

const USAGE =
  'usage: npm run sandbox -- [--port N] [--token T] [--state NAME] [--keep-state] [--config JSON] [--app-port 5180]';

/** @param {string[]} argv */
function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      state: { type: 'string' },
      'keep-state': { type: 'boolean', default: false },
      config: { type: 'string' },
      'app-port': { type: 'string', default: '5180' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
    throw new Error('--port must be 1..65535');
  return {
    port,
    token: values.token,
    state: values.state,
    keepState: values['keep-state'],
    config: values.config === undefined ? undefined : JSON.parse(values.config),
    appPort: Number(values['app-port']),
  };
}

/** @type {ReturnType<typeof options>} */
let opts;
try {
  opts = options(process.argv.slice(2));
} catch (err) {
  console.error(`sandbox: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}

const removeState = !opts.state && !opts.keepState;
/** @type {import('../sandbox/launcher.mjs').SandboxGateway} */
let gw;
try {
  gw = await startGateway({
    port: opts.port,
    token: opts.token,
    stateDir: opts.state ?? `run-${Date.now().toString(36)}`,
    config: opts.config,
  });
} catch (err) {
  console.error(`sandbox: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const rel = (/** @type {string} */ p) => path.relative(REPO_ROOT, p);
const cliPrefix = `HOME=${rel(gw.stateDir)} OPENCLAW_STATE_DIR=${rel(gw.openclawDir)} OPENCLAW_CONFIG_PATH=${rel(gw.configPath)} ${rel(NODE_BIN)} ${rel(OPENCLAW_ENTRY)}`;
console.log(`
sandbox gateway is running (OpenClaw, throwaway state; Ctrl-C stops it${removeState ? ' and deletes the state' : ''})
  url:      ${gw.url}
  http:     ${gw.httpUrl}  (GET /readyz, /healthz)
  token:    ${gw.token}
  state:    ${rel(gw.stateDir)}/
  log:      ${rel(gw.logFile)}
  app:      http://127.0.0.1:${opts.appPort}/?gateway=${gw.url}#token=${gw.token}   (with npm run dev / preview)
  cli:      ${cliPrefix} devices list --url ${gw.url} --token ${gw.token}
`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nsandbox: stopping the gateway… ');
  await gw.stop({ removeState });
  console.log(removeState ? 'stopped, state removed.' : `stopped, state kept in ${rel(gw.stateDir)}.`);
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGHUP', shutdown);

await gw.waitForExit();
if (!stopping) {
  console.error(
    `sandbox: the gateway exited on its own (${JSON.stringify(gw.exitInfo)}).\n--- last log lines ---\n${gw.logTail(30)}`,
  );
  process.exit(1);
}
