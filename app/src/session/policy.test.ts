import { describe, expect, it } from 'vitest';
import { PAIRING_POLL_MS, afterClose, retryDelay, statusAfterFailure } from './policy';
import type { GatewayFailure } from './errors';

const failure = (f: Partial<GatewayFailure>): GatewayFailure => ({
  code: 'INVALID_REQUEST',
  detailCode: null,
  message: 'x',
  ...f,
});

describe('retryDelay', () => {
  it('retries a starting gateway after its retryAfterMs, and polls a pending pairing', () => {
    expect(retryDelay(failure({ code: 'UNAVAILABLE', retryAfterMs: 250 }))).toBe(250);
    expect(retryDelay(failure({ detailCode: 'PAIRING_REQUIRED' }))).toBe(PAIRING_POLL_MS);
  });
  it('never retries a wrong token, a lockout, a paused wait, or a pairing the config forbids', () => {
    expect(retryDelay(failure({ detailCode: 'AUTH_TOKEN_MISMATCH' }))).toBeNull();
    expect(retryDelay(failure({ detailCode: 'AUTH_RATE_LIMITED', retryAfterMs: 1000 }))).toBeNull();
    expect(retryDelay(failure({ detailCode: 'PAIRING_REQUIRED' }), { pairingPaused: true })).toBeNull();
    const forbidden = failure({ detailCode: 'PAIRING_REQUIRED', recommendedNextStep: 'review_auth_configuration' });
    expect(retryDelay(forbidden)).toBeNull();
  });
  it('names the status a refusal leaves', () => {
    expect(statusAfterFailure(failure({ code: 'UNAVAILABLE' }))).toBe('connecting');
    expect(statusAfterFailure(failure({ detailCode: 'PAIRING_REQUIRED' }))).toBe('pairing-required');
    expect(statusAfterFailure(failure({ detailCode: 'AUTH_TOKEN_MISMATCH' }))).toBe('failed');
  });
});

describe('afterClose', () => {
  const base = { helloReceived: false, socketOpened: false, wasReconnecting: false };
  it('4001 is final: this browser was unpaired', () => {
    expect(afterClose({ ...base, code: 4001, helloReceived: true, socketOpened: true })).toMatchObject({
      status: 'failed',
      retry: false,
    });
  });
  it('a drop after hello reconnects; a socket that never opened is unreachable; 1013 backs off', () => {
    expect(afterClose({ ...base, code: 1006, helloReceived: true, socketOpened: true })).toMatchObject({
      status: 'reconnecting',
      retry: true,
    });
    expect(afterClose({ ...base, code: 1006 })).toMatchObject({
      status: 'unreachable',
      unreachable: true,
      retry: true,
    });
    expect(afterClose({ ...base, code: 1013, socketOpened: true })).toMatchObject({
      status: 'connecting',
      delayMs: 1000,
    });
  });
});
