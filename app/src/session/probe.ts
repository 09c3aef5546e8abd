import { buildDeviceAuthPayloadV3 } from '@openclaw/gateway-client/browser';
import { sign, type DeviceVault } from './device-identity';
import { normalizeError, type GatewayFailure } from './errors';
import { CLIENT, PROTOCOL_RANGE, ROLE } from './gateway';
import { DEFAULT_SCOPES, satisfies } from './scopes';

/**
 * One short-lived, read-only look at a gateway for the fleet page: challenge, connect with the one
 * credential this browser holds for it, at most two reads (device.pair.list, cron.list), close.
 * It never retries (a refused token is reported, not tried again: failed sign-ins count toward the
 * gateway's per-origin lockout), never pairs (a shared token is sent without the device, so it can
 * not create a pairing request) and never writes. Without a credential it only waits for the
 * challenge, which proves the gateway is there.
 */
export type ProbeCredential = 'device-token' | 'token' | 'none';

/** A count, or why there is none. */
export type Count = { n: number; more?: boolean } | { why: string };

export type ProbeResult = {
  url: string;
  outcome: 'ok' | 'refused' | 'no-credential' | 'unreachable' | 'timeout';
  credential: ProbeCredential;
  serverVersion: string | null;
  protocol: number | null;
  /** What the gateway granted this socket. */
  granted: string[];
  pending: Count;
  failingCron: Count;
  error: GatewayFailure | null;
  checkedAtMs: number;
};

export type ProbeOptions = {
  url: string;
  vault: DeviceVault;
  /** This tab's shared token for that gateway (sessionStorage), if any. */
  token?: string;
  createWebSocket?: (url: string) => WebSocket;
  timeoutMs?: number;
};

export const PROBE_TIMEOUT_MS = 10_000;
const CRON_PAGE = 200;

