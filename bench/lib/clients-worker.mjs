// Child process for the bench's Node-side gateway clients. Runs on the sandbox's Node 24 (global WebSocket).
//
//   <sandbox node> bench/lib/clients-worker.mjs <ws url> <token>
//
// Reads one JSON command per line on stdin, answers one JSON line per command on stdout ({ id, ok, result | error }):
//   { id, cmd: 'seed', from, count, inFlight, prefix, spacingMs }   create cron jobs, pipelined (30 per connection: the
//                                                          gateway's write budget), or one every spacingMs
//   { id, cmd: 'call', method, params }                    one request on the admin socket
//   { id, cmd: 'storm', cycles, parallel }                 `cycles` connect → hello-ok → close cycles of fresh clients
//   { id, cmd: 'ping' }
// Exits when stdin ends.

import readline from 'node:readline';
import { addJobs, connect, UI_CLIENT } from './gw-client.mjs';

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: clients-worker.mjs <ws url> <token>');
  process.exit(2);
}

let admin = null;
async function adminClient() {
  // A gateway restart closes the socket: connect again.
  if (!admin || admin.ws.readyState !== WebSocket.OPEN) admin = await connect({ url, token });
  return admin;
}

function pct(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Fresh dashboard-like clients connect (hello-ok) and disconnect, `parallel` at a time, until `cycles` are done. */
async function storm({ cycles = 200, parallel = 4 }) {
  const t0 = performance.now();
  const connectMs = [];
  let done = 0;
  let failed = 0;
  let firstError;
  let next = 0;
  const lane = async () => {
    while (next < cycles) {
      next++;
      try {
        // cli/backend/probe clients are ephemeral (never in presence); a ui-mode client is listed, so every cycle
        // makes the gateway broadcast the presence list twice (join, leave).
        const c = await connect({
          url,
          token,
          scopes: ['operator.read'],
          client: { ...UI_CLIENT, instanceId: `storm-${next}` },
        });
        connectMs.push(c.connectMs);
        await c.close();
        done++;
      } catch (err) {
        failed++;
        firstError ??= err.message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, cycles) }, lane));
  connectMs.sort((a, b) => a - b);
  return {
    cycles: done,
    failed,
    ms: Math.round(performance.now() - t0),
    connectMs: { p50: round(pct(connectMs, 50)), p95: round(pct(connectMs, 95)), max: round(connectMs.at(-1)) },
    ...(firstError ? { firstError } : {}),
  };
}

const round = (v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v);

async function run(msg) {
  switch (msg.cmd) {
    case 'ping':
      return { pong: true };
    case 'seed':
      return addJobs(
        { url, token },
        {
          from: msg.from ?? 0,
          count: msg.count,
          inFlight: msg.inFlight ?? 50,
          prefix: msg.prefix ?? 'bench',
          spacingMs: msg.spacingMs ?? 0,
        },
      );
    case 'call':
      return (await adminClient()).request(msg.method, msg.params ?? {}, { timeout: msg.timeoutMs ?? 60_000 });
    case 'storm':
      return storm(msg);
    default:
      throw new Error(`unknown command ${msg.cmd}`);
  }
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (!line.trim()) return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  run(msg).then(
    (result) => process.stdout.write(`${JSON.stringify({ id: msg.id, ok: true, result })}\n`),
    (err) => process.stdout.write(`${JSON.stringify({ id: msg.id, ok: false, error: String(err?.message ?? err) })}\n`),
  );
});
rl.on('close', async () => {
  await admin?.close().catch(() => {});
  process.exit(0);
});
