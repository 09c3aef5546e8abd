import { isValidTimeZone, partsToEvery } from '../../lib/schedule';
import {
  atInstantOf,
  anchorOf,
  lines,
  num,
  parseDuration,
  staggerMsOf,
  type Draft,
  type PayloadKind,
  type ScheduleKind,
  type TargetKind,
} from './form-model';
import { buildEnv } from './form-model-build';

/**
 * The gateway's rules, checked before sending: what it would refuse, and what it would silently store
 * differently ("current" without a sessionKey becomes "isolated"). Everything else (expression
 * syntax, channels, models) is the gateway's to judge; its message is then mapped to the field.
 */

export type Field =
  | 'name'
  | 'schedule'
  | 'tz'
  | 'stagger'
  | 'payload'
  | 'sessionTarget'
  | 'sessionKey'
  | 'agentId'
  | 'wakeMode'
  | 'delivery'
  | 'failureAlert'
  | 'conditions'
  | 'json'
  | 'form';
export type FieldErrors = Partial<Record<Field, string>>;

/** What this gateway's protocol can hold (2026.3.x speaks protocol 3 and knows less). */
export type FormCaps = {
  legacy: boolean;
  scheduleKinds: ScheduleKind[];
  payloadKinds: PayloadKind[];
  targets: TargetKind[];
};

export function formCaps(protocol: number): FormCaps {
  const legacy = protocol > 0 && protocol < 4;
  return legacy
    ? {
        legacy,
        scheduleKinds: ['cron', 'every', 'at'],
        payloadKinds: ['systemEvent', 'agentTurn'],
        targets: ['main', 'isolated'],
      }
    : {
        legacy,
        scheduleKinds: ['cron', 'every', 'at', 'on-exit', 'stream'],
        payloadKinds: ['systemEvent', 'agentTurn', 'command', 'script'],
        targets: ['main', 'isolated', 'current', 'session'],
      };
}

export const LEGACY_NOTE =
  'This gateway speaks protocol 3 (OpenClaw 2026.3.x): on-exit and stream schedules, command and script payloads, current and session targets, display names, conditions, thread ids and completion webhooks need 2026.5 or later, so they are hidden.';

/** Payload kinds a session target accepts (the gateway's rule). */
export function payloadsFor(t: TargetKind): PayloadKind[] {
  if (t === 'main') return ['systemEvent', 'script'];
  // "script payloads do not support current/session targets"
  return t === 'isolated' ? ['agentTurn', 'command', 'script'] : ['agentTurn', 'command'];
}

export function targetHelp(t: TargetKind): string {
  switch (t) {
    case 'main':
      return 'Queued into the agent’s main session: takes a system event or a script; results go nowhere or to a webhook.';
    case 'isolated':
      return 'A fresh session for every run: takes an agent turn, a command or a script.';
    case 'current':
      return 'Binds to the session named by the session key below (without one the gateway stores “isolated”); takes an agent turn or a command.';
    case 'session':
      return 'A persistent session you name: takes an agent turn or a command.';
  }
}

const PAYLOAD_LABEL: Record<PayloadKind, string> = {
  systemEvent: 'System event',
  agentTurn: 'Agent turn',
  command: 'Command',
  script: 'Script',
  other: 'Kept payload',
};

const nonNegative = (v: string) => {
  const n = num(v);
  return n === null || (Number.isFinite(n) && n >= 0);
};
const positiveInt = (v: string) => {
  const n = num(v);
  return n === null || (Number.isInteger(n) && n > 0);
};
const httpUrl = (v: string) => /^https?:\/\/\S+$/i.test(v.trim());

