import { createIdentity, type DeviceIdentity } from './device-identity';
import { normalizeError, type GatewayFailure } from './errors';
import { PROTOCOL_RANGE, connectParams, deviceBlock, readHello } from './handshake';

/**
 * One throwaway handshake on its own short-lived socket: challenge -> connect -> hello-ok or error,
 * then close. It never probes methods, never retries, and never sends any credential but the one it
 * is given (failed sign-ins count toward the gateway's per-origin lockout, which would lock the
 * dashboard out too). A device trial signs with a fresh key made here, never this browser's own.
 */
export type TrialOptions = {
  url: string;
  clientId: string;
  mode: string;
  scopes: readonly string[];
  /** Present a throwaway device identity. */
  device: boolean;
  /** The session's shared token; omitted means the trial sends no credential at all. */
  token?: string;
  createWebSocket?: (url: string) => WebSocket;
  /** Whole handshake budget; the socket is closed when it runs out. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Injected in tests; defaults to a fresh non-extractable Ed25519 key. */
  createIdentity?: () => Promise<DeviceIdentity>;
  platform?: string;
};

export type TrialOutcome =
  /** hello-ok: see `granted` (possibly empty). */
  | 'granted'
  /** The gateway answered connect with an error frame. */
  | 'refused'
  /** No challenge or no answer within the budget. */
  | 'timeout'
  /** The socket never opened. */
  | 'unreachable'
  /** The socket closed before the gateway answered. */
  | 'closed'
  | 'aborted';

export type TrialStep = { phase: string; sinceStartMs: number; detail?: string };

export type TrialResult = {
  outcome: TrialOutcome;
  request: {
    url: string;
    clientId: string;
    mode: string;
    scopes: string[];
    device: boolean;
    sentToken: boolean;
    protocol: { min: number; max: number };
  };
  /** The throwaway key's id, when one was presented. */
  deviceId: string | null;
  /** Present on hello-ok. Never holds the device token itself. */
  hello: {
    protocol: number;
    serverVersion: string;
    authMethod: string | null;
    role: string | null;
    /** False when hello-ok had no `auth` block (2026.3.x device-less): read the grant as empty. */
    scopesStated: boolean;
    deviceTokenIssued: boolean;
  } | null;
  /** What the gateway granted this socket (empty unless `outcome` is 'granted'). */
  granted: string[];
  /** hello-ok carried a device token: the throwaway key is now a paired device. */
  paired: boolean;
  error: GatewayFailure | null;
  close: { code: number; reason: string } | null;
  timeline: TrialStep[];
  startedAtMs: number;
  durationMs: number;
};

export const TRIAL_TIMEOUT_MS = 10_000;
/** After the answer, how long to wait for the gateway's own close frame (it carries the close code). */
const CLOSE_GRACE_MS = 1_000;

