import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../lib/config-tree';
import {
  allApplied,
  buildPatch,
  diffValues,
  includedFrom,
  issuesByChange,
  issuesFromMessage,
  parsePath,
  rebase,
  stage,
  type Draft,
} from './draft';
import { controlFor, parseInput } from './schema-control';

const base = {
  gateway: { bind: 'loopback', auth: { mode: 'token', token: REDACTED }, controlUi: { allowedOrigins: ['a', 'b'] } },
  agents: { list: [{ id: 'main', apiKey: REDACTED }], defaults: { maxConcurrent: 4 } },
};
const draft = (over: Partial<Draft> = {}): Draft => ({ baseHash: 'h1', base, changes: [], ...over });

describe('config draft', () => {
  it('parses the paths the tree formats', () => {
    expect(parsePath('gateway.auth.token')).toEqual(['gateway', 'auth', 'token']);
    expect(parsePath('agents.list[0].id')).toEqual(['agents', 'list', 0, 'id']);
    expect(parsePath('models["openai/gpt.5"].alias')).toEqual(['models', 'openai/gpt.5', 'alias']);
    expect(parsePath('')).toBeNull();
    expect(parsePath('a..b')).toBeNull();
  });

  it('stages a change and drops one that restores the current value', () => {
    let d = stage(draft(), { path: ['gateway', 'bind'], op: 'set', value: 'lan', secret: false });
    expect(d.changes.map((c) => c.id)).toEqual(['gateway.bind']);
    d = stage(d, { path: ['gateway', 'bind'], op: 'set', value: 'loopback', secret: false });
    expect(d.changes).toEqual([]);
  });

  it('sends only the staged keys, never an untouched secret', () => {
    const d = stage(draft(), { path: ['agents', 'defaults', 'maxConcurrent'], op: 'set', value: 8, secret: false });
    const plan = buildPatch(d);
    expect(plan).toEqual({
      ok: true,
      raw: '{"agents":{"defaults":{"maxConcurrent":8}}}',
      replacePaths: [],
      changedIds: ['agents.defaults.maxConcurrent'],
    });
  });

  it('writes a replaced secret as the typed value, and refuses the placeholder', () => {
    const d = stage(draft(), { path: ['gateway', 'auth', 'token'], op: 'set', value: 'new-secret', secret: true });
    expect(buildPatch(d)).toMatchObject({ ok: true, raw: '{"gateway":{"auth":{"token":"new-secret"}}}' });
    const bad = stage(draft(), { path: ['gateway', 'bind'], op: 'set', value: REDACTED, secret: false });
    expect(buildPatch(bad)).toMatchObject({ ok: false, id: 'gateway.bind' });
  });

  it('replaces a list whole, named in replacePaths, and refuses a list holding a redacted secret', () => {
    const d = stage(draft(), {
      path: ['gateway', 'controlUi', 'allowedOrigins', 1],
      op: 'delete',
      secret: false,
    });
    expect(buildPatch(d)).toMatchObject({
      ok: true,
      raw: '{"gateway":{"controlUi":{"allowedOrigins":["a"]}}}',
      replacePaths: ['gateway.controlUi.allowedOrigins'],
    });
    const withSecret = stage(draft(), { path: ['agents', 'list', 0, 'id'], op: 'set', value: 'x', secret: false });
    expect(buildPatch(withSecret)).toMatchObject({ ok: false, id: 'agents.list[0].id' });
  });

  it('deletes a key with a merge-patch null, naming the lists inside it', () => {
    const d = stage(draft(), { path: ['gateway', 'controlUi'], op: 'delete', secret: false });
    expect(buildPatch(d)).toMatchObject({
      raw: '{"gateway":{"controlUi":null}}',
      replacePaths: ['gateway.controlUi.allowedOrigins'],
    });
  });

  it('diffs leaf by leaf; the placeholder on both sides is an unchanged secret', () => {
    const next = structuredClone(base) as typeof base & { update?: unknown };
    next.gateway.bind = 'lan';
    next.update = { checkOnStart: true };
    delete (next.agents.defaults as { maxConcurrent?: number }).maxConcurrent;
    expect(diffValues(base, next).map((c) => [c.id, c.op, c.value])).toEqual([
      ['gateway.bind', 'set', 'lan'],
      ['agents.defaults.maxConcurrent', 'delete', undefined],
      ['update.checkOnStart', 'set', true],
    ]);
  });

  it('re-applies on top of a newer base: keeps the user value, drops what the new base already has', () => {
    let d = stage(draft(), { path: ['gateway', 'bind'], op: 'set', value: 'lan', secret: false });
    d = stage(d, { path: ['agents', 'defaults', 'maxConcurrent'], op: 'set', value: 6, secret: false });
    const theirs = { ...base, agents: { ...base.agents, defaults: { maxConcurrent: 6 } }, extra: 1 };
    const next = rebase(d, theirs, 'h2');
    expect(next.baseHash).toBe('h2');
    expect(next.changes.map((c) => c.id)).toEqual(['gateway.bind']);
    expect(allApplied(d, { ...theirs, gateway: { ...base.gateway, bind: 'lan' } })).toBe(true);
    expect(allApplied(d, theirs)).toBe(false);
  });

  it('reads validation issues from the message and places them at their change', () => {
    const issues = issuesFromMessage(
      'invalid config: agents.defaults.maxConcurrent: Too small: expected number to be >0; gateway.controlUi.allowedOrigins: Invalid input: expected array, received string',
    );
    expect(issues).toEqual([
      { path: 'agents.defaults.maxConcurrent', message: 'Too small: expected number to be >0' },
      { path: 'gateway.controlUi.allowedOrigins', message: 'Invalid input: expected array, received string' },
    ]);
    const d = stage(draft(), { path: ['agents', 'defaults', 'maxConcurrent'], op: 'set', value: -1, secret: false });
    const placed = issuesByChange(issues, d.changes);
    expect(placed.get('agents.defaults.maxConcurrent')).toEqual(['Too small: expected number to be >0']);
    expect(placed.get('')).toEqual([
      'gateway.controlUi.allowedOrigins: Invalid input: expected array, received string',
    ]);
  });

  it('finds the included file a key lives in', () => {
    const parsed = { plugins: { $include: './plugins.json5' }, gateway: { bind: 'lan' } };
    expect(includedFrom(parsed, ['plugins', 'entries', 'x'])).toBe('./plugins.json5');
    expect(includedFrom(parsed, ['gateway', 'bind'])).toBeNull();
  });
});

