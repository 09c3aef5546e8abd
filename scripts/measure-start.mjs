#!/usr/bin/env node
// How long `npm start` takes on a fresh clone: from the command to the printed URL, and to a connected page
// (the Session page's connection state is "limited" or "full"), for a first start (builds dist/) and a second
// start (dist/ is up to date, no build), each with a sandbox gateway it starts, and a start with a local gateway
// already running (found through ~/.openclaw/openclaw.json in a throwaway HOME, as a user's would be). The
// results go in BENCHMARKS.md; nothing asserts on them.
//
//   node scripts/measure-start.mjs [--runs 3]
//
// The clone is `git clone` of this checkout's HEAD into .sandbox/measure-*/, with node_modules (root, sandbox/,
// sandbox/legacy/) symlinked to this checkout's: `npm ci` is not part of what is measured. Chromium is
// launched before the clock starts (a user's browser is already open). Each start brings its own sandbox gateway.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startGateway } from '../sandbox/launcher.mjs';
import { ROOT } from './build.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);

const clone = path.join(ROOT, '.sandbox', `measure-${Date.now().toString(36)}`);
fs.mkdirSync(path.dirname(clone), { recursive: true });
const git = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { stdio: 'inherit' });
if (git.status !== 0) throw new Error('git clone failed');
for (const dir of ['node_modules', 'sandbox/node_modules', 'sandbox/legacy/node_modules'])
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, dir)), path.join(clone, dir));

const browser = await chromium.launch({
  executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-sync'],
});

// The "already running" gateway, and a HOME whose OpenClaw config names it.
const local = await startGateway({ quiet: true, stateDir: `${path.basename(clone)}-local` });
const home = path.join(clone, '.sandbox', 'home');
fs.mkdirSync(path.join(home, '.openclaw'), { recursive: true });
fs.writeFileSync(
  path.join(home, '.openclaw', 'openclaw.json'),
  JSON.stringify({ gateway: { port: local.port, auth: { mode: 'token', token: local.token } } }),
);

/**
 * One `npm start` in the clone: ms to the URL line and to a connected page.
 * @param {'sandbox' | 'local'} gateway
 */
async function start(gateway) {
  const t0 = performance.now();
  // A real ~/.openclaw gateway on this machine must not change what is measured: HOME is the throwaway one.
  const args = gateway === 'sandbox' ? ['--sandbox'] : ['--no-sandbox'];
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENCLAW_')));
  const child = spawn('npm', ['start', '--', ...args, '--port', '0'], {
    cwd: clone,
    env: { ...env, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (/** @type {string} */ d) => {
      out += d;
      const m = /^clawscope: (http:\/\/\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr.setEncoding('utf8').on('data', (/** @type {string} */ d) => (out += d));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
  });
  const toUrl = performance.now() - t0;
  const page = await browser.newPage();
  await page.goto(/** @type {string} */ (url));
  // Connected: the hello arrived (limited = token only, before "Pair this device"; full once paired).
  await page.waitForSelector('[aria-label="Connection state"]:is([data-state="limited"], [data-state="full"])', {
    timeout: 120_000,
  });
  const toPage = performance.now() - t0;
  const state = await page.getAttribute('[aria-label="Connection state"]', 'data-state');
  await page.close();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.pid) process.kill(-child.pid, 'SIGINT');
  await exited;
  return { toUrl, toPage, state, built: /clawscope: building/.test(out) };
}

const load = () => os.loadavg()[0].toFixed(2);
/** @type {{ name: string, toUrl: number, toPage: number, state: string | null, built: boolean, load: string }[]} */
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    if (i > 0) fs.rmSync(path.join(clone, 'dist'), { recursive: true, force: true });
    for (const [name, gateway] of /** @type {const} */ ([
      ['first, sandbox', 'sandbox'],
      ['second, sandbox', 'sandbox'],
      ['local gateway', 'local'],
    ])) {
      const before = load();
      results.push({ name, ...(await start(gateway)), load: before });
    }
  }
} finally {
  await browser.close();
  await local.stop({ removeState: true });
  fs.rmSync(clone, { recursive: true, force: true });
}

const s = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`node ${process.version}, ${os.cpus().length} cores`);
console.log('start           | built | to URL | to connected page | page state | load (1 min)');
for (const r of results)
  console.log(
    `${r.name.padEnd(15)} | ${r.built ? 'yes  ' : 'no   '} | ${s(r.toUrl).padStart(6)} | ${s(r.toPage).padStart(17)} | ${String(r.state).padEnd(10)} | ${r.load}`,
  );
