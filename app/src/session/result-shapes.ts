/**
 * What each method the dashboard reads must answer, checked before the answer reaches a page.
 * Pages render these values directly, so a field of the wrong type (an object where text is
 * expected would crash React; a non-string id breaks `.slice`) is removed and logged; a list
 * item missing what identifies it is dropped and logged; an answer that is not the right kind
 * of value at all fails the call with INVALID_RESPONSE. Keys not named here pass untouched.
 */
import { describeType, isRecord } from './frame-guard';

type Outcome = { ok: true; value: unknown } | { ok: false; why: string };
export type Shape = (value: unknown, path: string, problems: string[]) => Outcome;

const pass = (value: unknown): Outcome => ({ ok: true, value });
const fail = (why: string): Outcome => ({ ok: false, why });

export const str: Shape = (v, p) => (typeof v === 'string' ? pass(v) : fail(`${p} is ${describeType(v)}, not text`));
export const num: Shape = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? pass(v) : fail(`${p} is ${describeType(v)}, not a number`);
export const bool: Shape = (v, p) =>
  typeof v === 'boolean' ? pass(v) : fail(`${p} is ${describeType(v)}, not true/false`);
export const any: Shape = (v) => pass(v);
export const obj: Shape = (v, p) => (isRecord(v) ? pass(v) : fail(`${p} is ${describeType(v)}, not an object`));
export const nullable =
  (shape: Shape): Shape =>
  (v, p, problems) =>
    v === null ? pass(null) : shape(v, p, problems);
/** The first shape that fits; `what` names the alternatives when none does. */
export const oneOf =
  (what: string, ...shapes: Shape[]): Shape =>
  (v, p, problems) => {
    const why: string[] = [];
    for (const s of shapes) {
      const scratch: string[] = [];
      const r = s(v, p, scratch);
      if (r.ok) {
        problems.push(...scratch);
        return r;
      }
      why.push(r.why);
    }
    return fail(Array.isArray(v) || isRecord(v) ? why.join('; ') : `${p} is ${describeType(v)}, not ${what}`);
  };
/** Text matching a pattern (ids that end up in commands the user may copy into a shell). */
export const pattern =
  (re: RegExp, what: string): Shape =>
  (v, p) =>
    typeof v === 'string' && re.test(v) ? pass(v) : fail(`${p} is not a valid ${what}`);

/** A list: items that fail are dropped (and logged). */
export const list =
  (item: Shape): Shape =>
  (v, p, problems) => {
    if (!Array.isArray(v)) return fail(`${p} is ${describeType(v)}, not a list`);
    let out: unknown[] | null = null;
    v.forEach((x, i) => {
      const r = item(x, `${p}[${i}]`, problems);
      if (!r.ok) {
        problems.push(`dropped ${p}[${i}]: ${r.why}`);
        out ??= v.slice(0, i);
      } else if (out || r.value !== x) {
        (out ??= v.slice(0, i)).push(r.value);
      }
    });
    return pass(out ?? v);
  };

export const strings: Shape = list(str);

/** An object whose values all follow `item`; bad entries are dropped. */
export const recordOf =
  (item: Shape): Shape =>
  (v, p, problems) => {
    if (!isRecord(v)) return fail(`${p} is ${describeType(v)}, not an object`);
    let out: Record<string, unknown> | null = null;
    for (const [k, x] of Object.entries(v)) {
      const r = item(x, `${p}.${k}`, problems);
      if (!r.ok) {
        problems.push(`dropped ${p}.${k}: ${r.why}`);
        out ??= { ...v };
        delete out[k];
      } else if (r.value !== x) (out ??= { ...v })[k] = r.value;
    }
    return pass(out ?? v);
  };

type Field = Shape | { shape: Shape; required: true };
const required = (shape: Shape): Field => ({ shape, required: true });

/**
 * An object with typed fields. A required field that is missing or wrong fails the object;
 * an optional one that is wrong is removed (and logged).
 */
