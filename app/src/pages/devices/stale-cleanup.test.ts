import { describe, expect, it } from 'vitest';
import { readPairedDevice, type PairedDevice } from '../../queries/devices';
import { sameDeviceKey, staleDevices } from './stale-cleanup';
import type { Access } from './permissions';

const DAY = 86_400_000;
const NOW = 100 * DAY;
const dev = (deviceId: string, over: Record<string, unknown> = {}) =>
  readPairedDevice({
    deviceId,
    clientId: 'webchat-ui',
    clientMode: 'webchat',
    platform: 'web',
    role: 'operator',
    ...over,
  })!;
const shared: Access = {
  ready: true,
  granted: ['operator.read', 'operator.pairing'],
  credential: 'token',
  deviceId: 'me',
};

describe('stale device cleanup', () => {
  it('picks devices not seen for N days, never this browser, a connected one, or one the session may not remove', () => {
    const list: PairedDevice[] = [
      dev('old', { lastSeenAtMs: NOW - 40 * DAY }),
      dev('never-back', { approvedAtMs: NOW - 90 * DAY }),
      dev('recent', { lastSeenAtMs: NOW - 2 * DAY }),
      dev('me', { lastSeenAtMs: NOW - 50 * DAY }),
      dev('online', { lastSeenAtMs: NOW - 50 * DAY, connected: true }),
    ];
    expect(staleDevices(list, shared, 30, NOW, 'me').map((d) => d.deviceId)).toEqual(['old', 'never-back']);
    expect(staleDevices(list, shared, 60, NOW, 'me').map((d) => d.deviceId)).toEqual(['never-back']);
    const selfScoped: Access = { ...shared, credential: 'device-token' };
    expect(staleDevices(list, selfScoped, 30, NOW, 'me')).toEqual([]);
  });

  it('groups records of one device by name, client and platform', () => {
    expect(sameDeviceKey(dev('a'))).toBe(sameDeviceKey(dev('b')));
    expect(sameDeviceKey(dev('a'))).not.toBe(sameDeviceKey(dev('c', { platform: 'linux' })));
    expect(sameDeviceKey(dev('a', { operatorLabel: 'laptop' }))).not.toBe(sameDeviceKey(dev('b')));
  });
});
