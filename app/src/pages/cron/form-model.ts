import type { CronAddParams } from '@openclaw/gateway-protocol';
import {
  describeSchedule,
  everyToParts,
  instantToZonedInput,
  partsToEvery,
  zonedInputToInstant,
  type CronSchedule,
  type EveryUnit,
} from '../../lib/schedule';

/**
 * The job form as plain data: a draft of strings (what the inputs hold) read from a gateway job, and
 * the schedule it builds. Building the rest, the patch and the checks live in form-model-build.ts and
 * form-model-rules.ts. No React here, so all of it is tested in node.
 */

export type ScheduleKind = 'cron' | 'every' | 'at' | 'on-exit' | 'stream';
export type PayloadKind = 'systemEvent' | 'agentTurn' | 'command' | 'script' | 'other';
export type TargetKind = 'main' | 'isolated' | 'current' | 'session';
export type DeliveryMode = 'none' | 'announce' | 'webhook';
export type StaggerMode = 'auto' | 'exact' | 'custom';
export type AlertMode = 'inherit' | 'off' | 'custom';
/** A boolean the gateway may also leave unset: '' = not set. */
export type Tri = '' | 'true' | 'false';

type Obj = Record<string, unknown>;

export type Draft = {
  name: string;
  displayName: string;
  description: string;
  enabled: boolean;
  agentId: string;
  /** The job's own sessionKey (binds "current", routes delivery). */
  sessionKey: string;
  targetKind: TargetKind;
  /** The <key> of a session:<key> target. */
  targetSession: string;
  wakeMode: 'now' | 'next-heartbeat';
  /** '' = the gateway's default (true for once jobs). */
  deleteAfterRun: Tri;

  scheduleKind: ScheduleKind;
  expr: string;
  /** Zone for a cron expression, and the zone an `at` wall time is read in. Empty = gateway host zone (cron only). */
  tz: string;
  staggerMode: StaggerMode;
  staggerN: string;
  staggerUnit: 'ms' | 'seconds';
  everyN: string;
  everyUnit: EveryUnit;
  /** The interval's anchor as loaded (kept unless the user changes it), as a wall time in `tz`. */
  anchorLocal: string;
  anchorMs?: number;
  atMode: 'time' | 'relative';
  atLocal: string;
  /** A CLI-style offset from now: 20m, 1h30m, 2d. */
  atRelative: string;
  exitCommand: string;
  exitCwd: string;
  /** One argument per line. */
  streamArgv: string;
  streamCwd: string;
  streamMode: '' | 'line' | 'match';
  streamMatch: string;
  streamBatchMs: string;
  streamMaxBatchBytes: string;

  payloadKind: PayloadKind;
  text: string;
  message: string;
  model: string;
  /** Comma or newline separated; fallbacksSet distinguishes "none" ([]) from "not set". */
  fallbacks: string;
  fallbacksSet: boolean;
  thinking: string;
  timeoutSeconds: string;
  lightContext: Tri;
  toolsAllow: string;
  commandMode: 'shell' | 'argv';
  commandShell: string;
  commandArgv: string;
  commandCwd: string;
  /** KEY=value per line. */
  commandEnv: string;
  commandInput: string;
  noOutputTimeoutSeconds: string;
  outputMaxBytes: string;
  script: string;
  toolBudget: string;

  deliveryMode: DeliveryMode;
  channel: string;
  to: string;
  threadId: string;
  accountId: string;
  bestEffort: Tri;
  completionWebhook: string;
  failureDestOn: boolean;
  failureDestMode: '' | 'announce' | 'webhook';
  failureDestChannel: string;
  failureDestTo: string;
  failureDestAccountId: string;

  alertMode: AlertMode;
  alertAfter: string;
  alertCooldownMs: string;
  alertDeliveryMode: '' | 'announce' | 'webhook';
  alertChannel: string;
  alertTo: string;
  alertAccountId: string;
  alertIncludeSkipped: Tri;

  triggerScript: string;
  triggerOnce: Tri;
  pacingMin: string;
  pacingMax: string;

  /** What the form has no control for, kept and sent as is (and editable in the JSON view). */
  extra: { job: Obj; payload: Obj; delivery: Obj };
  /** A payload kind the form cannot edit (heartbeat…): kept whole. */
  keptPayload?: Obj;
};

/**
 * How the form covers every field of cron.add. A field added upstream fails the build here until the
 * form says where it is handled: a dedicated control, or the advanced JSON view.
 */
