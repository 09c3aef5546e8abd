import {
  GatewayProtocolClient,
  buildDeviceAuthPayloadV3,
  type EventFrame,
  type GatewayProtocolCloseContext,
  type GatewayProtocolRequestError,
} from '@openclaw/gateway-client/browser';
import { GatewayError, normalizeError, toFailure, type GatewayFailure } from './errors';
import { sign, type DeviceIdentity, type DeviceVault } from './device-identity';
import { createActivityLog, type ActivityLog } from './activity-log';
import { METHODS, checkResult, isMethod, scopeFor, type Method, type Params, type Result } from './methods';
import { cronGetFromList, isUnknownMethod } from './compat';
import { DEFAULT_SCOPES } from './scopes';
import { checkEvent, createRequestTracker, inspectFrame, noteOutgoing } from './frame-guard';
import type { HelloSummary, SessionStore, TimelineEntry } from './session-store';

/**
 * A browser client id the gateway knows that may connect without a device
 * identity (openclaw-control-ui may not), so the limited state is visible.
 */
export const CLIENT = { id: 'webchat-ui', mode: 'webchat', platform: 'web' } as const;
export const ROLE = 'operator';
export const PROTOCOL_RANGE = { min: 3, max: 4 } as const;

type Plan = {
  scopes: string[];
  identity: DeviceIdentity | null;
  credential: 'token' | 'device-token' | 'none';
  params: Record<string, unknown>;
};

/** How often to ask again while a pairing request waits for approval. */
export const PAIRING_POLL_MS = 3000;
/** The gateway drops a pending pairing request after this long. */
export const PAIRING_EXPIRY_MS = 5 * 60_000;
/** AUTH_RATE_LIMITED without a retryAfterMs: hold off this long (the gateway's lockout is about 5 minutes). */
export const DEFAULT_LOCKOUT_MS = 60_000;

export type GatewayOptions = {
  url: string;
  /** The shared gateway secret, held in memory only. */
  token?: string;
  vault: DeviceVault;
  store: SessionStore;
  scopes?: readonly string[];
  createWebSocket?: (url: string) => WebSocket;
  requestTimeoutMs?: number;
  log?: ActivityLog;
};

export type UpgradeOutcome = 'approved' | 'rejected' | 'expired' | 'reconnecting';

export type CallOptions = { timeoutMs?: number | null; signal?: AbortSignal };

export type Gateway = ReturnType<typeof createGateway>;

