import { describe, expect, it } from 'vitest';
import {
  GATEWAYS_KEY,
  fleetHref,
  loadGateways,
  removeGateway,
  saveGateway,
  switchHref,
  type SavedGateway,
} from './gateways-list';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    raw: () => data.get(GATEWAYS_KEY) ?? '',
  };
}

const TOKEN = 'Sh4redT0ken-abcdefghijklmnop';

describe('saved gateways', () => {
  it('adds, renames by URL and removes', () => {
    const s = memoryStorage();
    expect(loadGateways(s)).toEqual([]);
    expect(saveGateway(s, { label: 'home', url: 'ws://127.0.0.1:18789' })).toMatchObject({ ok: true });
    saveGateway(s, { label: 'vps', url: 'https://gw.example.com/' });
    expect(loadGateways(s)).toEqual([
      { label: 'home', url: 'ws://127.0.0.1:18789' },
      { label: 'vps', url: 'wss://gw.example.com' },
    ]);
    saveGateway(s, { label: '  home   server ', url: 'ws://127.0.0.1:18789/' });
    expect(loadGateways(s)[0]).toEqual({ label: 'home server', url: 'ws://127.0.0.1:18789' });
    expect(removeGateway(s, 'wss://gw.example.com')).toEqual([{ label: 'home server', url: 'ws://127.0.0.1:18789' }]);
  });

  it('names an unlabelled gateway by its host', () => {
    const s = memoryStorage();
    saveGateway(s, { label: '   ', url: 'wss://gw.example.com:8443' });
    expect(loadGateways(s)).toEqual([{ label: 'gw.example.com:8443', url: 'wss://gw.example.com:8443' }]);
  });

  it('never stores a secret: no token field, no token in the URL, no token as a label', () => {
    const s = memoryStorage();
    const sneaky = { label: 'a', url: 'ws://127.0.0.1:1', token: TOKEN, deviceToken: TOKEN } as SavedGateway;
    saveGateway(s, sneaky);
    saveGateway(s, { label: 'b', url: `ws://127.0.0.1:2/?token=${TOKEN}#token=${TOKEN}` });
    expect(saveGateway(s, { label: 'c', url: `ws://${TOKEN}@127.0.0.1:3` })).toMatchObject({ ok: false });
    expect(saveGateway(s, { label: `my ${TOKEN}`, url: 'ws://127.0.0.1:4' }, [TOKEN])).toEqual({
      ok: false,
      error: expect.stringContaining('token'),
    });
    expect(s.raw()).not.toContain(TOKEN);
    expect(JSON.parse(s.raw())).toEqual([
      { label: 'a', url: 'ws://127.0.0.1:1' },
      { label: 'b', url: 'ws://127.0.0.1:2' },
    ]);
  });

  it('refuses what it could never connect to, with the reason', () => {
    const s = memoryStorage();
    expect(saveGateway(s, { label: 'lan', url: 'ws://192.0.2.2:18789' })).toEqual({
      ok: false,
      error: expect.stringContaining('Plain ws://'),
    });
    expect(saveGateway(s, { label: 'x', url: 'ftp://x' })).toMatchObject({ ok: false });
    expect(s.raw()).toBe('');
  });

  it('reads a tampered list safely: extra fields, bad entries and duplicates are dropped', () => {
    const s = memoryStorage({
      [GATEWAYS_KEY]: JSON.stringify([
        { label: 'ok', url: 'ws://127.0.0.1:1', token: 'leak' },
        { label: 'dup', url: 'ws://127.0.0.1:1' },
        { label: 7, url: 'ws://127.0.0.1:2' },
        { label: 'bad', url: 'javascript:alert(1)' },
        null,
        'ws://127.0.0.1:3',
      ]),
    });
    expect(loadGateways(s)).toEqual([{ label: 'ok', url: 'ws://127.0.0.1:1' }]);
    expect(loadGateways(memoryStorage({ [GATEWAYS_KEY]: '{not json' }))).toEqual([]);
    expect(loadGateways(memoryStorage({ [GATEWAYS_KEY]: '{"a":1}' }))).toEqual([]);
  });

  it('switches to the same section on the other gateway, without this session’s ?scopes=', () => {
    expect(switchHref('wss://gw.example.com', '/cron/1234')).toBe('/cron?gateway=wss%3A%2F%2Fgw.example.com');
    expect(switchHref('ws://127.0.0.1:1', '/')).toBe('/?gateway=ws%3A%2F%2F127.0.0.1%3A1');
  });

  it('builds the fleet address with every other saved gateway as a probe', () => {
    const saved = [
      { label: 'a', url: 'ws://127.0.0.1:1' },
      { label: 'b', url: 'wss://gw.example.com' },
    ];
    const href = new URL(fleetHref('ws://127.0.0.1:1', saved), 'http://x');
    expect(href.pathname).toBe('/fleet');
    expect(href.searchParams.get('gateway')).toBe('ws://127.0.0.1:1');
    expect(href.searchParams.getAll('probe')).toEqual(['wss://gw.example.com']);
  });
});