export const ADD_FIELD_COVERAGE: { [K in keyof CronAddParams]-?: 'control' | 'json' } = {
  name: 'control',
  displayName: 'control',
  description: 'control',
  enabled: 'control',
  agentId: 'control',
  sessionKey: 'control',
  sessionTarget: 'control',
  wakeMode: 'control',
  deleteAfterRun: 'control',
  schedule: 'control',
  payload: 'control',
  delivery: 'control',
  failureAlert: 'control',
  trigger: 'control',
  pacing: 'control',
  declarationKey: 'json',
  owner: 'json',
};

/** Top-level job keys the draft holds in dedicated fields; anything else is kept in `extra.job`. */
const JOB_KEYS = new Set<string>(
  Object.keys(ADD_FIELD_COVERAGE).filter((k) => k !== 'declarationKey' && k !== 'owner'),
);
/** Read-only parts of a job as the gateway returns it: never sent back. */
const JOB_READONLY = new Set([
  'id',
  'createdAtMs',
  'updatedAtMs',
  'configRevision',
  'state',
  'nextRunAtMs',
  'lastRunAtMs',
  'lastRunStatus',
  'lastRunError',
  'lastDelivered',
  'lastDeliveryStatus',
  'lastDeliveryError',
  'deliverySuppressionReason',
  'lastFailureNotificationDelivered',
  'lastFailureNotificationDeliveryStatus',
  'lastFailureNotificationDeliveryError',
  'scheduledToolPolicy',
  'deliveryPreview',
  'effectiveAgentId',
  'status',
]);
const PAYLOAD_KEYS: Record<string, string[]> = {
  systemEvent: ['kind', 'text', 'toolsAllow'],
  agentTurn: ['kind', 'message', 'model', 'fallbacks', 'thinking', 'timeoutSeconds', 'lightContext', 'toolsAllow'],
  command: [
    'kind',
    'argv',
    'cwd',
    'env',
    'input',
    'timeoutSeconds',
    'noOutputTimeoutSeconds',
    'outputMaxBytes',
    'toolsAllow',
  ],
  script: ['kind', 'script', 'timeoutSeconds', 'toolBudget', 'toolsAllow'],
};
const DELIVERY_KEYS = [
  'mode',
  'channel',
  'to',
  'threadId',
  'accountId',
  'bestEffort',
  'completionDestination',
  'failureDestination',
];

export function emptyDraft(tz: string): Draft {
  return {
    name: '',
    displayName: '',
    description: '',
    enabled: true,
    agentId: '',
    sessionKey: '',
    targetKind: 'main',
    targetSession: '',
    wakeMode: 'now',
    deleteAfterRun: '',
    scheduleKind: 'cron',
    expr: '',
    tz,
    staggerMode: 'auto',
    staggerN: '',
    staggerUnit: 'seconds',
    everyN: '30',
    everyUnit: 'minutes',
    anchorLocal: '',
    atMode: 'time',
    atLocal: '',
    atRelative: '',
    exitCommand: '',
    exitCwd: '',
    streamArgv: '',
    streamCwd: '',
    streamMode: '',
    streamMatch: '',
    streamBatchMs: '',
    streamMaxBatchBytes: '',
    payloadKind: 'systemEvent',
    text: '',
    message: '',
    model: '',
    fallbacks: '',
    fallbacksSet: false,
    thinking: '',
    timeoutSeconds: '',
    lightContext: '',
    toolsAllow: '',
    commandMode: 'shell',
    commandShell: '',
    commandArgv: '',
    commandCwd: '',
    commandEnv: '',
    commandInput: '',
    noOutputTimeoutSeconds: '',
    outputMaxBytes: '',
    script: '',
    toolBudget: '',
    deliveryMode: 'none',
    channel: '',
    to: '',
    threadId: '',
    accountId: '',
    bestEffort: '',
    completionWebhook: '',
    failureDestOn: false,
    failureDestMode: '',
    failureDestChannel: '',
    failureDestTo: '',
    failureDestAccountId: '',
    alertMode: 'inherit',
    alertAfter: '',
    alertCooldownMs: '',
    alertDeliveryMode: '',
    alertChannel: '',
    alertTo: '',
    alertAccountId: '',
    alertIncludeSkipped: '',
    triggerScript: '',
    triggerOnce: '',
    pacingMin: '',
    pacingMax: '',
    extra: { job: {}, payload: {}, delivery: {} },
  };
}

