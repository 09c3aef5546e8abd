import { describe, expect, it } from 'vitest';
import gatewayScopes from '../testing/method-scopes.json';
import { METHODS, checkResult, scopeFor } from './methods';
import { checkEventPayload } from './result-shapes';

/** The gateway's own map (2026.9.6, extracted from the package and cross-checked live). */
const upstream: Record<string, string> = gatewayScopes;

describe('method table', () => {
  it.each(Object.keys(METHODS))('%s needs the scope the gateway enforces', (method) => {
    const theirs = upstream[method];
    expect(theirs, `${method} is not a 2026.9.6 method`).toBeDefined();
    const ours = scopeFor(method);
    if (ours === null) expect(theirs).toMatch(/^none/);
    else expect(theirs).toBe(ours);
  });

  it('checks answers by method: a cron.update answer without a schedule is refused', () => {
    expect(checkResult('cron.update', { id: 'a', payload: { kind: 'systemEvent', text: 'x' } }).ok).toBe(false);
    expect(checkResult('node.list', { nodes: [{ nodeId: 'n1' }, { nodeId: 7 }] })).toMatchObject({
      ok: true,
      value: { nodes: [{ nodeId: 'n1' }] },
    });
  });

  it('checks the presence event like the answer: a bad field is dropped before any reducer sees it', () => {
    const r = checkEventPayload('presence', { presence: [{ clientId: 'a', ts: 'soon' }, 'junk'] });
    expect(r).toMatchObject({ ok: true, value: { presence: [{ clientId: 'a' }] } });
    expect(r.ok && (r.value as { presence: object[] }).presence[0]).not.toHaveProperty('ts');
    expect(checkEventPayload('presence', { presence: 'x' }).ok).toBe(false);
    expect(checkEventPayload('cron', 5)).toEqual({ ok: true, value: 5, problems: [] });
  });
});
