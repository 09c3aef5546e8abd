import type { GatewayFailure } from '../session/errors';
import type { SessionState } from '../session/session-store';
import { PROTOCOL_RANGE } from '../session/gateway';
import { holding, missingScopes } from '../session/scopes';

export type Diagnosis = { title: string; body: string; action?: string };

/** A connect failure in words: what happened, which code the gateway sent, and what to do. */
export function describeConnectFailure(f: GatewayFailure, gatewayUrl: string): Diagnosis {
  const code = f.detailCode ?? f.code;
  switch (code) {
    case 'AUTH_TOKEN_MISMATCH':
      return {
        title: 'The gateway token is wrong',
        body: `The gateway rejected the shared token (${code}). clawscope will not retry it: after 10 failures the gateway locks this browser origin out for about 5 minutes.`,
        action:
          'Copy the token again (run `openclaw dashboard --no-open` on the gateway host, or read gateway.auth.token in openclaw.json), paste it above and connect.',
      };
    case 'AUTH_TOKEN_MISSING':
    case 'AUTH_REQUIRED':
    case 'AUTH_UNAUTHORIZED':
      return {
        title: 'The gateway needs its token',
        body: `No credential was accepted (${code}).`,
        action:
          'Paste the gateway token above (`openclaw dashboard --no-open` prints a link that carries it) and connect.',
      };
    case 'AUTH_RATE_LIMITED':
      return {
        title: 'Locked out for a while',
        body: `Too many failed sign-ins from this browser origin (${code}). The gateway refuses every attempt, even a correct one, until the lockout ends${f.retryAfterMs ? ` in about ${Math.ceil(f.retryAfterMs / 60000)} min` : ''}.`,
        action: 'Wait for the lockout to end, check the token, then connect once.',
      };
    case 'AUTH_DEVICE_TOKEN_MISMATCH':
      return {
        title: "This browser's device token is no longer valid",
        body: `The gateway did not accept the stored device token (${code}): it was rotated or revoked elsewhere. The stale token has been dropped.`,
        action: 'Paste the gateway token and connect: on this machine the browser is paired again.',
      };
    case 'AUTH_SCOPE_MISMATCH':
      return {
        title: 'The device token does not cover the scopes asked for',
        body: `Your token is fine: a device token only grants what it was issued for, and asking more is refused (${code}).`,
        action: 'Connect with the shared gateway token to ask for more scopes, or ask for fewer.',
      };
    case 'PAIRING_REQUIRED':
      return {
        title: 'This browser is waiting for approval',
        body: `The gateway wants an operator to approve this device (${f.pairing?.reason ?? 'not-paired'}).`,
        action: f.pairing?.requestId
          ? `On the gateway host run: openclaw devices approve ${f.pairing.requestId}`
          : 'Approve it with `openclaw devices list` and `openclaw devices approve <requestId>`.',
      };
    case 'PROTOCOL_MISMATCH':
      return {
        title: 'This gateway speaks another protocol version',
        body: `clawscope supports protocols ${PROTOCOL_RANGE.min}-${PROTOCOL_RANGE.max} (OpenClaw 2026.3.x and 2026.9.x); the gateway refused them (${f.message}).`,
        action: 'Update the gateway or clawscope so they share a protocol.',
      };
    case 'CONTROL_UI_ORIGIN_NOT_ALLOWED':
      return {
        title: "The gateway does not accept this page's origin",
        body: `Browser connections are origin-checked (${code}: ${f.message}).`,
        action: `Open clawscope on 127.0.0.1 or localhost, or add ${typeof location !== 'undefined' ? location.origin : 'this origin'} to gateway.controlUi.allowedOrigins.`,
      };
    case 'DEVICE_REMOVED':
      return {
        title: 'This browser was unpaired',
        body: 'Its device token was rotated, revoked or the device removed from another session (close 4001).',
        action: 'Connect with the gateway token and pair this browser again.',
      };
    case 'BAD_URL':
      return {
        title: f.message.startsWith('Plain ws://')
          ? 'Plain ws:// is refused for a remote gateway'
          : 'That gateway URL is not valid',
        body: f.message,
        action: 'Fix the URL below; nothing was sent.',
      };
    case 'UNREACHABLE':
      return {
        title: 'The gateway is not reachable',
        body: `Nothing answered at ${gatewayUrl}. clawscope keeps retrying with backoff.`,
        action: 'Start it with `openclaw gateway run`, or check the URL and port.',
      };
    default:
      return {
        title: 'The gateway refused the connection',
        body: `${code}: ${f.message}`,
        action: f.recommendedNextStep
          ? `The gateway recommends: ${f.recommendedNextStep.replace(/_/g, ' ')}.`
          : undefined,
      };
  }
}

/** Why the granted set differs from the requested one, in words. */
export function explainGrant(s: Pick<SessionState, 'requestedScopes' | 'presented' | 'hello'>): string {
  const hello = s.hello;
  if (!hello) return '';
  const granted = hello.scopes;
  const missing = missingScopes(s.requestedScopes, granted);
  if (missing.length === 0) return 'Granted everything requested.';
  if (granted.length === 0) {
    if (!s.presented.device) {
      return hello.scopesStated
        ? 'Granted nothing: the session has no device identity, and the gateway clears the scopes of device-less operator sessions. Pair this browser to get the full grant.'
        : 'Granted nothing: the gateway stated no scopes at all (older gateways omit `auth` for device-less sessions), so every scoped call fails. Pair this browser to get the full grant.';
    }
    return 'Granted nothing although a device identity was presented: the device token was issued with no scopes, or the request omitted them.';
  }
  if (s.presented.credential === 'device-token') {
    return `Granted only what this device's token carries; ${missing.join(', ')} need the shared token (scope upgrade) or an approval.`;
  }
  return `Not granted: ${missing.join(', ')}. The device is paired with a narrower set; ask for more access.`;
}

/** One row of the scope matrix. */
export function scopeRow(scope: string, requested: readonly string[], granted: readonly string[]) {
  const h = holding(granted, scope);
  const wanted = requested.includes(scope);
  let note = '';
  if (h.held && h.via !== 'granted') note = `implied by ${h.via}`;
  else if (wanted && !h.held) note = 'requested, not granted';
  else if (!wanted && h.held) note = 'granted without asking';
  return {
    scope,
    requested: wanted,
    granted: granted.includes(scope),
    effective: h.held,
    via: h.held ? h.via : null,
    note,
  };
}
