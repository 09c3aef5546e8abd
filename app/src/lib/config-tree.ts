/**
 * Pure logic behind the Config page: read the untrusted `config.get` payload, index a config
 * object as a tree, flatten the visible rows for rendering, search it, and compare revisions.
 */

/** What the gateway puts in place of every secret, in every view of the config. */
export const REDACTED = '__OPENCLAW_REDACTED__';

// ---------------------------------------------------------------------------------------------
// config.get payload

export type ConfigIssue = { path: string | null; message: string };

export type ConfigSnapshot = {
  path: string | null;
  includedPaths: string[];
  exists: boolean | null;
  valid: boolean | null;
  /** The main file's text (secrets redacted), null when the gateway sent none. */
  raw: string | null;
  /** The authored file as parsed (secrets redacted). */
  parsed: unknown;
  /** After includes and env substitution. */
  resolved: unknown;
  /** What the runtime uses: resolved plus defaults. */
  effective: unknown;
  hash: string | null;
  configRevisionHash: string | null;
  appliedConfigHash: string | null;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
  legacyIssues: ConfigIssue[];
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);

/** One issue or warning: `{path, message}` objects, bare strings, or anything else as JSON text. */
export function readIssue(raw: unknown): ConfigIssue {
  if (typeof raw === 'string') return { path: null, message: raw };
  if (isRecord(raw)) {
    const path = Array.isArray(raw.path) ? raw.path.map(String).join('.') || null : str(raw.path);
    const message = str(raw.message) ?? str(raw.msg) ?? str(raw.text);
    if (message) return { path, message };
  }
  return { path: null, message: safeJson(raw) };
}

const issues = (v: unknown) => (Array.isArray(v) ? v.map(readIssue) : []);

export function readConfigSnapshot(raw: unknown): ConfigSnapshot {
  const r = isRecord(raw) ? raw : {};
  return {
    path: str(r.path),
    includedPaths: Array.isArray(r.includedPaths)
      ? r.includedPaths.filter((p): p is string => typeof p === 'string')
      : [],
    exists: bool(r.exists),
    valid: bool(r.valid),
    raw: typeof r.raw === 'string' ? r.raw : null,
    parsed: r.parsed ?? r.sourceConfig ?? null,
    resolved: r.resolved ?? null,
    effective: r.config ?? r.runtimeConfig ?? null,
    hash: str(r.hash),
    configRevisionHash: str(r.configRevisionHash),
    appliedConfigHash: str(r.appliedConfigHash),
    issues: issues(r.issues),
    warnings: issues(r.warnings),
    legacyIssues: issues(r.legacyIssues),
  };
}

export type RevisionState =
  /** The running gateway applied the revision the saved config resolves to. */
  | { kind: 'in-sync' }
  /** The saved config resolves to a revision the running gateway has not applied. */
  | { kind: 'restart-pending' }
  /** The saved config does not validate, so it has no resolved revision; the gateway keeps the applied one. */
  | { kind: 'invalid' }
  | { kind: 'unknown'; why: 'no-applied' | 'no-resolved' };

export function revisionState(
  s: Pick<ConfigSnapshot, 'configRevisionHash' | 'appliedConfigHash' | 'valid'>,
): RevisionState {
  if (!s.configRevisionHash) return s.valid === false ? { kind: 'invalid' } : { kind: 'unknown', why: 'no-resolved' };
  if (!s.appliedConfigHash) return { kind: 'unknown', why: 'no-applied' };
  return s.configRevisionHash === s.appliedConfigHash ? { kind: 'in-sync' } : { kind: 'restart-pending' };
}

/**
 * hello-ok's `appliedConfigHash` is a snapshot from when this session connected; config.get's is
 * current. They differ when the gateway applied a new revision (hot reload or restart) since then.
 */
export function helloRevisionState(
  applied: string | null,
  helloApplied: string | undefined | null,
): 'same' | 'changed' | 'unknown' {
  if (!applied || !helloApplied) return 'unknown';
  return applied === helloApplied ? 'same' : 'changed';
}

/** "hmac-sha256:v1:tG6cetviFZHN…" → "tG6cetviFZ" (the scheme prefix is the same on every hash). */
export function shortHash(hash: string, keep = 10): string {
  const body = hash.slice(hash.lastIndexOf(':') + 1);
  return body.length > keep ? body.slice(0, keep) : body;
}

