import {
  readConnectErrorDetailCode,
  readConnectErrorRecoveryAdvice,
  readPairingConnectErrorDetails,
} from '@openclaw/gateway-protocol/connect-error-details';
import { readMissingScopeError } from '@openclaw/gateway-protocol/gateway-error-details';
import { REQUEST_ID } from './result-shapes';

/**
 * One shape for every failure the dashboard shows: a method error, a connect
 * error, a timeout or a dropped socket. Built from untrusted frames, so every
 * field is checked before use.
 */
export type GatewayFailure = {
  /** Top-level code: FORBIDDEN, INVALID_REQUEST, NOT_PAIRED, UNAVAILABLE, CLIENT_TIMEOUT, DISCONNECTED, ... */
  code: string;
  /** `details.code` when present (MISSING_SCOPE, AUTH_TOKEN_MISMATCH, PAIRING_REQUIRED, ...). */
  detailCode: string | null;
  message: string;
  missingScope?: string;
  requiredScopes?: string[];
  recommendedNextStep?: string;
  canRetryWithDeviceToken?: boolean;
  retryAfterMs?: number;
  retryable?: boolean;
  pairing?: {
    reason?: string;
    requestId?: string;
    requestedScopes?: string[];
    approvedScopes?: string[];
    remediationHint?: string;
  };
  /** The request may have reached the gateway but no answer came back (drop or timeout). */
  outcomeUnknown?: boolean;
};

export class GatewayError extends Error {
  readonly failure: GatewayFailure;
  constructor(failure: GatewayFailure) {
    super(failure.message);
    this.name = 'GatewayError';
    this.failure = failure;
  }
  get code() {
    return this.failure.detailCode ?? this.failure.code;
  }
}

const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** Normalise an error frame (`{code, message, details?, retryAfterMs?}`) from either gateway generation. */
export function normalizeError(raw: unknown): GatewayFailure {
  const e = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const details = e.details;
  const code = text(e.gatewayCode, text(e.code, 'UNKNOWN'));
  const message = text(e.message, 'unknown error');
  const failure: GatewayFailure = { code, detailCode: readConnectErrorDetailCode(details), message };

  // 2026.9.x: FORBIDDEN + details.code MISSING_SCOPE; 2026.3.x: INVALID_REQUEST "missing scope: X", no details.
  const scope = readMissingScopeError({ code, message, details });
  if (scope) {
    failure.detailCode = 'MISSING_SCOPE';
    failure.missingScope = scope.missingScope;
    failure.requiredScopes = scope.requiredScopes;
  }

  const advice = readConnectErrorRecoveryAdvice(details);
  if (advice.recommendedNextStep) failure.recommendedNextStep = advice.recommendedNextStep;
  if (advice.canRetryWithDeviceToken !== undefined) failure.canRetryWithDeviceToken = advice.canRetryWithDeviceToken;

  const retryAfterMs = num(e.retryAfterMs) ?? num((details as Record<string, unknown> | undefined)?.retryAfterMs);
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  if (typeof e.retryable === 'boolean') failure.retryable = e.retryable;

  if (failure.detailCode === 'PAIRING_REQUIRED' || code === 'NOT_PAIRED') {
    const p = readPairingConnectErrorDetails(details);
    const d = (details && typeof details === 'object' ? details : {}) as Record<string, unknown>;
    failure.pairing = {
      reason: p?.reason,
      // The id ends up in an `openclaw devices approve <id>` command the user copies into a shell.
      requestId:
        p?.requestId ?? (REQUEST_ID.test(text(d.requestId)) ? text(d.requestId) : requestIdFromMessage(message)),
      requestedScopes: p?.requestedScopes ?? strings(d.requestedScopes),
      approvedScopes: p?.approvedScopes ?? strings(d.approvedScopes),
      remediationHint: p?.remediationHint,
    };
    if (!failure.detailCode && failure.pairing.requestId) failure.detailCode = 'PAIRING_REQUIRED';
  }
  // 2026.3.x names a missing cron job only in the message (UNAVAILABLE "unknown cron job id: X").
  if (!failure.detailCode && /unknown cron job id:/i.test(message)) {
    failure.detailCode = 'CRON_JOB_NOT_FOUND';
    failure.retryable = false;
  }
  // Older gateways name a protocol mismatch only in the message.
  if (!failure.detailCode && /protocol mismatch/i.test(message)) failure.detailCode = 'PROTOCOL_MISMATCH';
  return failure;
}

function requestIdFromMessage(message: string): string | undefined {
  return /requestId:\s*([\w-]+)/.exec(message)?.[1];
}

/** Turn anything thrown by a request into a GatewayFailure. */
export function toFailure(error: unknown): GatewayFailure {
  if (error instanceof GatewayError) return error.failure;
  if (error && typeof error === 'object' && 'code' in error) {
    const e = error as Record<string, unknown>;
    if (e.code === 'CLIENT_TIMEOUT') {
      return {
        code: 'CLIENT_TIMEOUT',
        detailCode: null,
        message: text(e.message),
        outcomeUnknown: Boolean(e.requestSent),
      };
    }
    return normalizeError(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  // The wire client rejects in-flight calls with "gateway closed (code): reason" on a drop.
  if (/gateway (closed|not connected|client stopped)/.test(message)) {
    return { code: 'DISCONNECTED', detailCode: null, message, outcomeUnknown: /closed/.test(message) };
  }
  return { code: 'UNKNOWN', detailCode: null, message };
}
