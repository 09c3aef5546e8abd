import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from './precompress.mjs';
import { serve } from './serve.mjs';

/**
 * The app server over a real socket: which encoding it picks for which Accept-Encoding, the SPA fallback,
 * 404s for missing files, caching, and a rebuild while it runs. Raw node:http, so nothing decodes for us.
 */
const META = `default-src 'self'; script-src 'self'; connect-src 'self' ws://127.0.0.1:* wss:`;
const html = (marker: string) =>
  `<!doctype html><html><head><meta charset="UTF-8" />` +
  `<meta http-equiv="Content-Security-Policy" content="${META.replace(/'/g, '&#39;')}" />` +
  `<script type="module" src="/assets/app-${marker}.js"></script></head><body>${'<p>clawscope</p>'.repeat(80)}</body></html>`;
const js = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "job ${i}" }`).join(',')}];`;

let dir = '';
let served: Awaited<ReturnType<typeof serve>>;

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function get(pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${served.url}${pathAndQuery}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawscope-serve-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), html('one'));
  fs.writeFileSync(path.join(dir, 'assets', 'app-one.js'), js);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await precompressDir(dir);
  served = await serve({ dir, port: 0, host: '127.0.0.1', strictPort: true });
});

afterAll(async () => {
  await served?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('precompressed files', () => {
  it('the build step writes a Brotli and a gzip copy only where it pays', () => {
    expect(fs.existsSync(path.join(dir, 'assets', 'app-one.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'assets', 'app-one.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'favicon.svg.br'))).toBe(false); // under 1 KB
  });

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['identity', undefined],
    ['', undefined],
  ])('Accept-Encoding "%s" gets %s', async (accept, encoding) => {
    const res = await get('/assets/app-one.js', accept ? { 'Accept-Encoding': accept } : {});
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const body =
      encoding === 'br'
        ? zlib.brotliDecompressSync(res.body)
        : encoding === 'gzip'
          ? zlib.gunzipSync(res.body)
          : res.body;
    expect(body.toString()).toBe(js);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    if (encoding) expect(res.body.length).toBeLessThan(js.length / 3);
  });

  it('a HEAD request gets the headers and no body', async () => {
    const res = await get('/assets/app-one.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.length).toBe(0);
  });
});

describe('the page', () => {
  it('every route without a file extension is index.html, compressed, with its own CSP and no caching', async () => {
    for (const route of ['/', '/cron?gateway=ws://127.0.0.1:9', '/devices/abc', '/nodes/vm.local']) {
      const res = await get(route, { 'Accept-Encoding': 'br' });
      expect(res.status, route).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.body).toString()).toBe(html('one'));
      const connect = /connect-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1];
      expect(connect, route).toBe(
        route.includes('gateway=') ? "'self' ws://127.0.0.1:9" : "'self' ws://127.0.0.1:18789",
      );
    }
  });

  it('a missing asset or file is a 404, never the page', async () => {
    for (const missing of ['/assets/app-two.js', '/assets/whatever', '/style.css', '/logo.png']) {
      const res = await get(missing, { 'Accept-Encoding': 'br' });
      expect(res.status, missing).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['content-security-policy']).toBeUndefined();
    }
  });

  it('answers If-None-Match with 304, and anything but GET/HEAD with 405', async () => {
    const first = await get('/', { 'Accept-Encoding': 'gzip' });
    const again = await get('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });

  it('picks up a rebuild while serving (new index.html, new hashed assets)', async () => {
    fs.writeFileSync(path.join(dir, 'assets', 'app-two.js'), js.replaceAll('job', 'task'));
    fs.writeFileSync(path.join(dir, 'index.html'), html('two'));
    await precompressDir(dir);
    const page = await get('/cron', { 'Accept-Encoding': 'gzip' });
    expect(zlib.gunzipSync(page.body).toString()).toBe(html('two'));
    const asset = await get('/assets/app-two.js', { 'Accept-Encoding': 'br' });
    expect(asset.status).toBe(200);
    expect(zlib.brotliDecompressSync(asset.body).toString()).toContain('task 1');
  });
});