/** Any job-like object: the gateway's CronJob, a cron.add params object, or what the JSON view holds. */
export type JobSource = Obj;

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const numStr = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const tri = (v: unknown): Tri => (v === true ? 'true' : v === false ? 'false' : '');
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const omit = (o: Obj, keys: Iterable<string>) => {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
};

/** `sh -lc <line>` is how the CLI's --command stores a shell line. */
export function shellLineOf(argv: string[]): string | null {
  return argv.length === 3 && argv[0] === 'sh' && argv[1] === '-lc' ? argv[2]! : null;
}

export function draftFromJob(job: JobSource, browserTz: string): Draft {
  const d = emptyDraft(browserTz);
  d.name = str(job.name);
  d.displayName = str(job.displayName);
  d.description = str(job.description);
  d.enabled = job.enabled !== false;
  d.agentId = str(job.agentId);
  d.sessionKey = str(job.sessionKey);
  d.wakeMode = job.wakeMode === 'next-heartbeat' ? 'next-heartbeat' : 'now';
  d.deleteAfterRun = tri(job.deleteAfterRun);
  readSchedule(d, obj(job.schedule) ?? {}, browserTz);
  readPayload(d, obj(job.payload) ?? {});

  const t = str(job.sessionTarget) || 'main';
  if (t.startsWith('session:')) {
    d.targetKind = 'session';
    d.targetSession = t.slice('session:'.length);
  } else if (t === 'main' || t === 'isolated' || t === 'current') d.targetKind = t;

  const del = obj(job.delivery);
  if (del) {
    d.deliveryMode = del.mode === 'announce' || del.mode === 'webhook' ? del.mode : 'none';
    d.channel = str(del.channel);
    d.to = str(del.to);
    d.threadId = str(del.threadId);
    d.accountId = str(del.accountId);
    d.bestEffort = tri(del.bestEffort);
    d.completionWebhook = str(obj(del.completionDestination)?.to);
    const fd = obj(del.failureDestination);
    if (fd) {
      d.failureDestOn = true;
      d.failureDestMode = fd.mode === 'announce' || fd.mode === 'webhook' ? fd.mode : '';
      d.failureDestChannel = str(fd.channel);
      d.failureDestTo = str(fd.to);
      d.failureDestAccountId = str(fd.accountId);
    }
    d.extra.delivery = omit(del, DELIVERY_KEYS);
  }

  const alert = job.failureAlert;
  if (alert === false) d.alertMode = 'off';
  else if (obj(alert)) {
    const a = obj(alert)!;
    d.alertMode = 'custom';
    d.alertAfter = numStr(a.after);
    d.alertCooldownMs = numStr(a.cooldownMs);
    d.alertDeliveryMode = a.mode === 'announce' || a.mode === 'webhook' ? a.mode : '';
    d.alertChannel = str(a.channel);
    d.alertTo = str(a.to);
    d.alertAccountId = str(a.accountId);
    d.alertIncludeSkipped = tri(a.includeSkipped);
  }

  const trigger = obj(job.trigger);
  d.triggerScript = str(trigger?.script);
  d.triggerOnce = tri(trigger?.once);
  const pacing = obj(job.pacing);
  d.pacingMin = str(pacing?.min);
  d.pacingMax = str(pacing?.max);

  d.extra.job = Object.fromEntries(Object.entries(job).filter(([k]) => !JOB_KEYS.has(k) && !JOB_READONLY.has(k)));
  return d;
}

function readSchedule(d: Draft, s: Obj, browserTz: string) {
  if (s.kind === 'cron') {
    d.scheduleKind = 'cron';
    d.expr = str(s.expr);
    d.tz = str(s.tz);
    if (typeof s.staggerMs === 'number') {
      if (s.staggerMs === 0) d.staggerMode = 'exact';
      else {
        d.staggerMode = 'custom';
        const whole = s.staggerMs % 1000 === 0;
        d.staggerN = String(whole ? s.staggerMs / 1000 : s.staggerMs);
        d.staggerUnit = whole ? 'seconds' : 'ms';
      }
    }
  } else if (s.kind === 'every') {
    d.scheduleKind = 'every';
    const { n, unit } = everyToParts(typeof s.everyMs === 'number' ? s.everyMs : 0);
    d.everyN = String(n);
    d.everyUnit = unit;
    if (typeof s.anchorMs === 'number') {
      d.anchorMs = s.anchorMs;
      d.anchorLocal = instantToZonedInput(s.anchorMs, d.tz || 'UTC');
    }
  } else if (s.kind === 'at') {
    d.scheduleKind = 'at';
    const ms = Date.parse(str(s.at));
    d.atLocal = Number.isNaN(ms) ? '' : instantToZonedInput(ms, browserTz);
  } else if (s.kind === 'on-exit') {
    d.scheduleKind = 'on-exit';
    d.exitCommand = str(s.command);
    d.exitCwd = str(s.cwd);
  } else if (s.kind === 'stream') {
    d.scheduleKind = 'stream';
    d.streamArgv = strings(s.command).join('\n');
    d.streamCwd = str(s.cwd);
    d.streamMode = s.mode === 'line' || s.mode === 'match' ? s.mode : '';
    d.streamMatch = str(s.match);
    d.streamBatchMs = numStr(s.batchMs);
    d.streamMaxBatchBytes = numStr(s.maxBatchBytes);
  }
}

