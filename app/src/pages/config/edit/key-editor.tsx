import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useGateway } from '../../../lib/gateway-context';
import { REDACTED, type ConfigSnapshot } from '../../../lib/config-tree';
import { configQueries } from '../../../queries/config';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { getIn, includedFrom, issuesByChange, parsePath } from './draft';
import { controlFor, inputText, parseInput, readKeyInfo, type Control, type KeyInfo } from './schema-control';
import type { ConfigEditor } from './use-config-editor';
import { ReloadBadge, showValue } from './values';

const field =
  'w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950';

/** One key: its schema's help, default and reload kind, and a control that fits its type. */
export function KeyEditor({
  id,
  snapshot,
  editor,
  canWrite,
  onOpen,
  onClose,
}: {
  id: string;
  snapshot: ConfigSnapshot;
  editor: ConfigEditor;
  /** Null when writing is allowed, else why not. */
  canWrite: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const gw = useGateway();
  const path = parsePath(id);
  // The schema addresses list items as one node: look up `a.b` for `a.b[3]`.
  const lookupPath = id.replace(/\[\d+\]/g, '.*').replace(/^\.|\.\*$/g, '');
  const lookup = useQuery({ ...configQueries.lookup(gw, lookupPath), enabled: path !== null });
  const info = readKeyInfo(lookup.data);
  const inFile = path ? getIn(editor.draft.base, path) : { found: false, value: undefined };
  const effective = path ? getIn(snapshot.effective, path) : { found: false, value: undefined };
  const staged = editor.changes.find((c) => c.id === id);
  const secret = info.sensitive || inFile.value === REDACTED;
  const control = controlFor({ schema: info.schema, sensitive: secret }, inFile.found ? inFile.value : effective.value);
  const included = path ? includedFrom(snapshot.parsed, path) : null;
  const blocked = canWrite ?? (included ? `It lives in an included file (${included}): change it there.` : null);
  const issues =
    editor.problem?.kind === 'invalid' ? (issuesByChange(editor.problem.issues, editor.changes).get(id) ?? []) : [];

  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [id]);

  if (!path) {
    return (
      <Card title="Edit a key">
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          “{id}” is not a config path. Write it with dots, e.g. <code className="font-mono">gateway.bind</code>.
        </p>
        <Button className="mt-3" onClick={onClose}>
          Close
        </Button>
      </Card>
    );
  }
  const missing = !inFile.found && !staged;
  const addable = info.children.filter((c) => !getIn(editor.draft.base, [...path, c.key]).found);

  return (
    <Card
      title={
        <span ref={headingRef} tabIndex={-1} className="outline-none">
          Edit {info.label ?? path.at(-1)}
        </span>
      }
      actions={
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      <div className="space-y-3" data-testid="key-editor" data-path={id}>
        <div className="flex flex-wrap items-center gap-2">
          <code className="font-mono text-sm font-medium">{id}</code>
          <ReloadBadge kind={info.reloadKind} known={!lookup.isPending} />
          {secret && <Badge tone="warn">secret</Badge>}
          {missing && <Badge>not in the file</Badge>}
        </div>
        {info.help && <p className="text-sm text-zinc-700 dark:text-zinc-300">{info.help}</p>}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-zinc-500">In the file</dt>
          <dd className="font-mono">{inFile.found ? showValue(inFile.value) : '(not set)'}</dd>
          {!inFile.found && effective.found && (
            <>
              <dt className="text-zinc-500">In effect</dt>
              <dd className="font-mono">{showValue(effective.value)}</dd>
            </>
          )}
          {info.defaultValue.has && (
            <>
              <dt className="text-zinc-500">Default</dt>
              <dd className="font-mono">{showValue(info.defaultValue.value)}</dd>
            </>
          )}
        </dl>
        {lookup.isError && (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            The gateway's schema has no entry for this path; the control follows the current value, and the gateway
            validates what you write.
          </p>
        )}
        {blocked ? (
          <p
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
          >
            Cannot change this key here. {blocked}
          </p>
        ) : (
          <ValueForm
            // A new revision (after a write) starts the form afresh: a typed secret is never shown again.
            key={`${id}:${control.kind}:${editor.draft.baseHash}`}
            control={control}
            info={info}
            label={info.label ?? id}
            start={staged ? staged.value : inFile.found ? inFile.value : effective.value}
            present={staged ? staged.op === 'set' : inFile.found || effective.found}
            secret={secret}
            issues={issues}
            canRemove={inFile.found && staged?.op !== 'delete'}
            onStage={(value) => editor.stageChange({ path, op: 'set', value, secret })}
            onRemove={() => editor.stageChange({ path, op: 'delete', secret })}
          />
        )}
        {addable.length > 0 && (
          <div>
            <p className="text-xs font-medium text-zinc-500">Keys the schema allows here that the file does not set</p>
            <ul className="mt-1 flex flex-wrap gap-1.5">
              {addable.slice(0, 40).map((c) => (
                <li key={c.path}>
                  <button
                    type="button"
                    onClick={() => onOpen(c.path)}
                    className="rounded border border-zinc-300 px-2 py-0.5 font-mono text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    + {c.key}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}

function ValueForm({
  control,
  info,
  label,
  start,
  present,
  secret,
  issues,
  canRemove,
  onStage,
  onRemove,
}: {
  control: Control;
  info: KeyInfo;
  label: string;
  start: unknown;
  present: boolean;
  secret: boolean;
  issues: string[];
  canRemove: boolean;
  onStage: (value: unknown) => void;
  onRemove: () => void;
}) {
  const inputId = useId();
  const errorId = useId();
  const [input, setInput] = useState(() =>
    control.kind === 'boolean' ? String(start === true) : inputText(control, start, present && start !== REDACTED),
  );
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const parsed = parseInput(control, input);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    onStage(parsed.value);
  };
  const messages = [...(error ? [error] : []), ...issues];
  const described = messages.length > 0 ? errorId : undefined;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={inputId} className="block text-sm font-medium">
        {secret ? `New value for ${label}` : control.kind === 'boolean' ? label : `Value of ${label}`}
      </label>
      {control.kind === 'boolean' ? (
        <select id={inputId} value={input} onChange={(e) => setInput(e.target.value)} className={field}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : control.kind === 'enum' ? (
        <select
          id={inputId}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          aria-describedby={described}
          className={field}
        >
          {!control.options.some((o) => String(o) === input) && <option value={input}>(choose)</option>}
          {control.options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      ) : control.kind === 'string-list' || control.kind === 'json' ? (
        <textarea
          id={inputId}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          rows={control.kind === 'json' ? 8 : 4}
          spellCheck={false}
          aria-describedby={described}
          aria-invalid={messages.length > 0}
          className={field}
        />
      ) : (
        <input
          id={inputId}
          type={secret ? 'password' : control.kind === 'number' ? 'number' : 'text'}
          autoComplete={secret ? 'new-password' : 'off'}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          min={control.kind === 'number' ? control.min : undefined}
          max={control.kind === 'number' ? control.max : undefined}
          step={control.kind === 'number' && !control.integer ? 'any' : undefined}
          placeholder={secret ? 'Type a new value to replace the secret' : (info.placeholder ?? undefined)}
          aria-describedby={described}
          aria-invalid={messages.length > 0}
          className={field}
        />
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {secret
          ? 'The current value never reaches this browser and is kept unless you type a new one.'
          : control.kind === 'string-list'
            ? 'One entry per line.'
            : control.kind === 'json'
              ? 'JSON5: comments, unquoted keys and trailing commas are fine.'
              : control.kind === 'string' && control.alsoRef
                ? 'Text; a SecretRef object can be written with the raw editor.'
                : null}
      </p>
      {messages.length > 0 && (
        <ul id={errorId} role="alert" className="space-y-0.5 text-sm text-red-800 dark:text-red-300">
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" type="submit">
          {secret ? 'Replace secret' : 'Stage change'}
        </Button>
        {canRemove && (
          <Button variant="ghost" onClick={onRemove}>
            Remove from file
          </Button>
        )}
      </div>
    </form>
  );
}