export const object =
  (fields: Record<string, Field>): Shape =>
  (v, p, problems) => {
    if (!isRecord(v)) return fail(`${p} is ${describeType(v)}, not an object`);
    let out: Record<string, unknown> | null = null;
    for (const [key, field] of Object.entries(fields)) {
      const { shape, required: must } = typeof field === 'function' ? { shape: field, required: false } : field;
      const at = `${p}.${key}`;
      const cur = Object.hasOwn(v, key) ? v[key] : undefined;
      if (cur === undefined) {
        if (must) return fail(`${at} is missing`);
        continue;
      }
      const r = shape(cur, at, problems);
      if (r.ok) {
        if (r.value !== cur) (out ??= { ...v })[key] = r.value;
        continue;
      }
      if (must) return fail(r.why);
      problems.push(`${r.why}: ignored`);
      out ??= { ...v };
      delete out[key];
    }
    return pass(out ?? v);
  };

// ---------------------------------------------------------------------------------------------
// The gateway's shapes (PROTOCOL.md §4), as far as the dashboard reads them.

/** The gateway's own request-id format; anything else never reaches a copyable command. */
export const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const requestId = pattern(REQUEST_ID, 'request id');

const presenceEntry = object({
  clientId: str,
  mode: str,
  host: str,
  ip: str,
  platform: str,
  version: str,
  deviceId: str,
  deviceFamily: str,
  instanceId: str,
  reason: str,
  text: str,
  roles: strings,
  scopes: strings,
  onlineSince: num,
  ts: num,
  user: obj,
});

const schedule: Shape = (v, p, problems) => {
  const base = object({ kind: required(str) })(v, p, problems);
  if (!base.ok) return base;
  const kind = (v as { kind: string }).kind;
  const byKind: Record<string, Record<string, Field>> = {
    cron: { expr: required(str), tz: str, staggerMs: num },
    every: { everyMs: required(num), anchorMs: num },
    at: { at: required(str) },
    'on-exit': { command: required(str), cwd: str },
    stream: { command: required(strings), cwd: str, mode: str, match: str, batchMs: num, maxBatchBytes: num },
  };
  const fields = byKind[kind];
  return fields ? object(fields)(v, p, problems) : base;
};

const payload = object({
  kind: required(str),
  text: str,
  message: str,
  model: str,
  script: str,
  argv: strings,
  cwd: str,
  timeoutSeconds: num,
  toolsAllow: strings,
});

const diagnostics = object({
  summary: str,
  entries: list(object({ ts: num, source: str, severity: str, message: str, toolName: str, exitCode: nullable(num) })),
});

const jobState = object({
  nextRunAtMs: num,
  runningAtMs: num,
  lastRunAtMs: num,
  lastRunStatus: str,
  lastStatus: str,
  lastError: str,
  lastDurationMs: num,
  lastDiagnostics: diagnostics,
  lastDiagnosticSummary: str,
  consecutiveErrors: num,
  lastDeliveryStatus: str,
  scheduleActivatedAtMs: num,
  autoDisabled: object({ reason: str, atMs: num, consecutiveErrors: num }),
});

export const cronJob = object({
  id: required(pattern(/\S/, 'job id')),
  name: str,
  displayName: str,
  description: str,
  declarationKey: str,
  agentId: str,
  effectiveAgentId: nullable(str),
  sessionKey: str,
  enabled: bool,
  deleteAfterRun: bool,
  createdAtMs: num,
  updatedAtMs: num,
  configRevision: str,
  nextRunAtMs: num,
  status: str,
  schedule: required(schedule),
  sessionTarget: str,
  wakeMode: str,
  payload: required(payload),
  delivery: object({ mode: str, channel: str, to: str }),
  state: obj,
});

/** `state` is optional upstream but read everywhere: validated on its own so a bad one only loses itself. */
const job: Shape = (v, p, problems) => {
  const r = cronJob(v, p, problems);
  if (!r.ok) return r;
  const j = r.value as Record<string, unknown>;
  if (j.state === undefined) return r;
  const s = jobState(j.state, `${p}.state`, problems);
  return s.ok ? (s.value === j.state ? r : pass({ ...j, state: s.value })) : r;
};

