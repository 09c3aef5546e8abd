/**
 * The pure model behind config editing: a draft of staged changes against one base revision,
 * the diff shown before writing, the merge patch that carries only those changes, and the
 * rebase after someone else changed the config meanwhile. No React here.
 */
import { formatPath, REDACTED, type Segment } from '../../../lib/config-tree';

export type Change = {
  /** The formatted path (`gateway.auth.token`, `agents.list[0].id`). */
  id: string;
  path: Segment[];
  op: 'set' | 'delete';
  value?: unknown;
  /** A secret: its value is never shown; the diff says only "replaced". */
  secret: boolean;
};

export type Draft = {
  /** The authored revision the changes were made against: the write guard. Null before the file exists. */
  baseHash: string | null;
  /** The authored config (as parsed, secrets redacted) the changes were made against. */
  base: unknown;
  changes: Change[];
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

export function containsRedacted(value: unknown): boolean {
  if (value === REDACTED) return true;
  if (Array.isArray(value)) return value.some(containsRedacted);
  if (isRecord(value)) return Object.values(value).some(containsRedacted);
  return false;
}

/** `a.b["x.y"][2]` → ['a', 'b', 'x.y', 2]: the inverse of formatPath. Null for text that is not a path. */
export function parsePath(text: string): Segment[] | null {
  const out: Segment[] = [];
  const re = /\s*(?:\.?([A-Za-z0-9_$*-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m || (m[1] !== undefined && at === 0 && text[0] === '.')) return null;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
    at = re.lastIndex;
  }
  return out.length > 0 ? out : null;
}

export function getIn(root: unknown, path: readonly Segment[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const s of path) {
    if (typeof s === 'number' ? !Array.isArray(cur) || s >= cur.length : !isRecord(cur) || !(s in cur))
      return { found: false, value: undefined };
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return { found: true, value: cur };
}

/** A copy of `root` with `value` at `path` (or the key removed), creating objects on the way. */
function setIn(root: unknown, path: readonly Segment[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  if (typeof head === 'number') {
    const arr = Array.isArray(root) ? [...root] : [];
    if (remove && rest.length === 0) arr.splice(head, 1);
    else arr[head] = setIn(arr[head], rest, value, remove);
    return arr;
  }
  const obj = isRecord(root) ? { ...root } : {};
  if (remove && rest.length === 0) delete obj[head];
  else obj[head] = setIn(obj[head], rest, value, remove);
  return obj;
}

/** Stage one change; a value equal to the base's drops the change (nothing would change). */
export function stage(draft: Draft, change: Omit<Change, 'id'>): Draft {
  const id = formatPath(change.path);
  const rest = draft.changes.filter((c) => c.id !== id);
  const old = getIn(draft.base, change.path);
  const noop = change.op === 'delete' ? !old.found : old.found && deepEqual(old.value, change.value);
  return { ...draft, changes: noop ? rest : [...rest, { ...change, id }] };
}

export const unstage = (draft: Draft, id: string): Draft => ({
  ...draft,
  changes: draft.changes.filter((c) => c.id !== id),
});

/**
 * Leaf-level differences from `a` to `b`: objects are compared key by key, anything else (arrays
 * included) as a whole. A redacted placeholder on both sides is the same untouched secret.
 */
export function diffValues(a: unknown, b: unknown, path: Segment[] = []): Change[] {
  if (isRecord(a) && isRecord(b)) {
    const out: Change[] = [];
    for (const k of Object.keys(a))
      if (!(k in b))
        out.push({ id: formatPath([...path, k]), path: [...path, k], op: 'delete', secret: a[k] === REDACTED });
    for (const k of Object.keys(b)) {
      const v = b[k];
      // A new object reads best (and merges safest) as its leaves.
      if (k in a || (isRecord(v) && Object.keys(v).length > 0))
        out.push(...diffValues(k in a ? a[k] : {}, v, [...path, k]));
      else out.push({ id: formatPath([...path, k]), path: [...path, k], op: 'set', value: v, secret: false });
    }
    return out;
  }
  if (deepEqual(a, b)) return [];
  return [{ id: formatPath(path), path, op: 'set', value: b, secret: a === REDACTED }];
}

export type PatchPlan =
  { ok: true; raw: string; replacePaths: string[]; changedIds: string[] } | { ok: false; id: string; reason: string };

/** Every array path inside `value` (at `path`): deleting a container needs them named in replacePaths. */
function arrayPaths(value: unknown, path: Segment[]): string[] {
  if (Array.isArray(value)) return [formatPath(path)];
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => arrayPaths(v, [...path, k]));
  return [];
}

/**
 * The JSON merge patch for `config.patch`: only the staged keys. A change inside a list replaces
 * that list as a whole (merge patches cannot address items), so such lists are named in
 * replacePaths. Refuses anything that would send the redaction placeholder back.
 */
export function buildPatch(draft: Draft): PatchPlan {
  let patch: unknown = {};
  const replace = new Set<string>();
  const lists = new Map<string, { path: Segment[]; value: unknown[] }>();
  for (const c of draft.changes) {
    if (c.op === 'set' && containsRedacted(c.value))
      return { ok: false, id: c.id, reason: 'holds the redaction placeholder; type the real value instead' };
    const i = c.path.findIndex((s) => typeof s === 'number');
    if (i === -1) {
      if (c.op === 'delete') arrayPaths(getIn(draft.base, c.path).value, c.path).forEach((p) => replace.add(p));
      else if (Array.isArray(c.value)) replace.add(c.id);
      patch = setIn(patch, c.path, c.op === 'delete' ? null : c.value);
      continue;
    }
    const listPath = c.path.slice(0, i);
    const key = formatPath(listPath);
    const current = lists.get(key)?.value ?? getIn(draft.base, listPath).value;
    if (!Array.isArray(current)) return { ok: false, id: c.id, reason: 'the list it belongs to is not in the file' };
    const next = setIn(current, c.path.slice(i), c.value, c.op === 'delete') as unknown[];
    if (containsRedacted(next))
      return {
        ok: false,
        id: c.id,
        reason: `the list ${key} holds a redacted secret, and a list is written whole: edit it with the CLI instead`,
      };
    lists.set(key, { path: listPath, value: next });
  }
  for (const [key, { path, value }] of lists) {
    replace.add(key);
    patch = setIn(patch, path, value);
  }
  return {
    ok: true,
    raw: JSON.stringify(patch),
    replacePaths: [...replace],
    changedIds: draft.changes.map((c) => c.id),
  };
}

/** One path is the other or inside it. */
export const overlaps = (a: string, b: string) =>
  a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);

/**
 * Move the draft onto a newer base: the user's changes stay (they are what the user asked for),
 * measured against the new values; those the new base already has are dropped.
 */
export function rebase(draft: Draft, base: unknown, baseHash: string | null): Draft {
  const next: Draft = { baseHash, base, changes: [] };
  return draft.changes.reduce((d, c) => stage(d, c), next);
}

/** Whether the config now holds every staged value (after a write whose answer was lost). */
export function allApplied(draft: Draft, live: unknown): boolean {
  return draft.changes.every((c) => {
    const now = getIn(live, c.path);
    if (c.op === 'delete') return !now.found;
    // A replaced secret comes back redacted: it reads as applied once the placeholder is there.
    return c.secret ? now.value === REDACTED : now.found && deepEqual(now.value, c.value);
  });
}

export type Issue = { path: string | null; message: string };

/** The gateway's validation issues, by the staged change they belong to (a path inside or around it). */
export function issuesByChange(issues: readonly Issue[], changes: readonly Change[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const hit = changes.find((c) => issue.path && overlaps(issue.path, c.id));
    const key = hit?.id ?? '';
    out.set(key, [...(out.get(key) ?? []), issue.path && !hit ? `${issue.path}: ${issue.message}` : issue.message]);
  }
  return out;
}

/** `invalid config: a.b: msg; c: msg2` → issues, for gateways that send no details.issues. */
export function issuesFromMessage(message: string): Issue[] {
  const m = /^invalid config:\s*(.*)$/s.exec(message);
  if (!m) return [];
  return m[1]!.split(/;\s+(?=[\w.[\]"$*-]+:\s)/).map((part) => {
    const at = /^([\w.[\]"$*-]+):\s*(.*)$/s.exec(part);
    return at ? { path: at[1]!, message: at[2]! } : { path: null, message: part };
  });
}

/**
 * Where a key is authored when it is not the main file: the nearest `$include` on its way
 * (`plugins: { $include: "./plugins.json5" }`). Null when it lives in the main file.
 */
export function includedFrom(parsed: unknown, path: readonly Segment[]): string | null {
  let cur: unknown = parsed;
  for (const s of path) {
    if (isRecord(cur) && '$include' in cur) return describeInclude(cur.$include);
    if (typeof s === 'number' ? !Array.isArray(cur) : !isRecord(cur)) return null;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return isRecord(cur) && '$include' in cur ? describeInclude(cur.$include) : null;
}

const describeInclude = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : 'an included file';
