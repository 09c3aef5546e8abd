import {
  GatewayProtocolClient,
  type EventFrame,
  type GatewayProtocolCloseContext,
  type GatewayProtocolRequestError,
} from '@openclaw/gateway-client/browser';
import { GatewayError, normalizeError, toFailure, type GatewayFailure } from './errors';
import type { DeviceIdentity, DeviceVault, StoredDeviceToken } from './device-identity';
import { createActivityLog, type ActivityLog } from './activity-log';
import { METHODS, checkResult, isMethod, scopeFor, type Method, type Params, type Result } from './methods';
import { cronGetFromList, isUnknownMethod } from './compat';
import { DEFAULT_SCOPES } from './scopes';
import { checkEvent, createRequestTracker } from './frame-guard';
import { checkEventPayload } from './result-shapes';
import { CLIENT, ROLE, chooseCredential, connectParams, deviceBlock, readHello, type Credential } from './handshake';
import {
  DEFAULT_LOCKOUT_MS,
  DEVICE_REMOVED,
  PAIRING_EXPIRY_MS,
  afterClose,
  isStarting,
  lockoutError,
  retryDelay,
  statusAfterFailure,
} from './policy';
import { guardedSocket } from './socket';
import { sessionTransitions, type SessionStore } from './session-store';

export { CLIENT, PROTOCOL_RANGE, ROLE } from './handshake';
export { DEFAULT_LOCKOUT_MS, PAIRING_EXPIRY_MS, PAIRING_POLL_MS } from './policy';
export { closeSocket } from './socket';

