import { expect, test } from '@playwright/test';
import { startExtraGateway, type SandboxGateway } from './gateway';
import { newDevice, rawConnect, RawCallError, type RawDevice, type RawSession } from './raw-client';
import { readPairList, type PairedDevice } from '../app/src/queries/devices';
import {
  approveBlock,
  manageBlock,
  rejectBlock,
  revokeBlock,
  rotateBlock,
  type Access,
} from '../app/src/pages/devices/permissions';

// For each kind of session (shared token or device token, with or without operator.admin): every device action
// the Devices page would offer is accepted by the real gateway, and every one it disables is refused. The verdicts
// are the page's own (pages/devices/permissions.ts, which the buttons use), the answers the gateway's.

const NO_AUTO_APPROVE = { gateway: { nodes: { pairing: { autoApproveLocal: false } } } };
const READ = 'operator.read';
const PAIRING = 'operator.pairing';
const ADMIN = 'operator.admin';

let gw: SandboxGateway;
/** Token-only cli without Origin on loopback: the gateway keeps the scopes it asks for. Approves test devices. */
let owner: RawSession;

test.beforeAll(async () => {
  gw = await startExtraGateway({ config: NO_AUTO_APPROVE });
  owner = await rawConnect({ url: gw.url, token: gw.token, scopes: [READ, ADMIN, PAIRING] });
});
test.afterAll(async () => {
  owner?.close();
  await gw?.stop();
});

type Paired = { device: RawDevice; deviceToken: string };

/** Pair a fresh device (role operator or node) with `scopes`, approved by the owner session. */
async function pair(scopes: string[], role: 'operator' | 'node' = 'operator', name = 'target'): Promise<Paired> {
  const device = newDevice();
  const opts = {
    url: gw.url,
    token: gw.token,
    device,
    role,
    scopes,
    client:
      role === 'node'
        ? { id: 'node-host', mode: 'node', platform: 'linux', displayName: name }
        : { id: 'cli', mode: 'cli', platform: 'linux', displayName: name },
  };
  try {
    (await rawConnect(opts)).close();
  } catch (e) {
    if (!(e instanceof RawCallError)) throw e;
    await owner.call('device.pair.approve', { requestId: e.error.details?.requestId });
  }
  const s = await rawConnect(opts);
  const auth = s.hello.auth as { deviceToken?: string };
  s.close();
  return { device, deviceToken: auth.deviceToken ?? '' };
}

/** A pending request from a fresh device that asks for `scopes`. */
async function pendingRequest(scopes: string[]): Promise<string> {
  try {
    (await rawConnect({ url: gw.url, token: gw.token, device: newDevice(), scopes })).close();
  } catch (e) {
    if (e instanceof RawCallError) return String(e.error.details?.requestId);
    throw e;
  }
  throw new Error('expected a pairing request');
}

const KINDS = [
  { name: 'shared token with operator.admin', credential: 'token', scopes: [READ, PAIRING, ADMIN] },
  { name: 'shared token without operator.admin', credential: 'token', scopes: [READ, PAIRING] },
  { name: 'device token with operator.admin', credential: 'device-token', scopes: [READ, PAIRING, ADMIN] },
  { name: 'device token without operator.admin', credential: 'device-token', scopes: [READ, PAIRING] },
] as const;