const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function probeGateway(opts: ProbeOptions): Promise<ProbeResult> {
  const identity = (await opts.vault.loadIdentity()) ?? null;
  const stored = identity ? await opts.vault.loadToken(opts.url, identity.deviceId, ROLE) : undefined;
  const credential: ProbeCredential = stored ? 'device-token' : opts.token ? 'token' : 'none';
  const result: ProbeResult = {
    url: opts.url,
    outcome: 'unreachable',
    credential,
    serverVersion: null,
    protocol: null,
    granted: [],
    pending: { why: 'not checked' },
    failingCron: { why: 'not checked' },
    error: null,
    checkedAtMs: Date.now(),
  };

  let ws: WebSocket;
  try {
    ws = opts.createWebSocket ? opts.createWebSocket(opts.url) : new WebSocket(opts.url);
  } catch (e) {
    result.error = unreachable(e instanceof Error ? e.message : `Nothing answered at ${opts.url}.`);
    return result;
  }

  return new Promise<ProbeResult>((resolve) => {
    const waiting = new Map<string, (ok: boolean, payload: unknown) => void>();
    let connectId = '';
    let done = false;
    const finish = (outcome: ProbeResult['outcome']) => {
      if (done) return;
      done = true;
      clearTimeout(budget);
      result.outcome = outcome;
      if (ws.readyState === 0 || ws.readyState === 1) ws.close(1000, 'clawscope probe done');
      resolve(result);
    };
    const budget = setTimeout(() => {
      result.error = { code: 'CLIENT_TIMEOUT', detailCode: null, message: `No answer within ${timeoutS()} s.` };
      finish('timeout');
    }, opts.timeoutMs ?? PROBE_TIMEOUT_MS);
    const timeoutS = () => Math.round((opts.timeoutMs ?? PROBE_TIMEOUT_MS) / 1000);

    const send = (method: string, params: unknown, onAnswer: (ok: boolean, payload: unknown) => void) => {
      const id = `probe-${crypto.randomUUID()}`;
      waiting.set(id, onAnswer);
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
      return id;
    };

    ws.addEventListener('message', (e: MessageEvent) => {
      if (done || typeof e.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      if (!isRecord(frame)) return;
      if (frame.type === 'event' && frame.event === 'connect.challenge' && !connectId) {
        if (credential === 'none') return finish('no-credential');
        const p = isRecord(frame.payload) ? frame.payload : {};
        connectId = 'pending';
        void connect(typeof p.nonce === 'string' ? p.nonce : null, typeof p.ts === 'number' ? p.ts : null);
        return;
      }
      if (frame.type !== 'res' || typeof frame.id !== 'string') return;
      const answer = waiting.get(frame.id);
      if (!answer) return;
      waiting.delete(frame.id);
      answer(frame.ok === true, frame.ok === true ? frame.payload : frame.error);
    });
    ws.addEventListener('close', () => {
      if (done) return;
      if (!result.error && connectId === '') result.error = unreachable(`Nothing answered at ${opts.url}.`);
      else if (!result.error) result.error = unreachable('The gateway closed the connection before answering.');
      finish(connectId === '' ? 'unreachable' : result.serverVersion ? 'ok' : 'refused');
    });

    async function connect(nonce: string | null, challengeTs: number | null) {
      const scopes = stored ? [...stored.scopes] : [...DEFAULT_SCOPES];
      const auth = stored ? { deviceToken: stored.token } : { token: opts.token! };
      const params: Record<string, unknown> = {
        minProtocol: PROTOCOL_RANGE.min,
        maxProtocol: PROTOCOL_RANGE.max,
        client: { ...CLIENT, version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0' },
        role: ROLE,
        scopes,
        caps: [],
        auth,
      };
      // The device is presented only with its own token: with the shared token it would ask to pair.
      if (stored && identity && nonce) {
        const signedAt = challengeTs ?? Date.now();
        const payload = buildDeviceAuthPayloadV3({
          deviceId: identity.deviceId,
          clientId: CLIENT.id,
          clientMode: CLIENT.mode,
          role: ROLE,
          scopes,
          signedAtMs: signedAt,
          token: stored.token,
          nonce,
          platform: CLIENT.platform,
        });
        const signature = await sign(identity, payload);
        params.device = { id: identity.deviceId, publicKey: identity.publicKey, signature, signedAt, nonce };
      }
      if (done || ws.readyState !== 1) return;
      connectId = send('connect', params, (ok, payload) => (ok ? onHello(payload) : onRefused(payload)));
    }

    function onRefused(error: unknown) {
      result.error = normalizeError(error);
      finish('refused');
    }

    function onHello(payload: unknown) {
      const hello = isRecord(payload) ? payload : {};
      const auth = isRecord(hello.auth) ? hello.auth : null;
      const server = isRecord(hello.server) ? hello.server : {};
      result.protocol = typeof hello.protocol === 'number' ? hello.protocol : null;
      result.serverVersion = typeof server.version === 'string' ? server.version : 'unknown';
      result.granted = strings(auth?.scopes);
      const reads: Promise<void>[] = [];
      if (satisfies(result.granted, 'operator.pairing'))
        reads.push(read('device.pair.list', {}).then((r) => void (result.pending = countPending(r))));
      else result.pending = { why: 'needs operator.pairing' };
      if (satisfies(result.granted, 'operator.read'))
        reads.push(
          read('cron.list', { includeDisabled: true, limit: CRON_PAGE, offset: 0 }).then(
            (r) => void (result.failingCron = countFailing(r)),
          ),
        );
      else result.failingCron = { why: 'needs operator.read' };
      void Promise.all(reads).then(() => finish('ok'));
    }

    const read = (method: string, params: unknown) =>
      new Promise<{ ok: boolean; payload: unknown }>((res) =>
        send(method, params, (ok, payload) => res({ ok, payload })),
      );

    ws.addEventListener('error', () => {
      /* a close event follows and decides */
    });
  });
}

function unreachable(message: string): GatewayFailure {
  return { code: 'UNREACHABLE', detailCode: 'UNREACHABLE', message };
}

function refusedCount(payload: unknown): Count {
  return { why: normalizeError(payload).message };
}

export function countPending({ ok, payload }: { ok: boolean; payload: unknown }): Count {
  if (!ok) return refusedCount(payload);
  if (!isRecord(payload) || !Array.isArray(payload.pending)) return { why: 'unexpected answer' };
  return { n: payload.pending.filter(isRecord).length };
}

/** Jobs whose last run failed, from the first page (up to 200 jobs; "more" when the list goes on). */
export function countFailing({ ok, payload }: { ok: boolean; payload: unknown }): Count {
  if (!ok) return refusedCount(payload);
  if (!isRecord(payload) || !Array.isArray(payload.jobs)) return { why: 'unexpected answer' };
  const failing = payload.jobs.filter((j) => {
    const state = isRecord(j) && isRecord(j.state) ? j.state : {};
    return state.lastRunStatus === 'error' || state.lastStatus === 'error';
  });
  return { n: failing.length, ...(payload.hasMore === true ? { more: true } : {}) };
}
