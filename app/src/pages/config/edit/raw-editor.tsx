import { useId, useState } from 'react';
import JSON5 from 'json5';
import { countRedacted, REDACTED, type ConfigSnapshot } from '../../../lib/config-tree';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { deepEqual, diffValues } from './draft';
import type { ConfigEditor } from './use-config-editor';

/** What the text shows in place of a secret: the gateway's placeholder never reaches the page. */
const KEEP = '__SECRET_UNCHANGED__';
const shown = (raw: string | null) => (raw ?? '{}\n').replaceAll(REDACTED, KEEP);
const restore = (v: unknown): unknown =>
  v === KEEP
    ? REDACTED
    : Array.isArray(v)
      ? v.map(restore)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]))
        : v;

/**
 * Why the whole file cannot be edited as text here, or null when it can. The text is turned into
 * key changes (a diff against the parsed file), so it must describe exactly that file.
 */
export function rawUnsafeReason(s: ConfigSnapshot): string | null {
  if (s.includedPaths.length > 0)
    return `The config pulls in other files with $include (${s.includedPaths.join(', ')}); the text here is only the main file, so edit keys in the tree.`;
  if (s.exists === false) return null;
  if (s.raw === null) return 'The gateway sent no file text (raw), so there is nothing to edit as text.';
  let parsed: unknown;
  try {
    parsed = JSON5.parse(s.raw);
  } catch (e) {
    return `The file text does not parse (${e instanceof Error ? e.message : String(e)}); fix it on disk or with the CLI.`;
  }
  if (!deepEqual(parsed, s.parsed))
    return 'The file text does not match the parsed config the gateway reports, so a diff against it would not be exact.';
  return null;
}

export default function RawEditor({
  snapshot,
  editor,
  canWrite,
}: {
  snapshot: ConfigSnapshot;
  editor: ConfigEditor;
  canWrite: string | null;
}) {
  const id = useId();
  const unsafe = rawUnsafeReason(snapshot);
  const [text, setText] = useState(() => shown(snapshot.raw));
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const secrets = countRedacted(snapshot.parsed);

  if (unsafe) {
    return (
      <Card title="Raw file (JSON5)">
        <p role="status" className="text-sm">
          Raw editing is off for this config. {unsafe}
        </p>
      </Card>
    );
  }
  const review = () => {
    let next: unknown;
    try {
      next = restore(JSON5.parse(text));
    } catch (e) {
      return setError(`Not valid JSON5: ${e instanceof Error ? e.message : String(e)}. Your text is kept.`);
    }
    setError(null);
    const changes = diffValues(editor.draft.base, next);
    editor.replaceAll(changes);
    setNote(changes.length === 0 ? 'No differences from the file.' : null);
  };
  return (
    <Card title="Raw file (JSON5)">
      <div className="space-y-2">
        <label htmlFor={id} className="block text-sm font-medium">
          {snapshot.path ?? 'Config file'}
        </label>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Your text is compared with the file and only the keys that differ are written, as in the tree.
          {secrets > 0 &&
            ` Secrets show as ${KEEP}: leave that as it is to keep the secret, or type the new value in its place.`}{' '}
          The gateway writes the file itself, so comments and formatting follow its rules, not this text.
        </p>
        <textarea
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.min(30, Math.max(10, text.split('\n').length + 1))}
          spellCheck={false}
          readOnly={canWrite !== null}
          aria-invalid={error !== null}
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
        />
        {error && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {error}
          </p>
        )}
        {note && (
          <p role="status" className="text-sm">
            {note}
          </p>
        )}
        <div className="flex gap-2">
          <Button variant="primary" onClick={review} disabled={canWrite !== null}>
            Review changes
          </Button>
          <Button variant="ghost" onClick={() => setText(shown(snapshot.raw))}>
            Start over from the file
          </Button>
        </div>
      </div>
    </Card>
  );
}