for (const kind of KINDS) {
  test(`${kind.name}: the page offers exactly what the gateway accepts`, async () => {
    test.setTimeout(180_000);
    const me = await pair([...kind.scopes], 'operator', 'caller');
    const others = {
      reader: await pair([READ], 'operator', 'reader'),
      admin: await pair([READ, ADMIN], 'operator', 'admin-holder'),
      node: await pair([], 'node', 'node-target'),
    };
    const session = await rawConnect({
      url: gw.url,
      device: me.device,
      scopes: [...kind.scopes],
      ...(kind.credential === 'token' ? { token: gw.token } : { deviceToken: me.deviceToken }),
    });
    const access: Access = {
      ready: true,
      granted: (session.hello.auth as { scopes: string[] }).scopes,
      credential: kind.credential,
      deviceId: me.device.id,
    };
    const verdicts: string[] = [];
    /** Try one action over RPC: offered ⇒ accepted, disabled ⇒ refused. */
    const check = async (label: string, why: string | null, method: string, params: Record<string, unknown>) => {
      const refusal = await session.refusal(method, params);
      verdicts.push(
        `${label}: page ${why ? `disables (${why})` : 'offers'}, gateway ${refusal ? `refuses (${refusal.message})` : 'accepts'}`,
      );
      expect(refusal === null, verdicts.at(-1)).toBe(why === null);
    };

    try {
      const list = readPairList(await session.call('device.pair.list'));
      const byId = (id: string): PairedDevice | undefined => list.paired.find((d) => d.deviceId === id);
      // What the session is listed: a self-scoped session sees only its own device.
      const selfScoped = kind.credential === 'device-token' && !(kind.scopes as readonly string[]).includes(ADMIN);
      expect(list.paired.map((d) => d.deviceId).sort()).toEqual(
        selfScoped
          ? [me.device.id]
          : expect.arrayContaining([
              me.device.id,
              others.reader.device.id,
              others.admin.device.id,
              others.node.device.id,
            ]),
      );
      // Judge every target with the owner's view where the session is not listed it (the page would not show it;
      // the gateway must still refuse it).
      const full = readPairList(await owner.call('device.pair.list'));
      const target = (id: string) => byId(id) ?? full.paired.find((d) => d.deviceId === id)!;

      for (const [key, t] of Object.entries(others)) {
        const d = target(t.device.id);
        const tok = d.tokens[0]!;
        await check(`rename ${key}`, manageBlock(access, d), 'device.pair.rename', {
          deviceId: d.deviceId,
          label: `x-${key}`,
        });
        await check(`rotate ${key}`, rotateBlock(access, d, tok), 'device.token.rotate', {
          deviceId: d.deviceId,
          role: tok.role,
          scopes: tok.scopes,
        });
        const after = readPairList(await owner.call('device.pair.list')).paired.find((x) => x.deviceId === d.deviceId)!;
        const tok2 = after.tokens.find((x) => x.role === tok.role)!;
        await check(`revoke ${key}`, revokeBlock(access, after, tok2), 'device.token.revoke', {
          deviceId: d.deviceId,
          role: tok.role,
        });
        await check(`remove ${key}`, manageBlock(access, after), 'device.pair.remove', { deviceId: d.deviceId });
      }

      // Requests from other devices: one the caller's scopes cover, one asking for admin.
      for (const [key, scopes] of [
        ['read request', [READ]],
        ['admin request', [READ, ADMIN]],
      ] as const) {
        const requestId = await pendingRequest([...scopes]);
        const pending = readPairList(await owner.call('device.pair.list')).pending.find(
          (p) => p.requestId === requestId,
        )!;
        await check(`approve ${key}`, approveBlock(access, pending), 'device.pair.approve', { requestId });
        const stillPending = readPairList(await owner.call('device.pair.list')).pending.some(
          (p) => p.requestId === requestId,
        );
        if (stillPending)
          await check(`reject ${key}`, rejectBlock(access, pending), 'device.pair.reject', { requestId });
      }

      // Its own device: rename is always allowed; rotating its own token (last: it closes this socket).
      const own = target(me.device.id);
      await check('rename own', manageBlock(access, own), 'device.pair.rename', {
        deviceId: own.deviceId,
        label: 'me',
      });
      const ownToken = own.tokens.find((t) => t.role === 'operator')!;
      await check('rotate own', rotateBlock(access, own, ownToken), 'device.token.rotate', {
        deviceId: own.deviceId,
        role: 'operator',
        scopes: ownToken.scopes,
      });
    } finally {
      test.info().annotations.push({ type: 'verdicts', description: verdicts.join('\n') });
      session.close();
    }
  });
}
