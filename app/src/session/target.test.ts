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
});
