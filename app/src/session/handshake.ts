/**
 * The connect handshake as plain functions, shared by the dashboard's own session (gateway.ts)
 * and the scope lab's throwaway trials (trial.ts): which credential to present, the connect
 * params, the signed device block, and what a hello-ok says.
 */
import { buildDeviceAuthPayloadV3 } from '@openclaw/gateway-client/browser';
import { sign, type DeviceIdentity } from './device-identity';
import type { HelloSummary } from './session-store';

/**
 * A browser client id the gateway knows that may connect without a device
 * identity (openclaw-control-ui may not), so the limited state is visible.
 */
export const CLIENT = { id: 'webchat-ui', mode: 'webchat', platform: 'web' } as const;
export const ROLE = 'operator';
export const PROTOCOL_RANGE = { min: 3, max: 4 } as const;

export type Credential = 'token' | 'device-token' | 'none';
export type StoredToken = { token: string; scopes: readonly string[] };

/**
 * The shared secret wins when we have it; otherwise a stored device token, asking exactly what it
 * was issued for (asking more gives AUTH_SCOPE_MISMATCH); otherwise nothing.
 */
export function chooseCredential(input: { token?: string; stored?: StoredToken; requested: readonly string[] }): {
  credential: Credential;
  scopes: string[];
  auth: { token?: string; deviceToken?: string };
} {
  const { token, stored, requested } = input;
  if (token) return { credential: 'token', scopes: [...requested], auth: { token } };
  if (stored) return { credential: 'device-token', scopes: [...stored.scopes], auth: { deviceToken: stored.token } };
  return { credential: 'none', scopes: [...requested], auth: {} };
}

export type ClientInfo = { id: string; mode: string; platform: string };

export function connectParams(input: {
  client: ClientInfo;
  scopes: readonly string[];
  auth: { token?: string; deviceToken?: string };
}): Record<string, unknown> {
  const { id, mode, platform } = input.client;
  return {
    minProtocol: PROTOCOL_RANGE.min,
    maxProtocol: PROTOCOL_RANGE.max,
    client: { id, version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0', platform, mode },
    role: ROLE,
    scopes: [...input.scopes],
    caps: [],
    auth: { ...input.auth },
  };
}

/**
 * The signed device block (v3 payload, accepted by 2026.3.x and 2026.9.x). The signature covers
 * the scopes in the order sent and the token slot (`auth.token ?? auth.deviceToken ?? ""`).
 */
export async function deviceBlock(input: {
  identity: DeviceIdentity;
  client: ClientInfo;
  scopes: readonly string[];
  auth: { token?: string; deviceToken?: string };
  nonce: string;
  challengeTs: number | null | undefined;
}): Promise<Record<string, unknown>> {
  const { identity, client, nonce } = input;
  const signedAt = typeof input.challengeTs === 'number' ? input.challengeTs : Date.now();
  const payload = buildDeviceAuthPayloadV3({
    deviceId: identity.deviceId,
    clientId: client.id,
    clientMode: client.mode,
    role: ROLE,
    scopes: [...input.scopes],
    signedAtMs: signedAt,
    token: input.auth.token ?? input.auth.deviceToken ?? '',
    nonce,
    platform: client.platform,
  });
  return {
    id: identity.deviceId,
    publicKey: identity.publicKey,
    signature: await sign(identity, payload),
    signedAt,
    nonce,
  };
}

const record = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const count = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * What a hello-ok says, read defensively (the frame guard only vouches for `protocol`).
 * 2026.3.x sends no `auth` block to a device-less session: the grant is then "not stated".
 */
export function readHello(raw: unknown): { summary: HelloSummary; deviceToken: string | undefined } {
  const hello = record(raw) ?? {};
  const auth = record(hello.auth);
  const server = record(hello.server) ?? {};
  const snapshot = record(hello.snapshot) ?? {};
  const policy = record(hello.policy) ?? {};
  const scopes = Array.isArray(auth?.scopes) ? auth.scopes.filter((s): s is string => typeof s === 'string') : [];
  const deviceToken = text(auth?.deviceToken);
  // The device token is kept apart from the summary: the summary goes into the store, the token never.
  const summary: HelloSummary = {
    protocol: count(hello.protocol) ?? 0,
    serverVersion: text(server.version) ?? 'unknown',
    connId: text(server.connId),
    authMethod: text(auth?.method) ?? null,
    role: text(auth?.role) ?? null,
    scopes,
    scopesStated: Array.isArray(auth?.scopes),
    deviceTokenIssued: deviceToken !== undefined,
    issuedAtMs: count(auth?.issuedAtMs),
    appliedConfigHash: text(snapshot.appliedConfigHash),
    uptimeMs: count(snapshot.uptimeMs),
    tickIntervalMs: count(policy.tickIntervalMs),
  };
  return { summary, deviceToken };
}
