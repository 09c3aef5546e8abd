import type { CronAddParams } from '@openclaw/gateway-protocol';
import type { CronPatch } from '../../queries/cron';
import { buildSchedule, items, lines, num, type Draft, type Tri } from './form-model';

/**
 * From a draft to what the gateway takes: the whole job as cron.add params, and for edits a patch of
 * only what changed, in the gateway's merge semantics (nested payload, delivery and failure alert are
 * merged field by field; null removes a field; schedule, trigger and pacing are replaced whole).
 */

type Obj = Record<string, unknown>;

const triValue = (t: Tri) => (t === 'true' ? true : t === 'false' ? false : undefined);
const put = (o: Obj, key: string, value: unknown) => {
  if (value !== undefined && value !== '' && value !== null) o[key] = value;
};
const numPut = (o: Obj, key: string, v: string) => {
  const n = num(v);
  if (n !== null) o[key] = n;
};

export function buildTarget(d: Draft): string {
  return d.targetKind === 'session' ? `session:${d.targetSession.trim()}` : d.targetKind;
}

export function buildEnv(v: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines(v)) {
    const i = line.indexOf('=');
    if (i > 0) env[line.slice(0, i).trim()] = line.slice(i + 1);
  }
  return env;
}

export function commandArgv(d: Draft): string[] {
  return d.commandMode === 'shell' ? ['sh', '-lc', d.commandShell] : lines(d.commandArgv);
}

export function buildPayload(d: Draft): Obj {
  if (d.payloadKind === 'other') return { ...d.keptPayload };
  const p: Obj = { kind: d.payloadKind };
  if (d.payloadKind === 'systemEvent') p.text = d.text;
  if (d.payloadKind === 'agentTurn') {
    p.message = d.message;
    put(p, 'model', d.model.trim());
    if (d.fallbacksSet) p.fallbacks = items(d.fallbacks);
    put(p, 'thinking', d.thinking.trim());
    numPut(p, 'timeoutSeconds', d.timeoutSeconds);
    put(p, 'lightContext', triValue(d.lightContext));
  }
  if (d.payloadKind === 'command') {
    p.argv = commandArgv(d);
    put(p, 'cwd', d.commandCwd.trim());
    const env = buildEnv(d.commandEnv);
    if (Object.keys(env).length) p.env = env;
    put(p, 'input', d.commandInput);
    numPut(p, 'timeoutSeconds', d.timeoutSeconds);
    numPut(p, 'noOutputTimeoutSeconds', d.noOutputTimeoutSeconds);
    numPut(p, 'outputMaxBytes', d.outputMaxBytes);
  }
  if (d.payloadKind === 'script') {
    p.script = d.script;
    numPut(p, 'timeoutSeconds', d.timeoutSeconds);
    numPut(p, 'toolBudget', d.toolBudget);
  }
  const tools = items(d.toolsAllow);
  if (tools.length) p.toolsAllow = tools;
  return { ...p, ...d.extra.payload };
}

/** The delivery to send; undefined only for "none" with nothing else set on a job that had none. */
export function buildDelivery(d: Draft): Obj {
  const out: Obj = { mode: d.deliveryMode };
  if (d.deliveryMode !== 'webhook') {
    put(out, 'channel', d.channel.trim());
    put(out, 'threadId', d.threadId.trim());
    put(out, 'accountId', d.accountId.trim());
  }
  if (d.deliveryMode !== 'none' || d.to.trim()) put(out, 'to', d.to.trim());
  put(out, 'bestEffort', triValue(d.bestEffort));
  if (d.deliveryMode === 'announce' && d.completionWebhook.trim())
    out.completionDestination = { mode: 'webhook', to: d.completionWebhook.trim() };
  if (d.failureDestOn) {
    const fd: Obj = {};
    put(fd, 'mode', d.failureDestMode);
    put(fd, 'channel', d.failureDestChannel.trim());
    put(fd, 'to', d.failureDestTo.trim());
    put(fd, 'accountId', d.failureDestAccountId.trim());
    if (Object.keys(fd).length) out.failureDestination = fd;
  }
  return { ...out, ...d.extra.delivery };
}

