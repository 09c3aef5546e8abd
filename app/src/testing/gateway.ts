import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { satisfies } from '../session/scopes';
import { METHODS } from '../session/methods';

/** A mock OpenClaw gateway for component tests. It enforces scopes the way the real one does. */
export const GATEWAY_URL = 'ws://gateway.test:18789';
export const gatewayLink = ws.link(GATEWAY_URL);
export const server = setupServer();

type ErrorShape = { code: string; message: string; details?: unknown; retryable?: boolean; retryAfterMs?: number };
type ConnectParams = {
  scopes?: string[];
  auth?: Record<string, string>;
  device?: { id: string };
  client?: { id: string };
};
export type Reply = (params: unknown) => unknown;

export type Scenario = {
  /**
   * Decide the handshake: the scopes granted, or an error. Default: token-only gets [], device gets what it asks.
   * A RawReply answers with whatever frames it sends (hostile-input tests).
   */
  connect?: (
    params: ConnectParams,
  ) => { scopes: string[]; auth?: Record<string, unknown> | null } | { error: ErrorShape } | RawReply;
  replies?: Record<string, Reply>;
  serverVersion?: string;
  protocol?: number;
  /** Rewrite the hello-ok payload before it is sent (it may return anything, e.g. null). */
  hello?: (hello: Record<string, unknown>) => unknown;
  /** Sent instead of the usual connect.challenge (an object is JSON-encoded, a string sent as is). */
  challenge?: RawFrame;
};

export class GatewayReplyError {
  constructor(readonly error: ErrorShape) {}
}

/** Anything a hostile gateway might put on the wire: text as is, bytes as a binary frame, other values as JSON. */
export type RawFrame = string | ArrayBuffer | object | number | boolean | null;

/**
 * A reply that sends its own frames (malformed, duplicated, late, for other ids...) instead of one
 * well-formed response. `send` may be called any number of times, now or later.
 */
export class RawReply {
  constructor(readonly respond: (id: string, send: (frame: RawFrame) => void, params: unknown) => void) {}
}

/** A well-formed success response, for building RawReply frames. */
export const okFrame = (id: unknown, payload: unknown) => ({ type: 'res', id, ok: true, payload });

const encode = (frame: RawFrame): string | ArrayBuffer =>
  typeof frame === 'string' || frame instanceof ArrayBuffer ? frame : JSON.stringify(frame);

const defaultConnect: NonNullable<Scenario['connect']> = (p) =>
  p.device
    ? { scopes: p.scopes ?? [], auth: { deviceToken: 'device-token-1', issuedAtMs: 1_700_000_000_000 } }
    : { scopes: [] };

const defaultReplies: Record<string, Reply> = {
  health: () => ({ ok: true }),
  status: () => ({ runtimeVersion: 'test' }),
  'system-presence': () => [],
  'config.get': () => ({ path: '/tmp/openclaw.json', parsed: {}, hash: 'h1', issues: [], warnings: [] }),
  'cron.list': () => ({ jobs: [], total: 0, hasMore: false }),
  'cron.status': () => ({ enabled: true, jobs: 0 }),
  'cron.runs': () => ({ entries: [], total: 0, hasMore: false }),
  'cron.add': () =>
    new GatewayReplyError({
      code: 'INVALID_REQUEST',
      message: "invalid cron.add params: at root: unexpected property '__clawscopeProbe'",
    }),
  'cron.run': () =>
    new GatewayReplyError({
      code: 'INVALID_REQUEST',
      message: 'Automation not found',
      details: { code: 'CRON_JOB_NOT_FOUND', jobId: 'x' },
    }),
  'device.pair.list': () => ({ pending: [], paired: [] }),
};

