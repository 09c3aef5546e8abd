import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  copyValue,
  countRedacted,
  defaultExpanded,
  displayValue,
  formatPath,
  helloRevisionState,
  highlightParts,
  indexTree,
  kindOf,
  readConfigSnapshot,
  readIssue,
  resolveExpanded,
  revisionState,
  searchTree,
  shortHash,
  visibleRows,
} from './config-tree';

const config = {
  gateway: {
    mode: 'local',
    port: 19001,
    auth: { mode: 'token', token: REDACTED },
    controlUi: { allowedOrigins: ['http://127.0.0.1:5183', 'http://localhost:5183'], enabled: true },
  },
  agents: { entries: { main: { model: null, skills: [] } } },
  models: { 'provider/model.v1': { alias: 'fast' } },
  empty: {},
};

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('formatPath', () => {
  it('joins simple keys with dots and indices with brackets', () => {
    expect(formatPath(['gateway', 'auth', 'token'])).toBe('gateway.auth.token');
    expect(formatPath(['agents', 'list', 0, 'id'])).toBe('agents.list[0].id');
    expect(formatPath(['heartbeat-main', 'x_y'])).toBe('heartbeat-main.x_y');
  });
  it('quotes keys that contain dots, slashes or spaces, as the CLI does', () => {
    expect(formatPath(['models', 'provider/model.v1', 'alias'])).toBe('models["provider/model.v1"].alias');
    expect(formatPath(['a b'])).toBe('["a b"]');
    expect(formatPath([])).toBe('');
  });
});

describe('kindOf', () => {
  it('types JSON values and recognizes the redaction sentinel', () => {
    expect([{}, [], 's', 1, true, null, REDACTED, undefined].map(kindOf)).toEqual([
      'object',
      'array',
      'string',
      'number',
      'boolean',
      'null',
      'redacted',
      'other',
    ]);
  });
});

describe('indexTree', () => {
  const index = indexTree(config);

  it('indexes every node by its path, in document order', () => {
    expect(index.roots).toEqual(['gateway', 'agents', 'models', 'empty']);
    expect(index.nodes.get('gateway')!.children).toEqual([
      'gateway.mode',
      'gateway.port',
      'gateway.auth',
      'gateway.controlUi',
    ]);
    expect(index.nodes.get('gateway.controlUi.allowedOrigins[1]')).toMatchObject({
      key: '1',
      isIndex: true,
      depth: 3,
      kind: 'string',
      value: 'http://localhost:5183',
      parent: 'gateway.controlUi.allowedOrigins',
    });
    expect(index.nodes.get('gateway.auth.token')!.kind).toBe('redacted');
    expect(index.nodes.get('models["provider/model.v1"].alias')!.value).toBe('fast');
  });

  it('lists only non-empty containers as expandable', () => {
    expect(index.containers).not.toContain('empty');
    expect(index.containers).not.toContain('agents.entries.main.skills');
    expect(index.containers).toContain('gateway.controlUi.allowedOrigins');
  });

  it('gives an empty tree for a missing or non-object config', () => {
    expect(indexTree(null).roots).toEqual([]);
    expect(indexTree('x').nodes.size).toBe(0);
    expect(indexTree({}).roots).toEqual([]);
  });
});

describe('visibleRows', () => {
  const index = indexTree(config);

  it('opens the first two levels by default and collapses containers deeper than that', () => {
    const rows = visibleRows(index, defaultExpanded(index));
    expect(ids(rows)).toEqual([
      'gateway',
      'gateway.mode',
      'gateway.port',
      'gateway.auth',
      'gateway.auth.mode',
      'gateway.auth.token',
      'gateway.controlUi',
      'gateway.controlUi.allowedOrigins',
      'gateway.controlUi.enabled',
      'agents',
      'agents.entries',
      'agents.entries.main',
      'models',
      'models["provider/model.v1"]',
      'models["provider/model.v1"].alias',
      'empty',
    ]);
    expect(Math.max(...rows.map((r) => r.depth))).toBe(2);
    expect(defaultExpanded(index).has('gateway.controlUi.allowedOrigins')).toBe(false);
  });

  it('keeps very large containers collapsed by default', () => {
    const big = indexTree({
      env: { vars: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`V${i}`, 'x'])) },
      small: { a: { b: 1 } },
    });
    const open = defaultExpanded(big);
    expect(open.has('env')).toBe(true);
    expect(open.has('env.vars')).toBe(false);
    expect(open.has('small.a')).toBe(true);
    expect(visibleRows(big, open)).toHaveLength(5);
  });

  it('shows only roots when nothing is expanded', () => {
    expect(ids(visibleRows(index, new Set()))).toEqual(['gateway', 'agents', 'models', 'empty']);
  });

  it('shows everything when every container is expanded', () => {
    expect(visibleRows(index, new Set(index.containers))).toHaveLength(index.nodes.size);
  });

  it('hides the children of a collapsed container even if deeper ones are expanded', () => {
    const rows = visibleRows(index, new Set(['gateway.auth']));
    expect(ids(rows)).not.toContain('gateway.auth.token');
  });
});

