import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCan, useGateway, useGranted, useSession } from '../../lib/gateway-context';
import {
  helloRevisionState,
  revisionState,
  shortHash,
  type ConfigIssue,
  type ConfigSnapshot,
} from '../../lib/config-tree';
import { Link } from '../../lib/router';
import { configQueries } from '../../queries/config';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ErrorPanel, NotConnected, RefreshButton, Skeleton } from '../../ui/states';
import { CopyButton } from '../../ui/copy-button';
import { ConfigTreeView } from './config-tree-view';
import { EditArea } from './edit/edit-area';
import { useConfigEditor, type ConfigEditor } from './edit/use-config-editor';

export function ConfigPage() {
  const gw = useGateway();
  const status = useSession((s) => s.status);
  const hasHello = useSession((s) => s.hello !== null);
  const canRead = useCan('operator.read');
  const config = useQuery({ ...configQueries.get(gw), enabled: status === 'ready' && canRead });
  useFollowWithoutEvents();

  let body;
  if (!hasHello && !config.data) body = <NotConnected status={status} what="The config is" />;
  else if (!canRead) body = <NoReadScope />;
  else if (config.isPending) body = <Skeleton rows={8} />;
  else if (config.isError)
    body = <ErrorPanel error={config.error} what="read the config" onRetry={() => void config.refetch()} />;
  else body = <ConfigView snapshot={config.data} />;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Config</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            The gateway's configuration as it reports it (secrets arrive redacted). Edit any key; every write is shown
            as a diff first and guarded against concurrent changes. Refreshes when the config changes.
          </p>
        </div>
        {canRead && config.data && (
          <div className="flex items-center gap-3">
            <span className="flex items-center gap-2 text-xs text-zinc-500" data-testid="config-loaded-at">
              {status !== 'ready' && (
                <Badge tone="warn">
                  {status === 'reconnecting' ? 'reconnecting' : 'not connected'}: may be out of date
                </Badge>
              )}
              loaded {new Date(config.dataUpdatedAt).toLocaleTimeString()}
            </span>
            <RefreshButton query={config} ready={status === 'ready'} />
          </div>
        )}
      </div>
      {body}
    </div>
  );
}

function NoReadScope() {
  const granted = useGranted();
  return (
    <div
      role="status"
      data-testid="config-no-scope"
      className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="font-medium">
        This session cannot read the config: it lacks <code className="font-mono">operator.read</code>.
      </p>
      <p className="mt-1">
        <code className="font-mono">config.get</code> needs only operator.read (secrets come back redacted either way);
        the gateway refuses it with “missing scope: operator.read” otherwise. Granted now:{' '}
        {granted.length === 0 ? 'no scopes at all' : granted.join(', ')}.
      </p>
      <p className="mt-2">
        <Link to="/" className="font-medium underline">
          Open the Session page
        </Link>{' '}
        to see why, and pair this browser to get operator.read.
      </p>
    </div>
  );
}

/**
 * 2026.3.x sends no config.changed, so a change made elsewhere would not show: re-read on the
 * gateway's own tick (every 30 s) while this page is open. One small call, no polling loop of our own.
 */
function useFollowWithoutEvents() {
  const gw = useGateway();
  const qc = useQueryClient();
  const legacy = useSession((s) => (s.hello ? s.hello.protocol < 4 : false));
  useEffect(() => {
    if (!legacy) return;
    return gw.onEvent((e) => {
      if (e.event === 'tick') void qc.invalidateQueries({ queryKey: configQueries.get(gw).queryKey });
    });
  }, [gw, qc, legacy]);
}

function ConfigView({ snapshot }: { snapshot: ConfigSnapshot }) {
  const editor = useConfigEditor(snapshot);
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-5">
        <FileCard snapshot={snapshot} />
        <RevisionsCard snapshot={snapshot} editor={editor} />
      </div>
      <ProblemsCard snapshot={snapshot} />
      <EditArea
        snapshot={snapshot}
        editor={editor}
        tree={(edit) => <ConfigTreeView snapshot={snapshot} edit={edit} />}
      />
    </div>
  );
}