export function validateDraft(d: Draft, now: number, opts: { channels?: string[] } = {}): FieldErrors {
  const e: FieldErrors = {};
  if (!d.name.trim()) e.name = 'Give the job a name (otherwise the gateway invents one from the payload).';

  switch (d.scheduleKind) {
    case 'cron':
      if (!d.expr.trim()) e.schedule = 'Enter a cron expression, e.g. */5 * * * *.';
      if (staggerMsOf(d) === null) e.stagger = 'Enter a stagger of 0 or more.';
      if (d.tz.trim() && !isValidTimeZone(d.tz.trim())) e.tz = `Unknown time zone: ${d.tz}.`;
      break;
    case 'every':
      if (partsToEvery(Number(d.everyN), d.everyUnit) === null) e.schedule = 'Enter an interval greater than 0.';
      else if (anchorOf(d) === null) e.schedule = 'The anchor date and time cannot be read.';
      break;
    case 'at': {
      if (d.atMode === 'relative') {
        if (parseDuration(d.atRelative) === null) e.schedule = 'Enter a delay like 20m, 2h or 1d12h.';
        break;
      }
      if (!d.atLocal) e.schedule = 'Pick the date and time to run at.';
      else if (d.tz && !isValidTimeZone(d.tz)) e.tz = `Unknown time zone: ${d.tz}.`;
      else {
        const ms = atInstantOf(d, now);
        if (ms === null) e.schedule = 'That date and time cannot be read.';
        else if (ms <= now) e.schedule = 'That time is in the past: a one-shot job would never run.';
      }
      break;
    }
    case 'on-exit':
      if (!d.exitCommand.trim()) e.schedule = 'Enter the command to watch; the job fires once when it exits.';
      break;
    case 'stream':
      if (lines(d.streamArgv).length === 0) e.schedule = 'Enter the command to stream from, one argument per line.';
      else if (d.streamMode === 'match' && !d.streamMatch.trim()) e.schedule = 'Match mode needs a pattern.';
      else if (d.streamMode !== 'match' && d.streamMatch.trim())
        e.schedule = 'A match pattern only works in match mode: choose “Matching lines” or clear it.';
      else if (!positiveInt(d.streamBatchMs) || !positiveInt(d.streamMaxBatchBytes))
        e.schedule = 'Batch quiet time and batch size are whole numbers above 0.';
      break;
  }

  switch (d.payloadKind) {
    case 'systemEvent':
      if (!d.text.trim()) e.payload = 'Enter the event text.';
      break;
    case 'agentTurn':
      if (!d.message.trim()) e.payload = 'Enter the message for the agent.';
      else if (!nonNegative(d.timeoutSeconds)) e.payload = 'The timeout must be 0 or more seconds.';
      break;
    case 'command':
      if (d.commandMode === 'shell' ? !d.commandShell.trim() : lines(d.commandArgv).length === 0)
        e.payload = 'Enter the command to run.';
      else if (lines(d.commandEnv).some((l) => l.indexOf('=') <= 0))
        e.payload = 'Write each environment variable as NAME=value, one per line.';
      else if (![d.timeoutSeconds, d.noOutputTimeoutSeconds].every(nonNegative) || !positiveInt(d.outputMaxBytes))
        e.payload = 'Timeouts are 0 or more seconds; the output cap is a whole number of bytes.';
      else if (Object.keys(buildEnv(d.commandEnv)).length !== lines(d.commandEnv).length)
        e.payload = 'An environment variable is listed twice.';
      break;
    case 'script':
      if (!d.script.trim()) e.payload = 'Enter the script.';
      else if (!nonNegative(d.timeoutSeconds) || !positiveInt(d.toolBudget))
        e.payload = 'The timeout is 0 or more seconds; the tool budget a whole number above 0.';
      break;
  }

  if (d.scheduleKind === 'stream' && d.payloadKind === 'command')
    e.payload = 'A stream schedule cannot run a command payload: choose an agent turn or a script.';
  if (d.targetKind === 'session' && !d.targetSession.trim()) e.sessionTarget = 'Enter the session key.';
  else if (d.payloadKind !== 'other' && !payloadsFor(d.targetKind).includes(d.payloadKind)) {
    const allowed = payloadsFor(d.targetKind)
      .map((k) => `“${PAYLOAD_LABEL[k]}”`)
      .join(' or ');
    const who = {
      main: 'The main session',
      isolated: 'An isolated target',
      current: 'A current target',
      session: 'A session:<key> target',
    }[d.targetKind];
    e.sessionTarget = `${who} takes ${allowed}, not “${PAYLOAD_LABEL[d.payloadKind]}”.`;
  }
  if (d.targetKind === 'current' && !d.sessionKey.trim())
    e.sessionKey = '“Current” binds to a session key: enter one, or the gateway stores the job as “isolated”.';
  if (d.targetKind === 'main' && d.agentId.trim() && d.agentId.trim() !== 'main' && !e.sessionTarget)
    e.agentId = 'A main-session job runs on the default agent only: clear the agent, or use an isolated target.';

  if (d.deliveryMode === 'announce' && d.targetKind === 'main')
    e.delivery = 'The gateway refuses chat delivery for main-session jobs: choose None or Webhook, or another target.';
  else if (d.deliveryMode === 'webhook' && !httpUrl(d.to)) e.delivery = 'A webhook needs an http(s) URL to POST to.';
  else if (d.completionWebhook.trim() && !httpUrl(d.completionWebhook))
    e.delivery = 'The completion webhook must be an http(s) URL.';
  else if (d.failureDestOn && d.targetKind === 'main' && d.deliveryMode !== 'webhook')
    e.delivery = 'Main-session jobs take a failure destination only with webhook delivery.';
  else if (
    d.deliveryMode === 'announce' &&
    d.targetKind === 'isolated' &&
    !d.sessionKey.trim() &&
    (!d.channel.trim() || d.channel.trim() === 'last') &&
    !/^[a-z][a-z0-9_-]*:/i.test(d.to) &&
    d.bestEffort !== 'true' &&
    (opts.channels?.length ?? 0) > 1
  )
    e.delivery = `Several channels are configured (${opts.channels!.join(', ')}): pick one, or allow best effort.`;

  if (d.alertMode === 'custom') {
    if (!positiveInt(d.alertAfter) || !nonNegative(d.alertCooldownMs))
      e.failureAlert = '“After” is a whole number of failures above 0; the cooldown 0 or more.';
    else if (d.alertDeliveryMode === 'webhook' && d.alertTo.trim() && !httpUrl(d.alertTo))
      e.failureAlert = 'A webhook alert needs an http(s) URL.';
  }

  if (d.triggerScript.length > 65_536) e.conditions = 'The trigger script is limited to 64 KiB.';
  else if (d.triggerOnce === 'true' && !d.triggerScript.trim()) e.conditions = '“Once” needs a trigger script.';
  else if ([d.pacingMin, d.pacingMax].some((v) => v.trim() && parseDuration(v) === null))
    e.conditions = 'Pacing bounds are durations like 5m or 1h.';
  return e;
}

