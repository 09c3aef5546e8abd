import { describeSchedule, formatDuration, formatInstant } from '../../lib/schedule';
import type { CronJob, DeliveryPreview } from '../../queries/cron';

/**
 * What a job does, in words: one line per aspect (when, condition, what, where, delivery,
 * failure alert, afterwards). `code` carries text to show verbatim (a command line, a script).
 * Pure, so every wording is unit-tested.
 */
export type Line = { label: string; text: string; code?: string; codeLabel?: string };

/** A command line as a shell would read it: words that need it are single-quoted. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

const seconds = (s: number) => formatDuration(s * 1000);
const list = (xs: readonly string[]) => xs.join(', ');
const quote = (s: string) => `“${s}”`;

type Target = { channel?: string; to?: string; accountId?: string; threadId?: string | number; mode?: string };
function target(t: Target, fallback = 'the last chat'): string {
  const where = [t.channel && t.channel !== 'last' ? t.channel : '', t.to ? `→ ${t.to}` : ''].filter(Boolean).join(' ');
  const extra = [t.threadId !== undefined && `thread ${t.threadId}`, t.accountId && `account ${t.accountId}`].filter(
    Boolean,
  );
  return `${where || fallback}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export function whenLine(job: CronJob): Line {
  const s = job.schedule;
  switch (s.kind) {
    case 'cron': {
      const extra = [
        s.tz ? `in ${s.tz}` : 'in the gateway time zone',
        s.staggerMs === 0 ? 'exactly on time' : s.staggerMs ? `spread over up to ${formatDuration(s.staggerMs)}` : '',
      ].filter(Boolean);
      return {
        label: 'When',
        text: `${describeSchedule(s)}, ${extra.join(', ')}`,
        code: s.expr,
        codeLabel: 'expression',
      };
    }
    case 'every':
      return {
        label: 'When',
        text: `${describeSchedule(s)}${typeof s.anchorMs === 'number' ? `, counted from ${formatInstant(s.anchorMs, undefined, { seconds: true })}` : ''}`,
      };
    case 'at':
      return { label: 'When', text: describeSchedule(s), code: s.at, codeLabel: 'as stored' };
    case 'on-exit':
      return {
        label: 'When',
        text: `each time this command exits${s.cwd ? `, run in ${s.cwd}` : ''}`,
        code: s.command,
        codeLabel: 'command',
      };
    case 'stream': {
      const mode =
        s.mode === 'match'
          ? `each output line matching ${s.match ? quote(s.match) : 'the pattern'}`
          : 'each output line';
      const batch = [
        typeof s.batchMs === 'number' && `batched after ${formatDuration(s.batchMs)} of quiet`,
        typeof s.maxBatchBytes === 'number' && `at most ${s.maxBatchBytes} bytes a batch`,
      ].filter(Boolean);
      return {
        label: 'When',
        text: `on ${mode} of this long-running command${s.cwd ? ` (in ${s.cwd})` : ''}${batch.length ? `, ${batch.join(', ')}` : ''}`,
        code: shellLine(s.command),
        codeLabel: 'command',
      };
    }
  }
}

export function whatLine(job: CronJob): Line {
  const p = job.payload;
  const tools =
    'toolsAllow' in p && p.toolsAllow ? `; tools allowed: ${p.toolsAllow.length ? list(p.toolsAllow) : 'none'}` : '';
  switch (p.kind) {
    case 'systemEvent':
      return {
        label: 'Does',
        text: `posts a system event into the session${tools}`,
        code: p.text,
        codeLabel: 'event text',
      };
    case 'agentTurn': {
      const opts = [
        p.model && `model ${p.model}`,
        p.fallbacks?.length && `fallbacks ${list(p.fallbacks)}`,
        p.thinking && `thinking ${p.thinking}`,
        typeof p.timeoutSeconds === 'number' && `times out after ${seconds(p.timeoutSeconds)}`,
        p.lightContext && 'light context',
        p.allowUnsafeExternalContent && 'allows unsafe external content',
      ].filter(Boolean);
      return {
        label: 'Does',
        text: `runs an agent turn${opts.length ? ` (${opts.join(', ')})` : ' with the default model'}${tools}`,
        code: p.message,
        codeLabel: 'message',
      };
    }
    case 'command': {
      const opts = [
        p.cwd && `in ${p.cwd}`,
        p.env && Object.keys(p.env).length && `with ${Object.keys(p.env).join(', ')} set`,
        p.input !== undefined && 'with input on stdin',
        typeof p.timeoutSeconds === 'number' && `times out after ${seconds(p.timeoutSeconds)}`,
        typeof p.noOutputTimeoutSeconds === 'number' && `or after ${seconds(p.noOutputTimeoutSeconds)} without output`,
        typeof p.outputMaxBytes === 'number' && `keeps at most ${p.outputMaxBytes} bytes of output`,
      ].filter(Boolean);
      return {
        label: 'Does',
        text: `runs a command${opts.length ? `, ${opts.join(', ')}` : ''}${tools}`,
        code: shellLine(p.argv),
        codeLabel: 'command line',
      };
    }
    case 'script': {
      const opts = [
        typeof p.timeoutSeconds === 'number' && `times out after ${seconds(p.timeoutSeconds)}`,
        typeof p.toolBudget === 'number' && `at most ${p.toolBudget} tool calls`,
      ].filter(Boolean);
      return {
        label: 'Does',
        text: `runs a script${opts.length ? ` (${opts.join(', ')})` : ''}${tools}`,
        code: p.script,
        codeLabel: 'script',
      };
    }
    case 'heartbeat':
      return { label: 'Does', text: "runs the agent's heartbeat (owned by the gateway)" };
    case 'skillCollectionReview':
      return { label: 'Does', text: 'reviews collected skills (owned by the gateway)' };
  }
}

export function whereLine(job: CronJob): Line {
  const t = job.sessionTarget;
  const session =
    t === 'main'
      ? "in the agent's main session"
      : t === 'isolated'
        ? 'in a fresh isolated session each run'
        : t === 'current'
          ? `in the session it was created from${job.sessionKey ? ` (${job.sessionKey})` : ''}`
          : `in session ${t.slice('session:'.length)}`;
  const agent = job.agentId ?? job.effectiveAgentId ?? null;
  const wake = job.wakeMode === 'now' ? 'wakes the agent at once' : 'waits for the next heartbeat';
  return {
    label: 'Where',
    text: `${session}, agent ${agent ?? 'default'}; ${wake}${job.sessionKey && t !== 'current' ? `; session key ${job.sessionKey}` : ''}`,
  };
}

export function deliveryLine(job: CronJob, preview?: DeliveryPreview | null): Line {
  const d = job.delivery;
  let text: string;
  if (!d || d.mode === 'none') text = 'the result is not delivered anywhere';
  else if (d.mode === 'webhook') text = `the result is POSTed to ${d.to ?? 'the webhook'}`;
  else
    text = `the result is announced to ${target(d)}${d.bestEffort ? ' (best effort: a failed delivery does not fail the run)' : ''}`;
  const fd = d?.failureDestination;
  if (fd) text += `; failures go to ${fd.mode === 'webhook' ? `webhook ${fd.to ?? ''}`.trim() : target(fd)}`;
  if (preview)
    text += `. The gateway resolves this to: ${preview.label}${preview.detail && preview.detail !== preview.label ? ` (${preview.detail})` : ''}`;
  return { label: 'Delivery', text };
}

export function failureAlertLine(job: CronJob): Line {
  const a = job.failureAlert;
  if (a === undefined) return { label: 'Failure alert', text: "inherits the gateway's cron failure-alert setting" };
  if (a === false) return { label: 'Failure alert', text: 'off for this job' };
  const parts = [
    `after ${a.after ?? 'the default number of'} consecutive failure${a.after === 1 ? '' : 's'}`,
    a.mode === 'webhook' ? `POST to ${a.to ?? 'the webhook'}` : `announce to ${target(a)}`,
    typeof a.cooldownMs === 'number' && `at most once every ${formatDuration(a.cooldownMs)}`,
    a.includeSkipped && 'skipped runs count',
  ].filter(Boolean);
  return { label: 'Failure alert', text: parts.join(', ') };
}

export function conditionLines(job: CronJob): Line[] {
  const out: Line[] = [];
  if (job.trigger) {
    out.push({
      label: 'Condition',
      text: `fires only when this trigger script says so${job.trigger.once ? ', once (then the trigger is spent)' : ''}`,
      code: job.trigger.script,
      codeLabel: 'trigger script',
    });
  }
  if (job.pacing) {
    const { min, max } = job.pacing;
    out.push({
      label: 'Pacing',
      text: `the agent sets its own cadence${min ? `, no more often than ${min}` : ''}${max ? `, at least every ${max}` : ''}`,
    });
  }
  return out;
}

export function afterLine(job: CronJob): Line {
  const once = job.schedule.kind === 'at';
  const text =
    job.deleteAfterRun === true
      ? 'the job deletes itself after it has run'
      : once
        ? job.deleteAfterRun === false
          ? 'the job is kept (disabled) after its one run'
          : 'the gateway decides (one-shot jobs are deleted after their run by default)'
        : 'the job stays and runs again on schedule';
  return { label: 'Afterwards', text };
}

/** The whole description, in reading order. */
export function describeJob(job: CronJob, preview?: DeliveryPreview | null): Line[] {
  return [
    whenLine(job),
    ...conditionLines(job),
    whatLine(job),
    whereLine(job),
    deliveryLine(job, preview),
    failureAlertLine(job),
    afterLine(job),
  ];
}