export function createGateway(opts: GatewayOptions) {
  const { url, vault, store } = opts;
  const log = opts.log ?? createActivityLog();
  let token = opts.token?.trim() || undefined;
  let requested = [...(opts.scopes ?? DEFAULT_SCOPES)];
  /** Present the stored device identity (off until this browser pairs). */
  let useDevice = false;
  let startedAt = 0;
  let helloCount = 0;
  let lastFailure: GatewayFailure | null = null;
  let pairingPaused = false;
  /** Set by onGap, which the wire client calls just before the event that skipped. */
  let pendingGap: number | null = null;
  const eventListeners = new Set<(e: EventFrame) => void>();
  const helloListeners = new Set<(info: { resync: boolean }) => void>();
  /** Our requests by id, so responses to unknown ids and duplicates are named in the log. */
  const requests = createRequestTracker();
  const unknownEvents = new Set<string>();
  /** Set while this browser rotates its own token: the gateway then closes our socket (4001), which is expected. */
  let ownRotation: { done: boolean } | null = null;
  /** The socket whose frames count; frames still arriving on a replaced socket are not judged. */
  let liveSocket: WebSocket | null = null;

  const set = store.setState;
  const problem = (message: string) => log.add({ kind: 'problem', id: log.nextId(), atMs: Date.now(), message });
  const mark = (phase: string, detail?: string) => {
    const now = Date.now();
    const entry: TimelineEntry = { phase, atMs: now, sinceStartMs: now - startedAt, ...(detail ? { detail } : {}) };
    set((s) => ({ timeline: [...s.timeline, entry].slice(-30) }));
  };

  async function buildPlan(nonce: string | null, challengeTs: number | null | undefined): Promise<Plan> {
    const identity = useDevice ? ((await vault.loadIdentity()) ?? null) : null;
    const stored = identity ? await vault.loadToken(url, identity.deviceId, ROLE) : undefined;
    // The shared secret wins when we have it; otherwise a stored device token, asking exactly
    // what it was issued for (asking more gives AUTH_SCOPE_MISMATCH).
    const credential: Plan['credential'] = token ? 'token' : stored ? 'device-token' : 'none';
    const scopes = credential === 'device-token' && stored ? [...stored.scopes] : [...requested];
    const auth: Record<string, string> = {};
    if (credential === 'token' && token) auth.token = token;
    if (credential === 'device-token' && stored) auth.deviceToken = stored.token;
    const params: Record<string, unknown> = {
      minProtocol: PROTOCOL_RANGE.min,
      maxProtocol: PROTOCOL_RANGE.max,
      client: { ...CLIENT, version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0' },
      role: ROLE,
      scopes,
      caps: [],
      auth,
    };
    if (identity && nonce) {
      const signedAt = typeof challengeTs === 'number' ? challengeTs : Date.now();
      const payload = buildDeviceAuthPayloadV3({
        deviceId: identity.deviceId,
        clientId: CLIENT.id,
        clientMode: CLIENT.mode,
        role: ROLE,
        scopes,
        signedAtMs: signedAt,
        token: auth.token ?? auth.deviceToken ?? '',
        nonce,
        platform: CLIENT.platform,
      });
      params.device = {
        id: identity.deviceId,
        publicKey: identity.publicKey,
        signature: await sign(identity, payload),
        signedAt,
        nonce,
      };
    }
    set({
      requestedScopes: scopes,
      presented: { device: Boolean(params.device), credential },
      deviceId: identity?.deviceId ?? null,
    });
    return { scopes, identity, credential, params };
  }

  function summarize(hello: Record<string, unknown>): HelloSummary {
    const auth = (hello.auth && typeof hello.auth === 'object' ? hello.auth : null) as Record<string, unknown> | null;
    const server = (hello.server ?? {}) as Record<string, unknown>;
    const snapshot = (hello.snapshot ?? {}) as Record<string, unknown>;
    const policy = (hello.policy ?? {}) as Record<string, unknown>;
    const scopes = Array.isArray(auth?.scopes) ? auth.scopes.filter((s): s is string => typeof s === 'string') : [];
    return {
      protocol: typeof hello.protocol === 'number' ? hello.protocol : 0,
      serverVersion: typeof server.version === 'string' ? server.version : 'unknown',
      connId: typeof server.connId === 'string' ? server.connId : undefined,
      authMethod: typeof auth?.method === 'string' ? auth.method : null,
      role: typeof auth?.role === 'string' ? auth.role : null,
      scopes,
      scopesStated: Array.isArray(auth?.scopes),
      deviceTokenIssued: typeof auth?.deviceToken === 'string',
      issuedAtMs: typeof auth?.issuedAtMs === 'number' ? auth.issuedAtMs : undefined,
      appliedConfigHash: typeof snapshot.appliedConfigHash === 'string' ? snapshot.appliedConfigHash : undefined,
      uptimeMs: typeof snapshot.uptimeMs === 'number' ? snapshot.uptimeMs : undefined,
      tickIntervalMs: typeof policy.tickIntervalMs === 'number' ? policy.tickIntervalMs : undefined,
    };
  }

  async function acceptHello(hello: Record<string, unknown>, plan: Plan) {
    try {
      await storeHello(hello, plan);
    } catch (error) {
      // inspectFrame only lets objects with a protocol through; anything else here is our bug, not a hang.
      problem(`hello could not be used: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function storeHello(hello: Record<string, unknown>, plan: Plan) {
    const summary = summarize(hello);
    const resync = helloCount++ > 0;
    // Store the device token before announcing ready, so a new tab opened right after finds it.
    const auth = hello.auth as Record<string, unknown> | undefined;
    if (plan.identity && typeof auth?.deviceToken === 'string') {
      await vault.storeToken(url, plan.identity.deviceId, ROLE, {
        token: auth.deviceToken,
        scopes: summary.scopes,
        issuedAtMs: summary.issuedAtMs,
      });
    }
    lastFailure = null;
    set({ blockedUntilMs: null });
    mark('hello-ok', `protocol ${summary.protocol}, ${summary.scopes.length} scopes`);
    set((s) => ({
      status: 'ready',
      hello: summary,
      error: null,
      nextRetryAtMs: null,
      pairingWait: null,
      resyncs: resync ? s.resyncs + 1 : s.resyncs,
    }));
    helloListeners.forEach((l) => l({ resync }));
  }

  /** Whether to try again by itself, and when. Null: the user has to act. */
  function retryDelay(f: GatewayFailure): number | null {
    if (isStarting(f)) return f.retryAfterMs ?? 1000;
    if (
      f.detailCode === 'PAIRING_REQUIRED' &&
      !pairingPaused &&
      f.recommendedNextStep !== 'review_auth_configuration'
    ) {
      return PAIRING_POLL_MS;
    }
    return null;
  }

  /** Track the pending request: same id while it waits; a new id means the old one expired or was superseded. */
  function notePairingRequest(f: GatewayFailure) {
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
          paused: pairingPaused,
        },
      };
    });
  }

  const client = new GatewayProtocolClient<Plan>({
    createSocket: (handlers) => {
      const ws = opts.createWebSocket ? opts.createWebSocket(url) : new WebSocket(url);
      liveSocket = ws;
      ws.onopen = () => handlers.open();
      ws.onmessage = (e) => {
        // A replaced socket: the wire client ignores its frames, and so do we.
        if (ws !== liveSocket) return;
        if (typeof e.data !== 'string') return problem(`binary frame ignored (${binarySize(e.data)})`);
        const verdict = inspectFrame(e.data, requests, { protocolRange: PROTOCOL_RANGE });
        verdict.problems.forEach(problem);
        if (verdict.frame !== null) handlers.message(verdict.frame);
      };
      ws.onclose = (e) => handlers.close(e.code, e.reason);
      ws.onerror = () => handlers.error(new Error(`WebSocket error on ${url}`));
      return {
        isOpen: () => ws.readyState === 1,
        send: (d) => {
          noteOutgoing(requests, d);
          ws.send(d);
        },
        close: (c, r) => closeSocket(ws, c, r),
      };
    },
    createRequestId: () => crypto.randomUUID(),
    buildConnectPlan: ({ nonce, challengeTs }) => buildPlan(nonce, challengeTs),
    buildConnectParams: (plan) => plan.params,
    handshake: { mode: 'require-challenge', timeoutMs: 10_000 },
    reconnect: { initialMs: 800, multiplier: 1.7, maxMs: 15_000 },
    requestTimeoutMs: opts.requestTimeoutMs ?? 20_000,
    onRequestTiming: (t) => requests.settle(t.id, t.method, t.ok ? undefined : t.errorCode),
    onConnectError: (error) => problem(`connect: ${error.message}`),
    onTiming: (t) => {
      if (t.phase === 'socket-open' || t.phase === 'challenge' || t.phase === 'request-sent') {
        mark(t.phase === 'request-sent' ? 'connect-sent' : t.phase);
      }
    },
    onConnectHello: (hello, { plan }) => void acceptHello(hello as unknown as Record<string, unknown>, plan),

    onConnectFailure: (error: GatewayProtocolRequestError) => {
      const failure = normalizeError(error);
      lastFailure = failure;
      mark('error', failure.detailCode ?? failure.code);
      const key = failure.detailCode ?? '';
      if (key === 'AUTH_RATE_LIMITED') {
        // Every attempt from this origin fails until the lockout ends, even with the right token: make none.
        set({ blockedUntilMs: Date.now() + (failure.retryAfterMs ?? DEFAULT_LOCKOUT_MS) });
      }
      if (key === 'AUTH_DEVICE_TOKEN_MISMATCH' && useDevice) {
        // The stored token was rotated or revoked elsewhere: drop it so the next attempt can re-pair.
        void vault.loadIdentity().then((id) => id && vault.clearToken(url, id.deviceId, ROLE));
      }
      if (key === 'PAIRING_REQUIRED') notePairingRequest(failure);
      const delay = retryDelay(failure);
      if (isStarting(failure)) set({ status: 'connecting' });
      else set({ status: key === 'PAIRING_REQUIRED' ? 'pairing-required' : 'failed', error: failure });
      set({ nextRetryAtMs: delay === null ? null : Date.now() + delay });
      return {
        closeCode: 1000,
        closeReason: 'connect failed',
        stop: delay === null,
        reconnectDelayMs: delay ?? undefined,
      };
    },
    resolveClose: (ctx: GatewayProtocolCloseContext) => {
      mark('close', `${ctx.code}${ctx.reason ? ` ${ctx.reason}` : ''}`);
      set({ lastClose: { code: ctx.code, reason: ctx.reason, atMs: Date.now() } });
      if (ctx.code === 4001 && ownRotation?.done) {
        // We rotated our own token and stored the new one: connect again with it.
        ownRotation = null;
        set({ status: 'reconnecting' });
        return { retry: true, notify: true, reconnectDelayMs: 200 };
      }
      if (ctx.code === 4001) {
        // Our device was rotated, revoked or removed from another session.
        void vault.loadIdentity().then((id) => id && vault.clearToken(url, id.deviceId, ROLE));
        set({
          status: 'failed',
          error: {
            code: 'DEVICE_REMOVED',
            detailCode: 'DEVICE_REMOVED',
            message: 'This browser was unpaired: its device token was rotated, revoked or removed.',
          },
        });
        return { retry: false, notify: true };
      }
      if (ctx.connectFailure && lastFailure) {
        // onConnectFailure already decided: "still starting" and "waiting for approval" are retried.
        const delay = retryDelay(lastFailure);
        return { retry: delay !== null, notify: true, reconnectDelayMs: delay ?? undefined };
      }
      const delay = ctx.code === 1013 ? 1000 : undefined;
      set((s) => ({
        status:
          ctx.helloReceived || s.status === 'reconnecting'
            ? 'reconnecting'
            : ctx.socketOpened
              ? 'connecting'
              : 'unreachable',
        error: ctx.socketOpened
          ? s.error
          : { code: 'UNREACHABLE', detailCode: 'UNREACHABLE', message: `Nothing answered at ${url}.` },
      }));
      return { retry: true, notify: true, reconnectDelayMs: delay };
    },
    onClose: () => {
      // RetrySupervisor does not expose its delay; the UI shows "retrying" rather than a countdown.
    },
    onEvent: (frame) => {
      log.add({
        kind: 'event',
        id: log.nextId(),
        atMs: Date.now(),
        event: String(frame.event),
        seq: frame.seq,
        bytes: approxBytes(frame.payload),
        ...(pendingGap !== null ? { gap: { expected: pendingGap } } : {}),
      });
      pendingGap = null;
      const verdict = checkEvent(frame.event, frame.payload, unknownEvents);
      if (verdict.problem) problem(verdict.problem);
      if (verdict.deliver) eventListeners.forEach((l) => l(frame));
    },
    onGap: ({ expected, received }) => {
      pendingGap = expected;
      log.add({
        kind: 'problem',
        id: log.nextId(),
        atMs: Date.now(),
        message: `event seq gap: expected ${expected}, got ${received}`,
      });
      eventListeners.forEach((l) =>
        l({ type: 'event', event: 'clawscope.gap', payload: { expected, received } } as EventFrame),
      );
    },
    onParseError: () => problem('unparseable frame ignored'),
    onCallbackError: (label, error) => problem(`${label}: ${error instanceof Error ? error.message : String(error)}`),
  });

  /** Drop the socket; frames still in flight on it are no longer judged or logged. */
  function halt() {
    liveSocket = null;
    client.stop();
  }

  function begin({ keepPairing = false } = {}) {
    const blockedUntil = store.getState().blockedUntilMs;
    if (blockedUntil !== null && Date.now() < blockedUntil) {
      // Locked out (AUTH_RATE_LIMITED): an attempt now fails even with the right token.
      mark('blocked', `locked out for ${Math.ceil((blockedUntil - Date.now()) / 1000)} s more`);
      set((s) => ({
        status: 'failed',
        error: s.error?.detailCode === 'AUTH_RATE_LIMITED' ? s.error : lockoutError(blockedUntil),
        nextRetryAtMs: null,
      }));
      return;
    }
    startedAt = Date.now();
    lastFailure = null;
    if (!keepPairing) pairingPaused = false;
    set((s) => ({
      status: 'connecting',
      error: keepPairing ? s.error : null,
      timeline: [],
      nextRetryAtMs: null,
      pairingWait: keepPairing && s.pairingWait ? { ...s.pairingWait, paused: false } : null,
    }));
    mark('start', url);
    client.start();
  }

  async function send(method: Method, params: unknown, options: CallOptions): Promise<unknown> {
    const id = log.nextId();
    const started = Date.now();
    log.add({ kind: 'request', id, atMs: started, method, scope: scopeFor(method), paramsBytes: approxBytes(params) });
    try {
      const raw = await client.request<unknown>(method, params ?? {}, {
        timeoutMs: options.timeoutMs === undefined ? undefined : options.timeoutMs,
        signal: options.signal,
      });
      const checked = checkResult(method, raw);
      checked.problems.forEach((p) => problem(`${method}: ${p}`));
      if (!checked.ok) {
        problem(`invalid result from ${method}: ${checked.message}`);
        throw new GatewayError({ code: 'INVALID_RESPONSE', detailCode: 'INVALID_RESPONSE', message: checked.message });
      }
      log.update(id, { durationMs: Date.now() - started, ok: true });
      return checked.value;
    } catch (error) {
      const failure = toFailure(error);
      if (method === 'cron.get' && isUnknownMethod(failure.message, method)) {
        log.update(id, {
          durationMs: Date.now() - started,
          ok: false,
          errorCode: failure.code,
          errorMessage: `${failure.message} (falling back to cron.list)`,
        });
        return cronGetFromList((m, p, o) => send(m, p, o ?? {}), params, options.signal);
      }
      // A mutation whose answer was lost may or may not have happened; say so, never re-send it.
      if (
        isMethod(method) &&
        METHODS[method].mutates &&
        (failure.code === 'DISCONNECTED' || failure.code === 'CLIENT_TIMEOUT')
      ) {
        failure.outcomeUnknown = failure.outcomeUnknown ?? true;
      }
      log.update(id, {
        durationMs: Date.now() - started,
        ok: false,
        errorCode: failure.detailCode ?? failure.code,
        errorMessage: failure.message,
      });
      throw new GatewayError(failure);
    }
  }

  const api = {
    url,
    log,
    /** This browser's key and tokens (read-only use outside session/). */
    vault,
    /** Connect. Presents the device identity when this browser already paired with any gateway. */
    async start() {
      useDevice = Boolean(await vault.loadIdentity());
      begin();
    },
    stop() {
      halt();
      set({ status: 'idle' });
    },
    /** Drop the socket and connect again with the current credentials (user-initiated). */
    reconnect() {
      halt();
      begin();
    },
    /** Stop asking while a pairing request waits; nothing is lost, the request stays pending upstream. */
    cancelPairingWait() {
      pairingPaused = true;
      halt();
      set((s) => ({ nextRetryAtMs: null, pairingWait: s.pairingWait ? { ...s.pairingWait, paused: true } : null }));
    },
    /** Ask again now (the "Check now" button), and keep waiting. */
    checkPairingNow() {
      pairingPaused = false;
      halt();
      begin({ keepPairing: true });
    },
    /**
     * Ask for more scopes. On a device session the in-place path (requestUpgrade, then
     * waitUpgrade, no reconnect until approved); else reconnect with the shared token and
     * the broader set (a device token alone asking more gets AUTH_SCOPE_MISMATCH).
     */
    async requestMoreAccess(scopes: readonly string[]): Promise<UpgradeOutcome> {
      const state = store.getState();
      const current = state.hello?.scopes ?? [];
      const wanted = [...new Set([...current, ...scopes])];
      if (state.status === 'ready' && state.presented.device) {
        const { requestId } = await api.call('device.scopes.requestUpgrade', { scopes: wanted });
        set({ upgradeWait: { requestId, scopes: wanted, sinceMs: Date.now() } });
        try {
          const res = await api.call(
            'device.scopes.waitUpgrade',
            { requestId },
            { timeoutMs: PAIRING_EXPIRY_MS + 30_000 },
          );
          if (res.status !== 'approved') return res.status === 'rejected' ? 'rejected' : 'expired';
          const identity = await vault.loadIdentity();
          if (identity && typeof res.deviceToken === 'string') {
            await vault.storeToken(url, identity.deviceId, ROLE, {
              token: res.deviceToken,
              scopes: res.scopes ?? wanted,
            });
          }
          requested = [...new Set([...requested, ...wanted])];
          halt();
          begin();
          return 'approved';
        } finally {
          set({ upgradeWait: null });
        }
      }
      if (!token)
        throw new GatewayError({
          code: 'NO_TOKEN',
          detailCode: 'NO_TOKEN',
          message: 'Asking for more scopes needs the gateway token: paste it and try again.',
        });
      requested = [...new Set([...requested, ...wanted])];
      useDevice = true;
      await vault.ensureIdentity();
      halt();
      begin();
      return 'reconnecting';
    },
    setToken(next: string | undefined) {
      token = next?.trim() || undefined;
    },
    hasToken: () => Boolean(token),
    /** What the last hello-ok said (null before one), for reads that depend on the grant. */
    hello: () => store.getState().hello,
    /** The shared secret, for the scope lab (which may send only this one) and the diagnostics scrubber. */
    sharedToken: () => token,
    setScopes(next: readonly string[]) {
      requested = [...next];
    },
    /** One click: make (or reuse) this browser's key and reconnect presenting it. */
    async pair() {
      await vault.ensureIdentity();
      useDevice = true;
      halt();
      begin();
    },
    async forgetDevice() {
      await vault.forget();
      useDevice = false;
      halt();
      begin();
    },
    /** One typed request: params and result follow the method table (methods.ts). */
    call<M extends Method>(method: M, params: Params<M>, options: CallOptions = {}): Promise<Result<M>> {
      return send(method, params, options) as Promise<Result<M>>;
    },
    /**
     * A request whose params are deliberately not the method's (the access probes send invalid
     * params to mutating methods: the scope gate answers before the params check).
     */
    probe(method: Method, params: unknown): Promise<unknown> {
      return send(method, params, {});
    },
    /**
     * Rotate this browser's own operator token to `scopes` and keep the new one: the gateway hands it back in band
     * (to the device itself only) and then closes this socket with 4001, after which we reconnect on the new token.
     */
    async rotateOwnToken(scopes: readonly string[]) {
      const identity = await vault.loadIdentity();
      if (!identity)
        throw new GatewayError({
          code: 'NO_DEVICE',
          detailCode: 'NO_DEVICE',
          message: 'This browser has no device key.',
        });
      const mark = { done: false };
      ownRotation = mark;
      try {
        const res = await api.call('device.token.rotate', {
          deviceId: identity.deviceId,
          role: ROLE,
          scopes: [...scopes],
        });
        if (typeof res.token === 'string') {
          const granted = Array.isArray(res.scopes) ? res.scopes.filter((x): x is string => typeof x === 'string') : [];
          await vault.storeToken(url, identity.deviceId, ROLE, {
            token: res.token,
            scopes: granted.length > 0 ? granted : [...scopes],
            issuedAtMs: typeof res.rotatedAtMs === 'number' ? res.rotatedAtMs : undefined,
          });
          mark.done = true;
        }
        return res;
      } finally {
        // Not handed back (a shared-token session): the 4001 that follows means what it always means.
        if (!mark.done && ownRotation === mark) ownRotation = null;
      }
    },
    onEvent(listener: (e: EventFrame) => void) {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
    onHello(listener: (info: { resync: boolean }) => void) {
      helloListeners.add(listener);
      return () => void helloListeners.delete(listener);
    },
  };
  return api;
}

/** The failure shown when a connect is refused locally during a lockout. */
function lockoutError(untilMs: number): GatewayFailure {
  return {
    code: 'INVALID_REQUEST',
    detailCode: 'AUTH_RATE_LIMITED',
    message: 'unauthorized: too many failed authentication attempts (retry later)',
    retryAfterMs: Math.max(0, untilMs - Date.now()),
    retryable: true,
  };
}

/**
 * The wire client closes with protocol codes such as 1008, but a browser may only send 1000 or
 * 3000-4999 (anything else throws InvalidAccessError, leaving the socket open and the error
 * uncaught), and at most 123 bytes of reason. Map 1xxx to 4xxx so the code still says why (never
 * to 4001, which is the gateway's "device removed").
 */
export function closeSocket(ws: Pick<WebSocket, 'close'>, code?: number, reason?: string) {
  const mapped = code !== undefined && code > 1000 && code < 2000 ? code + 3000 : 1000;
  const c =
    code === undefined || code === 1000 || (code >= 3000 && code <= 4999) ? code : mapped === 4001 ? 4000 : mapped;
  let r = reason;
  if (r !== undefined) {
    const bytes = new TextEncoder().encode(r);
    if (bytes.length > 123) r = new TextDecoder().decode(bytes.slice(0, 120)).replace(/\uFFFD+$/, '');
  }
  try {
    ws.close(c, r);
  } catch {
    ws.close();
  }
}

function binarySize(data: unknown): string {
  const n =
    data instanceof ArrayBuffer
      ? data.byteLength
      : typeof Blob !== 'undefined' && data instanceof Blob
        ? data.size
        : ArrayBuffer.isView(data)
          ? data.byteLength
          : 0;
  return `${n} bytes`;
}

/** "gateway starting; retry shortly": UNAVAILABLE with no detail code, retryable. */
function isStarting(f: GatewayFailure) {
  return f.code === 'UNAVAILABLE' && f.retryable !== false && !f.detailCode;
}

function approxBytes(value: unknown): number {
  if (value === undefined) return 0;
  try {
    return JSON.stringify(value).length;
  } catch {
    return 0;
  }
}