function readPayload(d: Draft, p: Obj) {
  const kind = str(p.kind);
  const known = PAYLOAD_KEYS[kind];
  if (!known) {
    d.payloadKind = 'other';
    d.keptPayload = p;
    return;
  }
  d.payloadKind = kind as PayloadKind;
  d.extra.payload = omit(p, known);
  d.toolsAllow = strings(p.toolsAllow).join(', ');
  d.timeoutSeconds = numStr(p.timeoutSeconds);
  if (kind === 'systemEvent') d.text = str(p.text);
  if (kind === 'agentTurn') {
    d.message = str(p.message);
    d.model = str(p.model);
    d.fallbacksSet = Array.isArray(p.fallbacks);
    d.fallbacks = strings(p.fallbacks).join(', ');
    d.thinking = str(p.thinking);
    d.lightContext = tri(p.lightContext);
  }
  if (kind === 'command') {
    const argv = strings(p.argv);
    const line = shellLineOf(argv);
    d.commandMode = line === null ? 'argv' : 'shell';
    d.commandShell = line ?? '';
    d.commandArgv = line === null ? argv.join('\n') : '';
    d.commandCwd = str(p.cwd);
    d.commandEnv = Object.entries(obj(p.env) ?? {})
      .map(([k, v]) => `${k}=${str(v)}`)
      .join('\n');
    d.commandInput = str(p.input);
    d.noOutputTimeoutSeconds = numStr(p.noOutputTimeoutSeconds);
    d.outputMaxBytes = numStr(p.outputMaxBytes);
  }
  if (kind === 'script') {
    d.script = str(p.script);
    d.toolBudget = numStr(p.toolBudget);
  }
}

/** Non-empty lines, trimmed. */
export const lines = (v: string) =>
  v
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
/** Non-empty items split on commas or newlines. */
export const items = (v: string) =>
  v
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
export const num = (v: string) => (v.trim() === '' ? null : Number(v));

export function staggerMsOf(d: Draft): number | undefined | null {
  if (d.staggerMode === 'auto') return undefined;
  if (d.staggerMode === 'exact') return 0;
  const n = num(d.staggerN);
  if (n === null || !Number.isFinite(n) || n < 0) return null;
  return Math.round(d.staggerUnit === 'seconds' ? n * 1000 : n);
}

const RELATIVE = /^\s*(?:(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*)+$/i;
const UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A CLI-style duration ("20m", "1h30m", "2d") in ms, or null. */
export function parseDuration(v: string): number | null {
  if (!RELATIVE.test(v)) return null;
  let total = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gi)) total += Number(m[1]) * UNIT[m[2]!.toLowerCase()]!;
  return total > 0 ? Math.round(total) : null;
}

export function atInstantOf(d: Draft, now: number): number | null {
  if (d.atMode === 'relative') {
    const ms = parseDuration(d.atRelative);
    return ms === null ? null : now + ms;
  }
  if (!d.atLocal) return null;
  return zonedInputToInstant(d.atLocal, d.tz || 'UTC');
}

/** The interval's anchor, read in the draft's zone: exactly as loaded unless its wall time was edited. */
export function anchorOf(d: Draft): number | undefined | null {
  if (!d.anchorLocal.trim()) return undefined;
  const zone = d.tz || 'UTC';
  if (d.anchorMs !== undefined && instantToZonedInput(d.anchorMs, zone) === d.anchorLocal) return d.anchorMs;
  return zonedInputToInstant(d.anchorLocal, zone);
}

