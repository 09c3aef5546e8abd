import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_URL, server, installGatewayScenario } from '../testing/gateway';
import { createGateway, DEFAULT_LOCKOUT_MS, type Gateway } from './gateway';
import { createDeviceVault } from './device-identity';
import { memoryStore } from './idb';
import { createSessionStore, type SessionState } from './session-store';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const started: Gateway[] = [];
afterEach(() => started.splice(0).forEach((g) => g.stop()));

function setup(token = 'wrong') {
  const store = createSessionStore(GATEWAY_URL);
  const gateway = createGateway({ url: GATEWAY_URL, token, vault: createDeviceVault(memoryStore()), store });
  started.push(gateway);
  return { store, gateway };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(store: ReturnType<typeof createSessionStore>, test: (s: SessionState) => boolean, ms = 3000) {
  const t0 = Date.now();
  while (!test(store.getState())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out; status ${store.getState().status}`);
    await sleep(10);
  }
}

const mismatch = {
  code: 'INVALID_REQUEST',
  message: 'unauthorized: gateway token mismatch',
  details: {
    code: 'AUTH_TOKEN_MISMATCH',
    authReason: 'token_mismatch',
    canRetryWithDeviceToken: true,
    recommendedNextStep: 'retry_with_device_token',
  },
};
const rateLimited = (retryAfterMs?: number) => ({
  code: 'INVALID_REQUEST',
  message: 'unauthorized: too many failed authentication attempts (retry later)',
  retryable: true,
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  details: {
    code: 'AUTH_RATE_LIMITED',
    authReason: 'rate_limited',
    canRetryWithDeviceToken: false,
    recommendedNextStep: 'wait_then_retry',
  },
});

describe('auth abuse', () => {
  it('tries a wrong token once and schedules nothing', async () => {
    const gw = installGatewayScenario({ connect: () => ({ error: mismatch }) });
    const { store, gateway } = setup();
    await gateway.start();
    await until(store, (s) => s.status === 'failed');
    expect(store.getState()).toMatchObject({
      nextRetryAtMs: null,
      blockedUntilMs: null,
      error: { detailCode: 'AUTH_TOKEN_MISMATCH' },
    });
    // The reconnect backoff starts at 800 ms: past it, still one attempt.
    await sleep(1000);
    expect(gw.connections).toHaveLength(1);
    expect(store.getState().status).toBe('failed');
  });

  it('AUTH_RATE_LIMITED blocks every way of connecting until retryAfterMs has passed', async () => {
    let attempts = 0;
    const gw = installGatewayScenario({
      connect: () => (++attempts === 1 ? { error: rateLimited(600) } : { scopes: [] }),
    });
    const { store, gateway } = setup('right-token');
    const before = Date.now();
    await gateway.start();
    await until(store, (s) => s.status === 'failed');
    const { blockedUntilMs, error } = store.getState();
    expect(error).toMatchObject({ detailCode: 'AUTH_RATE_LIMITED', retryAfterMs: 600 });
    expect(store.getState().nextRetryAtMs).toBeNull(); // not retried by itself either
    expect(blockedUntilMs).toBeGreaterThanOrEqual(before + 600);
    expect(blockedUntilMs).toBeLessThanOrEqual(Date.now() + 600);

    // Every path that would open a socket refuses, keeping the same error.
    gateway.reconnect();
    await gateway.start();
    await gateway.pair();
    gateway.checkPairingNow();
    await gateway.forgetDevice();
    await sleep(100);
    expect(gw.connections).toHaveLength(1);
    expect(store.getState()).toMatchObject({
      status: 'failed',
      error: { detailCode: 'AUTH_RATE_LIMITED' },
      nextRetryAtMs: null,
    });
    expect(store.getState().timeline.map((t) => t.phase)).toContain('blocked');

    // Once it has passed, one explicit retry connects, and the block is cleared.
    await sleep(Math.max(0, store.getState().blockedUntilMs! - Date.now()) + 20);
    gateway.reconnect();
    await until(store, (s) => s.status === 'ready');
    expect(gw.connections).toHaveLength(2);
    expect(store.getState().blockedUntilMs).toBeNull();
  });

  it('without retryAfterMs it still holds off, for the default lockout', async () => {
    installGatewayScenario({ connect: () => ({ error: rateLimited() }) });
    const { store, gateway } = setup('t');
    const before = Date.now();
    await gateway.start();
    await until(store, (s) => s.status === 'failed');
    expect(store.getState().blockedUntilMs).toBeGreaterThanOrEqual(before + DEFAULT_LOCKOUT_MS);
  });
});
