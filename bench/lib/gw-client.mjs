// A minimal gateway client for the bench, run on the sandbox's Node 24 (global WebSocket, no Origin header).
// It connects as the `cli` client with the shared token and asks for every operator scope: a client that sends no
// Origin and no device identity gets the requested scopes on a token-authenticated gateway.
//
// Used by bench/lib/clients-worker.mjs (a child process; the bench runner itself may be Node 20).

export const CLI_CLIENT = { id: 'cli', mode: 'cli', platform: 'linux', version: 'clawscope-bench' };
export const ALL_SCOPES = [
  'operator.admin',
  'operator.read',
  'operator.write',
  'operator.approvals',
  'operator.pairing',
  'operator.questions',
  'operator.talk',
  'operator.talk.secrets',
];

let seq = 0;

/**
 * Open a socket, answer connect.challenge with a `connect` request, resolve with the client once hello-ok arrives.
 * @param {{ url: string, token: string, scopes?: string[], timeoutMs?: number, onEvent?: (frame: any) => void }} opts
 */
/**
 * A UI-mode client: unlike cli/backend/probe clients it is not ephemeral, so the gateway lists it in presence and
 * broadcasts a presence event when it comes and goes. (Connected without a device it is granted no scopes, which
 * does not matter for a connect/disconnect cycle; webchat clients would need an Origin header.)
 */
export const UI_CLIENT = { id: 'cli', mode: 'ui', platform: 'linux', version: 'clawscope-bench' };

export function connect({ url, token, scopes = ALL_SCOPES, client = CLI_CLIENT, timeoutMs = 20_000, onEvent }) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const pending = new Map();
    let hello = null;
    const started = performance.now();
    const timer = setTimeout(() => {
      fail(new Error(`connect to ${url} timed out after ${timeoutMs} ms`));
      try {
        ws.close();
      } catch {
        /* ignore */
      }
    }, timeoutMs);
    let settled = false;
    const fail = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const send = (frame) => ws.send(JSON.stringify(frame));
    const api = {
      ws,
      get hello() {
        return hello;
      },
      connectMs: 0,
      /** One request; resolves with the payload, rejects with the gateway's error. */
      request(method, params = {}, { timeout = 60_000 } = {}) {
        const id = `b${++seq}`;
        return new Promise((res, rej) => {
          const t = setTimeout(() => {
            pending.delete(id);
            rej(new Error(`${method} timed out`));
          }, timeout);
          pending.set(id, { res, rej, t, method });
          send({ type: 'req', id, method, params });
        });
      },
      close() {
        return new Promise((res) => {
          if (ws.readyState === WebSocket.CLOSED) return res();
          ws.addEventListener('close', () => res(), { once: true });
          try {
            ws.close(1000);
          } catch {
            res();
          }
        });
      },
    };
    ws.addEventListener('message', (e) => {
      let frame;
      try {
        frame = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (frame.type === 'event') {
        if (frame.event === 'connect.challenge') {
          send({
            type: 'req',
            id: 'connect',
            method: 'connect',
            params: {
              minProtocol: 3,
              maxProtocol: 4,
              client,
              role: 'operator',
              scopes,
              caps: [],
              auth: { token },
            },
          });
          return;
        }
        onEvent?.(frame);
        return;
      }
      if (frame.type !== 'res') return;
      if (frame.id === 'connect') {
        if (frame.ok && frame.payload?.type === 'hello-ok') {
          hello = frame.payload;
          api.connectMs = performance.now() - started;
          settled = true;
          clearTimeout(timer);
          resolve(api);
        } else fail(new Error(`connect refused: ${JSON.stringify(frame.error ?? frame.payload)}`));
        return;
      }
      const p = pending.get(frame.id);
      if (!p) return;
      pending.delete(frame.id);
      clearTimeout(p.t);
      if (frame.ok) p.res(frame.payload);
      else
        p.rej(Object.assign(new Error(`${p.method}: ${frame.error?.message ?? 'failed'}`), { gateway: frame.error }));
    });
    ws.addEventListener('error', () => fail(new Error(`WebSocket error on ${url}`)));
    ws.addEventListener('close', (e) => {
      fail(new Error(`socket closed before hello-ok (${e.code} ${e.reason})`));
      for (const p of pending.values()) {
        clearTimeout(p.t);
        p.rej(new Error(`${p.method}: socket closed (${e.code})`));
      }
      pending.clear();
    });
  });
}