type Frame = { type?: unknown; id?: unknown; ok?: unknown; event?: unknown; payload?: unknown; error?: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

export async function runTrial(opts: TrialOptions): Promise<TrialResult> {
  const startedAtMs = Date.now();
  const scopes = [...opts.scopes];
  const platform = opts.platform ?? 'web';
  const timeline: TrialStep[] = [];
  const mark = (phase: string, detail?: string) =>
    timeline.push({ phase, sinceStartMs: Date.now() - startedAtMs, ...(detail ? { detail } : {}) });

  const result: TrialResult = {
    outcome: 'closed',
    request: {
      url: opts.url,
      clientId: opts.clientId,
      mode: opts.mode,
      scopes,
      device: opts.device,
      sentToken: Boolean(opts.token),
      protocol: { min: PROTOCOL_RANGE.min, max: PROTOCOL_RANGE.max },
    },
    deviceId: null,
    hello: null,
    granted: [],
    paired: false,
    error: null,
    close: null,
    timeline,
    startedAtMs,
    durationMs: 0,
  };
  const finish = () => ({ ...result, durationMs: Date.now() - startedAtMs });

  if (opts.signal?.aborted) {
    result.outcome = 'aborted';
    return finish();
  }

  // Made before the socket opens so key generation does not eat into the gateway's handshake window.
  const identity = opts.device ? await (opts.createIdentity ?? createIdentity)() : null;
  if (identity) {
    result.deviceId = identity.deviceId;
    mark('key', `throwaway device ${identity.deviceId.slice(0, 12)}…`);
  }

  mark('start', opts.url);
  let ws: WebSocket;
  try {
    ws = opts.createWebSocket ? opts.createWebSocket(opts.url) : new WebSocket(opts.url);
  } catch (e) {
    mark('error', e instanceof Error ? e.message : String(e));
    result.error = {
      code: 'UNREACHABLE',
      detailCode: 'UNREACHABLE',
      message: e instanceof Error ? e.message : String(e),
    };
    result.outcome = 'unreachable';
    return finish();
  }

  return new Promise<TrialResult>((resolve) => {
    const connectId = `trial-${crypto.randomUUID()}`;
    let opened = false;
    let answered = false;
    let done = false;
    let graceTimer: ReturnType<typeof setTimeout> | null = null;

    const settle = () => {
      if (done) return;
      done = true;
      clearTimeout(budget);
      if (graceTimer) clearTimeout(graceTimer);
      ws.removeEventListener('open', onOpen);
      ws.removeEventListener('message', onMessage);
      ws.removeEventListener('close', onClose);
      ws.removeEventListener('error', onError);
      opts.signal?.removeEventListener('abort', onAbort);
      closeSocket();
      resolve(finish());
    };
    const closeSocket = () => {
      // CONNECTING or OPEN: closing a connecting socket aborts it.
      if (ws.readyState === 0 || ws.readyState === 1) {
        try {
          ws.close(1000, 'clawscope trial done');
        } catch {
          /* already closing */
        }
      }
    };
    /** The answer is in: close our side, and wait briefly for the gateway's close to learn its code. */
    const answer = (outcome: TrialOutcome) => {
      answered = true;
      result.outcome = outcome;
      if (outcome === 'granted') closeSocket();
      graceTimer = setTimeout(settle, CLOSE_GRACE_MS);
    };

    const onOpen = () => {
      opened = true;
      mark('socket-open');
    };
    const onMessage = (e: MessageEvent) => {
      if (answered || typeof e.data !== 'string') return;
      let frame: Frame;
      try {
        frame = JSON.parse(e.data) as Frame;
      } catch {
        return mark('ignored', 'unparseable frame');
      }
      if (!isRecord(frame)) return;
      if (frame.type === 'event' && frame.event === 'connect.challenge') {
        const p = isRecord(frame.payload) ? frame.payload : {};
        const nonce = typeof p.nonce === 'string' ? p.nonce : null;
        mark('challenge');
        void sendConnect(nonce, typeof p.ts === 'number' ? p.ts : null);
        return;
      }
      if (frame.type !== 'res' || frame.id !== connectId) return;
      if (frame.ok === true && isRecord(frame.payload)) {
        acceptHello(frame.payload);
        mark('hello-ok', `protocol ${result.hello?.protocol}, ${result.granted.length} scopes`);
        answer('granted');
      } else {
        result.error = normalizeError(frame.error);
        mark('error', result.error.detailCode ?? result.error.code);
        answer('refused');
      }
    };
    const onClose = (e: CloseEvent) => {
      result.close = { code: e.code, reason: e.reason };
      mark('close', `${e.code}${e.reason ? ` ${e.reason}` : ''}`);
      if (!answered) {
        result.outcome = opened ? 'closed' : 'unreachable';
        if (!opened)
          result.error = {
            code: 'UNREACHABLE',
            detailCode: 'UNREACHABLE',
            message: `Nothing answered at ${opts.url}.`,
          };
      }
      settle();
    };
    const onError = () => {
      // A close event always follows; it decides the outcome.
      if (!opened) mark('socket-error');
    };
    const onAbort = () => {
      if (!answered) result.outcome = 'aborted';
      mark('aborted');
      settle();
    };

    const budget = setTimeout(() => {
      if (answered) return;
      result.outcome = 'timeout';
      result.error = {
        code: 'CLIENT_TIMEOUT',
        detailCode: null,
        message: `No ${timeline.some((t) => t.phase === 'challenge') ? 'answer to connect' : 'connect.challenge'} within ${Math.round((opts.timeoutMs ?? TRIAL_TIMEOUT_MS) / 1000)} s.`,
      };
      mark('timeout');
      settle();
    }, opts.timeoutMs ?? TRIAL_TIMEOUT_MS);

    async function sendConnect(nonce: string | null, challengeTs: number | null) {
      // The same connect params and device signature as the dashboard's own session (handshake.ts).
      const client = { id: opts.clientId, mode: opts.mode, platform };
      const auth = opts.token ? { token: opts.token } : {};
      const params = connectParams({ client, scopes, auth });
      if (identity && nonce) params.device = await deviceBlock({ identity, client, scopes, auth, nonce, challengeTs });
      if (done || ws.readyState !== 1) return;
      ws.send(JSON.stringify({ type: 'req', id: connectId, method: 'connect', params }));
      mark(
        'connect-sent',
        `${opts.clientId}/${opts.mode}${identity ? ' + device' : ''}${opts.token ? ' + token' : ''}`,
      );
    }

    function acceptHello(hello: Record<string, unknown>) {
      const { summary, deviceToken } = readHello(hello);
      result.granted = summary.scopes;
      result.paired = Boolean(identity) && deviceToken !== undefined;
      result.hello = {
        protocol: summary.protocol,
        serverVersion: summary.serverVersion,
        authMethod: summary.authMethod,
        role: summary.role,
        scopesStated: summary.scopesStated,
        deviceTokenIssued: summary.deviceTokenIssued,
      };
    }

    ws.addEventListener('open', onOpen);
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', onClose);
    ws.addEventListener('error', onError);
    opts.signal?.addEventListener('abort', onAbort);
  });
}
