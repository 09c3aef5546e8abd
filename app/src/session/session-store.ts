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

/**
 * The only ways the session state changes, named for what happened. session/ calls these; the
 * rest of the app reads the store and never writes it.
 */
export function sessionTransitions(store: SessionStore) {
  const set = store.setState;
  return {
    /** A step of the handshake timeline (the last 30 are kept). */
    marked(entry: TimelineEntry) {
      set((s) => ({ timeline: [...s.timeline, entry].slice(-30) }));
    },
    /** A new attempt begins; `keepPairing` keeps the pairing wait (and its error) on screen. */
    attemptStarted(keepPairing: boolean) {
      set((s) => ({
        status: 'connecting',
        error: keepPairing ? s.error : null,
        timeline: [],
        nextRetryAtMs: null,
        pairingWait: keepPairing && s.pairingWait ? { ...s.pairingWait, paused: false } : null,
      }));
    },
    /** What this attempt presents: scopes asked, credential, device. */
    planned(p: Pick<SessionState, 'requestedScopes' | 'presented' | 'deviceId'>) {
      set(p);
    },
    handshakeOk(hello: HelloSummary, resync: boolean) {
      set((s) => ({
        status: 'ready',
        hello,
        error: null,
        nextRetryAtMs: null,
        pairingWait: null,
        blockedUntilMs: null,
        resyncs: resync ? s.resyncs + 1 : s.resyncs,
      }));
    },
    /** connect was refused. `error` null: "still starting", nothing to show but the retry. */
    connectFailed(status: ConnectionStatus, error: GatewayFailure | null, nextRetryAtMs: number | null) {
      set(error ? { status, error, nextRetryAtMs } : { status, nextRetryAtMs });
    },
    /** AUTH_RATE_LIMITED: every attempt fails until then, even with the right token. */
    lockedOut(untilMs: number) {
      set({ blockedUntilMs: untilMs });
    },
    /** An attempt refused locally during a lockout. */
    blocked(error: GatewayFailure) {
      set((s) => ({
        status: 'failed',
        error: s.error?.detailCode === 'AUTH_RATE_LIMITED' ? s.error : error,
        nextRetryAtMs: null,
      }));
    },
    /** The socket closed; `unreachable` names the URL nothing answered at. */
    dropped(close: { code: number; reason: string }, status: ConnectionStatus, unreachable: GatewayFailure | null) {
      set((s) => ({
        lastClose: { ...close, atMs: Date.now() },
        status,
        error: unreachable ?? s.error,
      }));
    },
    /** The socket closed; what it means is decided elsewhere (connect refusal, 4001). */
    closed(close: { code: number; reason: string }) {
      set({ lastClose: { ...close, atMs: Date.now() } });
    },
    /** Our own token rotation closed the socket (4001, expected): reconnecting on the new token. */
    ownTokenRotated() {
      set({ status: 'reconnecting' });
    },
    /** The gateway closed with 4001: this device was rotated, revoked or removed elsewhere. */
    deviceRemoved(error: GatewayFailure) {
      set({ status: 'failed', error });
    },
    /** The same request id: still waiting. A new one: the old one expired, was rejected or superseded. */
    pairingChecked(f: GatewayFailure, paused: boolean) {
      const id = f.pairing?.requestId ?? null;
      set((s) => {
        const prev = s.pairingWait;
        if (prev && prev.requestId === id) return { pairingWait: { ...prev, lastCheckedAtMs: Date.now() } };
        return {
          pairingWait: {
            requestId: id,
            reason: f.pairing?.reason ?? 'not-paired',
            requestedScopes: f.pairing?.requestedScopes ?? s.requestedScopes,
            approvedScopes: f.pairing?.approvedScopes ?? [],
            firstSeenAtMs: Date.now(),
            lastCheckedAtMs: Date.now(),
            replaced: prev?.requestId ?? null,
            paused,
          },
        };
      });
    },
    pairingPaused() {
      set((s) => ({ nextRetryAtMs: null, pairingWait: s.pairingWait ? { ...s.pairingWait, paused: true } : null }));
    },
    upgradeWaiting(wait: SessionState['upgradeWait']) {
      set({ upgradeWait: wait });
    },
    stopped() {
      set({ status: 'idle' });
    },
    /** The page's own URL named no usable gateway: nothing is tried. */
    badTarget(message: string) {
      set({ status: 'failed', error: { code: 'BAD_URL', detailCode: 'BAD_URL', message } });
    },
  };
}

export type SessionTransitions = ReturnType<typeof sessionTransitions>;
