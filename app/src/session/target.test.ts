import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY, parseGatewayUrl, readTarget } from './target';

describe('parseGatewayUrl', () => {
  it('accepts ws and wss URLs', () => {
    expect(parseGatewayUrl('ws://127.0.0.1:18789')).toEqual({ url: 'ws://127.0.0.1:18789' });
    expect(parseGatewayUrl(' wss://gw.example.com/ ')).toEqual({ url: 'wss://gw.example.com' });
  });
  it('rewrites http(s) to ws(s)', () => {
    expect(parseGatewayUrl('http://localhost:19001')).toEqual({ url: 'ws://localhost:19001' });
  });
  it('refuses malformed URLs before connecting', () => {
    for (const bad of ['', 'not a url', 'ftp://x', 'ws://user:pw@host:1'])
      expect(parseGatewayUrl(bad)).toHaveProperty('error');
  });
  it('refuses plain ws:// to a host that is not loopback, with the reason', () => {
    for (const ok of ['ws://127.0.0.1:1', 'ws://127.8.0.1:1', 'ws://localhost:1', 'ws://[::1]:1', 'wss://192.0.2.2'])
      expect(parseGatewayUrl(ok)).toHaveProperty('url');
    const refused = parseGatewayUrl('ws://192.0.2.2:18789');
    expect(refused).toEqual({ error: expect.stringContaining('Plain ws:// to 192.0.2.2 is refused') });
    expect(refused).toEqual({ error: expect.stringContaining('wss://') });
    expect(parseGatewayUrl('http://gw.example.com')).toHaveProperty('error');
  });
});

describe('readTarget', () => {
  function page(href: string) {
    const url = new URL(href);
    const replaced: string[] = [];
    const loc = { pathname: url.pathname, search: url.search, hash: url.hash } as Location;
    const history = { state: null, replaceState: (_s: unknown, _t: string, u: string) => void replaced.push(u) };
    const map = new Map<string, string>();
    const session = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    } as Storage;
    return { loc, history: history as unknown as History, session, replaced, map };
  }

  it('reads the token from #token=, strips it from the address bar, keeps the rest', () => {
    const p = page('http://127.0.0.1:5180/cron?gateway=ws://127.0.0.1:19001#token=s3cret&x=1');
    const t = readTarget(p.loc, p.history, p.session);
    expect(t).toEqual({ gatewayUrl: 'ws://127.0.0.1:19001', token: 's3cret' });
    expect(p.replaced).toEqual(['/cron?gateway=ws://127.0.0.1:19001#x=1']);
    expect(p.replaced.join()).not.toContain('s3cret');
  });

  it('keeps the token for this tab only: a reload without #token finds it in sessionStorage', () => {
    const first = page('http://127.0.0.1:5180/?gateway=ws://127.0.0.1:19001#token=s3cret');
    readTarget(first.loc, first.history, first.session);
    const reload = page('http://127.0.0.1:5180/?gateway=ws://127.0.0.1:19001');
    const t = readTarget(reload.loc, reload.history, first.session);
    expect(t.token).toBe('s3cret');
    expect(reload.replaced).toEqual([]);
  });

  it('falls back to the default gateway with the reason when ?gateway= is malformed', () => {
    const p = page('http://127.0.0.1:5180/?gateway=ftp://x');
    const t = readTarget(p.loc, p.history, p.session);
    expect(t.gatewayUrl).toBe(DEFAULT_GATEWAY);
    expect(t.error).toMatch(/ws:\/\/ or wss:\/\//);
    expect(t).not.toHaveProperty('token');
  });
});
