import { describe, expect, it } from 'vitest';
import type { CronJob } from '../../queries/cron';
import { ADD_FIELD_COVERAGE, conflictRows, draftFromJob, emptyDraft, parseDuration, type Draft } from './form-model';
import { buildAddInput, buildJobInput, buildPatch } from './form-model-build';
import { fieldForGatewayError, validateDraft } from './form-model-rules';

const now = Date.parse('2026-03-26T12:00:00Z');

const job = (over: Partial<CronJob> & Record<string, unknown> = {}): CronJob => ({
  id: 'j1',
  name: 'nightly',
  enabled: true,
  createdAtMs: 1,
  updatedAtMs: 1,
  configRevision: 'sha256:a',
  schedule: { kind: 'cron', expr: '0 3 * * *', tz: 'Europe/Berlin' },
  sessionTarget: 'isolated',
  wakeMode: 'now',
  payload: { kind: 'agentTurn', message: 'summarize', model: 'openai/gpt-5', toolsAllow: ['*'] },
  delivery: { mode: 'announce', channel: 'telegram', to: '123' },
  state: {},
  ...over,
});

const valid = (over: Partial<Draft> = {}): Draft => ({
  ...emptyDraft('Europe/Berlin'),
  name: 'ping',
  expr: '*/5 * * * *',
  text: 'tick',
  ...over,
});

describe('the five choices that used to store something else', () => {
  it('"current" is sent with its sessionKey, and refused before saving without one', () => {
    const d = valid({ targetKind: 'current', payloadKind: 'agentTurn', message: 'hi', sessionKey: 'agent:main:ops' });
    expect(validateDraft(d, now)).toEqual({});
    const input = buildAddInput(d, now);
    expect(input.sessionTarget).toBe('current');
    expect(input.sessionKey).toBe('agent:main:ops');
    expect(validateDraft({ ...d, sessionKey: '' }, now).sessionKey).toMatch(/stores the job as “isolated”/);
  });

  it('a once job shows the gateway’s delete-after-run and can keep itself', () => {
    const d = draftFromJob(
      job({ schedule: { kind: 'at', at: '2026-04-01T08:00:00.000Z' }, deleteAfterRun: true }),
      'Europe/Berlin',
    );
    expect(d.deleteAfterRun).toBe('true');
    expect(buildPatch(d, { ...d, deleteAfterRun: 'false' }, now)).toEqual({ deleteAfterRun: false });
    const keep = valid({ scheduleKind: 'at', atLocal: '2026-04-01T10:00', deleteAfterRun: 'false' });
    expect(buildAddInput(keep, now).deleteAfterRun).toBe(false);
  });

  it('main + announce is explained before saving', () => {
    expect(validateDraft(valid({ targetKind: 'main', deliveryMode: 'announce' }), now).delivery).toMatch(
      /refuses chat delivery for main-session jobs/,
    );
    expect(validateDraft(valid({ targetKind: 'main', deliveryMode: 'webhook', to: 'https://x.test/h' }), now)).toEqual(
      {},
    );
  });

  it('editing an interval keeps its anchor', () => {
    const base = draftFromJob(
      job({ schedule: { kind: 'every', everyMs: 1_800_000, anchorMs: 1_700_000_123_456 } }),
      'UTC',
    );
    expect(buildPatch(base, { ...base, everyN: '45' }, now)).toEqual({
      schedule: { kind: 'every', everyMs: 2_700_000, anchorMs: 1_700_000_123_456 },
    });
  });
});