// ---------------------------------------------------------------------------------------------
// Tree

export type Segment = string | number;
export type NodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'redacted' | 'other';

export type TreeNode = {
  /** The node's path (unique): `gateway.auth.token`, `agents.list[0].id`, `models["provider/model.v1"]`. */
  id: string;
  /** Path of the parent, null for top-level keys. */
  parent: string | null;
  /** The key as shown: an object key, or the array index as a string. */
  key: string;
  isIndex: boolean;
  /** 0 for top-level keys. */
  depth: number;
  kind: NodeKind;
  value: unknown;
  /** Child ids, in document order (empty for leaves and empty containers). */
  children: string[];
};

export type TreeIndex = {
  nodes: Map<string, TreeNode>;
  roots: string[];
  /** Ids of containers with at least one child. */
  containers: string[];
};

/** Keys that can be written with dots in an OpenClaw config path; anything else is quoted in brackets. */
const SIMPLE_KEY = /^[A-Za-z0-9_$-]+$/;

export function appendPath(parent: string | null, segment: Segment): string {
  if (typeof segment === 'number') return `${parent ?? ''}[${segment}]`;
  if (SIMPLE_KEY.test(segment)) return parent === null ? segment : `${parent}.${segment}`;
  return `${parent ?? ''}[${JSON.stringify(segment)}]`;
}

export function formatPath(segments: readonly Segment[]): string {
  let path: string | null = null;
  for (const s of segments) path = appendPath(path, s);
  return path ?? '';
}

export function kindOf(value: unknown): NodeKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return value === REDACTED ? 'redacted' : 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