function FileCard({ snapshot: s }: { snapshot: ConfigSnapshot }) {
  return (
    <Card title="Config file" className="lg:col-span-2">
      <div className="flex items-start gap-2">
        <code className="min-w-0 flex-1 break-all font-mono text-sm" data-testid="config-path">
          {s.path ?? 'not reported'}
        </code>
        {s.path && (
          <CopyButton
            text={s.path}
            label="Copy"
            what={`config file path ${s.path}`}
            className="border border-zinc-300 dark:border-zinc-700"
          />
        )}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        {s.exists === true && <Badge tone="good">on disk</Badge>}
        {s.exists === false && (
          <Badge tone="warn" title="The gateway runs on built-in defaults; the first config write creates the file.">
            not on disk
          </Badge>
        )}
        {s.valid === true && <Badge tone="good">valid</Badge>}
        {s.valid === false && <Badge tone="bad">invalid</Badge>}
        {s.valid === null && <Badge>validity not reported</Badge>}
      </div>
      {s.exists === false && (
        <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
          No file yet: the gateway runs on built-in defaults, and the first config write creates it.
        </p>
      )}
      {s.includedPaths.length > 0 && (
        <div className="mt-3">
          <p className="text-xs font-medium text-zinc-500">Included files</p>
          <ul className="mt-1 space-y-0.5">
            {s.includedPaths.map((p) => (
              <li key={p} className="break-all font-mono text-xs">
                {p}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function HashCell({ label, hash, help, testId }: { label: string; hash: string | null; help: string; testId: string }) {
  return (
    <div className="min-w-0 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</div>
      <div className="mt-1 flex items-center gap-1">
        {hash ? (
          <>
            <code className="truncate font-mono text-sm" title={hash}>
              {shortHash(hash)}
            </code>
            <CopyButton text={hash} label="Copy" what={`${label} revision ${hash}`} />
          </>
        ) : (
          <span className="text-sm text-zinc-500 dark:text-zinc-400">not reported</span>
        )}
      </div>
      <p className="mt-1 text-xs text-zinc-500">{help}</p>
    </div>
  );
}

function RevisionsCard({ snapshot: s, editor }: { snapshot: ConfigSnapshot; editor: ConfigEditor }) {
  const canAdmin = useCan('operator.admin');
  const helloApplied = useSession((x) => x.hello?.appliedConfigHash);
  const state = revisionState(s);
  const sinceConnect = helloRevisionState(s.appliedConfigHash, helloApplied);
  const badge =
    state.kind === 'in-sync' ? (
      <Badge tone="good">applied: in sync</Badge>
    ) : state.kind === 'restart-pending' ? (
      <Badge tone="warn">restart pending</Badge>
    ) : state.kind === 'invalid' ? (
      <Badge tone="bad">saved config invalid</Badge>
    ) : (
      <Badge>{state.why === 'no-applied' ? 'applied revision not reported' : 'resolved revision not reported'}</Badge>
    );
  return (
    <Card title="Revisions" actions={<span data-testid="revision-state">{badge}</span>} className="lg:col-span-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <HashCell
          label="Authored"
          hash={s.hash}
          help="hash: the file as written; config writes must quote it."
          testId="rev-authored"
        />
        <HashCell
          label="Resolved"
          hash={s.configRevisionHash}
          help="configRevisionHash: after includes and env substitution."
          testId="rev-resolved"
        />
        <HashCell
          label="Applied"
          hash={s.appliedConfigHash}
          help="appliedConfigHash: what the running gateway uses."
          testId="rev-applied"
        />
      </div>
      {state.kind === 'restart-pending' && (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100">
          The saved config resolves to revision{' '}
          <code className="font-mono">{shortHash(s.configRevisionHash ?? '')}</code>, but the running gateway still
          applies <code className="font-mono">{shortHash(s.appliedConfigHash ?? '')}</code>. Hot-reloadable settings
          normally apply within seconds, so a lasting difference means the change needs a gateway restart (for example{' '}
          <code className="font-mono">openclaw gateway restart</code>).
          {canAdmin && !editor.restart && (
            <Button
              className="mt-2 block"
              onClick={() => editor.restartNow.mutate()}
              disabled={editor.restartNow.isPending}
            >
              {editor.restartNow.isPending ? 'Requesting…' : 'Restart the gateway now'}
            </Button>
          )}
          {editor.restartNow.isError && (
            <span role="alert" className="mt-1 block font-mono text-xs">
              The restart request failed: {editor.restartNow.error.message}
            </span>
          )}
        </p>
      )}
      {state.kind === 'invalid' && (
        <p className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100">
          The saved config does not validate (see the issues below), so it has no resolved revision. The gateway keeps
          running the revision it applied last; fix the issues before the next restart.
        </p>
      )}
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400" data-testid="hello-applied">
        When this session connected, hello-ok reported applied revision{' '}
        {helloApplied ? (
          <code className="font-mono" title={helloApplied}>
            {shortHash(helloApplied)}
          </code>
        ) : (
          'none'
        )}
        {sinceConnect === 'same' && ': unchanged since.'}
        {sinceConnect === 'changed' && ': the gateway has applied a newer revision since (a hot reload or restart).'}
        {sinceConnect === 'unknown' && '.'}
      </p>
    </Card>
  );
}

function IssueList({
  title,
  items,
  empty,
  tone,
}: {
  title: string;
  items: ConfigIssue[];
  empty: string;
  tone: 'bad' | 'warn';
}) {
  return (
    <div className="min-w-0">
      <h3 className="mb-2 flex items-center gap-2 text-sm font-semibold">
        {title}
        <Badge tone={items.length > 0 ? tone : 'good'}>{items.length}</Badge>
      </h3>
      {items.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-2 text-sm text-zinc-500 dark:border-zinc-700">
          {empty}
        </p>
      ) : (
        <ul className="space-y-1.5" aria-label={title}>
          {items.map((it, i) => (
            <li key={i} className="rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
              {it.path && <code className="mr-2 font-mono text-xs font-medium">{it.path}</code>}
              <span className="break-words">{it.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProblemsCard({ snapshot: s }: { snapshot: ConfigSnapshot }) {
  return (
    <Card title="Validation">
      <div className={`grid gap-6 ${s.legacyIssues.length > 0 ? 'md:grid-cols-3' : 'md:grid-cols-2'}`}>
        <IssueList title="Issues" items={s.issues} empty="No issues: the config validates." tone="bad" />
        <IssueList title="Warnings" items={s.warnings} empty="No warnings." tone="warn" />
        {s.legacyIssues.length > 0 && <IssueList title="Legacy settings" items={s.legacyIssues} empty="" tone="warn" />}
      </div>
    </Card>
  );
}