describe('validateDraft', () => {
  it('accepts a complete main + system event job', () => {
    expect(validateDraft(valid(), now)).toEqual({});
  });
  it('requires a name, an expression, and a webhook URL', () => {
    const e = validateDraft(valid({ name: ' ', expr: '', deliveryMode: 'webhook', to: '' }), now);
    expect(Object.keys(e).sort()).toEqual(['delivery', 'name', 'schedule']);
  });
  it('applies the gateway’s target rules', () => {
    expect(validateDraft(valid({ payloadKind: 'agentTurn', message: 'hi' }), now).sessionTarget).toMatch(
      /main session takes “System event” or “Script”/,
    );
    expect(validateDraft(valid({ targetKind: 'isolated' }), now).sessionTarget).toMatch(/not “System event”/);
    expect(
      validateDraft(valid({ targetKind: 'session', targetSession: 'x', payloadKind: 'script', script: 'x' }), now)
        .sessionTarget,
    ).toMatch(/not “Script”/);
    expect(validateDraft(valid({ targetKind: 'session', targetSession: '' }), now).sessionTarget).toBe(
      'Enter the session key.',
    );
  });
  it('refuses an at time in the past, in the chosen zone', () => {
    // 12:30 in Berlin is 11:30Z: already past at 12:00Z.
    expect(validateDraft(valid({ scheduleKind: 'at', atLocal: '2026-03-26T12:30' }), now).schedule).toMatch(/past/);
    expect(validateDraft(valid({ scheduleKind: 'at', atLocal: '2026-03-26T14:30' }), now)).toEqual({});
  });
  it('reads stream rules: match needs a pattern, line mode refuses one', () => {
    const s = valid({ scheduleKind: 'stream', streamArgv: 'tail\n-F\nx.log' });
    expect(validateDraft(s, now)).toEqual({});
    expect(validateDraft({ ...s, streamMode: 'match' }, now).schedule).toMatch(/needs a pattern/);
    expect(validateDraft({ ...s, streamMode: 'line', streamMatch: 'x' }, now).schedule).toMatch(/only works/);
  });
  it('asks for a channel when several are configured (the gateway refuses otherwise)', () => {
    const d = valid({ targetKind: 'isolated', payloadKind: 'agentTurn', message: 'm', deliveryMode: 'announce' });
    expect(validateDraft(d, now, { channels: ['slack', 'telegram'] }).delivery).toMatch(/Several channels/);
    expect(validateDraft({ ...d, bestEffort: 'true' }, now, { channels: ['slack', 'telegram'] })).toEqual({});
  });
  it('does not judge the expression itself (the gateway does)', () => {
    expect(validateDraft(valid({ expr: 'not a cron' }), now)).toEqual({});
  });
});

