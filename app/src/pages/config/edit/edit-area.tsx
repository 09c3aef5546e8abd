import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useCan, useGranted } from '../../../lib/gateway-context';
import type { ConfigSnapshot } from '../../../lib/config-tree';
import { Link, useSearchParam } from '../../../lib/router';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Skeleton } from '../../../ui/states';
import { RestartFollow } from './restart-follow';
import { ReviewPanel } from './review-panel';
import type { ConfigEditor } from './use-config-editor';

// The editors carry JSON5 and the schema-driven controls: loaded when first opened.
const KeyEditor = lazy(() => import('./key-editor').then((m) => ({ default: m.KeyEditor })));
const RawEditor = lazy(() => import('./raw-editor'));

/** Editing hooks for the tree: open a key, which keys have staged changes, why writing is off. */
export type TreeEdit = { onEdit: (id: string) => void; staged: ReadonlySet<string>; blocked: string | null };

/** Why this session cannot write the config, or null when it can. */
export function useWriteBlock(editor: ConfigEditor): string | null {
  const canAdmin = useCan('operator.admin');
  const granted = useGranted();
  if (!canAdmin)
    return `Writing the config needs operator.admin (config.patch); this session holds ${granted.length === 0 ? 'no scopes' : granted.join(', ')}.`;
  if (editor.readOnly) return `The gateway refuses config writes: ${editor.readOnly}`;
  return null;
}

export function EditArea({
  snapshot,
  editor,
  tree,
}: {
  snapshot: ConfigSnapshot;
  editor: ConfigEditor;
  /** The tree, rendered by the page with the editing hooks. */
  tree: (edit: TreeEdit) => ReactNode;
}) {
  const [key, setKey] = useSearchParam('key');
  const [mode, setMode] = useSearchParam('mode');
  const blocked = useWriteBlock(editor);
  const [pathInput, setPathInput] = useState('');
  const staged = useMemo(() => new Set(editor.changes.map((c) => c.id)), [editor.changes]);
  const showReview = editor.changes.length > 0 || editor.theirs !== null || editor.problem !== null;

  return (
    <>
      <Card title="Edit">
        <div className="space-y-3">
          {blocked ? (
            <p
              role="status"
              data-testid="config-read-only"
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
            >
              <span className="font-medium">Read-only.</span> {blocked}{' '}
              {!editor.readOnly && (
                <Link to="/" className="underline">
                  Session page
                </Link>
              )}
            </p>
          ) : (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              Pick <span className="font-medium">Edit</span> on any key below, or open one by path. Changes are staged
              and reviewed as a diff before anything is written.
            </p>
          )}
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (pathInput.trim()) setKey(pathInput.trim());
            }}
          >
            <label htmlFor="config-open-path" className="text-sm">
              Key path
            </label>
            <input
              id="config-open-path"
              value={pathInput}
              onChange={(e) => setPathInput(e.target.value)}
              placeholder="gateway.controlUi.allowedOrigins"
              className="min-w-64 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-950"
            />
            <Button type="submit">Open key</Button>
            <Button
              variant="ghost"
              aria-pressed={mode === 'raw'}
              onClick={() => setMode(mode === 'raw' ? null : 'raw')}
            >
              {mode === 'raw' ? 'Close the raw editor' : 'Edit the raw file'}
            </Button>
          </form>
        </div>
      </Card>
      <RestartFollow editor={editor} snapshot={snapshot} />
      {showReview && <ReviewPanel editor={editor} snapshot={snapshot} onOpen={setKey} />}
      <Suspense fallback={<Skeleton rows={4} />}>
        {key !== null && (
          <KeyEditor
            id={key}
            snapshot={snapshot}
            editor={editor}
            canWrite={blocked}
            onOpen={setKey}
            onClose={() => setKey(null)}
          />
        )}
        {mode === 'raw' && <RawEditor snapshot={snapshot} editor={editor} canWrite={blocked} />}
      </Suspense>
      {tree({ onEdit: setKey, staged, blocked })}
    </>
  );
}
