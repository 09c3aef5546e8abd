import {
  describeSchedule,
  everyToParts,
  instantToZonedInput,
  isValidTimeZone,
  partsToEvery,
  zonedInputToInstant,
  type CronSchedule,
  type EveryUnit,
} from '../../lib/schedule';
import type { CronAddInput, CronJob, CronPatch } from '../../queries/cron';

/**
 * The job form as plain data: a draft of strings (what the inputs hold), conversions to and
 * from gateway jobs, a minimal patch for edits, client-side checks for what is certain, and
 * mapping the gateway's error text to the field it is about. No React here, so it is tested in node.
 */

export type ScheduleKind = 'cron' | 'every' | 'at' | 'other';
export type PayloadKind = 'systemEvent' | 'agentTurn' | 'other';
export type TargetKind = 'main' | 'isolated' | 'current' | 'session';
export type DeliveryMode = 'none' | 'announce' | 'webhook';
export type StaggerMode = 'auto' | 'exact' | 'custom';

export type Draft = {
  name: string;
  description: string;
  enabled: boolean;
  scheduleKind: ScheduleKind;
  expr: string;
  /** Zone for a cron expression, and the zone an `at` wall time is read in. Empty = gateway host zone (cron only). */
  tz: string;
  staggerMode: StaggerMode;
  staggerN: string;
  staggerUnit: 'ms' | 'seconds';
  everyN: string;
  everyUnit: EveryUnit;
  atLocal: string;
  payloadKind: PayloadKind;
  text: string;
  message: string;
  model: string;
  timeoutSeconds: string;
  targetKind: TargetKind;
  sessionKey: string;
  wakeMode: 'now' | 'next-heartbeat';
  deliveryMode: DeliveryMode;
  channel: string;
  to: string;
  /** Kinds the form shows but cannot edit (on-exit/stream schedules, command/script payloads): kept as they are. */
  keptSchedule?: CronSchedule;
  keptPayload?: CronAddInput['payload'];
};

export type Field =
  'name' | 'schedule' | 'tz' | 'stagger' | 'payload' | 'sessionTarget' | 'wakeMode' | 'delivery' | 'form';
export type FieldErrors = Partial<Record<Field, string>>;

export function emptyDraft(tz: string): Draft {
  return {
    name: '',
    description: '',
    enabled: true,
    scheduleKind: 'cron',
    expr: '',
    tz,
    staggerMode: 'auto',
    staggerN: '',
    staggerUnit: 'seconds',
    everyN: '30',
    everyUnit: 'minutes',
    atLocal: '',
    payloadKind: 'systemEvent',
    text: '',
    message: '',
    model: '',
    timeoutSeconds: '',
    targetKind: 'main',
    sessionKey: '',
    wakeMode: 'now',
    deliveryMode: 'none',
    channel: '',
    to: '',
  };
}

export function draftFromJob(job: CronJob, browserTz: string): Draft {
  const d = emptyDraft(browserTz);
  d.name = job.name ?? '';
  d.description = job.description ?? '';
  d.enabled = job.enabled;
  const s = job.schedule;
  if (s.kind === 'cron') {
    d.scheduleKind = 'cron';
    d.expr = s.expr;
    d.tz = s.tz ?? '';
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
    const { n, unit } = everyToParts(s.everyMs);
    d.everyN = String(n);
    d.everyUnit = unit;
  } else if (s.kind === 'at') {
    d.scheduleKind = 'at';
    const ms = Date.parse(s.at);
    d.atLocal = Number.isNaN(ms) ? '' : instantToZonedInput(ms, browserTz);
  } else {
    d.scheduleKind = 'other';
    d.keptSchedule = s;
  }
  const p = job.payload;
  if (p.kind === 'systemEvent') {
    d.payloadKind = 'systemEvent';
    d.text = p.text ?? '';
  } else if (p.kind === 'agentTurn') {
    d.payloadKind = 'agentTurn';
    d.message = p.message ?? '';
    d.model = typeof p.model === 'string' ? p.model : '';
    d.timeoutSeconds = typeof p.timeoutSeconds === 'number' ? String(p.timeoutSeconds) : '';
  } else {
    d.payloadKind = 'other';
    d.keptPayload = p as Draft['keptPayload'];
  }
  const t = job.sessionTarget ?? 'main';
  if (t.startsWith('session:')) {
    d.targetKind = 'session';
    d.sessionKey = t.slice('session:'.length);
  } else if (t === 'main' || t === 'isolated' || t === 'current') {
    d.targetKind = t;
  }
  d.wakeMode = job.wakeMode === 'next-heartbeat' ? 'next-heartbeat' : 'now';
  const del = job.delivery;
  d.deliveryMode = del?.mode === 'announce' || del?.mode === 'webhook' ? del.mode : 'none';
  d.channel = typeof del?.channel === 'string' ? del.channel : '';
  d.to = typeof del?.to === 'string' ? del.to : '';
  return d;
}

