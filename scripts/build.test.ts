import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from './build.mjs';

/** npm start builds only when dist/ is older than what it is built from. Times are set, not waited for. */
let root = '';
afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, number>) {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'clawscope-build-'));
  for (const [file, seconds] of Object.entries(files)) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, file);
    fs.utimesSync(full, seconds, seconds);
  }
  // Folders get the newest time of what they hold (as after a checkout), so only file times matter below.
  for (const dir of ['app/src', 'app', 'public', 'dist'].map((d) => path.join(root, d)))
    if (fs.existsSync(dir)) fs.utimesSync(dir, 1000, 1000);
}

describe('staleReason', () => {
  it('a missing dist/ needs a build', () => {
    tree({ 'app/src/main.ts': 1000, 'index.html': 1000 });
    expect(staleReason(root)).toBe('dist/index.html is missing');
  });

  it('dist/ newer than every source is up to date', () => {
    tree({ 'app/src/main.ts': 1000, 'index.html': 1000, 'package.json': 1000, 'dist/index.html': 2000 });
    expect(staleReason(root)).toBeNull();
  });

  it.each([['app/src/main.ts'], ['public/favicon.svg'], ['index.html'], ['vite.config.ts'], ['package-lock.json']])(
    'a newer %s needs a build',
    (file) => {
      tree({ 'app/src/main.ts': 1000, 'dist/index.html': 2000, [file]: 3000 });
      expect(staleReason(root)).toBe(`${file.split('/')[0]} changed since the last build`);
    },
  );

  it('a deleted source (its folder changed) needs a build; node_modules and other folders do not count', () => {
    tree({
      'app/src/gone.tsx': 1000,
      'dist/index.html': 2000,
      'app/node_modules/x/index.js': 3000,
      'e2e/a.spec.ts': 3000,
    });
    expect(staleReason(root)).toBeNull();
    fs.rmSync(path.join(root, 'app/src/gone.tsx'));
    expect(staleReason(root)).toBe('app changed since the last build');
  });
});