describe('searchTree', () => {
  const index = indexTree(config);

  it('returns null for a blank query', () => {
    expect(searchTree(index, '  ')).toBeNull();
  });

  it('matches keys and values case-insensitively and expands their ancestors', () => {
    const s = searchTree(index, 'TOKEN')!;
    expect([...s.matches]).toEqual(['gateway.auth.mode', 'gateway.auth.token']);
    expect(s.hits.get('gateway.auth.mode')).toEqual({ key: false, value: true, path: false });
    expect(s.hits.get('gateway.auth.token')).toEqual({ key: true, value: false, path: false });
    expect([...s.expand].sort()).toEqual(['gateway', 'gateway.auth']);
    expect(ids(visibleRows(index, resolveExpanded(new Set(), s), s))).toEqual([
      'gateway',
      'gateway.auth',
      'gateway.auth.mode',
      'gateway.auth.token',
    ]);
  });

  it('matches leaf values', () => {
    const s = searchTree(index, 'localhost')!;
    expect([...s.matches]).toEqual(['gateway.controlUi.allowedOrigins[1]']);
    expect(s.hits.get('gateway.controlUi.allowedOrigins[1]')).toEqual({ key: false, value: true, path: false });
    expect(ids(visibleRows(index, resolveExpanded(new Set(), s), s))).toEqual([
      'gateway',
      'gateway.controlUi',
      'gateway.controlUi.allowedOrigins',
      'gateway.controlUi.allowedOrigins[1]',
    ]);
  });

  it('matches a dotted path at the node where it completes, not at every descendant', () => {
    const s = searchTree(index, 'gateway.auth')!;
    expect([...s.matches]).toEqual(['gateway.auth']);
    expect(s.hits.get('gateway.auth')).toEqual({ key: false, value: false, path: true });
  });

  it('finds redacted secrets by the word "redacted", never by the sentinel text', () => {
    expect([...searchTree(index, 'redacted')!.matches]).toEqual(['gateway.auth.token']);
    expect(searchTree(index, '__OPENCLAW')!.matches.size).toBe(0);
  });

  it('keeps a matched container collapsed until opened, then shows all its children', () => {
    const s = searchTree(index, 'auth')!;
    expect(ids(visibleRows(index, resolveExpanded(new Set(), s), s))).toEqual(['gateway', 'gateway.auth']);
    expect(ids(visibleRows(index, resolveExpanded(new Set(['gateway.auth']), s), s))).toEqual([
      'gateway',
      'gateway.auth',
      'gateway.auth.mode',
      'gateway.auth.token',
    ]);
  });

  it('hides rows that neither match nor lead to a match, even if expanded', () => {
    const s = searchTree(index, 'fast')!;
    const rows = ids(visibleRows(index, resolveExpanded(new Set(index.containers), s), s));
    expect(rows).toEqual(['models', 'models["provider/model.v1"]', 'models["provider/model.v1"].alias']);
  });

  it('finds nothing for a query that matches nothing', () => {
    const s = searchTree(index, 'zzz')!;
    expect(s.matches.size).toBe(0);
    expect(visibleRows(index, resolveExpanded(new Set(index.containers), s), s)).toEqual([]);
  });
});

describe('resolveExpanded', () => {
  const index = indexTree(config);

  it('is the user set when not searching', () => {
    expect([...resolveExpanded(new Set(['agents']), null)]).toEqual(['agents']);
  });

  it('adds the ancestors of matches while searching', () => {
    const s = searchTree(index, 'alias')!;
    expect([...resolveExpanded(new Set(['agents']), s)].sort()).toEqual([
      'agents',
      'models',
      'models["provider/model.v1"]',
    ]);
  });

  it('lets a toggle made during the search close an auto-opened ancestor or open anything', () => {
    const s = searchTree(index, 'alias')!;
    const open = resolveExpanded(
      new Set(),
      s,
      new Map([
        ['models', false],
        ['gateway', true],
      ]),
    );
    expect(open.has('models')).toBe(false);
    expect(open.has('gateway')).toBe(true);
    expect(ids(visibleRows(index, open, s))).toEqual(['models']);
  });

  it('does not touch the set it was given', () => {
    const mine = new Set(['agents']);
    resolveExpanded(mine, searchTree(index, 'alias'), new Map([['agents', false]]));
    expect([...mine]).toEqual(['agents']);
  });
});

describe('highlightParts', () => {
  it('splits around every case-insensitive occurrence', () => {
    expect(highlightParts('Token tokens', 'token')).toEqual([
      { text: 'Token', match: true },
      { text: ' ', match: false },
      { text: 'token', match: true },
      { text: 's', match: false },
    ]);
  });
  it('returns the whole text when there is no query or no match', () => {
    expect(highlightParts('abc', '')).toEqual([{ text: 'abc', match: false }]);
    expect(highlightParts('abc', 'x')).toEqual([{ text: 'abc', match: false }]);
  });
  it('keeps markup-like text as plain text parts', () => {
    expect(
      highlightParts('<img src=x>', 'img')
        .map((p) => p.text)
        .join(''),
    ).toBe('<img src=x>');
  });
});