describe('building requests', () => {
  it('makes a cron.add body with the zone-converted at instant, and relative times like the CLI', () => {
    const input = buildAddInput(valid({ scheduleKind: 'at', atLocal: '2026-04-01T10:00', description: ' d ' }), now);
    expect(input).toEqual({
      name: 'ping',
      description: 'd',
      enabled: true,
      schedule: { kind: 'at', at: '2026-04-01T08:00:00.000Z' },
      sessionTarget: 'main',
      wakeMode: 'now',
      payload: { kind: 'systemEvent', text: 'tick' },
    });
    expect(buildAddInput(valid({ scheduleKind: 'at', atMode: 'relative', atRelative: '1h30m' }), now).schedule).toEqual(
      { kind: 'at', at: '2026-03-26T13:30:00.000Z' },
    );
    expect(parseDuration('20m')).toBe(1_200_000);
    expect(parseDuration('soon')).toBeNull();
  });

  it('sends an isolated job’s "none" delivery explicitly (omitted means announce)', () => {
    const d = valid({ targetKind: 'isolated', payloadKind: 'command', commandShell: 'echo hi' });
    expect(buildAddInput(d, now)).toMatchObject({
      payload: { kind: 'command', argv: ['sh', '-lc', 'echo hi'] },
      delivery: { mode: 'none' },
    });
  });

  it('round-trips every field of a full job unchanged', () => {
    const full = job({
      displayName: 'Nightly',
      description: 'd',
      agentId: 'main',
      sessionKey: 'agent:main:ops',
      deleteAfterRun: false,
      schedule: {
        kind: 'stream',
        command: ['tail', '-F', 'x'],
        cwd: '/tmp',
        mode: 'match',
        match: 'ERR',
        batchMs: 200,
        maxBatchBytes: 2048,
      } as CronJob['schedule'],
      payload: {
        kind: 'command',
        argv: ['node', 'x.mjs'],
        cwd: '/srv',
        env: { A: '1' },
        input: 'in',
        timeoutSeconds: 30,
        noOutputTimeoutSeconds: 10,
        outputMaxBytes: 4096,
        toolsAllow: ['exec'],
        toolsAllowIsDefault: false,
      },
      delivery: {
        mode: 'announce',
        channel: 'slack',
        to: '#ops',
        threadId: 't1',
        accountId: 'acc',
        bestEffort: true,
        completionDestination: { mode: 'webhook', to: 'https://x.test/done' },
        failureDestination: { mode: 'webhook', to: 'https://x.test/fail' },
      },
      failureAlert: {
        after: 3,
        cooldownMs: 60_000,
        mode: 'announce',
        channel: 'slack',
        to: '#alerts',
        includeSkipped: true,
      },
      trigger: { script: 'return true', once: true },
      pacing: { min: '5m', max: '1h' },
      owner: { agentId: 'main' },
    });
    const d = draftFromJob(full, 'UTC');
    const { id: _id, createdAtMs: _c, updatedAtMs: _u, configRevision: _r, state: _s, ...rest } = full;
    expect(buildJobInput(d, now)).toEqual(rest);
    expect(buildPatch(d, d, now)).toEqual({});
  });

  it('patches only what changed, field by field in nested objects, null for removed fields', () => {
    const base = draftFromJob(job(), 'UTC');
    expect(buildPatch(base, { ...base, enabled: false }, now)).toEqual({ enabled: false });
    expect(buildPatch(base, { ...base, model: '', timeoutSeconds: '90' }, now)).toEqual({
      payload: { kind: 'agentTurn', model: null, timeoutSeconds: 90 },
    });
    expect(buildPatch(base, { ...base, expr: '0 4 * * *' }, now)).toEqual({
      schedule: { kind: 'cron', expr: '0 4 * * *', tz: 'Europe/Berlin' },
    });
    expect(buildPatch(base, { ...base, deliveryMode: 'none', channel: '', to: '' }, now)).toEqual({
      delivery: { mode: 'none', channel: null, to: null },
    });
    expect(buildPatch(base, { ...base, alertMode: 'off' }, now)).toEqual({ failureAlert: false });
    expect(buildPatch({ ...base, alertMode: 'off' }, base, now)).toEqual({ failureAlert: null });
  });

  it('covers every cron.add field (the compiler keeps this map complete)', () => {
    expect(Object.keys(ADD_FIELD_COVERAGE)).toContain('failureAlert');
  });
});

describe('fieldForGatewayError', () => {
  it.each([
    ["invalid cron.add params: CronPattern: invalid configuration format ('not a cron')", 'schedule'],
    ["invalid cron.add params: CronDate: Failed to convert date to timezone 'Mars/Olympus'.", 'tz'],
    ['schedule.at is in the past: 2020-01-01T00:00:00.000Z (3629825 minutes ago).', 'schedule'],
    ["invalid cron.add params: at /delivery: must have required property 'to'", 'delivery'],
    [
      'invalid cron.add params: cron channel delivery config is only supported for sessionTarget="isolated"',
      'delivery',
    ],
    ['invalid cron.add params: main cron jobs require payload.kind="systemEvent" or "script"', 'sessionTarget'],
    ['cron: sessionTarget "main" is only valid for the default agent.', 'agentId'],
    ["invalid cron.add params: must have required property 'payload'", 'payload'],
    ["must have required property 'name'", 'name'],
    ['something else entirely', 'form'],
  ])('%s -> %s', (message, field) => {
    expect(fieldForGatewayError(message)).toBe(field);
  });
});

describe('conflictRows', () => {
  it('shows what they changed and what you changed', () => {
    const base = draftFromJob(job(), 'UTC');
    const theirs = draftFromJob(job({ name: 'nightly-v2', enabled: false }), 'UTC');
    const yours = { ...base, name: 'nightly-mine' };
    const rows = conflictRows(base, theirs, yours);
    expect(rows.map((r) => [r.field, r.theirs, r.yours, r.theyChanged, r.youChanged])).toEqual([
      ['Name', 'nightly-v2', 'nightly-mine', true, true],
      ['Enabled', 'no', 'yes', true, false],
    ]);
  });
});