/** Install a gateway that answers every connection per the scenario. */
export function installGatewayScenario(scenario: Scenario = {}) {
  const connections: { params: ConnectParams }[] = [];
  type Peer = {
    send: (event: string, payload: unknown) => void;
    raw: (frame: RawFrame) => void;
    close: (code: number, reason: string) => void;
  };
  const live = new Set<Peer>();
  server.use(
    gatewayLink.addEventListener('connection', ({ client }) => {
      let granted: string[] | null = null;
      let seq = 0;
      let open = true;
      const raw = (frame: RawFrame) => {
        if (open) client.send(encode(frame));
      };
      const peer: Peer = {
        send: (event: string, payload: unknown) =>
          client.send(JSON.stringify({ type: 'event', event, payload, seq: ++seq })),
        raw,
        close: (code, reason) => client.close(code, reason),
      };
      live.add(peer);
      client.addEventListener('close', () => {
        open = false;
        live.delete(peer);
      });
      client.send(
        encode(
          scenario.challenge ?? {
            type: 'event',
            event: 'connect.challenge',
            payload: { nonce: 'nonce-1', ts: Date.now() },
          },
        ),
      );
      client.addEventListener('message', (event) => {
        const req = JSON.parse(String(event.data)) as { id: string; method: string; params: unknown };
        const respond = (body: { ok: true; payload: unknown } | { ok: false; error: ErrorShape }) =>
          client.send(JSON.stringify({ type: 'res', id: req.id, ...body }));
        if (req.method === 'connect') {
          const params = req.params as ConnectParams;
          connections.push({ params });
          const decision = (scenario.connect ?? defaultConnect)(params);
          if (decision instanceof RawReply) return decision.respond(req.id, raw, params);
          if ('error' in decision) {
            respond({ ok: false, error: decision.error });
            // Like the real gateway: the error frame, then the close frame in a later packet.
            setTimeout(() => client.close(1008, decision.error.message.slice(0, 100)), 5);
            return;
          }
          granted = decision.scopes;
          const auth =
            decision.auth === null
              ? undefined
              : {
                  method: params.auth?.token ? 'token' : 'device-token',
                  role: 'operator',
                  scopes: granted,
                  ...decision.auth,
                };
          const hello = {
            type: 'hello-ok',
            protocol: scenario.protocol ?? 4,
            server: { version: scenario.serverVersion ?? '2026.9.6', connId: `conn-${connections.length}` },
            features: { methods: [], events: [] },
            snapshot: { presence: [], stateVersion: { presence: 1, health: 1 }, uptimeMs: 1000 },
            ...(auth ? { auth } : {}),
            policy: { tickIntervalMs: 30000 },
          };
          respond({ ok: true, payload: scenario.hello ? scenario.hello(hello) : hello });
          return;
        }
        const need = (METHODS as Record<string, { scope: string | null }>)[req.method]?.scope ?? null;
        if (need && !satisfies(granted ?? [], need)) {
          return respond({
            ok: false,
            error: {
              code: 'FORBIDDEN',
              message: `missing scope: ${need}`,
              details: { code: 'MISSING_SCOPE', missingScope: need, requiredScopes: [need] },
            },
          });
        }
        const reply = scenario.replies?.[req.method] ?? defaultReplies[req.method];
        if (!reply)
          return respond({ ok: false, error: { code: 'INVALID_REQUEST', message: `unknown method: ${req.method}` } });
        const result = reply(req.params);
        if (result instanceof RawReply) result.respond(req.id, raw, req.params);
        else if (result instanceof GatewayReplyError) respond({ ok: false, error: result.error });
        else respond({ ok: true, payload: result });
      });
    }),
  );
  /** Push an event to every open connection, with a per-connection seq like the real gateway. */
  const push = (event: string, payload: unknown) => live.forEach((p) => p.send(event, payload));
  /** Send any frame, as is, to every open connection. */
  const sendRaw = (frame: RawFrame) => live.forEach((p) => p.raw(frame));
  /** Close every open connection from the gateway side. */
  const closeAll = (code: number, reason: string) => live.forEach((p) => p.close(code, reason));
  return { connections, push, sendRaw, closeAll };
}
