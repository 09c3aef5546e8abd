import { createStore } from 'zustand/vanilla';
import type { GatewayFailure } from './errors';

export type ConnectionStatus =
  'idle' | 'connecting' | 'ready' | 'reconnecting' | 'unreachable' | 'pairing-required' | 'failed';

export type TimelineEntry = { phase: string; atMs: number; sinceStartMs: number; detail?: string };

export type HelloSummary = {
  protocol: number;
  serverVersion: string;
  connId?: string;
  /** "token", "device-token", or null when the gateway sent no `auth` block (2026.3.x, device-less). */
  authMethod: string | null;
  role: string | null;
  /** The scopes the gateway granted this socket; empty when it stated none. */
  scopes: string[];
  /** False when hello-ok carried no `auth` at all, so the grant was not stated. */
  scopesStated: boolean;
  deviceTokenIssued: boolean;
  issuedAtMs?: number;
  appliedConfigHash?: string;
  uptimeMs?: number;
  tickIntervalMs?: number;
};

export type PairingWait = {
  requestId: string | null;
  reason: string;
  requestedScopes: string[];
  approvedScopes: string[];
  /** When this request id was first seen: the gateway expires it 5 minutes after it was made. */
  firstSeenAtMs: number;
  lastCheckedAtMs: number;
  /** The previous request id when a new one replaced it (expired, rejected or superseded). */
  replaced: string | null;
  paused: boolean;
};

export type SessionState = {
  status: ConnectionStatus;
  gatewayUrl: string;
  /** Scopes sent in the last connect request. */
  requestedScopes: string[];
  /** Whether the last connect presented a signed device identity, and which credential it used. */
  presented: { device: boolean; credential: 'token' | 'device-token' | 'none' };
  deviceId: string | null;
  hello: HelloSummary | null;
  error: GatewayFailure | null;
  lastClose: { code: number; reason: string; atMs: number } | null;
  timeline: TimelineEntry[];
  /** Epoch ms of the next automatic attempt, when one is scheduled. */
  nextRetryAtMs: number | null;
  /**
   * Set from `retryAfterMs` on AUTH_RATE_LIMITED: until then the gateway refuses every attempt from
   * this origin (even with the right token), so start()/reconnect() do not try. Cleared by a hello.
   */
  blockedUntilMs: number | null;
  /** Set while this browser waits for a pairing approval. */
  pairingWait: PairingWait | null;
  /** Set while an in-place scope upgrade waits for approval. */
  upgradeWait: { requestId: string; scopes: string[]; sinceMs: number } | null;
  /** Bumped on every hello-ok after the first: events are not replayed, so data must be re-read. */
  resyncs: number;
};

export const initialSessionState = (gatewayUrl: string): SessionState => ({
  status: 'idle',
  gatewayUrl,
  requestedScopes: [],
  presented: { device: false, credential: 'none' },
  deviceId: null,
  hello: null,
  error: null,
  lastClose: null,
  timeline: [],
  nextRetryAtMs: null,
  blockedUntilMs: null,
  pairingWait: null,
  upgradeWait: null,
  resyncs: 0,
});

export const createSessionStore = (gatewayUrl: string) =>
  createStore<SessionState>()(() => initialSessionState(gatewayUrl));

export type SessionStore = ReturnType<typeof createSessionStore>;
