/**
 * Every frame from the gateway is untrusted. The wire client (GatewayProtocolClient) parses frames
 * itself and silently ignores the ones it cannot use: non-objects, unknown types, responses to ids it
 * does not know, duplicates, malformed error shapes (the request then hangs until its timeout). This
 * module looks at each text frame first, so every such problem is named in the activity log, and it
 * hands the client only frames that are safe to act on:
 * - `__proto__` keys (and `constructor` / `prototype` keys holding objects) are removed, so no later
 *   `Object.assign` or spread can swap an object's prototype;
 * - nesting deeper than MAX_DEPTH is refused (recursive renderers would overflow the stack);
 * - a malformed response to a request we sent becomes an error response, so the call fails at once;
 * - a hello that is not an object, or picks a protocol outside our range, becomes a connect error.
 * Problem texts never quote frame content: frames can carry tokens.
 */

export const MAX_DEPTH = 100;
/** Frames this large are still used, but noted: the gateway's own cap is 25 MiB. */
export const LARGE_FRAME_CHARS = 1 << 20;

/** Every event name the 2026.9.x gateway advertises (PROTOCOL.md §2.1), plus 2026.3.x's. */
export const KNOWN_EVENTS: ReadonlySet<string> = new Set([
  'connect.challenge',
  'agent',
  'chat',
  'chat.metadata.changed',
  'models.snapshot',
  'ui.command',
  'session.approval',
  'session.message',
  'session.observer',
  'session.operation',
  'session.sharing',
  'session.sharing.evidence',
  'session.suggestion',
  'session.typing',
  'session.tool',
  'sessions.changed',
  'controlUi.sessionPullRequests.changed',
  'plugins.controlUi.changed',
  'presence',
  'tick',
  'talk.mode',
  'talk.event',
  'talk.voice.change',
  'shutdown',
  'gateway.suspension',
  'health',
  'heartbeat',
  'cron',
  'task',
  'task.suggestion',
  'node.pair.requested',
  'node.pair.resolved',
  'node.presence',
  'node.hostStats',
  'node.runnerInventory.changed',
  'node.invoke.cancel',
  'node.invoke.input',
  'node.invoke.request',
  'device.pair.changed',
  'device.pair.requested',
  'device.pair.resolved',
  'device.pair.setup.completed',
  'device.pair.setup.deliveryUncertain',
  'users.prefs.changed',
  'skills.changed',
  'plugins.changed',
  'plugins.install.progress',
  'voicewake.changed',
  'voicewake.routing.changed',
  'exec.approval.requested',
  'exec.approval.resolved',
  'question.requested',
  'question.resolved',
  'plugin.approval.requested',
  'plugin.approval.resolved',
  'openclaw.approval.requested',
  'openclaw.approval.resolved',
  'terminal.data',
  'terminal.exit',
  'update.available',
  'update.run.changed',
  'portal.changed',
  'progressCard.changed',
  'mentions.changed',
  'config.changed',
]);

/** Events whose payload the dashboard reads: they must carry an object (and `presence` a list). */
const READ_EVENTS = new Set([
  'presence',
  'cron',
  'task',
  'config.changed',
  'device.pair.requested',
  'device.pair.resolved',
  'device.pair.changed',
  'tick',
  'health',
  'shutdown',
]);

type Rec = Record<string, unknown>;
export const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** "an array", "null", "a number": for problem texts. */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v === undefined) return 'nothing';
  const t = typeof v;
  return t === 'object' ? 'an object' : `a ${t}`;
}

/** A frame type or event name, quoted only when it looks like one (never an arbitrary value). */
function name(v: string): string {
  return /^[A-Za-z][\w.-]{0,63}$/.test(v) ? `"${v}"` : `(${v.length} chars)`;
}

function size(chars: number) {
  return chars >= 1 << 20 ? `${(chars / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(chars / 1024)} KiB`;
}

/** What became of the requests we sent: open, or settled and how. Fed by the wire client's request timing. */
export function createRequestTracker(keep = 500) {
  const open = new Map<string, string>();
  const settled = new Map<string, { method: string; how: string }>();
  return {
    sent(id: string, method: string) {
      open.set(id, method);
    },
    settle(id: string, method: string, errorCode?: string) {
      open.delete(id);
      const how =
        errorCode === 'CLIENT_TIMEOUT'
          ? 'it timed out'
          : errorCode === 'CLIENT_ABORTED'
            ? 'it was cancelled'
            : errorCode === 'CLIENT_CLOSED'
              ? 'the connection dropped'
              : errorCode === 'CLIENT_SEND_ERROR'
                ? 'it could not be sent'
                : 'it was answered';
      settled.set(id, { method, how });
      if (settled.size > keep) settled.delete(settled.keys().next().value!);
    },
    lookup(
      id: string,
    ): { state: 'open'; method: string } | { state: 'settled'; method: string; how: string } | { state: 'unknown' } {
      const method = open.get(id);
      if (method !== undefined) return { state: 'open', method };
      const done = settled.get(id);
      return done ? { state: 'settled', ...done } : { state: 'unknown' };
    },
  };
}

