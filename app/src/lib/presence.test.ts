import { describe, expect, it } from 'vitest';
import {
  applyPresenceEvent,
  findOwnEntry,
  groupPresence,
  isDeviceless,
  presenceKey,
  readPresenceEntry,
  readPresenceList,
  shortId,
  shortScope,
  summarizePresence,
  type PresenceEntry,
} from './presence';

// Shapes as observed on a live 2026.9.6 gateway (see shared/PROTOCOL.md §2.1).
const gateway = {
  host: 'vm',
  ip: '192.0.2.2',
  version: '2026.9.6',
  platform: 'linux 6.18',
  deviceFamily: 'Linux',
  mode: 'gateway',
  reason: 'self',
  instanceId: 'e8c4',
  text: 'Gateway: vm',
  ts: 1000,
};
const paired = (deviceId: string, onlineSince: number, extra: Record<string, unknown> = {}) => ({
  clientId: 'webchat-ui',
  mode: 'webchat',
  user: { id: 'gateway-owner', identity: { type: 'profile', id: 'gateway-owner' } },
  onlineSince,
  roles: ['operator'],
  scopes: ['operator.read', 'operator.admin'],
  ts: onlineSince + 5,
  host: 'webchat-ui',
  version: '0.1.0',
  platform: 'web',
  deviceId,
  reason: 'connect',
  ...extra,
});
const deviceless = (onlineSince: number, extra: Record<string, unknown> = {}) => ({
  clientId: 'webchat-ui',
  mode: 'webchat',
  onlineSince,
  roles: ['operator'],
  ts: onlineSince + 5,
  host: 'webchat-ui',
  platform: 'web',
  reason: 'connect',
  ...extra,
});

describe('readPresenceEntry', () => {
  it('keeps well-typed fields and flattens user.id', () => {
    const e = readPresenceEntry(paired('abc', 500));
    expect(e).toMatchObject({
      clientId: 'webchat-ui',
      deviceId: 'abc',
      onlineSince: 500,
      userId: 'gateway-owner',
      scopes: ['operator.read', 'operator.admin'],
    });
    expect(e).not.toHaveProperty('user');
  });

  it('drops fields of the wrong type instead of trusting them', () => {
    const e = readPresenceEntry({
      clientId: 42,
      host: '<b>x</b>',
      roles: ['operator', 7],
      scopes: 'operator.read',
      ts: 'soon',
      onlineSince: -1,
    });
    expect(e).toEqual({ host: '<b>x</b>', roles: ['operator'] });
  });

  it('rejects non-objects', () => {
    expect(readPresenceEntry(null)).toBeNull();
    expect(readPresenceEntry('x')).toBeNull();
    expect(readPresenceEntry([1])).toBeNull();
  });
});

describe('readPresenceList', () => {
  it('reads the bare array from system-presence', () => {
    expect(readPresenceList([gateway, paired('a', 1)])).toHaveLength(2);
  });
  it('reads the {presence} wrapper of the event, skipping junk entries', () => {
    expect(readPresenceList({ presence: [gateway, 3, null] })).toHaveLength(1);
  });
  it('returns null for anything else', () => {
    expect(readPresenceList({})).toBeNull();
    expect(readPresenceList(undefined)).toBeNull();
  });
});

describe('applyPresenceEvent', () => {
  const old = readPresenceList([gateway, paired('a', 10)])!;

  it('replaces the list with the full list from the event', () => {
    const next = applyPresenceEvent(old, { presence: [gateway, paired('a', 10), paired('b', 20)] });
    expect(next).toHaveLength(3);
  });
  it('keeps the old reference when nothing changed', () => {
    expect(applyPresenceEvent(old, { presence: [gateway, paired('a', 10)] })).toBe(old);
  });
  it('keeps the old reference on a malformed payload', () => {
    expect(applyPresenceEvent(old, { nope: true })).toBe(old);
    expect(applyPresenceEvent(undefined, 'x')).toBeUndefined();
  });
  it('fills an empty cache', () => {
    expect(applyPresenceEvent(undefined, { presence: [gateway] })).toHaveLength(1);
  });
  it('treats an empty list as a real answer', () => {
    expect(applyPresenceEvent(old, { presence: [] })).toEqual([]);
  });
});

describe('groupPresence', () => {
  const list = readPresenceList([
    paired('old', 100),
    gateway,
    deviceless(300, { reason: 'disconnect', ts: 400 }),
    paired('new', 200),
    paired('gone', 50, { reason: 'disconnect', ts: 900 }),
  ])!;

  it('splits the gateway, online and disconnected entries', () => {
    const g = groupPresence(list);
    expect(g.gateway.map((e) => e.instanceId)).toEqual(['e8c4']);
    expect(g.online.map((e) => e.deviceId)).toEqual(['new', 'old']);
    expect(g.disconnected.map((e) => e.ts)).toEqual([900, 400]);
  });

  it('does not mutate its input', () => {
    const before = list.map(presenceKey);
    groupPresence(list);
    expect(list.map(presenceKey)).toEqual(before);
  });
});