export function buildFailureAlert(d: Draft): Obj | false | undefined {
  if (d.alertMode === 'inherit') return undefined;
  if (d.alertMode === 'off') return false;
  const a: Obj = {};
  numPut(a, 'after', d.alertAfter);
  numPut(a, 'cooldownMs', d.alertCooldownMs);
  put(a, 'mode', d.alertDeliveryMode);
  put(a, 'channel', d.alertChannel.trim());
  put(a, 'to', d.alertTo.trim());
  put(a, 'accountId', d.alertAccountId.trim());
  put(a, 'includeSkipped', triValue(d.alertIncludeSkipped));
  return a;
}

/** The whole job as cron.add params (key order is the order the JSON view shows). */
export function buildJobInput(d: Draft, now = Date.now()): Obj {
  const job: Obj = { name: d.name.trim() };
  put(job, 'displayName', d.displayName.trim());
  put(job, 'description', d.description.trim());
  job.enabled = d.enabled;
  put(job, 'agentId', d.agentId.trim());
  put(job, 'sessionKey', d.sessionKey.trim());
  job.schedule = buildSchedule(d, now);
  job.sessionTarget = buildTarget(d);
  job.wakeMode = d.wakeMode;
  put(job, 'deleteAfterRun', triValue(d.deleteAfterRun));
  job.payload = buildPayload(d);
  job.delivery = buildDelivery(d);
  put(job, 'failureAlert', buildFailureAlert(d));
  if (d.triggerScript.trim()) {
    const trigger: Obj = { script: d.triggerScript };
    put(trigger, 'once', triValue(d.triggerOnce));
    job.trigger = trigger;
  }
  if (d.pacingMin.trim() || d.pacingMax.trim()) {
    const pacing: Obj = {};
    put(pacing, 'min', d.pacingMin.trim());
    put(pacing, 'max', d.pacingMax.trim());
    job.pacing = pacing;
  }
  return { ...job, ...d.extra.job };
}

/**
 * cron.add params for a new job. A main-session job with no delivery sends none (what the CLI does);
 * every other target sends its delivery explicitly, since an omitted one defaults to announce.
 */
export function buildAddInput(d: Draft, now = Date.now()): CronAddParams {
  const input = buildJobInput(d, now);
  if (d.targetKind === 'main' && same(input.delivery, { mode: 'none' })) delete input.delivery;
  // The shape is the schema's: the JSON view checks it with the package's validator before sending.
  return input as CronAddParams;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-level diff of two objects: changed values, null for removed keys. */
function diffFields(base: Obj, next: Obj): Obj {
  const out: Obj = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(next)])) {
    if (same(base[key], next[key])) continue;
    out[key] = key in next ? next[key] : null;
  }
  return out;
}

/** Top-level fields whose removal the patch schema spells as null. */
const NULLABLE = new Set(['displayName', 'agentId', 'sessionKey', 'trigger', 'pacing', 'failureAlert']);

/**
 * Only what changed between the loaded draft and the edited one, so nothing the user did not touch
 * is rewritten (a schedule keeps its anchor, a payload its tool policy, a delivery its routes).
 */
export function buildPatch(base: Draft, d: Draft, now = Date.now()): CronPatch {
  const b = buildJobInput(base, now);
  const n = buildJobInput(d, now);
  const patch: Obj = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(n)])) {
    if (same(b[key], n[key])) continue;
    const before = b[key] as Obj | undefined;
    const after = n[key] as Obj | undefined;
    if (key === 'payload' && before?.kind === after?.kind && before && after) {
      patch.payload = { kind: after.kind, ...diffFields(before, after) };
    } else if (key === 'delivery' && before && after) {
      const diff = diffFields(before, after);
      // Changing to or from webhook makes the gateway drop `to`: send it again.
      if ('mode' in diff && after.to !== undefined) diff.to = after.to;
      patch.delivery = diff;
    } else if (key === 'failureAlert' && before && after && typeof before === 'object' && typeof after === 'object') {
      patch.failureAlert = diffFields(before, after);
    } else if (!(key in n)) {
      patch[key] =
        key === 'description' ? '' : key === 'deleteAfterRun' ? undefined : NULLABLE.has(key) ? null : undefined;
      if (patch[key] === undefined) delete patch[key];
    } else patch[key] = n[key];
  }
  // The patch schema takes null as "remove" for these fields (protocol.schema.json); CronPatch is stricter.
  return patch as CronPatch;
}

/** Keys a patch changes, for the "N changes" line. */
export function patchSize(p: CronPatch): number {
  return Object.keys(p).length;
}
