import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { createDeviceVault } from './device-identity';
import { memoryStore } from './idb';
import { probeGateway } from './probe';

const URL = 'ws://probe.test:18789';
const link = ws.link(URL);
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Req = { id: string; method: string; params: Record<string, unknown> };

/** A gateway that grants `grant` (or refuses with `refuse`) and answers reads; records every request. */
function gateway({ grant = [] as string[], refuse = null as unknown, jobs = [] as unknown[], pending = 0 } = {}) {
  const seen: Req[] = [];
  let connections = 0;
  server.use(
    link.addEventListener('connection', ({ client }) => {
      connections += 1;
      client.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } }));
      client.addEventListener('message', (e) => {
        const req = JSON.parse(String(e.data)) as Req;
        seen.push(req);
        const res = (body: object) => client.send(JSON.stringify({ type: 'res', id: req.id, ...body }));
        if (req.method === 'connect') {
          if (refuse) {
            res({ ok: false, error: refuse });
            setTimeout(() => client.close(1008, 'connect failed'), 5);
          } else res({ ok: true, payload: { protocol: 4, server: { version: '2026.9.6' }, auth: { scopes: grant } } });
        } else if (req.method === 'device.pair.list')
          res({ ok: true, payload: { pending: Array.from({ length: pending }, (_, i) => ({ requestId: `r${i}` })) } });
        else if (req.method === 'cron.list') res({ ok: true, payload: { jobs, hasMore: false } });
        else res({ ok: false, error: { code: 'INVALID_REQUEST', message: `unexpected ${req.method}` } });
      });
    }),
  );
  return { seen, connections: () => connections };
}

async function pairedVault(scopes: string[]) {
  const vault = createDeviceVault(memoryStore());
  const id = await vault.ensureIdentity();
  await vault.storeToken(URL, id.deviceId, 'operator', { token: 'dev-token-1', scopes });
  return vault;
}

describe('probeGateway', () => {
  it('with a stored device token: signs, reads pending requests and failing cron jobs, writes nothing', async () => {
    const gw = gateway({
      grant: ['operator.read', 'operator.admin', 'operator.pairing'],
      pending: 2,
      jobs: [
        { state: { lastRunStatus: 'error' } },
        { state: { lastRunStatus: 'ok' } },
        { state: { lastStatus: 'error' } },
      ],
    });
    const vault = await pairedVault(['operator.read', 'operator.admin', 'operator.pairing']);
    const r = await probeGateway({ url: URL, vault, token: 'shared-secret' });
    expect(r).toMatchObject({
      outcome: 'ok',
      credential: 'device-token',
      serverVersion: '2026.9.6',
      protocol: 4,
      pending: { n: 2 },
      failingCron: { n: 2 },
    });
    const connect = gw.seen.find((q) => q.method === 'connect')!;
    expect(connect.params.auth).toEqual({ deviceToken: 'dev-token-1' });
    expect(connect.params.device).toBeDefined();
    expect(connect.params.scopes).toEqual(['operator.read', 'operator.admin', 'operator.pairing']);
    expect(gw.seen.map((q) => q.method).sort()).toEqual(['connect', 'cron.list', 'device.pair.list']);
  });

  it('with only the shared token: no device (so it can never ask to pair), and says what is missing', async () => {
    const gw = gateway({ grant: [] });
    const r = await probeGateway({ url: URL, vault: createDeviceVault(memoryStore()), token: 'shared-secret' });
    expect(r).toMatchObject({
      outcome: 'ok',
      credential: 'token',
      granted: [],
      pending: { why: 'needs operator.pairing' },
      failingCron: { why: 'needs operator.read' },
    });
    const connect = gw.seen.find((q) => q.method === 'connect')!;
    expect(connect.params.auth).toEqual({ token: 'shared-secret' });
    expect(connect.params.device).toBeUndefined();
    expect(gw.seen).toHaveLength(1);
  });

  it('without any credential: proves reachability from the challenge and sends nothing', async () => {
    const gw = gateway();
    const r = await probeGateway({ url: URL, vault: createDeviceVault(memoryStore()) });
    expect(r).toMatchObject({ outcome: 'no-credential', credential: 'none', serverVersion: null });
    expect(gw.seen).toEqual([]);
  });

  it('a refused token is reported once and never tried again', async () => {
    const gw = gateway({
      refuse: {
        code: 'INVALID_REQUEST',
        message: 'unauthorized: device token mismatch',
        details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' },
      },
    });
    const r = await probeGateway({ url: URL, vault: await pairedVault(['operator.read']) });
    expect(r).toMatchObject({ outcome: 'refused', error: { detailCode: 'AUTH_DEVICE_TOKEN_MISMATCH' } });
    expect(gw.connections()).toBe(1);
    expect(gw.seen.filter((q) => q.method === 'connect')).toHaveLength(1);
  });

  it('says unreachable when nothing answers', async () => {
    const r = await probeGateway({
      url: 'ws://127.0.0.1:9',
      vault: createDeviceVault(memoryStore()),
      createWebSocket: () => {
        throw new Error('connection refused');
      },
    });
    expect(r).toMatchObject({ outcome: 'unreachable', error: { message: 'connection refused' } });
  });
});