describe('summarizePresence', () => {
  it('counts online entries by mode and device-less ones', () => {
    const g = groupPresence(
      readPresenceList([
        gateway,
        paired('a', 1),
        deviceless(2),
        deviceless(3, { mode: 'cli', clientId: 'cli' }),
        paired('z', 4, { reason: 'disconnect' }),
      ])!,
    );
    expect(summarizePresence(g)).toEqual({
      online: 3,
      disconnected: 1,
      limited: 2,
      byMode: [
        { mode: 'webchat', count: 2 },
        { mode: 'cli', count: 1 },
      ],
    });
  });

  it('handles an empty list', () => {
    expect(summarizePresence(groupPresence([]))).toEqual({ online: 0, disconnected: 0, limited: 0, byMode: [] });
  });
});

describe('isDeviceless', () => {
  it('flags clients without a device id, never the gateway', () => {
    expect(isDeviceless(readPresenceEntry(deviceless(1))!)).toBe(true);
    expect(isDeviceless(readPresenceEntry(paired('a', 1))!)).toBe(false);
    expect(isDeviceless(readPresenceEntry(gateway)!)).toBe(false);
  });
});

describe('findOwnEntry', () => {
  const online = groupPresence(
    readPresenceList([paired('mine', 100), paired('theirs', 200), deviceless(150), deviceless(300)])!,
  ).online;

  it('matches exactly by device id', () => {
    const own = findOwnEntry(online, { deviceId: 'mine', clientId: 'webchat-ui' });
    expect(own).toMatchObject({ kind: 'exact', entry: { deviceId: 'mine' } });
  });

  it('says so when our device is not listed', () => {
    expect(findOwnEntry(online, { deviceId: 'absent', clientId: 'webchat-ui' })).toEqual({
      kind: 'none',
      why: 'device-not-listed',
    });
  });

  it('with several connections of our device, picks the one that came online closest to us', () => {
    const tabs = groupPresence(readPresenceList([paired('mine', 100), paired('mine', 5000), paired('x', 1)])!).online;
    const own = findOwnEntry(tabs, { deviceId: 'mine', clientId: 'webchat-ui', connectedAtMs: 120 });
    expect(own.kind).toBe('probable');
    if (own.kind !== 'probable') return;
    expect(own.entry.onlineSince).toBe(100);
    expect(own.basis).toBe('device');
    expect(own.others.map((e) => e.onlineSince)).toEqual([5000]);
  });

  it('does not guess between tabs the gateway gives the same onlineSince (as 2026.9.6 does)', () => {
    const tabs = groupPresence(
      readPresenceList([paired('mine', 100, { ts: 300 }), paired('mine', 100, { ts: 301 })])!,
    ).online;
    const own = findOwnEntry(tabs, { deviceId: 'mine', clientId: 'webchat-ui', connectedAtMs: 250 });
    expect(own.kind).toBe('shared');
    if (own.kind === 'shared') expect(own.entries).toHaveLength(2);
  });

  it('without a device, guesses the device-less entry of our client id nearest our connect time', () => {
    const own = findOwnEntry(online, { deviceId: null, clientId: 'webchat-ui', connectedAtMs: 160 });
    expect(own).toMatchObject({ kind: 'probable', basis: 'client', entry: { onlineSince: 150 } });
  });

  it('without a device or a connect time, guesses the newest device-less entry', () => {
    const own = findOwnEntry(online, { deviceId: null, clientId: 'webchat-ui' });
    expect(own).toMatchObject({ kind: 'probable', entry: { onlineSince: 300 } });
  });

  it('without a device, gives up on a tie', () => {
    const twins = groupPresence(readPresenceList([deviceless(100), deviceless(200)])!).online;
    expect(findOwnEntry(twins, { deviceId: null, clientId: 'webchat-ui', connectedAtMs: 150 })).toEqual({
      kind: 'none',
      why: 'ambiguous',
    });
  });

  it('never guesses a paired entry for a device-less session', () => {
    const onlyPaired = groupPresence(readPresenceList([paired('a', 1)])!).online;
    expect(findOwnEntry(onlyPaired, { deviceId: null, clientId: 'webchat-ui' })).toEqual({
      kind: 'none',
      why: 'no-device-no-candidate',
    });
  });
});

describe('formatting helpers', () => {
  it('shortId and shortScope', () => {
    expect(shortId('fc6c9157032ff4307c0c44c85f02c9f6')).toBe('fc6c9157032f…');
    expect(shortId('abc')).toBe('abc');
    expect(shortScope('operator.read')).toBe('read');
    expect(shortScope('node.invoke')).toBe('node.invoke');
  });
  it('presenceKey differs for two connections of the same device', () => {
    const [a, b] = [paired('d', 1), paired('d', 2)].map((x) => presenceKey(readPresenceEntry(x) as PresenceEntry));
    expect(a).not.toBe(b);
  });
});