const runEntry = object({
  ts: num,
  jobId: required(pattern(/\S/, 'job id')),
  jobName: str,
  action: str,
  status: str,
  completionStatus: str,
  error: str,
  summary: str,
  diagnostics,
  deliveryStatus: str,
  deliveryError: str,
  runId: str,
  runAtMs: num,
  durationMs: num,
  nextRunAtMs: num,
  model: str,
});

const page = { total: num, offset: num, limit: num, hasMore: bool, nextOffset: nullable(num) };

const pending = object({
  requestId: required(requestId),
  deviceId: str,
  publicKey: str,
  platform: str,
  clientId: str,
  clientMode: str,
  role: str,
  roles: strings,
  scopes: strings,
  silent: bool,
  isRepair: bool,
  ts: num,
});
const paired = object({
  deviceId: required(pattern(/\S/, 'device id')),
  publicKey: str,
  platform: str,
  clientId: str,
  clientMode: str,
  role: str,
  roles: strings,
  scopes: strings,
  approvedVia: str,
  createdAtMs: num,
  approvedAtMs: num,
  lastSeenAtMs: num,
  lastSeenReason: str,
  connected: bool,
  operatorLabel: str,
  displayName: str,
  tokens: list(
    object({
      role: required(str),
      scopes: strings,
      createdAtMs: num,
      rotatedAtMs: num,
      lastUsedAtMs: num,
      revokedAtMs: num,
    }),
  ),
});

const issueList = list(any);

const node = object({
  nodeId: required(pattern(/\S/, 'node id')),
  displayName: str,
  platform: str,
  version: str,
  deviceFamily: str,
  remoteIp: str,
  connected: bool,
  paired: bool,
  caps: strings,
  commands: strings,
  connectedAtMs: num,
  lastSeenAtMs: num,
  lastSeenReason: str,
});

/** Each method's shape, named; the method table (methods.ts) says which method uses which. */
export const SHAPES = {
  obj,
  presenceList: oneOf('a list', list(presenceEntry), object({ presence: required(list(presenceEntry)) })),
  configGet: object({
    path: str,
    includedPaths: strings,
    exists: bool,
    valid: bool,
    hash: str,
    configRevisionHash: str,
    appliedConfigHash: str,
    issues: issueList,
    warnings: issueList,
    legacyIssues: issueList,
  }),
  cronStatus: object({ enabled: bool, triggersEnabled: bool, storage: str, jobs: num, nextWakeAtMs: nullable(num) }),
  cronList: object({
    jobs: required(list(job)),
    ...page,
    snapshotRevision: str,
    deliveryPreviews: recordOf(object({ label: required(str), detail: str })),
  }),
  cronJob: job,
  cronAdd: oneOf('a job', job, object({ created: bool, job: required(job) })),
  cronRuns: object({ entries: required(list(runEntry)), ...page }),
  pairList: object({ pending: list(pending), paired: list(paired) }),
  pairApprove: object({ requestId: str, device: paired }),
  upgradeRequest: object({ requestId: required(requestId) }),
  upgradeWait: object({ status: required(str), requestId: str, deviceToken: str, scopes: strings }),
  nodeList: object({ ts: num, nodes: required(list(node)) }),
  node,
} satisfies Record<string, Shape>;

/** Event payloads checked like answers, so the cache reducers get typed data (`presence`: the full list). */
const EVENT_SHAPES: Record<string, Shape> = {
  presence: object({ presence: required(list(presenceEntry)) }),
};

/** Check an event's payload; events without a shape pass as they are. */
export function checkEventPayload(event: string, payload: unknown): Checked {
  return checkWith(EVENT_SHAPES[event], `the ${event} event`, payload);
}

export type Checked =
  { ok: true; value: unknown; problems: string[] } | { ok: false; message: string; problems: string[] };

/** Check one answer against its shape (none: it passes as it is). */
export function checkWith(shape: Shape | undefined, method: string, value: unknown): Checked {
  const problems: string[] = [];
  if (!shape) return { ok: true, value, problems };
  const r = shape(value, 'result', problems);
  return r.ok
    ? { ok: true, value: r.value, problems }
    : {
        ok: false,
        message: `The gateway's ${method.startsWith('the ') ? method : `answer to ${method}`} was not usable: ${r.why}.`,
        problems,
      };
}
