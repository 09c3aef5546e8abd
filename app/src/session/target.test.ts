import { describe, expect, it } from 'vitest';
import { parseGatewayUrl } from './target';

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
