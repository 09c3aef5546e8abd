#!/usr/bin/env node
// Build the app (vite build) only when dist/ is older than what it is built from, so a second `npm start`
// (and `npm pack`'s prepack) adds nothing. "Older" is by modification time: any file or folder under app/,
// public/, index.html, vite.config.ts, package.json or package-lock.json newer than dist/index.html means a
// rebuild (a deleted file changes its folder's time; a git checkout touches every file it changes).
//
//   node scripts/build.mjs [--force]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['app', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];

/** Newest mtime (ms) of a file, or of a folder and everything below it; 0 when it does not exist. @param {string} p */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  let max = stat.mtimeMs;
  if (stat.isDirectory())
    for (const name of fs.readdirSync(p)) if (name !== 'node_modules') max = Math.max(max, newest(path.join(p, name)));
  return max;
}

/** Why dist/ needs a build, or null when it is up to date. @param {string} [root] */
export function staleReason(root = ROOT) {
  const index = path.join(root, 'dist', 'index.html');
  if (!fs.existsSync(index)) return 'dist/index.html is missing';
  const built = fs.statSync(index).mtimeMs;
  const changed = INPUTS.find((p) => newest(path.join(root, p)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/**
 * Run `vite build` unless dist/ is up to date. Returns what it did; throws when the build fails.
 * @param {{ force?: boolean, root?: string, log?: (msg: string) => void }} [opts]
 * @returns {{ built: boolean, reason: string | null, ms: number }}
 */
export function ensureBuilt({ force = false, root = ROOT, log = (m) => console.log(m) } = {}) {
  const t0 = Date.now();
  const reason = force ? '--force' : staleReason(root);
  if (!reason) return { built: false, reason: null, ms: Date.now() - t0 };
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) throw new Error('vite is not installed; run `npm ci` first.');
  log(`clawscope: building (${reason})…`);
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (${r.error?.message ?? `exit ${r.status}`}).`);
  return { built: true, reason, ms: Date.now() - t0 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  try {
    const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
    const r = ensureBuilt({ force: values.force });
    console.log(r.built ? `clawscope: built in ${(r.ms / 1000).toFixed(1)} s.` : 'clawscope: dist/ is up to date.');
  } catch (err) {
    console.error(`build: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
