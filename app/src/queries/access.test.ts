import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { accessQueries } from './access';
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
