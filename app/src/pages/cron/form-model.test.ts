import { describe, expect, it } from 'vitest';
import type { CronJob } from '../../queries/cron';
import {
  buildAddInput,
  buildPatch,
  conflictRows,
  draftFromJob,
  emptyDraft,
  fieldForGatewayError,
  validateDraft,
  type Draft,
} from './form-model';

const now = Date.parse('2026-03-26T12:00:00Z');

const job = (over: Partial<CronJob> = {}): CronJob => ({
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

describe('validateDraft: only what is certain', () => {
  it('accepts a complete main + system event job', () => {
    expect(validateDraft(valid(), now)).toEqual({});
  });
  it('requires a name, an expression, and a webhook URL', () => {
    const e = validateDraft(valid({ name: ' ', expr: '', deliveryMode: 'webhook', to: '' }), now);
    expect(Object.keys(e).sort()).toEqual(['delivery', 'name', 'schedule']);
  });
  it('enforces the session target rule both ways', () => {
    expect(
      validateDraft(valid({ targetKind: 'main', payloadKind: 'agentTurn', message: 'hi' }), now).sessionTarget,
    ).toMatch(/only takes a system event/);
    expect(validateDraft(valid({ targetKind: 'isolated' }), now).sessionTarget).toMatch(/needs an agent turn/);
    expect(validateDraft(valid({ targetKind: 'session', sessionKey: '' }), now).sessionTarget).toBe(
      'Enter the session key.',
    );
    expect(validateDraft(valid({ targetKind: 'current', payloadKind: 'agentTurn', message: 'hi' }), now)).toEqual({});
  });
  it('refuses an at time in the past, in the chosen zone', () => {
    // 12:30 in Berlin is 11:30Z: already past at 12:00Z.
    expect(validateDraft(valid({ scheduleKind: 'at', atLocal: '2026-03-26T12:30' }), now).schedule).toMatch(
      /in the past/,
    );
    expect(validateDraft(valid({ scheduleKind: 'at', atLocal: '2026-03-26T14:30' }), now)).toEqual({});
  });
  it('does not judge the expression itself (the gateway does)', () => {
    expect(validateDraft(valid({ expr: 'not a cron' }), now)).toEqual({});
  });
});

describe('building requests', () => {
  it('makes a cron.add body with the zone-converted at instant', () => {
    const input = buildAddInput(valid({ scheduleKind: 'at', atLocal: '2026-04-01T10:00', description: ' d ' }));
    expect(input).toEqual({
      name: 'ping',
      description: 'd',
      enabled: true,
      schedule: { kind: 'at', at: '2026-04-01T08:00:00.000Z' },
      sessionTarget: 'main',
      wakeMode: 'now',
      payload: { kind: 'systemEvent', text: 'tick' },
      delivery: { mode: 'none' },
    });
    expect(buildAddInput(valid({ scheduleKind: 'every', everyN: '2', everyUnit: 'hours' })).schedule).toEqual({
      kind: 'every',
      everyMs: 7_200_000,
    });
    expect(buildAddInput(valid({ staggerMode: 'exact' })).schedule).toEqual({
      kind: 'cron',
      expr: '*/5 * * * *',
      tz: 'Europe/Berlin',
      staggerMs: 0,
    });
  });

  it('patches only what changed, clearing removed optionals with null', () => {
    const base = draftFromJob(job(), 'UTC');
    expect(buildPatch(base, base)).toEqual({});
    expect(buildPatch(base, { ...base, enabled: false })).toEqual({ enabled: false });
    expect(buildPatch(base, { ...base, model: '', timeoutSeconds: '90' })).toEqual({
      payload: { kind: 'agentTurn', model: null, timeoutSeconds: 90 },
    });
    expect(buildPatch(base, { ...base, expr: '0 4 * * *' })).toEqual({
      schedule: { kind: 'cron', expr: '0 4 * * *', tz: 'Europe/Berlin' },
    });
    expect(buildPatch(base, { ...base, deliveryMode: 'none' })).toEqual({
      delivery: { mode: 'none', channel: null, to: null },
    });
  });

  it('keeps schedule and payload kinds it cannot edit', () => {
    const d = draftFromJob(
      job({ schedule: { kind: 'stream', command: ['tail', '-f', 'x'] }, payload: { kind: 'command', argv: ['echo'] } }),
      'UTC',
    );
    expect(d.scheduleKind).toBe('other');
    expect(d.payloadKind).toBe('other');
    expect(buildPatch(d, { ...d, name: 'renamed' })).toEqual({ name: 'renamed' });
  });
});

describe('fieldForGatewayError', () => {
  it.each([
    [
      "invalid cron.add params: CronPattern: invalid configuration format ('not a cron'), exactly five, six, or seven space separated parts are required.",
      'schedule',
    ],
    ['invalid cron.add params: CronPattern: Invalid value for minute: 99', 'schedule'],
    ["invalid cron.add params: CronDate: Failed to convert date to timezone 'Mars/Olympus'.", 'tz'],
    ['schedule.at is in the past: 2020-01-01T00:00:00.000Z (3629825 minutes ago).', 'schedule'],
    ["invalid cron.add params: at /delivery: must have required property 'to'", 'delivery'],
    ['invalid cron.add params: main cron jobs require payload.kind="systemEvent" or "script"', 'sessionTarget'],
    [
      'Error: isolated cron jobs require payload.kind="agentTurn", "command", or "script"; script payloads do not support current/session targets',
      'sessionTarget',
    ],
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