export type RequestTracker = ReturnType<typeof createRequestTracker>;

/** Note the id and method of a frame we are about to send (only our own JSON request frames). */
export function noteOutgoing(tracker: RequestTracker, data: string) {
  try {
    const f = JSON.parse(data) as unknown;
    if (isRecord(f) && f.type === 'req' && typeof f.id === 'string' && typeof f.method === 'string')
      tracker.sent(f.id, f.method);
  } catch {
    // Not ours to judge: we only send what the wire client built.
  }
}

type Clean = { problems: string[]; tooDeep: boolean; changed: boolean };

const POLLUTING = (key: string, value: unknown) =>
  key === '__proto__' ||
  ((key === 'constructor' || key === 'prototype') && typeof value === 'object' && value !== null);

/** Copy-on-write walk: drops polluting keys, stops at MAX_DEPTH. Recursion never goes deeper than MAX_DEPTH. */
function clean(value: unknown, depth: number, path: string, out: Clean): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) {
    out.tooDeep = true;
    return null;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length && !out.tooDeep; i++) {
      const c = clean(value[i], depth + 1, `${path}[${i}]`, out);
      if (c !== value[i]) (copy ??= value.slice())[i] = c;
    }
    return copy ?? value;
  }
  const rec = value as Rec;
  let copy: Rec | null = null;
  for (const key of Object.keys(rec)) {
    if (out.tooDeep) break;
    const v = rec[key];
    if (POLLUTING(key, v)) {
      out.problems.push(`dropped a "${key}" key at ${path || 'the top'} (prototype pollution attempt)`);
      copy ??= copyWithout(rec);
      delete copy[key];
      continue;
    }
    const c = clean(v, depth + 1, path ? `${path}.${key}` : key, out);
    if (c !== v) (copy ??= copyWithout(rec))[key] = c;
  }
  if (copy) out.changed = true;
  return copy ?? value;
}

/** A plain copy holding only safe own keys (assignment, never spread: `__proto__` must not be set). */
function copyWithout(rec: Rec): Rec {
  const copy: Rec = {};
  for (const key of Object.keys(rec)) {
    if (!POLLUTING(key, rec[key])) copy[key] = rec[key];
  }
  return copy;
}

export type HelloCheck = { protocolRange: { min: number; max: number } };

/** A hello we cannot use, as a reason; null when usable. */
export function helloProblem(
  payload: unknown,
  { protocolRange }: HelloCheck,
): { code: string; message: string } | null {
  if (!isRecord(payload))
    return {
      code: 'INVALID_HELLO',
      message: `The gateway answered connect with ${describeType(payload)} instead of a hello.`,
    };
  const version =
    isRecord(payload.server) && typeof payload.server.version === 'string'
      ? payload.server.version.slice(0, 80)
      : 'unknown';
  const p = payload.protocol;
  if (typeof p !== 'number' || !Number.isInteger(p)) {
    return {
      code: 'INVALID_HELLO',
      message: `The gateway (version ${version}) sent a hello without a protocol number.`,
    };
  }
  if (p < protocolRange.min || p > protocolRange.max) {
    return {
      code: 'PROTOCOL_MISMATCH',
      message: `protocol mismatch: gateway version ${version} chose protocol ${p}; clawscope supports protocols ${protocolRange.min}–${protocolRange.max} (OpenClaw 2026.3.x–2026.9.x).`,
    };
  }
  return null;
}

export type Verdict = {
  /** What to hand the wire client: the raw text, a rewritten frame, or null to drop it. */
  frame: string | null;
  problems: string[];
};

const errorFrame = (id: string, code: string, message: string, detailCode = code) =>
  JSON.stringify({ type: 'res', id, ok: false, error: { code, message, details: { code: detailCode } } });

