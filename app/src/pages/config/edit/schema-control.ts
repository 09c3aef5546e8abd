/**
 * Which control edits a key, read from the gateway's schema node for it (`config.schema.lookup`),
 * falling back to the kind of the current value when the schema says little (2026.3.x).
 */
import JSON5 from 'json5';

export type Scalar = string | number | boolean;

export type Control =
  | { kind: 'boolean' }
  | { kind: 'enum'; options: Scalar[] }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'string'; secret: boolean; alsoRef: boolean }
  | { kind: 'string-list' }
  | { kind: 'json' };

export type KeyInfo = {
  label: string | null;
  help: string | null;
  placeholder: string | null;
  sensitive: boolean;
  reloadKind: 'hot' | 'restart' | 'none' | null;
  schema: Record<string, unknown> | null;
  defaultValue: { has: boolean; value: unknown };
  children: { key: string; path: string; type: string | null }[];
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const isScalar = (v: unknown): v is Scalar => ['string', 'number', 'boolean'].includes(typeof v);

/** Read a `config.schema.lookup` answer (untrusted: every field checked). */
export function readKeyInfo(raw: unknown): KeyInfo {
  const r = isRecord(raw) ? raw : {};
  const hint = isRecord(r.hint) ? r.hint : {};
  const schema = isRecord(r.schema) ? r.schema : null;
  const reload = r.reloadKind;
  return {
    label: text(hint.label) ?? text(schema?.title),
    help: text(hint.help) ?? text(schema?.description),
    placeholder: text(hint.placeholder),
    sensitive: hint.sensitive === true,
    reloadKind: reload === 'hot' || reload === 'restart' || reload === 'none' ? reload : null,
    schema,
    defaultValue:
      schema && 'default' in schema ? { has: true, value: schema.default } : { has: false, value: undefined },
    children: Array.isArray(r.children)
      ? r.children
          .filter(isRecord)
          .flatMap((c) =>
            typeof c.key === 'string' && typeof c.path === 'string' && c.key !== '*'
              ? [{ key: c.key, path: c.path, type: typeof c.type === 'string' ? c.type : null }]
              : [],
          )
      : [],
  };
}

const types = (s: Record<string, unknown>): string[] =>
  typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.filter((t) => typeof t === 'string') : [];

/** The allowed values when the schema is a closed set (`enum`, or anyOf/oneOf of `const`s). */
function enumOptions(s: Record<string, unknown>): Scalar[] | null {
  if (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every(isScalar)) return s.enum;
  const alts = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null)?.filter(isRecord);
  if (alts && alts.length > 0 && alts.every((a) => isScalar(a.const))) return alts.map((a) => a.const as Scalar);
  return null;
}

export function controlFor(info: Pick<KeyInfo, 'schema' | 'sensitive'>, current: unknown): Control {
  const s = info.schema;
  if (s) {
    const options = enumOptions(s);
    if (options) return { kind: 'enum', options };
    const alts = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : []).filter(isRecord);
    const t = types(s);
    const altTypes = alts.flatMap(types);
    if (t.includes('boolean') && t.length === 1) return { kind: 'boolean' };
    if (t.length === 1 && (t[0] === 'integer' || t[0] === 'number'))
      return {
        kind: 'number',
        integer: t[0] === 'integer',
        min: typeof s.minimum === 'number' ? s.minimum : undefined,
        max: typeof s.maximum === 'number' && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined,
      };
    // A secret is a string or a SecretRef object ({source, provider, id}); the plain string is the common case.
    if ((t.length === 1 && t[0] === 'string') || (t.length === 0 && altTypes.includes('string') && info.sensitive))
      return { kind: 'string', secret: info.sensitive, alsoRef: t.length === 0 };
    if (t[0] === 'array' && isRecord(s.items) && types(s.items)[0] === 'string' && !enumOptions(s.items))
      return { kind: 'string-list' };
    if (t.length > 0 || alts.length > 0) return { kind: 'json' };
  }
  if (typeof current === 'boolean') return { kind: 'boolean' };
  if (typeof current === 'number') return { kind: 'number', integer: Number.isInteger(current) };
  if (typeof current === 'string') return { kind: 'string', secret: info.sensitive, alsoRef: false };
  if (Array.isArray(current) && current.every((x) => typeof x === 'string')) return { kind: 'string-list' };
  return { kind: 'json' };
}

/** The text a control starts from for a value (a secret always starts empty: it is never shown). */
export function inputText(control: Control, value: unknown, present: boolean): string {
  if (!present) return '';
  switch (control.kind) {
    case 'string':
      return control.secret || typeof value !== 'string' ? '' : value;
    case 'string-list':
      return Array.isArray(value) ? value.join('\n') : '';
    case 'json':
      return JSON5.stringify(value, null, 2) ?? '';
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Read what the user typed as the value to write. The gateway validates it for real. */
export function parseInput(control: Control, input: string): Parsed {
  switch (control.kind) {
    case 'boolean':
      return { ok: true, value: input === 'true' };
    case 'enum': {
      const hit = control.options.find((o) => String(o) === input);
      return hit === undefined ? { ok: false, error: 'Pick one of the allowed values.' } : { ok: true, value: hit };
    }
    case 'number': {
      const n = Number(input.trim());
      if (input.trim() === '' || !Number.isFinite(n)) return { ok: false, error: 'Enter a number.' };
      if (control.integer && !Number.isInteger(n)) return { ok: false, error: 'Enter a whole number.' };
      return { ok: true, value: n };
    }
    case 'string':
      return control.secret && input === '' ? { ok: false, error: 'Type the new secret.' } : { ok: true, value: input };
    case 'string-list':
      return {
        ok: true,
        value: input
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      };
    case 'json':
      try {
        return { ok: true, value: JSON5.parse(input) };
      } catch (e) {
        return { ok: false, error: `Not valid JSON5: ${e instanceof Error ? e.message : String(e)}` };
      }
  }
}
