import { describe, expect, it } from 'vitest';
import { CLIENT, PROTOCOL_RANGE, chooseCredential, connectParams, readHello } from './handshake';

describe('chooseCredential', () => {
  const stored = { token: 'dev-tok', scopes: ['operator.read'] };
  const requested = ['operator.read', 'operator.admin'];
  it('presents the shared token when there is one, asking what was requested', () => {
    expect(chooseCredential({ token: 't', stored, requested })).toEqual({
      credential: 'token',
      scopes: requested,
      auth: { token: 't' },
    });
  });
  it('else the stored device token, asking exactly what it was issued for (more is AUTH_SCOPE_MISMATCH)', () => {
    expect(chooseCredential({ stored, requested })).toEqual({
      credential: 'device-token',
      scopes: ['operator.read'],
      auth: { deviceToken: 'dev-tok' },
    });
  });
  it('else nothing', () => {
    expect(chooseCredential({ requested })).toEqual({ credential: 'none', scopes: requested, auth: {} });
  });
});

describe('connectParams', () => {
  it('offers protocols 3-4 as an operator, with the given client and credential', () => {
    const p = connectParams({ client: CLIENT, scopes: ['operator.read'], auth: { token: 't' } });
    expect(p).toMatchObject({
      minProtocol: PROTOCOL_RANGE.min,
      maxProtocol: PROTOCOL_RANGE.max,
      client: { id: 'webchat-ui', mode: 'webchat', platform: 'web' },
      role: 'operator',
      scopes: ['operator.read'],
      caps: [],
      auth: { token: 't' },
    });
  });
});

describe('readHello', () => {
  it('reads the grant, the server and the snapshot, and keeps the device token out of the summary', () => {
    const { summary, deviceToken } = readHello({
      protocol: 4,
      server: { version: '2026.9.6', connId: 'c1' },
      auth: { method: 'token', role: 'operator', scopes: ['operator.read', 7], deviceToken: 'secret', issuedAtMs: 5 },
      snapshot: { appliedConfigHash: 'h', uptimeMs: 10 },
      policy: { tickIntervalMs: 30000 },
    });
    expect(deviceToken).toBe('secret');
    expect(JSON.stringify(summary)).not.toContain('secret');
    expect(summary).toMatchObject({
      protocol: 4,
      serverVersion: '2026.9.6',
      connId: 'c1',
      authMethod: 'token',
      scopes: ['operator.read'],
      scopesStated: true,
      deviceTokenIssued: true,
      issuedAtMs: 5,
      appliedConfigHash: 'h',
      tickIntervalMs: 30000,
    });
  });
  it('2026.3.x without an auth block: granted nothing, not stated', () => {
    expect(readHello({ protocol: 3, server: { version: '2026.3.13' } }).summary).toMatchObject({
      scopes: [],
      scopesStated: false,
      authMethod: null,
      deviceTokenIssued: false,
    });
  });
});
