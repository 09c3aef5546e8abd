import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

/**
 * The built page: no inline script, a strict CSP meta, and the app server's per-request header that
 * narrows connect-src to exactly the gateway named in ?gateway=. Builds in memory (nothing written to
 * dist/), so it holds on a fresh clone and never tests a stale build.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type Serve = (opts: {
  dir: string;
  port: number;
  host: string;
  strictPort: boolean;
}) => Promise<{ url: string; close: () => Promise<void> }>;
type ServeModule = {
  serve: Serve;
  pagePolicy: (meta: string | null, url: string) => string;
  metaPolicy: (html: string) => string | null;
};

let html = '';
let dir = '';
let server: { url: string; close: () => Promise<void> } | null = null;
let serveModule: ServeModule;

beforeAll(async () => {
  const out = (await build({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false },
  })) as unknown;
  const outputs = (Array.isArray(out) ? out : [out]) as {
    output: { fileName: string; type: string; source?: unknown }[];
  }[];
  const index = outputs.flatMap((o) => o.output).find((f) => f.fileName === 'index.html');
  html = String(index?.source ?? '');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawscope-csp-'));
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  // A variable path: scripts/serve.mjs is plain JS without type declarations.
  const servePath = path.join(ROOT, 'scripts', 'serve.mjs');
  serveModule = (await import(/* @vite-ignore */ servePath)) as ServeModule;
  server = await serveModule.serve({ dir, port: 0, host: '127.0.0.1', strictPort: true });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** "a b; c d" → Map(a → [b], c → [d]) */
function directives(policy: string) {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

const metaOf = (page: string) => {
  const tag = /<meta[^>]+http-equiv="Content-Security-Policy"[^>]*>/i.exec(page)?.[0] ?? '';
  return (/content="([^"]*)"/.exec(tag)?.[1] ?? '').replace(/&#39;/g, "'");
};

describe('the built index.html', () => {
  it('has no inline script and no inline event handler', () => {
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s).toMatch(/^<script\b[^>]*\ssrc="\/assets\/[^"]+\.js"/);
      expect(s).toMatch(/><\/script>$/); // empty body
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
  });

  it('carries a CSP meta before any script or stylesheet', () => {
    const meta = html.search(/<meta[^>]+Content-Security-Policy/i);
    expect(meta).toBeGreaterThan(0);
    expect(meta).toBeLessThan(html.search(/<script\b/i));
    expect(meta).toBeLessThan(html.search(/<link[^>]+stylesheet/i));
  });

  it('allows only self, plus loopback ws:// and wss:// for the gateway chosen at run time', () => {
    const d = directives(metaOf(html));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*', 'wss:']);
    for (const [name, values] of d) {
      for (const v of values) expect(v, `${name} ${v}`).not.toMatch(/^'unsafe-|^\*$|^(https?|blob|filesystem):$/);
    }
    expect([...d.entries()].filter(([, v]) => v.includes('data:')).map(([k]) => k)).toEqual(['img-src']);
    // frame-ancestors is ignored (with a console error) in a meta: the header sends it.
    expect(d.has('frame-ancestors')).toBe(false);
  });

  it('is the same policy the app server reads back', () => {
    expect(serveModule.metaPolicy(html)).toBe(metaOf(html));
  });
});

describe('the app server', () => {
  const headerFor = async (pathAndQuery: string) => {
    const res = await fetch(`${server!.url}${pathAndQuery}`);
    await res.arrayBuffer();
    return {
      status: res.status,
      csp: res.headers.get('content-security-policy'),
      referrer: res.headers.get('referrer-policy'),
    };
  };

  it.each([
    ['/?gateway=ws://127.0.0.1:4321', 'ws://127.0.0.1:4321'],
    ['/cron?gateway=ws%3A%2F%2Flocalhost%3A18789', 'ws://localhost:18789'],
    ['/devices?gateway=wss://gw.example.com/', 'wss://gw.example.com'],
    ['/presence?gateway=http://127.0.0.1:9', 'ws://127.0.0.1:9'],
    ['/', 'ws://127.0.0.1:18789'],
  ])('%s: connect-src names exactly %s', async (url, origin) => {
    const { status, csp, referrer } = await headerFor(url);
    expect(status).toBe(200);
    const d = directives(csp ?? '');
    expect(d.get('connect-src')).toEqual(["'self'", origin]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(referrer).toBe('no-referrer');
    // Everything else is the meta's policy, unchanged: the header only narrows.
    const meta = directives(metaOf(html));
    for (const [name, values] of meta) if (name !== 'connect-src') expect(d.get(name), name).toEqual(values);
  });

  it.each([
    '/?gateway=ws://evil;script-src%20*',
    "/?gateway=ws://a'b",
    '/?gateway=javascript:alert(1)',
    '/?gateway=ws://user:pw@127.0.0.1:1',
    '/?gateway=',
    '/?gateway=ws://[::1]:18789', // CSP cannot name IPv6 literals
  ])('%s: nothing from the query reaches the header; connect-src is only self', async (url) => {
    const d = directives((await headerFor(url)).csp ?? '');
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect([...d.keys()].filter((k) => !directives(metaOf(html)).has(k))).toEqual(['frame-ancestors']);
  });

  it('the fleet page, and only it, adds exactly its probe= gateways', async () => {
    const q =
      'gateway=ws://127.0.0.1:1&probe=ws://127.0.0.1:2&probe=wss://gw.example.com/x&probe=ws://evil;script-src%20*';
    expect(directives((await headerFor(`/fleet?${q}`)).csp ?? '').get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:1',
      'ws://127.0.0.1:2',
      'wss://gw.example.com',
    ]);
    expect(directives((await headerFor(`/cron?${q}`)).csp ?? '').get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:1',
    ]);
  });

  it('sends no CSP on scripts and styles (only the page needs one)', async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, asset), '');
    expect((await headerFor(asset)).csp).toBeNull();
  });
});
