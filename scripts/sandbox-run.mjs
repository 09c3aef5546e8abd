#!/usr/bin/env node
// npm run sandbox: start a throwaway OpenClaw gateway and keep it running until Ctrl-C.
//
//   node scripts/sandbox-run.mjs [--port N] [--token T] [--state NAME] [--keep-state]
//                                [--config '{"gateway":{"nodes":{"pairing":{"autoApproveLocal":false}}}}']
//
// --state NAME reuses .sandbox/NAME (kept afterwards); otherwise a fresh .sandbox/run-* dir is
// created and deleted on exit unless --keep-state.

import path from 'node:path';
import { REPO_ROOT, OPENCLAW_ENTRY, NODE_BIN, startGateway } from '../sandbox/launcher.mjs';

function parseArgs(argv) {
  const o = { port: undefined, token: undefined, state: undefined, keepState: false, config: undefined, appPort: 5180 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--port' || a.startsWith('--port=')) o.port = Number(val());
    else if (a === '--token' || a.startsWith('--token=')) o.token = val();
    else if (a === '--state' || a.startsWith('--state=')) o.state = val();
    else if (a === '--keep-state') o.keepState = true;
    else if (a === '--config' || a.startsWith('--config=')) o.config = JSON.parse(val());
    else if (a === '--app-port' || a.startsWith('--app-port=')) o.appPort = Number(val());
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npm run sandbox -- [--port N] [--token T] [--state NAME] [--keep-state] [--config JSON] [--app-port 5180]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(`sandbox: ${err.message}`);
  process.exit(2);
}

const removeState = !opts.state && !opts.keepState;
let gw;
try {
  gw = await startGateway({
    port: opts.port,
    token: opts.token,
    stateDir: opts.state ?? `run-${Date.now().toString(36)}`,
    config: opts.config,
  });
} catch (err) {
  console.error(`sandbox: ${err.message}`);
  process.exit(1);
}

const rel = (p) => path.relative(REPO_ROOT, p);
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
