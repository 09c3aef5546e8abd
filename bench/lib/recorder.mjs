// Per-page recording over CDP (network bytes and requests, WebSocket frames with browser timestamps) and over
// Playwright's websocket events (a cross-check of the frames, with driver-side receive times).

/** Stable JSON for "same params" comparisons (key order does not matter). */
export function stableJson(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
    .join(',')}}`;
}

function parse(s) {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/**
 * Start recording a page. Call before page.goto.
 * @param {import('playwright-core').Page} page
 */
export async function record(page) {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map(); // requestId -> { url, type, mime, status, encoded, decoded, fromCache, ts }
  const frames = []; // { dir: 'sent'|'recv', socket, ts (monotonic s), data (parsed) }
  const sockets = new Map(); // requestId -> url
  let doc = null; // { ts, wallTime } of the main document request
  const pw = { sent: [], recv: [] };

  cdp.on('Network.requestWillBeSent', (e) => {
    if (/^(data|blob):/.test(e.request.url)) return;
    if (!requests.has(e.requestId))
      requests.set(e.requestId, { url: e.request.url, type: e.type, ts: e.timestamp, encoded: 0, decoded: 0 });
    if (e.type === 'Document' && !doc) doc = { ts: e.timestamp, wallTime: e.wallTime };
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.type = e.type;
    r.mime = e.response.mimeType;
    r.status = e.response.status;
    r.fromCache = Boolean(e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache);
    r.contentEncoding =
      Object.entries(e.response.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? null;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.encoded = e.encodedDataLength;
      r.done = true;
      r.end = e.timestamp;
    }
  });
  cdp.on('Network.webSocketCreated', (e) => sockets.set(e.requestId, e.url));
  cdp.on('Network.webSocketFrameSent', (e) =>
    frames.push({ dir: 'sent', socket: e.requestId, ts: e.timestamp, data: parse(e.response.payloadData) }),
  );
  cdp.on('Network.webSocketFrameReceived', (e) =>
    frames.push({ dir: 'recv', socket: e.requestId, ts: e.timestamp, data: parse(e.response.payloadData) }),
  );
  await cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
  await cdp.send('Performance.enable');

  // Playwright's view of the same frames (driver receive time, Date.now()).
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => pw.sent.push({ at: Date.now(), data: parse(String(f.payload)) }));
    ws.on('framereceived', (f) => pw.recv.push({ at: Date.now(), data: parse(String(f.payload)) }));
  });

  /** Browser monotonic seconds -> page time (ms since the page's timeOrigin). */
  let timeOrigin = null;
  const pageTime = (ts) =>
    doc && timeOrigin !== null ? doc.wallTime * 1000 + (ts - doc.ts) * 1000 - timeOrigin : null;

  return {
    cdp,
    requests,
    frames,
    sockets,
    pw,
    get doc() {
      return doc;
    },
    setTimeOrigin(t) {
      timeOrigin = t;
    },
    pageTime,
    /** Performance.getMetrics as an object. */
    async metrics() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    },
    async collectGarbage() {
      await cdp.send('HeapProfiler.collectGarbage');
    },
    /** JS / CSS bytes (transferred = encodedDataLength, i.e. on the wire with headers; decoded = body) and request counts. */
    bytes() {
      const out = {
        js: { encoded: 0, decoded: 0, files: 0 },
        css: { encoded: 0, decoded: 0, files: 0 },
        requests: 0,
        failed: 0,
        all: { encoded: 0, decoded: 0 },
        encodings: {},
      };
      for (const r of requests.values()) {
        out.requests++;
        if (!r.done) out.failed++;
        out.all.encoded += r.encoded;
        out.all.decoded += r.decoded;
        const kind = r.type === 'Script' ? 'js' : r.type === 'Stylesheet' ? 'css' : null;
        if (!kind) continue;
        const enc = `${kind}:${r.contentEncoding ?? 'identity'}`;
        out.encodings[enc] = (out.encodings[enc] ?? 0) + 1;
        out[kind].encoded += r.encoded;
        out[kind].decoded += r.decoded;
        out[kind].files++;
      }
      return out;
    },
    /** HTTP requests with page times: [name, start, end, encoded bytes]. */
    timeline() {
      return [...requests.values()].map((r) => [
        r.url
          .replace(/^https?:\/\/[^/]+/, '')
          .replace(/[?#].*$/, '')
          .slice(-60),
        Math.round(pageTime(r.ts)),
        r.end ? Math.round(pageTime(r.end)) : null,
        r.encoded,
      ]);
    },
    /** Every gateway frame with page times, requests matched to their responses. */
    rpcLog() {
      const byId = new Map();
      const reqs = [];
      const events = [];
      let helloOks = [];
      for (const f of frames) {
        const d = f.data;
        if (!d || typeof d !== 'object') continue;
        const at = pageTime(f.ts);
        if (f.dir === 'sent' && d.type === 'req') {
          const r = {
            socket: f.socket,
            id: d.id,
            method: d.method,
            params: d.params,
            at,
            key: `${d.method} ${stableJson(d.params ?? {})}`,
          };
          byId.set(`${f.socket} ${d.id}`, r);
          reqs.push(r);
        } else if (f.dir === 'recv' && d.type === 'res') {
          const r = byId.get(`${f.socket} ${d.id}`);
          if (r) {
            r.resAt = at;
            r.ok = d.ok;
            r.payload = d.payload;
          }
          if (d.ok && d.payload?.type === 'hello-ok')
            helloOks.push({ socket: f.socket, at, scopes: d.payload.auth?.scopes ?? null });
        } else if (f.dir === 'recv' && d.type === 'event') events.push({ socket: f.socket, event: d.event, at });
      }
      helloOks = helloOks.sort((a, b) => a.at - b.at);
      return { reqs, events, helloOks };
    },
    async detach() {
      await cdp.detach().catch(() => {});
    },
  };
}

/** RPC requests (not `connect`) sent in [from, from + windowMs), with duplicates (same method + same params). */
export function rpcWindow(reqs, from, windowMs = 5000, events = []) {
  const inWin = reqs.filter((r) => r.method !== 'connect' && r.at >= from && r.at < from + windowMs);
  const dupAny = countDuplicates(inWin.map((r) => r.key));
  // A repeat is a re-read, not a duplicate, when an event about what it reads arrived on its socket since the
  // earlier identical request (e.g. `device.pair.resolved` between two `device.pair.list`): the answer may differ.
  const evWin = events.filter((e) => e.at >= from && e.at < from + windowMs);
  const lastAt = new Map();
  let rereads = 0;
  const rereadKeys = [];
  for (const r of inWin) {
    const k = `${r.socket} ${r.key}`;
    const prev = lastAt.get(k);
    if (
      prev !== undefined &&
      evWin.some((e) => e.socket === r.socket && e.at > prev && e.at < r.at && concerns(e.event, r.method))
    ) {
      rereads++;
      rereadKeys.push(
        `${r.key.slice(0, 120)} after ${evWin
          .filter((e) => e.socket === r.socket && e.at > prev && e.at < r.at && concerns(e.event, r.method))
          .map((e) => e.event)
          .join(', ')}`,
      );
    }
    lastAt.set(k, r.at);
  }
  const dupSameSocket = countDuplicates(inWin.map((r) => `${r.socket} ${r.key}`));
  const byMethod = {};
  for (const r of inWin) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
  return {
    count: inWin.length,
    duplicates: dupAny.count,
    duplicatesSameConnection: dupSameSocket.count,
    duplicateKeys: dupAny.keys,
    /** Of the same-connection repeats, those that followed an event about what they read. */
    rereadsAfterChange: rereads,
    rereadKeys,
    events: evWin.map((e) => `${e.event}@${Math.round(e.at)}`),
    sockets: new Set(inWin.map((r) => r.socket)).size,
    byMethod,
  };
}

function countDuplicates(keys) {
  const seen = new Map();
  for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  let count = 0;
  const dup = [];
  for (const [k, n] of seen) {
    if (n > 1) {
      count += n - 1;
      dup.push(`${k.slice(0, 160)} ×${n}`);
    }
  }
  return { count, keys: dup };
}

/** Whether an event can change the answer of a read of `method` (the event's family: `device.pair.resolved` → `device.*`). */
function concerns(event, method) {
  if (event === 'tick' || event === 'health' || event === 'heartbeat') return false;
  if (event === 'presence') return method === 'system-presence' || method === 'status';
  const family = event === 'task' ? 'cron' : event.split('.')[0];
  return method.startsWith(`${family}.`);
}