/** The form field a gateway error message is about ("CronPattern…" → schedule, "delivery…" → delivery…). */
export function fieldForGatewayError(message: string): Field {
  const m = message.toLowerCase();
  if (/crondate|timezone|time zone|\/schedule\/tz/.test(m)) return 'tz';
  if (/staggerms/.test(m)) return 'stagger';
  if (/failurealert|failure alert/.test(m)) return 'failureAlert';
  if (/\btrigger\b|pacing/.test(m)) return 'conditions';
  if (/agentid|unknown agent|default agent/.test(m)) return 'agentId';
  if (/sessionkey|session key/.test(m)) return 'sessionKey';
  if (/delivery|webhook|announce|channel/.test(m)) return 'delivery';
  if (
    /sessiontarget|session target|main cron jobs|isolated cron jobs|isolated\/current\/session|script cron jobs|cron session/.test(
      m,
    )
  )
    return 'sessionTarget';
  if (/cronpattern|schedule|cron expression|everyms|upcoming run time|stream|on-exit/.test(m)) return 'schedule';
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
  sessionKey: 'Session key',
  agentId: 'Agent',
  wakeMode: 'Wake mode',
  delivery: 'Delivery',
  failureAlert: 'Failure alert',
  conditions: 'Conditions',
  json: 'Job JSON',
  form: 'Job',
};
