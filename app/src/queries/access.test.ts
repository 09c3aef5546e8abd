import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { accessQueries } from './access';
import { devicesQueries } from './device-list';
import type { Gateway } from '../session/gateway';
import { GatewayError } from '../session/errors';

/** A gateway whose hello-ok stated `scopes`, answering every request as the real one does for zero scopes. */
function gatewayWith(scopes: string[] | null) {
  const sent: string[] = [];
  const gw = {
    hello: () => ({ scopesStated: scopes !== null, scopes: scopes ?? [] }),
    probe: async (method: string) => {
      sent.push(method);
      throw new GatewayError({
        code: 'FORBIDDEN',
        detailCode: 'MISSING_SCOPE',
        missingScope: 'operator.read',
        message: 'missing scope: operator.read',
      });
    },
  } as unknown as Gateway;
  return { gw, sent };
}

describe('access probes', () => {
  it('answers from hello-ok when it stated an empty grant, sending nothing', async () => {
    const { gw, sent } = gatewayWith([]);
    const r = await new QueryClient().fetchQuery(accessQueries.probe(gw, 'cron.add', 'c1'));
    expect(r).toMatchObject({ allowed: false, fromHello: true, failure: { message: 'missing scope: operator.admin' } });
    expect(sent).toEqual([]);
  });

  it('asks the gateway when told to and when the grant was not stated (2026.3.x)', async () => {
    for (const [scopes, live] of [
      [[], true],
      [null, false],
    ] as const) {
      const { gw, sent } = gatewayWith(scopes === null ? null : [...scopes]);
      const r = await new QueryClient().fetchQuery(accessQueries.probe(gw, 'status', 'c1', { live }));
      expect(r).toMatchObject({ allowed: false, failure: { detailCode: 'MISSING_SCOPE' } });
      expect(r).not.toHaveProperty('fromHello');
      expect(sent).toEqual(['status']);
    }
  });
});

describe('access probes of reads the app makes itself', () => {
  /** A paired gateway counting `device.pair.list` requests; each answer waits for `release()`. */
  function paired(helloAt: number) {
    const sent: string[] = [];
    const held: (() => void)[] = [];
    const call = (method: string) => {
      sent.push(method);
      return new Promise((resolve) => held.push(() => resolve({ pending: [], paired: [] })));
    };
    const gw = {
      hello: () => ({ scopesStated: true, scopes: ['operator.pairing'] }),
      helloAtMs: () => helloAt,
      call,
      probe: call,
    } as unknown as Gateway;
    return { gw, sent, release: () => held.splice(0).forEach((f) => f()) };
  }

  it('join the page read in flight, and leave the answer in its cache entry', async () => {
    const { gw, sent, release } = paired(Date.now() - 1000);
    const qc = new QueryClient();
    const list = qc.fetchQuery(devicesQueries.list(gw));
    const probe = qc.fetchQuery(accessQueries.probe(gw, 'device.pair.list', 'c1'));
    await Promise.resolve();
    release();
    expect(await probe).toMatchObject({ allowed: true });
    await list;
    expect(sent).toEqual(['device.pair.list']);
  });

  it('are answered by a list read on this connection, but not by one from before its hello', async () => {
    const { gw, sent, release } = paired(Date.now() - 1000);
    const qc = new QueryClient();
    qc.setQueryData(devicesQueries.lists(), { pending: [], paired: [] });
    expect(await qc.fetchQuery(accessQueries.probe(gw, 'device.pair.list', 'c1'))).toMatchObject({ allowed: true });
    expect(sent).toEqual([]);

    const later = paired(Date.now() + 60_000); // a new connection after the cached read
    const qc2 = new QueryClient();
    qc2.setQueryData(devicesQueries.lists(), { pending: [], paired: [] });
    const probe = qc2.fetchQuery(accessQueries.probe(later.gw, 'device.pair.list', 'c2'));
    await new Promise((r) => setTimeout(r, 0));
    later.release();
    expect(await probe).toMatchObject({ allowed: true });
    expect(later.sent).toEqual(['device.pair.list']);
    release();
  });
});