const num = (v: string) => (v.trim() === '' ? null : Number(v));

export function staggerMsOf(d: Draft): number | undefined | null {
  if (d.staggerMode === 'auto') return undefined;
  if (d.staggerMode === 'exact') return 0;
  const n = num(d.staggerN);
  if (n === null || !Number.isFinite(n) || n < 0) return null;
  return Math.round(d.staggerUnit === 'seconds' ? n * 1000 : n);
}

export function atInstantOf(d: Draft): number | null {
  if (!d.atLocal) return null;
  return zonedInputToInstant(d.atLocal, d.tz || 'UTC');
}

/** The schedule to send; null when the draft cannot express one yet (checks say why). */
export function buildSchedule(d: Draft): CronSchedule | null {
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
      return ms === null ? null : { kind: 'every', everyMs: ms };
    }
    case 'at': {
      const ms = atInstantOf(d);
      return ms === null ? null : { kind: 'at', at: new Date(ms).toISOString() };
    }
    case 'other':
      return d.keptSchedule ?? null;
  }
}

export function buildTarget(d: Draft): string {
  return d.targetKind === 'session' ? `session:${d.sessionKey.trim()}` : d.targetKind;
}

export function buildPayload(d: Draft): CronAddInput['payload'] | null {
  if (d.payloadKind === 'systemEvent') return { kind: 'systemEvent', text: d.text };
  if (d.payloadKind === 'agentTurn') {
    const p: Extract<CronAddInput['payload'], { kind: 'agentTurn' }> = { kind: 'agentTurn', message: d.message };
    if (d.model.trim()) p.model = d.model.trim();
    const t = num(d.timeoutSeconds);
    if (t !== null) p.timeoutSeconds = t;
    return p;
  }
  return null;
}

export function buildDelivery(d: Draft): NonNullable<CronAddInput['delivery']> {
  const to = d.to.trim();
  if (d.deliveryMode === 'webhook') return { mode: 'webhook', to };
  if (d.deliveryMode === 'none') return { mode: 'none' };
  const channel = d.channel.trim();
  return { mode: 'announce', ...(channel ? { channel } : {}), ...(to ? { to } : {}) };
}

