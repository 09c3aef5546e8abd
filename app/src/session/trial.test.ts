import { createPublicKey, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { buildDeviceAuthPayloadV3 } from '@openclaw/gateway-client/browser';
import { runTrial } from './trial';

const URL = 'ws://trial.test:18789';
const link = ws.link(URL);
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const fromB64url = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
const CHALLENGE_TS = 1_795_626_942_260;
const DEVICE_TOKEN = 'dEvIcE-tOkEn-0123456789abcdefghijklmnopqrstu';

type Connect = {
  minProtocol: number;
  maxProtocol: number;
  client: { id: string; mode: string; platform: string };
  role: string;
  scopes: string[];
  auth: Record<string, string>;
  device?: { id: string; publicKey: string; signature: string; signedAt: number; nonce: string };
};

type Seen = { connects: Connect[]; closedByClient: { code?: number }[] };

/** A gateway that sends the challenge, then answers connect with `answer(params)`; null = never answer. */
function gateway(
  answer: (p: Connect) => { ok: true; payload: unknown } | { ok: false; error: unknown; close?: number } | null,
  { challenge = true } = {},
) {
  const seen: Seen = { connects: [], closedByClient: [] };
  server.use(
    link.addEventListener('connection', ({ client }) => {
      client.addEventListener('close', (e) => seen.closedByClient.push({ code: (e as CloseEvent).code }));
      if (challenge)
        client.send(
          JSON.stringify({
            type: 'event',
            event: 'connect.challenge',
            payload: { nonce: 'nonce-7', ts: CHALLENGE_TS },
          }),
        );
      client.addEventListener('message', (e) => {
        const req = JSON.parse(String(e.data)) as { id: string; method: string; params: Connect };
        if (req.method !== 'connect') return;
        seen.connects.push(req.params);
        const reply = answer(req.params);
        if (!reply) return;
        client.send(JSON.stringify({ type: 'res', id: req.id, ...reply }));
        if (!reply.ok) setTimeout(() => client.close(reply.close ?? 1008, 'connect failed'), 5);
      });
    }),
  );
  return seen;
}

const hello = (auth: Record<string, unknown> | null) => ({
  ok: true as const,
  payload: {
    type: 'hello-ok',
    protocol: 4,
    server: { version: '2026.9.6', connId: 'c1' },
    snapshot: {},
    ...(auth ? { auth } : {}),
    policy: {},
  },
});

describe('runTrial', () => {
  it('runs challenge -> connect with the chosen client, scopes and token, and reads an empty grant', async () => {
    const seen = gateway(() => hello({ method: 'token', role: 'operator', scopes: [] }));
    const result = await runTrial({
      url: URL,
      clientId: 'cli',
      mode: 'cli',
      scopes: ['operator.read', 'operator.admin'],
      device: false,
      token: 'shared-token',
    });

    expect(result.outcome).toBe('granted');
    expect(result.granted).toEqual([]);
    expect(result.hello).toMatchObject({
      protocol: 4,
      serverVersion: '2026.9.6',
      authMethod: 'token',
      scopesStated: true,
      deviceTokenIssued: false,
    });
    expect(result.paired).toBe(false);
    expect(result.deviceId).toBeNull();
    const sent = seen.connects[0]!;
    expect(sent).toMatchObject({
      minProtocol: 3,
      maxProtocol: 4,
      role: 'operator',
      scopes: ['operator.read', 'operator.admin'],
      auth: { token: 'shared-token' },
    });
    expect(sent.client).toMatchObject({ id: 'cli', mode: 'cli', platform: 'web' });
    expect(sent.device).toBeUndefined();
    // It probes nothing else and closes its socket.
    expect(seen.connects).toHaveLength(1);
    expect(seen.closedByClient).toHaveLength(1);
    expect(result.timeline.map((t) => t.phase)).toEqual([
      'start',
      'socket-open',
      'challenge',
      'connect-sent',
      'hello-ok',
      'close',
    ]);
  });

  it('signs the v3 payload with a throwaway key and reports a silent pairing without keeping the device token', async () => {
    const seen = gateway((p) =>
      hello({ method: 'token', role: 'operator', scopes: p.scopes, deviceToken: DEVICE_TOKEN, issuedAtMs: 1 }),
    );
    const scopes = ['operator.admin', 'operator.read'];
    const result = await runTrial({
      url: URL,
      clientId: 'webchat-ui',
      mode: 'webchat',
      scopes,
      device: true,
      token: 'shared-token',
    });

    const device = seen.connects[0]!.device!;
    expect(device.nonce).toBe('nonce-7');
    expect(device.signedAt).toBe(CHALLENGE_TS);
    expect(device.id).toMatch(/^[0-9a-f]{64}$/);
    const payload = buildDeviceAuthPayloadV3({
      deviceId: device.id,
      clientId: 'webchat-ui',
      clientMode: 'webchat',
      role: 'operator',
      scopes,
      signedAtMs: CHALLENGE_TS,
      token: 'shared-token',
      nonce: 'nonce-7',
      platform: 'web',
    });
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: device.publicKey }, format: 'jwk' });
    expect(verify(null, Buffer.from(payload), key, fromB64url(device.signature))).toBe(true);

    expect(result).toMatchObject({ outcome: 'granted', granted: scopes, paired: true, deviceId: device.id });
    expect(JSON.stringify(result)).not.toContain(DEVICE_TOKEN);
  });

  it('uses a new key for every device trial', async () => {
    const seen = gateway((p) => hello({ scopes: p.scopes }));
    const a = await runTrial({ url: URL, clientId: 'webchat-ui', mode: 'webchat', scopes: [], device: true });
    const b = await runTrial({ url: URL, clientId: 'webchat-ui', mode: 'webchat', scopes: [], device: true });
    expect(a.deviceId).not.toBe(b.deviceId);
    expect(seen.connects.map((c) => c.device?.id)).toEqual([a.deviceId, b.deviceId]);
  });

  it('sends no credential when no token is given, and an empty token slot in the signature', async () => {
    const seen = gateway(() => ({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'unauthorized: gateway token missing',
        details: { code: 'AUTH_TOKEN_MISSING', recommendedNextStep: 'update_auth_configuration' },
      },
    }));
    const result = await runTrial({
      url: URL,
      clientId: 'webchat-ui',
      mode: 'webchat',
      scopes: ['operator.read'],
      device: true,
    });
    const sent = seen.connects[0]!;
    expect(sent.auth).toEqual({});
    expect(result.request.sentToken).toBe(false);
    expect(result.outcome).toBe('refused');
    expect(result.error).toMatchObject({
      detailCode: 'AUTH_TOKEN_MISSING',
      recommendedNextStep: 'update_auth_configuration',
    });
  });

  it('reports a refusal with code, details.code, next step and the close code', async () => {
    gateway(() => ({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'control ui requires device identity (use HTTPS or localhost secure context)',
        details: { code: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED', recommendedNextStep: 'review_auth_configuration' },
      },
    }));
    const result = await runTrial({
      url: URL,
      clientId: 'openclaw-control-ui',
      mode: 'webchat',
      scopes: ['operator.read'],
      device: false,
      token: 'shared-token',
    });
    expect(result.outcome).toBe('refused');
    expect(result.error).toMatchObject({
      code: 'INVALID_REQUEST',
      detailCode: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED',
      recommendedNextStep: 'review_auth_configuration',
    });
    expect(result.close).toEqual({ code: 1008, reason: 'connect failed' });
    expect(result.granted).toEqual([]);
  });

  it('reads a 2026.3.x hello without an auth block as granted nothing', async () => {
    gateway(() => hello(null));
    const result = await runTrial({
      url: URL,
      clientId: 'webchat-ui',
      mode: 'webchat',
      scopes: ['operator.read'],
      device: false,
      token: 't',
    });
    expect(result.outcome).toBe('granted');
    expect(result.granted).toEqual([]);
    expect(result.hello?.scopesStated).toBe(false);
  });

  it('times out and closes its socket when no challenge arrives', async () => {
    const seen = gateway(() => null, { challenge: false });
    const result = await runTrial({
      url: URL,
      clientId: 'cli',
      mode: 'cli',
      scopes: [],
      device: false,
      token: 't',
      timeoutMs: 150,
    });
    expect(result.outcome).toBe('timeout');
    expect(result.error?.message).toMatch(/No connect.challenge within/);
    await expect.poll(() => seen.closedByClient.length).toBe(1);
  });

  it('times out and closes its socket when connect is never answered', async () => {
    const seen = gateway(() => null);
    const result = await runTrial({
      url: URL,
      clientId: 'cli',
      mode: 'cli',
      scopes: [],
      device: false,
      token: 't',
      timeoutMs: 150,
    });
    expect(result.outcome).toBe('timeout');
    expect(result.error?.message).toMatch(/No answer to connect within/);
    expect(seen.connects).toHaveLength(1);
    await expect.poll(() => seen.closedByClient.length).toBe(1);
  });

  it('ignores frames it cannot read while waiting', async () => {
    server.use(
      link.addEventListener('connection', ({ client }) => {
        client.send('not json');
        client.send(JSON.stringify({ type: 'event', event: 'tick', payload: {} }));
        client.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } }));
        client.addEventListener('message', (e) => {
          const req = JSON.parse(String(e.data)) as { id: string };
          client.send(JSON.stringify({ type: 'res', id: 'someone-else', ok: true, payload: {} }));
          client.send(JSON.stringify({ type: 'res', id: req.id, ...hello({ scopes: ['operator.read'] }) }));
        });
      }),
    );
    const result = await runTrial({
      url: URL,
      clientId: 'cli',
      mode: 'cli',
      scopes: ['operator.read'],
      device: false,
      token: 't',
    });
    expect(result.outcome).toBe('granted');
    expect(result.granted).toEqual(['operator.read']);
  });

  it('says "closed" when the gateway hangs up without answering', async () => {
    server.use(
      link.addEventListener('connection', ({ client }) => client.addEventListener('message', () => client.close(1000))),
    );
    server.use(
      link.addEventListener('connection', ({ client }) => {
        client.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } }));
      }),
    );
    const result = await runTrial({ url: URL, clientId: 'cli', mode: 'cli', scopes: [], device: false, token: 't' });
    expect(result.outcome).toBe('closed');
    expect(result.close?.code).toBe(1000);
  });

  it('says "unreachable" when the socket never opens', async () => {
    const fake = new EventTarget() as WebSocket;
    Object.assign(fake, { readyState: 0, close() {}, send() {} });
    setTimeout(() => {
      fake.dispatchEvent(new Event('error'));
      Object.assign(fake, { readyState: 3 });
      fake.dispatchEvent(Object.assign(new Event('close'), { code: 1006, reason: '' }));
    }, 5);
    const result = await runTrial({
      url: 'ws://127.0.0.1:9',
      clientId: 'cli',
      mode: 'cli',
      scopes: [],
      device: false,
      createWebSocket: () => fake,
    });
    expect(result.outcome).toBe('unreachable');
    expect(result.error?.message).toBe('Nothing answered at ws://127.0.0.1:9.');
  });

  it('can be cancelled, and closes its socket', async () => {
    const seen = gateway(() => null);
    const ctl = new AbortController();
    const pending = runTrial({
      url: URL,
      clientId: 'cli',
      mode: 'cli',
      scopes: [],
      device: false,
      token: 't',
      signal: ctl.signal,
    });
    await expect.poll(() => seen.connects.length).toBe(1);
    ctl.abort();
    expect((await pending).outcome).toBe('aborted');
    await expect.poll(() => seen.closedByClient.length).toBe(1);
  });
});
