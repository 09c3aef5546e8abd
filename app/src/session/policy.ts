/**
 * The failure policy as plain functions: what the session retries by itself, when, and what
 * waits for the user. A wrong token is never retried; a lockout blocks every attempt.
 */
import type { GatewayFailure } from './errors';
import type { ConnectionStatus } from './session-store';

/** How often to ask again while a pairing request waits for approval. */
export const PAIRING_POLL_MS = 3000;
/** The gateway drops a pending pairing request after this long. */
export const PAIRING_EXPIRY_MS = 5 * 60_000;
/** AUTH_RATE_LIMITED without a retryAfterMs: hold off this long (the gateway's lockout is about 5 minutes). */
export const DEFAULT_LOCKOUT_MS = 60_000;

/** "gateway starting; retry shortly": UNAVAILABLE with no detail code, retryable. */
export function isStarting(f: GatewayFailure) {
  return f.code === 'UNAVAILABLE' && f.retryable !== false && !f.detailCode;
}

/** Whether a failed connect is tried again by itself, and after how long. Null: the user has to act. */
export function retryDelay(f: GatewayFailure, { pairingPaused = false } = {}): number | null {
  if (isStarting(f)) return f.retryAfterMs ?? 1000;
  if (f.detailCode === 'PAIRING_REQUIRED' && !pairingPaused && f.recommendedNextStep !== 'review_auth_configuration')
    return PAIRING_POLL_MS;
  return null;
}

/** The status a failed connect leaves the session in. */
export function statusAfterFailure(f: GatewayFailure): ConnectionStatus {
  if (isStarting(f)) return 'connecting';
  return f.detailCode === 'PAIRING_REQUIRED' ? 'pairing-required' : 'failed';
}

/** A socket that closed after (or without) a handshake: what it means and whether to try again. */
export function afterClose(ctx: {
  code: number;
  helloReceived: boolean;
  socketOpened: boolean;
  wasReconnecting: boolean;
}): { status: ConnectionStatus; unreachable: boolean; retry: boolean; delayMs?: number } {
  if (ctx.code === 4001) return { status: 'failed', unreachable: false, retry: false };
  const status: ConnectionStatus =
    ctx.helloReceived || ctx.wasReconnecting ? 'reconnecting' : ctx.socketOpened ? 'connecting' : 'unreachable';
  // 1013 "try again later" (the gateway is busy): back off a little more than the wire client would.
  return { status, unreachable: !ctx.socketOpened, retry: true, ...(ctx.code === 1013 ? { delayMs: 1000 } : {}) };
}

/** The failure shown when a connect is refused locally during a lockout. */
export function lockoutError(untilMs: number, nowMs = Date.now()): GatewayFailure {
  return {
    code: 'INVALID_REQUEST',
    detailCode: 'AUTH_RATE_LIMITED',
    message: 'unauthorized: too many failed authentication attempts (retry later)',
    retryAfterMs: Math.max(0, untilMs - nowMs),
    retryable: true,
  };
}

export const DEVICE_REMOVED: GatewayFailure = {
  code: 'DEVICE_REMOVED',
  detailCode: 'DEVICE_REMOVED',
  message: 'This browser was unpaired: its device token was rotated, revoked or removed.',
};