type Plan = {
  scopes: string[];
  identity: DeviceIdentity | null;
  credential: Credential;
  params: Record<string, unknown>;
  /** The device token record this connect was planned with (none without a device). */
  stored?: { token: string; scopes: readonly string[] } | undefined;
};

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
  /** The page's URL named no usable gateway (readTarget): the session says so and never connects. */
  targetError?: string;
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
  /** Settles once start() knows whether this browser holds a key (read from IndexedDB). */
  let deviceChoice: Promise<void> = Promise.resolve();
  /**
   * The key and this gateway's stored token, read by start() or pair() while the socket opens, for the next
   * connect only (halt() and any close drop it: a later connect reads afresh, as the key or token may change).
   */
  let firstRead: Promise<{
    identity: DeviceIdentity | undefined;
    stored: StoredDeviceToken | undefined;
  } | null> | null = null;
  let startedAt = 0;
  let helloCount = 0;
  let helloAt: number | null = null;
  let lastFailure: GatewayFailure | null = null;
  let pairingPaused = false;
  /** Set by onGap, which the wire client calls just before the event that skipped. */
  let pendingGap: number | null = null;
  const eventListeners = new Set<(e: EventFrame) => void>();
  const helloListeners = new Set<(info: { resync: boolean }) => void>();
  /** Identical reads in flight, by method and params (see read()). */
  const inflight = new Map<string, { answer: Promise<unknown>; fresh: boolean }>();
  /** A change the reads `concerns` may miss: they stay joinable by access probes only (see read()). */
  const endSharing = (concerns: (method: string) => boolean = () => true) => {
    for (const [key, entry] of inflight) if (concerns(key.slice(0, key.indexOf(' ')))) entry.fresh = false;
  };
  /** Our requests by id, so responses to unknown ids and duplicates are named in the log. */
  const requests = createRequestTracker();
  const unknownEvents = new Set<string>();
  /** Set while this browser rotates its own token: the gateway then closes our socket (4001), which is expected. */
  let ownRotation: Promise<boolean> | null = null;
  /** Settles once a rotated own token is stored; the next connect waits for it. */
  let rotationStored: Promise<boolean> | null = null;
  /** The device token this tab last used or stored: a 4001 clears the stored one only if it is still this one. */
  let knownToken: string | null = null;
  /** The socket whose frames count; frames still arriving on a replaced socket are not judged. */
  let liveSocket: WebSocket | null = null;

  const to = sessionTransitions(store);
  if (opts.targetError) to.badTarget(opts.targetError);
  const problem = (message: string) => log.add({ kind: 'problem', id: log.nextId(), atMs: Date.now(), message });
  const mark = (phase: string, detail?: string) => {
    const now = Date.now();
    // Also on the browser's own timeline (DevTools Performance panel, the bench).
    globalThis.performance?.mark?.(`clawscope:${phase}`);
    to.marked({ phase, atMs: now, sinceStartMs: now - startedAt, ...(detail ? { detail } : {}) });
  };

  async function buildPlan(nonce: string | null, challengeTs: number | null | undefined): Promise<Plan> {
    if (rotationStored) await rotationStored;
    const early = await firstRead;
    firstRead = null;
    const identity = useDevice ? ((early ? early.identity : await vault.loadIdentity()) ?? null) : null;
    const stored = identity
      ? early?.identity?.deviceId === identity.deviceId
        ? early.stored
        : await vault.loadToken(url, identity.deviceId, ROLE)
      : undefined;
    knownToken = stored?.token ?? null;
    const { credential, scopes, auth } = chooseCredential({ token, stored, requested });
    const params = connectParams({ client: CLIENT, scopes, auth });
    if (identity && nonce)
      params.device = await deviceBlock({ identity, client: CLIENT, scopes, auth, nonce, challengeTs });
    to.planned({
      requestedScopes: scopes,
      presented: { device: Boolean(params.device), credential },
      deviceId: identity?.deviceId ?? null,
    });
    return { scopes, identity, credential, params, stored };
  }

  async function acceptHello(hello: unknown, plan: Plan) {
    try {
      await storeHello(hello, plan);
    } catch (error) {
      // inspectFrame only lets objects with a protocol through; anything else here is our bug, not a hang.
      problem(`hello could not be used: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function storeHello(hello: unknown, plan: Plan) {
    const { summary, deviceToken } = readHello(hello);
    const resync = helloCount++ > 0;
    // Store the device token before announcing ready, so a new tab opened right after finds it; the same token
    // and grant as stored (every repeat visit) need no write, so ready is not held back by one.
    const unchanged =
      plan.stored !== undefined && plan.stored.token === deviceToken && sameSet(plan.stored.scopes, summary.scopes);
    if (plan.identity && deviceToken !== undefined && !unchanged) {
      knownToken = deviceToken;
      await vault.storeToken(url, plan.identity.deviceId, ROLE, {
        token: deviceToken,
        scopes: summary.scopes,
        issuedAtMs: summary.issuedAtMs,
      });
    }
    lastFailure = null;
    inflight.clear();
    helloAt = Date.now();
    mark('hello-ok', `protocol ${summary.protocol}, ${summary.scopes.length} scopes`);
    to.handshakeOk(summary, resync);
    helloListeners.forEach((l) => l({ resync }));
  }

  const delayFor = (f: GatewayFailure) => retryDelay(f, { pairingPaused });
  const dropDeviceToken = () => vault.loadIdentity().then((id) => id && vault.clearToken(url, id.deviceId, ROLE));

  /** Compare-and-clear, a moment later (a sibling tab may still be storing its new token). */
  const keepOrDropToken = async (used: string | null) => {
    await new Promise((r) => setTimeout(r, 1500));
    const id = await vault.loadIdentity();
    if (!id) return;
    const now = await vault.loadToken(url, id.deviceId, ROLE);
    if (now && used && now.token !== used) return begin();
    await vault.clearToken(url, id.deviceId, ROLE);
  };

  const client = new GatewayProtocolClient<Plan>({
    createSocket: guardedSocket({
      url,
      createWebSocket: opts.createWebSocket,
      requests,
      problem,
      onSocket: (ws) => (liveSocket = ws),
      isLive: (ws) => ws === liveSocket,
    }),
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
    onConnectHello: (hello, { plan }) => void acceptHello(hello, plan),

    onConnectFailure: (error: GatewayProtocolRequestError) => {
      const failure = normalizeError(error);
      lastFailure = failure;
      mark('error', failure.detailCode ?? failure.code);
      const key = failure.detailCode ?? '';
      // Locked out: every attempt from this origin fails until then, even with the right token: make none.
      if (key === 'AUTH_RATE_LIMITED') to.lockedOut(Date.now() + (failure.retryAfterMs ?? DEFAULT_LOCKOUT_MS));
      // The stored token was rotated or revoked elsewhere: drop it so the next attempt can re-pair.
      if (key === 'AUTH_DEVICE_TOKEN_MISMATCH' && useDevice) void dropDeviceToken();
      if (key === 'PAIRING_REQUIRED') to.pairingChecked(failure, pairingPaused);
      const delay = delayFor(failure);
      to.connectFailed(
        statusAfterFailure(failure),
        isStarting(failure) ? null : failure,
        delay === null ? null : Date.now() + delay,
      );
      return {
        closeCode: 1000,
        closeReason: 'connect failed',
        stop: delay === null,
        reconnectDelayMs: delay ?? undefined,
      };
    },
    resolveClose: (ctx: GatewayProtocolCloseContext) => {
      mark('close', `${ctx.code}${ctx.reason ? ` ${ctx.reason}` : ''}`);
      firstRead = null; // only the first connect of start() uses the early read; later ones read afresh
      if (ctx.code === 4001 && ownRotation) {
        // We rotated our own token: the next connect waits until the new one is stored, then uses it.
        rotationStored = ownRotation;
        ownRotation = null;
        to.closed({ code: ctx.code, reason: ctx.reason });
        to.ownTokenRotated();
        return { retry: true, notify: true, reconnectDelayMs: 300 };
      }
      if (ctx.connectFailure && lastFailure && ctx.code !== 4001) {
        to.closed({ code: ctx.code, reason: ctx.reason });
        // onConnectFailure already decided: "still starting" and "waiting for approval" are retried.
        const delay = delayFor(lastFailure);
        return { retry: delay !== null, notify: true, reconnectDelayMs: delay ?? undefined };
      }
      const next = afterClose({
        code: ctx.code,
        helloReceived: ctx.helloReceived,
        socketOpened: ctx.socketOpened,
        wasReconnecting: store.getState().status === 'reconnecting',
      });
      if (ctx.code === 4001) {
        // Our device was rotated, revoked or removed from another session; or another tab of this browser
        // rotated its own token and stored the new one: then keep it, and connect on it.
        void keepOrDropToken(knownToken);
        to.closed({ code: ctx.code, reason: ctx.reason });
        to.deviceRemoved(DEVICE_REMOVED);
        return { retry: false, notify: true };
      }
      const unreachable = next.unreachable
        ? { code: 'UNREACHABLE', detailCode: 'UNREACHABLE', message: `Nothing answered at ${url}.` }
        : null;
      to.dropped({ code: ctx.code, reason: ctx.reason }, next.status, unreachable);
      return { retry: next.retry, notify: true, reconnectDelayMs: next.delayMs };
    },
    onClose: () => {
      // RetrySupervisor does not expose its delay; the UI shows "retrying" rather than a countdown.
    },
    onEvent: (frame) => {
      // Something changed upstream: a read it concerns, asked from now on, must not join one sent before it.
      endSharing(staleAfter(String(frame.event)));
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
      if (!verdict.deliver) return;
      const checked = checkEventPayload(frame.event, frame.payload);
      checked.problems.forEach((p) => problem(`${frame.event} event: ${p}`));
      if (!checked.ok) return problem(checked.message);
      const delivered = checked.value === frame.payload ? frame : { ...frame, payload: checked.value };
      eventListeners.forEach((l) => l(delivered));
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
    firstRead = null;
    client.stop();
  }

  function begin({ keepPairing = false } = {}) {
    const blockedUntil = store.getState().blockedUntilMs;
    if (blockedUntil !== null && Date.now() < blockedUntil) {
      // Locked out (AUTH_RATE_LIMITED): an attempt now fails even with the right token.
      mark('blocked', `locked out for ${Math.ceil((blockedUntil - Date.now()) / 1000)} s more`);
      to.blocked(lockoutError(blockedUntil));
      return;
    }
    startedAt = Date.now();
    lastFailure = null;
    if (!keepPairing) pairingPaused = false;
    to.attemptStarted(keepPairing);
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

  /**
   * Identical reads in flight share one request (the Session page's access probe and the header badge asking
   * for the same list at once). Each caller keeps its own abort: leaving stops waiting, not the shared read.
   * Mutations are never shared, and a write, an event about what a read reads, or a new hello ends its sharing:
   * a re-read asked for after a change gets an answer from after it, never one sent before it.
   */
  function read(method: Method, params: unknown, options: CallOptions, probe = false): Promise<unknown> {
    if (!isMethod(method) || METHODS[method].mutates) {
      // A write ends sharing, when sent and when answered: reads after it never get an answer from before it.
      endSharing();
      return send(method, params, options).finally(() => endSharing());
    }
    const key = `${method} ${stableJson(params ?? {})}`;
    const current = inflight.get(key);
    // An access probe only asks whether the gateway lets this session call the method: any identical read in
    // flight answers that, even one sent before a change to what it reads.
    if (current && (current.fresh || probe)) return untilAborted(current.answer, options.signal);
    const entry = { answer: send(method, params, { ...options, signal: undefined }), fresh: true };
    void entry.answer.then(
      () => inflight.get(key) === entry && inflight.delete(key),
      () => inflight.get(key) === entry && inflight.delete(key),
    );
    inflight.set(key, entry);
    return untilAborted(entry.answer, options.signal);
  }

  const api = {
    url,
    log,
    /** This browser's key and tokens (read-only use outside session/). */
    vault,
    /** Connect. Presents the device identity when this browser already paired with any gateway. */
    async start() {
      // The socket opens first, then the key store is read (opening IndexedDB costs the main thread some ms)
      // while it connects; the connect plan, built on the challenge, waits for the read.
      begin();
      const read = vault.loadIdentity().then(async (identity) => ({
        identity,
        stored: identity ? await vault.loadToken(url, identity.deviceId, ROLE) : undefined,
      }));
      firstRead = read.catch(() => null); // unreadable: the plan reads again
      deviceChoice = read.then(
        ({ identity }) => void (useDevice ||= Boolean(identity)),
        () => undefined,
      );
      await deviceChoice;
    },
    stop() {
      halt();
      to.stopped();
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
      to.pairingPaused();
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
        to.upgradeWaiting({ requestId, scopes: wanted, sinceMs: Date.now() });
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
          to.upgradeWaiting(null);
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
    /** When the current connection's hello-ok arrived (Date.now() ms), null before one. */
    helloAtMs: () => helloAt,
    /** The shared secret, for the scope lab (which may send only this one) and the diagnostics scrubber. */
    sharedToken: () => token,
    setScopes(next: readonly string[]) {
      requested = [...next];
    },
    /** One click: make (or reuse) this browser's key and reconnect presenting it. */
    async pair() {
      await deviceChoice;
      const identity = await vault.ensureIdentity();
      useDevice = true;
      halt();
      // The key is in hand: the connect plan takes it from here, and its token is read while the socket opens.
      firstRead = vault.loadToken(url, identity.deviceId, ROLE).then(
        (stored) => ({ identity, stored }),
        () => null,
      );
      begin();
    },
    async forgetDevice() {
      await deviceChoice;
      await vault.forget();
      useDevice = false;
      halt();
      begin();
    },
    /** One typed request: params and result follow the method table (methods.ts). */
    call<M extends Method>(method: M, params: Params<M>, options: CallOptions = {}): Promise<Result<M>> {
      return read(method, params, options) as Promise<Result<M>>;
    },
    /**
     * A request whose params are deliberately not the method's (the access probes send invalid
     * params to mutating methods: the scope gate answers before the params check).
     */
    probe(method: Method, params: unknown): Promise<unknown> {
      return read(method, params, {}, true);
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
      let settle: (stored: boolean) => void = () => {};
      const mark = new Promise<boolean>((r) => (settle = r));
      ownRotation = mark;
      let stored = false;
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
          knownToken = res.token;
          stored = true;
        }
        return res;
      } finally {
        // Not handed back (a shared-token session): the 4001 that follows means what it always means.
        if (!stored && ownRotation === mark) ownRotation = null;
        settle(stored);
        if (rotationStored === mark) rotationStored = null;
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

function approxBytes(value: unknown): number {
  if (value === undefined) return 0;
  try {
    return JSON.stringify(value).length;
  } catch {
    return 0;
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` name the same read. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** `shared`, unless `signal` aborts first: then this caller alone stops waiting (as an aborted request would). */
function untilAborted<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return shared;
  const aborted = () => {
    const error = new Error('gateway request aborted');
    error.name = 'AbortError';
    return new GatewayError(toFailure(error));
  };
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Which reads an event can make stale, by method: its family's (`cron` → `cron.*`, `device.pair.resolved` →
 * `device.*`), presence the presence list, heartbeats none, anything else every read.
 */
function staleAfter(event: string): (method: string) => boolean {
  if (event === 'tick' || event === 'health' || event === 'heartbeat') return () => false;
  if (event === 'presence') return (m) => m === 'system-presence' || m === 'status';
  const family = event === 'task' ? 'cron' : event.split('.')[0]!;
  if (['cron', 'config', 'device', 'node', 'agents', 'channels'].includes(family))
    return (m) => m.startsWith(`${family}.`);
  return () => true;
}