export function buildAddInput(d: Draft): CronAddInput {
  const input: CronAddInput = {
    name: d.name.trim(),
    enabled: d.enabled,
    schedule: buildSchedule(d)!,
    sessionTarget: buildTarget(d),
    wakeMode: d.wakeMode,
    payload: (buildPayload(d) ?? d.keptPayload)!,
    delivery: buildDelivery(d),
  };
  if (d.description.trim()) input.description = d.description.trim();
  return input;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what changed between the loaded draft and the edited one, so fields the form does
 * not manage (tool policy, pacing, failure alerts…) are never touched. Cleared optional
 * values are sent as null, which the patch schema reads as "remove".
 */
export function buildPatch(base: Draft, d: Draft): CronPatch {
  const patch: CronPatch = {};
  if (base.name.trim() !== d.name.trim()) patch.name = d.name.trim();
  if (base.description.trim() !== d.description.trim()) patch.description = d.description.trim();
  if (base.enabled !== d.enabled) patch.enabled = d.enabled;
  const schedule = buildSchedule(d);
  if (schedule && !same(buildSchedule(base), schedule)) patch.schedule = schedule;
  if (buildTarget(base) !== buildTarget(d)) patch.sessionTarget = buildTarget(d);
  if (base.wakeMode !== d.wakeMode) patch.wakeMode = d.wakeMode;

  if (d.payloadKind !== 'other') {
    if (base.payloadKind !== d.payloadKind) {
      patch.payload = buildPayload(d)!;
    } else if (d.payloadKind === 'systemEvent' && base.text !== d.text) {
      patch.payload = { kind: 'systemEvent', text: d.text };
    } else if (d.payloadKind === 'agentTurn') {
      const p: Extract<NonNullable<CronPatch['payload']>, { kind: 'agentTurn' }> = { kind: 'agentTurn' };
      if (base.message !== d.message) p.message = d.message;
      if (base.model.trim() !== d.model.trim()) p.model = d.model.trim() || null;
      if (base.timeoutSeconds.trim() !== d.timeoutSeconds.trim()) p.timeoutSeconds = num(d.timeoutSeconds);
      if (Object.keys(p).length > 1) patch.payload = p;
    }
  }

  if (!same(buildDelivery(base), buildDelivery(d))) {
    const del: NonNullable<CronPatch['delivery']> = { mode: d.deliveryMode };
    const channel = d.deliveryMode === 'announce' ? d.channel.trim() : '';
    const to = d.deliveryMode !== 'none' ? d.to.trim() : '';
    if (channel || base.channel.trim()) del.channel = channel || null;
    if (to || base.to.trim()) del.to = to || null;
    patch.delivery = del;
  }
  return patch;
}

/** Which payload kinds a session target accepts (the gateway's rule, for the kinds this form edits). */
export function targetRule(t: TargetKind): { needs: PayloadKind; text: string } {
  return t === 'main'
    ? {
        needs: 'systemEvent',
        text: 'The main session takes a system event (it is queued into the main session; no model call by itself).',
      }
    : {
        needs: 'agentTurn',
        text: `${t === 'isolated' ? 'Isolated' : t === 'current' ? 'Current-session' : 'Custom-session'} jobs run an agent turn (a model-backed message).`,
      };
}

/** Checks for what is certain. Everything else (expression syntax, zones, channels…) is the gateway's to judge. */
export function validateDraft(d: Draft, now: number): FieldErrors {
  const e: FieldErrors = {};
  if (!d.name.trim()) e.name = 'Give the job a name (otherwise the gateway invents one from the payload).';
  if (d.scheduleKind === 'cron') {
    if (!d.expr.trim()) e.schedule = 'Enter a cron expression, e.g. */5 * * * *.';
    if (staggerMsOf(d) === null) e.stagger = 'Enter a stagger of 0 or more.';
  } else if (d.scheduleKind === 'every') {
    if (partsToEvery(Number(d.everyN), d.everyUnit) === null) e.schedule = 'Enter an interval greater than 0.';
  } else if (d.scheduleKind === 'at') {
    if (!d.atLocal) e.schedule = 'Pick the date and time to run at.';
    else if (d.tz && !isValidTimeZone(d.tz)) e.tz = `Unknown time zone: ${d.tz}.`;
    else {
      const ms = atInstantOf(d);
      if (ms === null) e.schedule = 'That date and time cannot be read.';
      else if (ms <= now) e.schedule = 'That time is in the past: a one-shot job would never run.';
    }
  }
  if (d.payloadKind === 'systemEvent' && !d.text.trim()) e.payload = 'Enter the event text.';
  if (d.payloadKind === 'agentTurn') {
    if (!d.message.trim()) e.payload = 'Enter the message for the agent.';
    const t = num(d.timeoutSeconds);
    if (t !== null && (!Number.isFinite(t) || t < 0)) e.payload = 'The timeout must be 0 or more seconds.';
  }
  if (d.targetKind === 'session' && !d.sessionKey.trim()) e.sessionTarget = 'Enter the session key.';
  else if (d.payloadKind !== 'other') {
    const rule = targetRule(d.targetKind);
    if (rule.needs !== d.payloadKind) {
      e.sessionTarget =
        d.targetKind === 'main'
          ? 'The main session only takes a system event: choose “System event”, or another session target.'
          : `${d.targetKind === 'isolated' ? 'An isolated' : d.targetKind === 'current' ? 'A current' : 'A session:<key>'} target needs an agent turn: choose “Agent turn”, or the main session.`;
    }
  }
  if (d.deliveryMode === 'webhook' && !d.to.trim()) e.delivery = 'A webhook needs the URL to POST to.';
  return e;
}

/** The form field a gateway error message is about ("CronPattern…" → schedule, "delivery…" → delivery…). */
export function fieldForGatewayError(message: string): Field {
  const m = message.toLowerCase();
  if (/crondate|timezone|time zone|\/schedule\/tz/.test(m)) return 'tz';
  if (/staggerms/.test(m)) return 'stagger';
  if (
    /sessiontarget|session target|main cron jobs|isolated cron jobs|isolated\/current\/session|script cron jobs|cron session/.test(
      m,
    )
  )
    return 'sessionTarget';
  if (/cronpattern|schedule|cron expression|everyms|upcoming run time/.test(m)) return 'schedule';
  if (/delivery|webhook|announce/.test(m)) return 'delivery';
  if (/payload/.test(m)) return 'payload';
  if (/wakemode/.test(m)) return 'wakeMode';
  if (/'name'|\/name\b|\bname must\b/.test(m)) return 'name';
  return 'form';
}

export const FIELD_LABEL: Record<Field, string> = {
  name: 'Name',
  schedule: 'Schedule',
  tz: 'Time zone',
  stagger: 'Stagger',
  payload: 'Payload',
  sessionTarget: 'Session target',
  wakeMode: 'Wake mode',
  delivery: 'Delivery',
  form: 'Job',
};

/** One line per user-visible aspect, for "their version vs yours". */
export function summarizeDraft(d: Draft): Record<string, string> {
  const schedule = buildSchedule(d);
  const payload = buildPayload(d) ?? d.keptPayload;
  return {
    Name: d.name.trim(),
    Description: d.description.trim() || '—',
    Enabled: d.enabled ? 'yes' : 'no',
    Schedule: schedule ? `${describeSchedule(schedule)}${schedule.kind === 'cron' ? ` (${schedule.expr})` : ''}` : '—',
    'Time zone': d.scheduleKind === 'cron' ? d.tz || 'gateway time zone' : '—',
    Stagger: d.scheduleKind === 'cron' ? (d.staggerMode === 'auto' ? 'default' : `${staggerMsOf(d) ?? '?'} ms`) : '—',
    'Session target': buildTarget(d),
    'Wake mode': d.wakeMode,
    Payload: payload
      ? payload.kind === 'systemEvent'
        ? `system event: ${String(payload.text)}`
        : payload.kind === 'agentTurn'
          ? `agent turn: ${String(payload.message)}${payload.model ? ` [model ${String(payload.model)}]` : ''}${typeof payload.timeoutSeconds === 'number' ? ` [timeout ${payload.timeoutSeconds} s]` : ''}`
          : String(payload.kind)
      : '—',
    Delivery: [
      d.deliveryMode,
      d.deliveryMode === 'announce' && d.channel ? `channel ${d.channel}` : '',
      d.deliveryMode !== 'none' && d.to ? `to ${d.to}` : '',
    ]
      .filter(Boolean)
      .join(', '),
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