describe('displayValue and copyValue', () => {
  const index = indexTree(config);
  const node = (id: string) => index.nodes.get(id)!;

  it('shows strings quoted, other scalars plain, containers as counts', () => {
    expect(displayValue(node('gateway.mode'))).toBe('"local"');
    expect(displayValue(node('gateway.port'))).toBe('19001');
    expect(displayValue(node('gateway.controlUi.enabled'))).toBe('true');
    expect(displayValue(node('agents.entries.main.model'))).toBe('null');
    expect(displayValue(node('gateway.controlUi.allowedOrigins'))).toBe('[2 items]');
    expect(displayValue(node('gateway.auth'))).toBe('{2 keys}');
    expect(displayValue(node('empty'))).toBe('{}');
    expect(displayValue(node('agents.entries.main.skills'))).toBe('[]');
  });

  it('never shows or copies the redaction sentinel', () => {
    expect(displayValue(node('gateway.auth.token'))).toBe('redacted');
    expect(copyValue(node('gateway.auth.token'))).toBeNull();
  });

  it('copies strings raw, scalars as text and containers as JSON', () => {
    expect(copyValue(node('gateway.mode'))).toBe('local');
    expect(copyValue(node('gateway.port'))).toBe('19001');
    expect(JSON.parse(copyValue(node('gateway.controlUi.allowedOrigins'))!)).toEqual(
      config.gateway.controlUi.allowedOrigins,
    );
  });

  it('counts redacted leaves', () => {
    expect(countRedacted(config)).toBe(1);
    expect(countRedacted([REDACTED, { a: REDACTED }])).toBe(2);
  });
});

describe('readConfigSnapshot', () => {
  it('reads a live 2026.9.6 payload', () => {
    const s = readConfigSnapshot({
      path: '/tmp/gw1/.openclaw/openclaw.json',
      includedPaths: [],
      exists: false,
      raw: null,
      parsed: {},
      sourceConfig: {},
      resolved: { agents: { entries: { main: {} } } },
      valid: true,
      runtimeConfig: { a: 1 },
      config: { a: 1, b: 2 },
      hash: 'hmac-sha256:v1:authored',
      issues: [],
      warnings: [{ path: 'gateway.bind', message: 'deprecated' }],
      legacyIssues: [],
      configRevisionHash: 'hmac-sha256:v1:resolved',
      appliedConfigHash: 'hmac-sha256:v1:resolved',
    });
    expect(s).toMatchObject({
      path: '/tmp/gw1/.openclaw/openclaw.json',
      exists: false,
      valid: true,
      parsed: {},
      effective: { a: 1, b: 2 },
      hash: 'hmac-sha256:v1:authored',
      warnings: [{ path: 'gateway.bind', message: 'deprecated' }],
    });
  });

  it('survives a malformed payload', () => {
    expect(readConfigSnapshot('nope')).toMatchObject({ path: null, exists: null, valid: null, issues: [], hash: null });
  });

  it('reads issues of several shapes', () => {
    expect(readIssue('plain')).toEqual({ path: null, message: 'plain' });
    expect(readIssue({ path: ['a', 'b'], message: 'bad' })).toEqual({ path: 'a.b', message: 'bad' });
    expect(readIssue({ code: 7 })).toEqual({ path: null, message: '{"code":7}' });
  });
});

describe('revisions', () => {
  it('is in sync when the applied revision is the resolved one', () => {
    expect(revisionState({ configRevisionHash: 'a', appliedConfigHash: 'a', valid: true })).toEqual({
      kind: 'in-sync',
    });
  });
  it('is restart-pending when they differ', () => {
    expect(revisionState({ configRevisionHash: 'b', appliedConfigHash: 'a', valid: true })).toEqual({
      kind: 'restart-pending',
    });
  });
  it('is invalid when the saved config does not validate (live: configRevisionHash is null then)', () => {
    expect(revisionState({ configRevisionHash: null, appliedConfigHash: 'a', valid: false })).toEqual({
      kind: 'invalid',
    });
  });
  it('is unknown when a hash is missing', () => {
    expect(revisionState({ configRevisionHash: 'b', appliedConfigHash: null, valid: true })).toEqual({
      kind: 'unknown',
      why: 'no-applied',
    });
    expect(revisionState({ configRevisionHash: null, appliedConfigHash: 'a', valid: null })).toEqual({
      kind: 'unknown',
      why: 'no-resolved',
    });
  });
  it('compares the current applied revision with the one hello-ok reported', () => {
    expect(helloRevisionState('a', 'a')).toBe('same');
    expect(helloRevisionState('b', 'a')).toBe('changed');
    expect(helloRevisionState(null, 'a')).toBe('unknown');
    expect(helloRevisionState('a', undefined)).toBe('unknown');
  });
  it('shortens hashes past the scheme prefix', () => {
    expect(shortHash('hmac-sha256:v1:tG6cetviFZHNP2kRMjU0')).toBe('tG6cetviFZ');
    expect(shortHash('abc')).toBe('abc');
  });
});