/** The schedule to send; null when the draft cannot express one yet (the checks say why). */
export function buildSchedule(d: Draft, now = Date.now()): CronSchedule | null {
  switch (d.scheduleKind) {
    case 'cron': {
      const stagger = staggerMsOf(d);
      const s: CronSchedule = { kind: 'cron', expr: d.expr.trim() };
      if (d.tz.trim()) s.tz = d.tz.trim();
      if (typeof stagger === 'number') s.staggerMs = stagger;
      return s;
    }
    case 'every': {
      const ms = partsToEvery(Number(d.everyN), d.everyUnit);
      if (ms === null) return null;
      const anchor = anchorOf(d);
      if (anchor === null) return null;
      return anchor === undefined ? { kind: 'every', everyMs: ms } : { kind: 'every', everyMs: ms, anchorMs: anchor };
    }
    case 'at': {
      const ms = atInstantOf(d, now);
      return ms === null ? null : { kind: 'at', at: new Date(ms).toISOString() };
    }
    case 'on-exit': {
      const s: CronSchedule = { kind: 'on-exit', command: d.exitCommand.trim() };
      if (d.exitCwd.trim()) s.cwd = d.exitCwd.trim();
      return s;
    }
    case 'stream': {
      const s: Extract<CronSchedule, { kind: 'stream' }> & { batchMs?: number; maxBatchBytes?: number } = {
        kind: 'stream',
        command: lines(d.streamArgv),
      };
      if (d.streamCwd.trim()) s.cwd = d.streamCwd.trim();
      if (d.streamMode) s.mode = d.streamMode;
      if (d.streamMode === 'match' || d.streamMatch.trim()) s.match = d.streamMatch;
      const batch = num(d.streamBatchMs);
      if (batch !== null) s.batchMs = batch;
      const bytes = num(d.streamMaxBatchBytes);
      if (bytes !== null) s.maxBatchBytes = bytes;
      return s;
    }
  }
}

/** One line per user-visible aspect, for "their version vs yours". */
export function summarizeDraft(d: Draft): Record<string, string> {
  const schedule = buildSchedule(d);
  const payload =
    d.payloadKind === 'systemEvent'
      ? `system event: ${d.text}`
      : d.payloadKind === 'agentTurn'
        ? `agent turn: ${d.message}${d.model ? ` [model ${d.model}]` : ''}${d.timeoutSeconds ? ` [timeout ${d.timeoutSeconds} s]` : ''}`
        : d.payloadKind === 'command'
          ? `command: ${d.commandMode === 'shell' ? d.commandShell : lines(d.commandArgv).join(' ')}`
          : d.payloadKind === 'script'
            ? `script (${d.script.length} chars)`
            : str(d.keptPayload?.kind);
  return {
    Name: d.name.trim(),
    Description: d.description.trim() || '—',
    Enabled: d.enabled ? 'yes' : 'no',
    Schedule: schedule ? `${describeSchedule(schedule)}${schedule.kind === 'cron' ? ` (${schedule.expr})` : ''}` : '—',
    'Time zone': d.scheduleKind === 'cron' ? d.tz || 'gateway time zone' : '—',
    Stagger: d.scheduleKind === 'cron' ? (d.staggerMode === 'auto' ? 'default' : `${staggerMsOf(d) ?? '?'} ms`) : '—',
    'Session target': d.targetKind === 'session' ? `session:${d.targetSession}` : d.targetKind,
    'Wake mode': d.wakeMode,
    Payload: payload,
    Delivery: [
      d.deliveryMode,
      d.deliveryMode === 'announce' && d.channel ? `channel ${d.channel}` : '',
      d.deliveryMode !== 'none' && d.to ? `to ${d.to}` : '',
    ]
      .filter(Boolean)
      .join(', '),
    'Failure alert': d.alertMode,
  };
}

export type ConflictRow = {
  field: string;
  base: string;
  theirs: string;
  yours: string;
  theyChanged: boolean;
  youChanged: boolean;
};

/** Three-way: what you loaded, what the gateway has now, what you typed. Rows where anything moved. */
export function conflictRows(base: Draft, theirs: Draft, yours: Draft): ConflictRow[] {
  const b = summarizeDraft(base);
  const t = summarizeDraft(theirs);
  const y = summarizeDraft(yours);
  return Object.keys(b)
    .map((field) => ({
      field,
      base: b[field]!,
      theirs: t[field]!,
      yours: y[field]!,
      theyChanged: t[field] !== b[field],
      youChanged: y[field] !== b[field],
    }))
    .filter((r) => r.theyChanged || r.youChanged);
}
