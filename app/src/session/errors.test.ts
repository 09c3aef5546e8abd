import { describe, expect, it } from 'vitest';
import { normalizeError, toFailure } from './errors';

describe('normalizeError', () => {
  it('reads a 2026.9.x missing-scope error from details', () => {
    const f = normalizeError({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.read',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.read', requiredScopes: ['operator.read'] },
    });
    expect(f).toMatchObject({
      code: 'FORBIDDEN',
      detailCode: 'MISSING_SCOPE',
      missingScope: 'operator.read',
      requiredScopes: ['operator.read'],
    });
  });

  it('reads a 2026.3.x missing-scope error from the message alone', () => {
    const f = normalizeError({ code: 'INVALID_REQUEST', message: 'missing scope: operator.admin' });
    expect(f).toMatchObject({ code: 'INVALID_REQUEST', detailCode: 'MISSING_SCOPE', missingScope: 'operator.admin' });
  });

  it('does not mistake another INVALID_REQUEST for a missing scope', () => {
    const f = normalizeError({ code: 'INVALID_REQUEST', message: 'unknown method: foo.bar' });
    expect(f.detailCode).toBeNull();
    expect(f.missingScope).toBeUndefined();
  });

  it('reads a token mismatch with its recovery advice', () => {
    const f = normalizeError({
      code: 'INVALID_REQUEST',
      message: 'unauthorized: gateway token mismatch',
      details: {
        code: 'AUTH_TOKEN_MISMATCH',
        authReason: 'token_mismatch',
        canRetryWithDeviceToken: true,
        recommendedNextStep: 'retry_with_device_token',
      },
    });
    expect(f).toMatchObject({
      detailCode: 'AUTH_TOKEN_MISMATCH',
      canRetryWithDeviceToken: true,
      recommendedNextStep: 'retry_with_device_token',
    });
  });

  it('reads a rate limit with retryAfterMs', () => {
    const f = normalizeError({
      code: 'INVALID_REQUEST',
      message: 'unauthorized: too many failed authentication attempts (retry later)',
      retryable: true,
      retryAfterMs: 299843,
      details: { code: 'AUTH_RATE_LIMITED', recommendedNextStep: 'wait_then_retry' },
    });
    expect(f).toMatchObject({
      detailCode: 'AUTH_RATE_LIMITED',
      retryAfterMs: 299843,
      retryable: true,
      recommendedNextStep: 'wait_then_retry',
    });
  });

  it('reads pairing-required details', () => {
    const f = normalizeError({
      code: 'NOT_PAIRED',
      message: 'pairing required: device is asking for more scopes than currently approved',
      details: {
        code: 'PAIRING_REQUIRED',
        reason: 'scope-upgrade',
        requestId: 'req-123',
        recommendedNextStep: 'wait_then_retry',
        requestedScopes: ['operator.read', 'operator.admin'],
        approvedScopes: ['operator.read'],
      },
    });
    expect(f.detailCode).toBe('PAIRING_REQUIRED');
    expect(f.pairing).toMatchObject({
      reason: 'scope-upgrade',
      requestId: 'req-123',
      approvedScopes: ['operator.read'],
    });
  });

  it('flags an older protocol mismatch that names it only in the message', () => {
    expect(normalizeError({ code: 'INVALID_REQUEST', message: 'protocol mismatch' }).detailCode).toBe(
      'PROTOCOL_MISMATCH',
    );
  });

  it("reads 2026.3.x's message-only unknown cron job as CRON_JOB_NOT_FOUND", () => {
    const f = normalizeError({ code: 'UNAVAILABLE', message: 'Error: unknown cron job id: abc' });
    expect(f).toMatchObject({ detailCode: 'CRON_JOB_NOT_FOUND', retryable: false });
  });

  it('survives hostile shapes', () => {
    for (const raw of [null, undefined, 42, 'x', [], { code: 7, message: {} }, { details: 'nope' }]) {
      const f = normalizeError(raw);
      expect(typeof f.code).toBe('string');
      expect(typeof f.message).toBe('string');
    }
  });
});

describe('toFailure', () => {
  it('marks a request lost to a closed socket as outcome unknown', () => {
    const f = toFailure(new Error('gateway closed (1012): service restart'));
    expect(f).toMatchObject({ code: 'DISCONNECTED', outcomeUnknown: true });
  });
  it('keeps a client timeout distinct from a gateway error', () => {
    const f = toFailure({ code: 'CLIENT_TIMEOUT', message: 'cron.add timed out', requestSent: true });
    expect(f).toMatchObject({ code: 'CLIENT_TIMEOUT', outcomeUnknown: true });
  });
});