/** A cron job spec for the bench: a mix of cron expressions and intervals, all systemEvent payloads, most enabled. */
export function benchJob(i, prefix = 'bench') {
  const n = String(i).padStart(5, '0');
  const schedule =
    i % 3 === 0
      ? { kind: 'every', everyMs: (5 + (i % 55)) * 60_000 }
      : { kind: 'cron', expr: `${i % 60} ${i % 24} * * ${i % 7}`, ...(i % 5 === 0 ? { tz: 'Europe/Berlin' } : {}) };
  return {
    name: `${prefix}-${n}`,
    description: `bench job ${n}`,
    enabled: i % 10 !== 9,
    schedule,
    sessionTarget: 'main',
    wakeMode: 'next-heartbeat',
    payload: { kind: 'systemEvent', text: `bench ${n}` },
  };
}

/** cron.add is a control-plane write: the gateway allows 30 per minute per (device, client IP), and for a local
 * client without a device identity the bucket is per connection. So jobs are added in chunks of 30, each on its own
 * connection, `parallel` connections at a time, each pipelining its whole chunk. */
export const WRITES_PER_CONNECTION = 30;

/**
 * Create `count` jobs (indices from..from+count-1), about `inFlight` requests pipelined at any time.
 * @returns {Promise<{ created: number, failed: number, ms: number, connections: number, firstError?: string }>}
 */
export async function addJobs({ url, token }, { from = 0, count, inFlight = 50, prefix = 'bench', spacingMs = 0 }) {
  const t0 = performance.now();
  if (spacingMs > 0) {
    // A paced burst on one connection: one cron.add every spacingMs (≤ 30, the connection's write budget).
    const client = await connect({ url, token });
    const results = [];
    for (let k = 0; k < Math.min(count, WRITES_PER_CONNECTION); k++) {
      if (k) await new Promise((r) => setTimeout(r, spacingMs));
      results.push(client.request('cron.add', benchJob(from + k, prefix)));
    }
    const settled = await Promise.allSettled(results);
    await client.close();
    const failed = settled.filter((x) => x.status === 'rejected');
    return {
      created: settled.length - failed.length,
      failed: failed.length,
      connections: 1,
      ms: Math.round(performance.now() - t0),
      ...(failed.length ? { firstError: failed[0].reason?.message } : {}),
    };
  }
  const chunks = [];
  for (let i = from; i < from + count; i += WRITES_PER_CONNECTION)
    chunks.push([i, Math.min(from + count, i + WRITES_PER_CONNECTION)]);
  const parallel = Math.max(1, Math.round(inFlight / WRITES_PER_CONNECTION));
  let created = 0;
  let failed = 0;
  let connections = 0;
  let firstError;
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const [a, b] = chunks[next++];
      let client;
      try {
        client = await connect({ url, token });
        connections++;
      } catch (err) {
        failed += b - a;
        firstError ??= err.message;
        continue;
      }
      const results = await Promise.allSettled(
        Array.from({ length: b - a }, (_, k) => client.request('cron.add', benchJob(a + k, prefix))),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') created++;
        else {
          failed++;
          firstError ??= r.reason?.message;
        }
      }
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, lane));
  return {
    created,
    failed,
    connections,
    ms: Math.round(performance.now() - t0),
    ...(firstError ? { firstError } : {}),
  };
}
