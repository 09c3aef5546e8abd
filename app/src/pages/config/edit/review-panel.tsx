import { useQueries } from '@tanstack/react-query';
import { useGateway } from '../../../lib/gateway-context';
import { countRedacted, type ConfigSnapshot } from '../../../lib/config-tree';
import { configQueries } from '../../../queries/config';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { getIn, issuesByChange, overlaps, type Change } from './draft';
import { readKeyInfo } from './schema-control';
import { reloadMode, type ConfigEditor } from './use-config-editor';
import { ReloadBadge, showValue } from './values';

const lookupPathOf = (id: string) => id.replace(/\[\d+\][^]*$/, '');

/** The diff of exactly what a write will change, the conflict with a concurrent write, and the write itself. */
export function ReviewPanel({
  editor,
  snapshot,
  onOpen,
}: {
  editor: ConfigEditor;
  snapshot: ConfigSnapshot;
  onOpen: (id: string) => void;
}) {
  const gw = useGateway();
  const { changes, theirs, problem, apply } = editor;
  const kinds = useQueries({
    queries: changes.map((c) => ({ ...configQueries.lookup(gw, lookupPathOf(c.id)) })),
  });
  const reloadOf = (i: number) => (kinds[i]?.data ? readKeyInfo(kinds[i].data).reloadKind : null);
  const checking = kinds.some((k) => k.isPending);
  const needsRestart = changes.some((_, i) => reloadOf(i) === 'restart');
  const unreported = !checking && changes.some((_, i) => reloadOf(i) === null);
  const mode = reloadMode(snapshot);
  const issues = problem?.kind === 'invalid' ? issuesByChange(problem.issues, changes) : new Map<string, string[]>();
  const secretsKept = countRedacted(editor.draft.base) - changes.filter((c) => c.secret).length;
  const busy = apply.isPending;
  const blocked = theirs !== null || editor.readOnly !== null;

  return (
    <Card title={`Review changes (${changes.length})`} className="border-teal-300 dark:border-teal-800">
      <div className="space-y-4" data-testid="config-review">
        {theirs && <Conflict theirs={theirs} mine={changes} editor={editor} />}
        <table className="w-full text-left text-sm" aria-label="Changes to write">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Key</th>
              <th className="py-1 pr-3 font-medium">Now</th>
              <th className="py-1 pr-3 font-medium">After the write</th>
              <th className="py-1 pr-3 font-medium">Applies</th>
              <th className="py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c, i) => {
              const old = getIn(editor.draft.base, c.path);
              const rowIssues = issues.get(c.id) ?? [];
              return (
                <tr key={c.id} data-change={c.id} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                  <td className="py-2 pr-3 font-mono text-xs">
                    <button type="button" className="underline decoration-dotted" onClick={() => onOpen(c.id)}>
                      {c.id}
                    </button>
                    {rowIssues.length > 0 && (
                      <ul role="alert" className="mt-1 font-sans text-xs text-red-800 dark:text-red-300">
                        {rowIssues.map((m, j) => (
                          <li key={j}>{m}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="max-w-48 truncate py-2 pr-3 font-mono text-xs text-zinc-600 dark:text-zinc-400">
                    {c.secret ? 'secret' : old.found ? showValue(old.value) : '(not set)'}
                  </td>
                  <td className="max-w-64 truncate py-2 pr-3 font-mono text-xs">
                    {c.op === 'delete' ? (
                      <Badge tone="bad">removed</Badge>
                    ) : c.secret ? (
                      <Badge tone="warn">replaced</Badge>
                    ) : (
                      showValue(c.value)
                    )}
                  </td>
                  <td className="py-2 pr-3">
                    <ReloadBadge kind={reloadOf(i)} known={!kinds[i]?.isPending} />
                  </td>
                  <td className="py-2 text-right">
                    <Button variant="ghost" onClick={() => editor.unstageChange(c.id)} disabled={busy}>
                      Undo<span className="sr-only"> {c.id}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {secretsKept > 0 && (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {secretsKept === 1 ? '1 secret' : `${secretsKept} secrets`} in the file: unchanged (not sent).
          </p>
        )}
        <Problem editor={editor} unplaced={issues.get('') ?? []} />
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Only these keys are sent (<code className="font-mono">config.patch</code>), guarded by the revision you
          started from; if someone else wrote meanwhile, the gateway refuses and nothing is overwritten.
          {needsRestart &&
            (mode === 'off'
              ? ' Reload mode is "off": restart-kind keys wait for a restart.'
              : ' The gateway restarts by itself for restart-kind keys (reload mode "hybrid").')}
          {unreported && ' This gateway does not report reload kinds: it decides after the write and may restart.'}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="primary"
            disabled={busy || blocked || changes.length === 0}
            // Unreported (2026.3.x): no restart to follow unless the gateway restarts by itself, which the session handles.
            onClick={() => apply.mutate({ restartAfter: needsRestart })}
          >
            {busy ? 'Writing…' : needsRestart ? 'Apply and restart' : 'Apply'}
          </Button>
          {needsRestart && mode === 'off' && (
            <Button disabled={busy || blocked} onClick={() => apply.mutate({ restartAfter: false })}>
              Apply without restarting
            </Button>
          )}
          <Button variant="ghost" disabled={busy} onClick={editor.discard}>
            Discard all
          </Button>
        </div>
      </div>
    </Card>
  );
}

function Problem({ editor, unplaced }: { editor: ConfigEditor; unplaced: string[] }) {
  const p = editor.problem;
  if (!p || p.kind === 'stale') return null;
  const text =
    p.kind === 'invalid'
      ? 'The gateway refused the change: the config would not validate. Nothing was written; your input is kept. Fix the keys marked above.'
      : p.kind === 'readonly'
        ? 'The gateway treats its config file as read-only: nothing was written.'
        : p.kind === 'outcome-unknown'
          ? 'The connection dropped before the gateway answered, so the write may or may not have happened.'
          : 'The gateway refused the write. Nothing was written; your changes are kept.';
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <p className="font-medium">{text}</p>
      {p.kind !== 'invalid' && <p className="mt-1 font-mono text-xs break-words">{p.message}</p>}
      {unplaced.length > 0 && (
        <ul className="mt-1 list-disc pl-5 text-xs">
          {unplaced.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Conflict({ theirs, mine, editor }: { theirs: Change[]; mine: Change[]; editor: ConfigEditor }) {
  return (
    <div
      role="alert"
      data-testid="config-conflict"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="font-medium">Someone else changed the config while you were editing.</p>
      <p className="mt-1">Nothing of yours was written and nothing of theirs will be overwritten. Their changes:</p>
      <ul className="mt-2 space-y-1" aria-label="Changed elsewhere">
        {theirs.length === 0 && <li>The file was rewritten with the same values (a new revision only).</li>}
        {theirs.map((t) => {
          const clash = mine.some((m) => overlaps(m.id, t.id));
          return (
            <li key={t.id} className="font-mono text-xs">
              {t.id}: {t.op === 'delete' ? 'removed' : t.secret ? 'secret replaced' : `now ${showValue(t.value)}`}
              {clash && (
                <span className="ml-2 font-sans font-medium">
                  (you change this too: re-applying puts your value over theirs)
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="primary" onClick={editor.reapply}>
          Re-apply my changes on top
        </Button>
        <Button variant="ghost" onClick={editor.discard}>
          Discard my changes
        </Button>
      </div>
    </div>
  );
}
