// Brotli (quality 11) and gzip (level 9) copies of the built files, written next to them (app.js → app.js.br,
// app.js.gz) so scripts/serve.mjs (sirv) sends them as they are: no compression per request, and the
// strongest settings, which would be too slow on the fly. Used as a Vite plugin (vite.config.ts) and by tests.

import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|map|webmanifest|txt|svg|wasm|ttf|otf|ico|xml)$/i;
/** Below this a compressed copy saves less than a packet. */
export const MIN_BYTES = 1024;

/** @param {string} dir @returns {Generator<string>} */
function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Write <file>.br and <file>.gz for every compressible file of at least MIN_BYTES under dir, keeping a copy only
 * when it is smaller. Files are compressed in parallel on libuv's thread pool. Returns the totals, for the log.
 * @param {string} dir
 * @returns {Promise<{ files: number, bytes: number, br: number, gz: number }>}
 */
export async function precompressDir(dir) {
  const total = { files: 0, bytes: 0, br: 0, gz: 0 };
  const jobs = [...files(dir)]
    .filter((file) => COMPRESSIBLE.test(file))
    .map(async (file) => {
      const body = await fs.promises.readFile(file);
      if (body.length < MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gzip(body, { level: 9 }),
      ]);
      total.files += 1;
      total.bytes += body.length;
      if (br.length < body.length) {
        await fs.promises.writeFile(`${file}.br`, br);
        total.br += br.length;
      }
      if (gz.length < body.length) {
        await fs.promises.writeFile(`${file}.gz`, gz);
        total.gz += gz.length;
      }
    });
  await Promise.all(jobs);
  return total;
}

/** Vite plugin: precompress the output directory once the bundle is written (build only). */
export function precompress() {
  /** @type {string} */
  let outDir = 'dist';
  return {
    name: 'clawscope:precompress',
    /** @type {'build'} */
    apply: 'build',
    /** @param {{ root: string, build: { outDir: string } }} config */
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const t = await precompressDir(outDir);
      const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} kB`;
      console.log(`precompressed ${t.files} files: ${kb(t.bytes)} → brotli ${kb(t.br)}, gzip ${kb(t.gz)}`);
    },
  };
}