describe('schema controls', () => {
  it('picks a control from the schema node', () => {
    const c = (schema: Record<string, unknown>, sensitive = false) => controlFor({ schema, sensitive }, undefined);
    expect(c({ type: 'boolean' })).toEqual({ kind: 'boolean' });
    expect(c({ anyOf: [{ const: 'auto' }, { const: 'lan' }] })).toEqual({ kind: 'enum', options: ['auto', 'lan'] });
    expect(c({ type: 'integer', exclusiveMinimum: 0, maximum: 9007199254740991 })).toMatchObject({
      kind: 'number',
      integer: true,
      max: undefined,
    });
    expect(c({ type: 'array', items: { type: 'string' } })).toEqual({ kind: 'string-list' });
    expect(c({ anyOf: [{ type: 'string' }, { oneOf: [{ type: 'object' }] }] }, true)).toEqual({
      kind: 'string',
      secret: true,
      alsoRef: true,
    });
    expect(c({ type: 'object' })).toEqual({ kind: 'json' });
    // No schema (2026.3.x gives little): follow the current value.
    expect(controlFor({ schema: null, sensitive: false }, 3)).toMatchObject({ kind: 'number' });
  });

  it('reads input per control, refusing what cannot be the value', () => {
    expect(parseInput({ kind: 'number', integer: true }, '2.5')).toMatchObject({ ok: false });
    expect(parseInput({ kind: 'number', integer: false }, '-3')).toEqual({ ok: true, value: -3 });
    expect(parseInput({ kind: 'string-list' }, 'a\n\n b \n')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseInput({ kind: 'json' }, '{a: 1, /* c */}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseInput({ kind: 'string', secret: true, alsoRef: false }, '')).toMatchObject({ ok: false });
  });
});