/** Index a config object once per payload; every later operation reads the index. */
export function indexTree(root: unknown): TreeIndex {
  const nodes = new Map<string, TreeNode>();
  const containers: string[] = [];
  const build = (value: unknown, parent: string | null, depth: number): string[] => {
    const entries: [Segment, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : isRecord(value)
        ? Object.entries(value)
        : [];
    return entries.map(([segment, child]) => {
      const id = appendPath(parent, segment);
      const kind = kindOf(child);
      const node: TreeNode = {
        id,
        parent,
        key: String(segment),
        isIndex: typeof segment === 'number',
        depth,
        kind,
        value: child,
        children: [],
      };
      nodes.set(id, node);
      if (kind === 'object' || kind === 'array') {
        node.children = build(child, id, depth + 1);
        if (node.children.length > 0) containers.push(id);
      }
      return id;
    });
  };
  const roots = build(root, null, 0);
  return { nodes, roots, containers };
}

/**
 * Containers shallower than `depth` start expanded (top-level keys and their children show), except
 * very large ones: a list of 1,500 env vars is not a useful first view.
 */
export function defaultExpanded(index: TreeIndex, depth = 2, maxChildren = 100): Set<string> {
  return new Set(
    index.containers.filter((id) => {
      const node = index.nodes.get(id)!;
      return node.depth < depth && node.children.length <= maxChildren;
    }),
  );
}

export type SearchHit = { key: boolean; value: boolean; path: boolean };

export type SearchResult = {
  query: string;
  /** Nodes that match themselves. */
  matches: Set<string>;
  /** Matches and all their ancestors: the rows a filtered view shows. */
  visible: Set<string>;
  /** Ancestors of matches: expanded automatically while searching. */
  expand: Set<string>;
  /** Per match, which part matched (for highlighting). */
  hits: Map<string, SearchHit>;
};

/** What a leaf's value looks like as searchable text; a redacted secret is just "redacted". */
export function valueText(node: Pick<TreeNode, 'kind' | 'value'>): string {
  switch (node.kind) {
    case 'redacted':
      return 'redacted';
    case 'string':
      return node.value as string;
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    default:
      return '';
  }
}

/**
 * Case-insensitive search over keys, leaf values and paths. A path query such as `gateway.auth`
 * matches the node where the path first contains it, not every descendant below it.
 */
export function searchTree(index: TreeIndex, rawQuery: string): SearchResult | null {
  const query = rawQuery.trim().toLowerCase();
  if (!query) return null;
  const result: SearchResult = { query, matches: new Set(), visible: new Set(), expand: new Set(), hits: new Map() };
  for (const node of index.nodes.values()) {
    const key = node.key.toLowerCase().includes(query);
    const value = valueText(node).toLowerCase().includes(query);
    const parentPath = node.parent?.toLowerCase() ?? '';
    const path = !key && node.id.toLowerCase().includes(query) && !parentPath.includes(query);
    if (!key && !value && !path) continue;
    result.matches.add(node.id);
    result.visible.add(node.id);
    result.hits.set(node.id, { key, value, path });
    for (let p = node.parent; p !== null; p = index.nodes.get(p)!.parent) {
      if (result.expand.has(p)) break; // its ancestors are in already
      result.expand.add(p);
      result.visible.add(p);
    }
  }
  return result;
}

/**
 * The rows to render, in document order: children of expanded containers only. With a search,
 * only matches and their ancestors show, plus everything inside a matched container once opened.
 * Pass `resolveExpanded(...)` as `expanded` to auto-open the ancestors of matches.
 */
export function visibleRows(index: TreeIndex, expanded: ReadonlySet<string>, search?: SearchResult | null): TreeNode[] {
  const rows: TreeNode[] = [];
  const walk = (ids: readonly string[], insideMatch: boolean) => {
    for (const id of ids) {
      if (search && !insideMatch && !search.visible.has(id)) continue;
      const node = index.nodes.get(id)!;
      rows.push(node);
      if (node.children.length > 0 && expanded.has(id))
        walk(node.children, insideMatch || (search?.matches.has(id) ?? false));
    }
  };
  walk(index.roots, false);
  return rows;
}

/**
 * Which containers are open: the user's own choice, plus (while searching) the ancestors of every
 * match, then the toggles made during this search, which win over both.
 */
export function resolveExpanded(
  expanded: ReadonlySet<string>,
  search: SearchResult | null,
  overrides: ReadonlyMap<string, boolean> = new Map(),
): Set<string> {
  const open = new Set(expanded);
  search?.expand.forEach((id) => open.add(id));
  overrides.forEach((isOpen, id) => (isOpen ? open.add(id) : open.delete(id)));
  return open;
}

/** Split text around case-insensitive occurrences of `query`, for highlighting as text (never HTML). */
export function highlightParts(text: string, query: string): { text: string; match: boolean }[] {
  const q = query.trim().toLowerCase();
  if (!q) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (let i = lower.indexOf(q); i !== -1; i = lower.indexOf(q, i + q.length)) {
    if (i > at) parts.push({ text: text.slice(at, i), match: false });
    parts.push({ text: text.slice(i, i + q.length), match: true });
    at = i + q.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts.length > 0 ? parts : [{ text, match: false }];
}

/** The text a leaf shows: strings quoted (so "" and " x" are visible), containers summarized. */
export function displayValue(node: Pick<TreeNode, 'kind' | 'value'>): string {
  switch (node.kind) {
    case 'string':
      return JSON.stringify(node.value);
    case 'object': {
      const n = Object.keys(node.value as object).length;
      return n === 0 ? '{}' : `{${n} ${n === 1 ? 'key' : 'keys'}}`;
    }
    case 'array': {
      const n = (node.value as unknown[]).length;
      return n === 0 ? '[]' : `[${n} ${n === 1 ? 'item' : 'items'}]`;
    }
    case 'redacted':
      return 'redacted';
    case 'other':
      return String(node.value);
    default:
      return valueText(node);
  }
}

/** What "copy value" puts on the clipboard; null for a redacted secret (there is nothing to copy). */
export function copyValue(node: Pick<TreeNode, 'kind' | 'value'>): string | null {
  switch (node.kind) {
    case 'redacted':
      return null;
    case 'string':
      return node.value as string;
    case 'object':
    case 'array':
      return JSON.stringify(node.value, null, 2);
    default:
      return String(node.value);
  }
}

/** How many leaves under a value are redacted secrets. */
export function countRedacted(value: unknown): number {
  if (value === REDACTED) return 1;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + countRedacted(v), 0);
  if (isRecord(value)) return Object.values(value).reduce<number>((n, v) => n + countRedacted(v), 0);
  return 0;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
