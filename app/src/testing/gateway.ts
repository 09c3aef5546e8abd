import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { satisfies } from '../session/scopes';
import { METHODS } from '../session/methods';

/** A mock OpenClaw gateway for component tests. It enforces scopes the way the real one does. */
export const GATEWAY_URL = 'ws://gateway.test:18789';
export const gatewayLink = ws.link(GATEWAY_URL);
export const server = setupServer();

type ErrorShape = { code: string; message: string; details?: unknown; retryable?: boolean; retryAfterMs?: number };
type ConnectParams = { scopes?: string[]; auth?: Record<string, string>; device?: { id: string }; client?: { id: string } };
export type Reply = (params: unknown) => unknown;

export type Scenario = {
  /** Decide the handshake: the scopes granted, or an error. Default: token-only gets [], device gets what it asks. */
  connect?: (params: ConnectParams) => { scopes: string[]; auth?: Record<string, unknown> | null } | { error: ErrorShape };
  replies?: Record<string, Reply>;
  serverVersion?: string;
  protocol?: number;
};

export class GatewayReplyError {
  constructor(readonly error: ErrorShape) {}
}

const defaultConnect: NonNullable<Scenario['connect']> = (p) =>
  p.device ? { scopes: p.scopes ?? [], auth: { deviceToken: 'device-token-1', issuedAtMs: 1_700_000_000_000 } } : { scopes: [] };

const defaultReplies: Record<string, Reply> = {
  health: () => ({ ok: true }),
  status: () => ({ runtimeVersion: 'test' }),
  'system-presence': () => [],
  'config.get': () => ({ path: '/tmp/openclaw.json', parsed: {}, hash: 'h1', issues: [], warnings: [] }),
  'cron.list': () => ({ jobs: [], total: 0, hasMore: false }),
  'cron.status': () => ({ enabled: true, jobs: 0 }),
  'cron.runs': () => ({ entries: [], total: 0, hasMore: false }),
  'cron.add': () => new GatewayReplyError({ code: 'INVALID_REQUEST', message: "invalid cron.add params: at root: unexpected property '__clawscopeProbe'" }),
  'cron.run': () => new GatewayReplyError({ code: 'INVALID_REQUEST', message: 'Automation not found', details: { code: 'CRON_JOB_NOT_FOUND', jobId: 'x' } }),
  'device.pair.list': () => ({ pending: [], paired: [] }),
};

/** Install a gateway that answers every connection per the scenario. */
export function useGatewayScenario(scenario: Scenario = {}) {
  const connections: { params: ConnectParams }[] = [];
  const live = new Set<{ send: (event: string, payload: unknown) => void }>();
  server.use(
    gatewayLink.addEventListener('connection', ({ client }) => {
      let granted: string[] | null = null;
      let seq = 0;
      const peer = { send: (event: string, payload: unknown) => client.send(JSON.stringify({ type: 'event', event, payload, seq: ++seq })) };
      live.add(peer);
      client.addEventListener('close', () => live.delete(peer));
      client.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'nonce-1', ts: Date.now() } }));
      client.addEventListener('message', (event) => {
        const req = JSON.parse(String(event.data)) as { id: string; method: string; params: unknown };
        const respond = (body: { ok: true; payload: unknown } | { ok: false; error: ErrorShape }) =>
          client.send(JSON.stringify({ type: 'res', id: req.id, ...body }));
        if (req.method === 'connect') {
          const params = req.params as ConnectParams;
          connections.push({ params });
          const decision = (scenario.connect ?? defaultConnect)(params);
          if ('error' in decision) {
            respond({ ok: false, error: decision.error });
            // Like the real gateway: the error frame, then the close frame in a later packet.
            setTimeout(() => client.close(1008, decision.error.message.slice(0, 100)), 5);
            return;
          }
          granted = decision.scopes;
          const auth = decision.auth === null ? undefined : { method: params.auth?.token ? 'token' : 'device-token', role: 'operator', scopes: granted, ...decision.auth };
          respond({
            ok: true,
            payload: {
              type: 'hello-ok',
              protocol: scenario.protocol ?? 4,
              server: { version: scenario.serverVersion ?? '2026.9.6', connId: `conn-${connections.length}` },
              features: { methods: [], events: [] },
              snapshot: { presence: [], stateVersion: { presence: 1, health: 1 }, uptimeMs: 1000 },
              ...(auth ? { auth } : {}),
              policy: { tickIntervalMs: 30000 },
            },
          });
          return;
        }
        const need = (METHODS as Record<string, { scope: string | null }>)[req.method]?.scope ?? null;
        if (need && !satisfies(granted ?? [], need)) {
          return respond({
            ok: false,
            error: { code: 'FORBIDDEN', message: `missing scope: ${need}`, details: { code: 'MISSING_SCOPE', missingScope: need, requiredScopes: [need] } },
          });
        }
        const reply = scenario.replies?.[req.method] ?? defaultReplies[req.method];
        if (!reply) return respond({ ok: false, error: { code: 'INVALID_REQUEST', message: `unknown method: ${req.method}` } });
        const result = reply(req.params);
        if (result instanceof GatewayReplyError) respond({ ok: false, error: result.error });
        else respond({ ok: true, payload: result });
      });
    }),
  );
  /** Push an event to every open connection, with a per-connection seq like the real gateway. */
  const push = (event: string, payload: unknown) => live.forEach((p) => p.send(event, payload));
  return { connections, push };
}