/** Judge one text frame. Pure apart from reading the tracker. */
export function inspectFrame(raw: string, tracker: RequestTracker, hello: HelloCheck): Verdict {
  const problems: string[] = [];
  if (raw.length >= LARGE_FRAME_CHARS) problems.push(`large frame: ${size(raw.length)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`unparseable frame ignored (${raw.length} chars, not JSON)`);
    return { frame: null, problems };
  }
  if (!isRecord(parsed)) {
    problems.push(`frame ignored: ${describeType(parsed)}, not an object`);
    return { frame: null, problems };
  }
  const out: Clean = { problems, tooDeep: false, changed: false };
  const frame = clean(parsed, 0, '', out) as Rec;

  if (frame.type === 'event') {
    if (!isNonEmptyString(frame.event)) {
      problems.push(`event frame ignored: its name is ${describeType(frame.event)}`);
      return { frame: null, problems };
    }
    if (frame.seq !== undefined && !isCount(frame.seq)) {
      problems.push(`event ${name(frame.event)} ignored: invalid seq (${describeType(frame.seq)})`);
      return { frame: null, problems };
    }
    if (out.tooDeep) {
      problems.push(`event ${name(frame.event)} ignored: nested deeper than ${MAX_DEPTH} levels`);
      return { frame: null, problems };
    }
    return { frame: out.changed ? JSON.stringify(frame) : raw, problems };
  }

  if (frame.type === 'res') {
    if (!isNonEmptyString(frame.id)) {
      problems.push(`response ignored: it has no request id`);
      return { frame: null, problems };
    }
    const req = tracker.lookup(frame.id);
    if (req.state === 'unknown') {
      problems.push(`response to unknown request id ignored`);
      return { frame: null, problems };
    }
    if (req.state === 'settled') {
      problems.push(
        req.how === 'it was answered'
          ? `duplicate response to ${req.method} ignored`
          : `late response to ${req.method} ignored: ${req.how} before the answer came`,
      );
      return { frame: null, problems };
    }
    const { method } = req;
    if (out.tooDeep) {
      problems.push(`response to ${method} refused: nested deeper than ${MAX_DEPTH} levels`);
      return {
        frame: errorFrame(
          frame.id,
          'INVALID_RESPONSE',
          `The gateway's answer to ${method} was nested too deeply to use.`,
        ),
        problems,
      };
    }
    if (typeof frame.ok !== 'boolean') {
      problems.push(`malformed response to ${method}: "ok" is ${describeType(frame.ok)}`);
      return {
        frame: errorFrame(frame.id, 'INVALID_RESPONSE', `The gateway's answer to ${method} was malformed.`),
        problems,
      };
    }
    if (!frame.ok) {
      const e = frame.error;
      const fine =
        isRecord(e) &&
        isNonEmptyString(e.code) &&
        isNonEmptyString(e.message) &&
        (e.retryable === undefined || typeof e.retryable === 'boolean') &&
        (e.retryAfterMs === undefined || isCount(e.retryAfterMs));
      if (!fine) {
        problems.push(`malformed error in the response to ${method}`);
        const r = isRecord(e) ? e : {};
        const error: Rec = {
          code: isNonEmptyString(r.code) ? r.code : 'INVALID_RESPONSE',
          message: isNonEmptyString(r.message) ? r.message : `The gateway refused ${method} with a malformed error.`,
        };
        if (isRecord(r.details)) error.details = r.details;
        if (typeof r.retryable === 'boolean') error.retryable = r.retryable;
        if (isCount(r.retryAfterMs)) error.retryAfterMs = r.retryAfterMs;
        return { frame: JSON.stringify({ type: 'res', id: frame.id, ok: false, error }), problems };
      }
    } else if (method === 'connect') {
      const bad = helloProblem(frame.payload, hello);
      if (bad) {
        problems.push(`hello refused: ${bad.message}`);
        return { frame: errorFrame(frame.id, bad.code, bad.message), problems };
      }
    }
    return { frame: out.changed ? JSON.stringify(frame) : raw, problems };
  }

  problems.push(
    frame.type === undefined
      ? 'frame ignored: it has no type'
      : `frame ignored: unknown type ${typeof frame.type === 'string' ? name(frame.type) : `(${describeType(frame.type)})`}`,
  );
  return { frame: null, problems };
}

/** Whether an event may reach listeners, and the problem to log. `seen` keeps each unknown name logged once. */
export function checkEvent(event: string, payload: unknown, seen: Set<string>): { deliver: boolean; problem?: string } {
  if (!KNOWN_EVENTS.has(event)) {
    if (seen.has(event)) return { deliver: false };
    seen.add(event);
    return { deliver: false, problem: `unknown event ${name(event)} ignored` };
  }
  if (!READ_EVENTS.has(event)) return { deliver: true };
  if (!isRecord(payload))
    return { deliver: false, problem: `invalid payload for event "${event}": ${describeType(payload)}, not an object` };
  if (event === 'presence' && !Array.isArray(payload.presence)) {
    return {
      deliver: false,
      problem: `invalid payload for event "presence": "presence" is ${describeType(payload.presence)}, not a list`,
    };
  }
  return { deliver: true };
}
