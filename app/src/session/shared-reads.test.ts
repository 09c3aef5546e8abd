import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_URL, RawReply, okFrame, server, installGatewayScenario } from '../testing/gateway';
import { createGateway, type Gateway } from './gateway';
import { createDeviceVault } from './device-identity';
import { memoryStore } from './idb';
import { createSessionStore } from './session-store';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const started: Gateway[] = [];
afterEach(() => started.splice(0).forEach((g) => g.stop()));

/** A paired session whose `device.pair.list` and `cron.add` answers wait until `release()`; every request counted. */
async function setup() {
  const seen: string[] = [];
  const held: (() => void)[] = [];
  const hold = (payload: (params: unknown) => unknown) =>
    new RawReply((id, send, params) => {
      held.push(() => send(okFrame(id, payload(params))));
    });
  const scenario = installGatewayScenario({
    connect: () => ({ scopes: ['operator.admin', 'operator.read', 'operator.pairing'] }),
    replies: {
      'device.pair.list': (p) => (
        seen.push(`device.pair.list ${JSON.stringify(p)}`),
        hold(() => ({ pending: [], paired: [] }))
      ),
      'cron.add': (p) => (
        seen.push(`cron.add ${JSON.stringify(p)}`),
        hold((params) => ({ id: 'j1', ...(params as object) }))
      ),
    },
  });
  const store = createSessionStore(GATEWAY_URL);
  const gateway = createGateway({ url: GATEWAY_URL, token: 't', vault: createDeviceVault(memoryStore()), store });
  started.push(gateway);
  await gateway.start();
  await new Promise<void>((resolve) => {
    const stop = store.subscribe((s) => s.status === 'ready' && (stop(), resolve()));
    if (store.getState().status === 'ready') resolve();
  });
  const release = () => held.splice(0).forEach((f) => f());
  const waitFor = async (n: number) => {
    while (seen.length < n) await new Promise((r) => setTimeout(r, 5));
  };
  return { gateway, seen, release, waitFor, push: scenario.push };
}

describe('identical reads in flight', () => {
  it('share one request, whatever the key order', async () => {
    const { gateway, seen, release, waitFor } = await setup();
    const a = gateway.probe('device.pair.list', {});
    const b = gateway.call('device.pair.list', {});
    await waitFor(1);
    release();
    expect(await a).toEqual(await b);
    expect(seen).toEqual(['device.pair.list {}']);
    // Settled: the next one asks again.
    const c = gateway.call('device.pair.list', {});
    await waitFor(2);
    release();
    await c;
    expect(seen).toHaveLength(2);
  });

  it('are not shared across an event: a re-read after a change gets an answer from after it', async () => {
    const { gateway, seen, release, waitFor, push } = await setup();
    const before = gateway.call('device.pair.list', {});
    await waitFor(1);
    const events: string[] = [];
    const stop = gateway.onEvent((e) => events.push(e.event));
    push('device.pair.requested', { requestId: 'r1' });
    while (!events.length) await new Promise((r) => setTimeout(r, 5));
    stop();
    const after = gateway.call('device.pair.list', {});
    await waitFor(2);
    release();
    await Promise.all([before, after]);
    expect(seen).toHaveLength(2);
  });

  it('are not shared across a write of this session', async () => {
    const { gateway, seen, release, waitFor } = await setup();
    const before = gateway.call('device.pair.list', {});
    await waitFor(1);
    const job = {
      name: 'x',
      schedule: { kind: 'every', everyMs: 60_000 },
      payload: { kind: 'systemEvent', text: 'hi' },
    };
    const write = gateway.call('cron.add', job as never);
    const after = gateway.call('device.pair.list', {});
    await waitFor(3);
    release();
    await Promise.all([before, write, after]);
    expect(seen.filter((s) => s.startsWith('device.pair.list'))).toHaveLength(2);
  });

  it('an access probe still joins a read sent before such an event (it asks about access, not the list)', async () => {
    const { gateway, seen, release, waitFor, push } = await setup();
    const read = gateway.call('device.pair.list', {});
    await waitFor(1);
    const events: string[] = [];
    const stop = gateway.onEvent((e) => events.push(e.event));
    push('device.pair.resolved', { requestId: 'r1', decision: 'approved' });
    while (!events.length) await new Promise((r) => setTimeout(r, 5));
    stop();
    const probe = gateway.probe('device.pair.list', {});
    release();
    await Promise.all([read, probe]);
    expect(seen).toHaveLength(1);
  });

  it('are still shared across an event that does not concern them', async () => {
    const { gateway, seen, release, waitFor, push } = await setup();
    const before = gateway.call('device.pair.list', {});
    await waitFor(1);
    const events: string[] = [];
    const stop = gateway.onEvent((e) => events.push(e.event));
    push('tick', { ts: Date.now() });
    push('cron', { action: 'added', jobId: 'j1' });
    while (events.length < 2) await new Promise((r) => setTimeout(r, 5));
    stop();
    const after = gateway.call('device.pair.list', {});
    release();
    await Promise.all([before, after]);
    expect(seen).toHaveLength(1);
  });

  it('keep going for the others when one caller aborts', async () => {
    const { gateway, seen, release, waitFor } = await setup();
    const leaving = new AbortController();
    const a = gateway.call('device.pair.list', {}, { signal: leaving.signal });
    const b = gateway.call('device.pair.list', {});
    await waitFor(1);
    leaving.abort();
    await expect(a).rejects.toThrow(/aborted/);
    release();
    await expect(b).resolves.toMatchObject({ pending: [] });
    expect(seen).toHaveLength(1);
  });

  it('never share a mutation', async () => {
    const { gateway, seen, release, waitFor } = await setup();
    const job = {
      name: 'x',
      schedule: { kind: 'every', everyMs: 60_000 },
      payload: { kind: 'systemEvent', text: 'hi' },
    };
    const a = gateway.call('cron.add', job as never);
    const b = gateway.call('cron.add', job as never);
    await waitFor(2);
    release();
    await Promise.all([a, b]);
    expect(seen.filter((s) => s.startsWith('cron.add'))).toHaveLength(2);
  });
});
