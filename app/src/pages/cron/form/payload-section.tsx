import { useId } from 'react';
import type { PayloadKind } from '../form-model';
import { payloadsFor } from '../form-model-rules';
import { Check, FieldMessage, Section, Segmented, TextArea, TextField, toTri, triChecked } from './fields';
import type { JobFormState } from './use-job-form';

const KIND_LABEL: Record<Exclude<PayloadKind, 'other'>, string> = {
  systemEvent: 'System event',
  agentTurn: 'Agent turn',
  command: 'Command',
  script: 'Script',
};

/** What runs: every payload kind, with the kinds the chosen session target refuses marked before saving. */
export function PayloadSection({ f }: { f: JobFormState }) {
  const { draft, set, errors, caps } = f;
  const id = useId();
  const allowed = payloadsFor(draft.targetKind);
  const kinds = caps.payloadKinds.filter((k): k is Exclude<PayloadKind, 'other'> => k !== 'other');
  return (
    <Section title="What runs">
      <Segmented
        legend="Payload"
        value={draft.payloadKind}
        onChange={(v) => set('payloadKind', v)}
        options={[
          ...kinds.map((k) => ({
            value: k as PayloadKind,
            label: allowed.includes(k) ? KIND_LABEL[k] : `${KIND_LABEL[k]} (not for ${draft.targetKind})`,
          })),
          ...(draft.keptPayload
            ? [{ value: 'other' as const, label: `${String(draft.keptPayload.kind)} (kept)` }]
            : []),
        ]}
        help={`${draft.targetKind === 'main' ? 'The main session' : `This ${draft.targetKind} target`} takes ${allowed.map((k) => KIND_LABEL[k as keyof typeof KIND_LABEL]).join(', ')}.`}
      />
      <div className="mt-4 space-y-4">
        {draft.payloadKind === 'systemEvent' && (
          <TextArea
            id={`${id}-text`}
            label="Event text"
            required
            value={draft.text}
            onChange={(v) => set('text', v)}
            error={errors.payload}
            help="Queued into the main session as a system event."
          />
        )}
        {draft.payloadKind === 'agentTurn' && <AgentTurnFields f={f} />}
        {draft.payloadKind === 'command' && <CommandFields f={f} />}
        {draft.payloadKind === 'script' && (
          <>
            <TextArea
              id={`${id}-script`}
              label="Script"
              required
              mono
              rows={8}
              value={draft.script}
              onChange={(v) => set('script', v)}
              error={errors.payload}
              help="Runs in the gateway’s script sandbox with the tools allowed below."
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <Timeout f={f} />
              <TextField
                id={`${id}-budget`}
                label="Tool budget"
                type="number"
                value={draft.toolBudget}
                onChange={(v) => set('toolBudget', v)}
                placeholder="50 (gateway default)"
                help="Most tool calls one run may make."
              />
            </div>
          </>
        )}
        {draft.payloadKind === 'other' && (
          <div>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              A <strong>{String(draft.keptPayload?.kind)}</strong> payload belongs to the gateway; it is kept as it is.
            </p>
            <FieldMessage id={`${id}-other`} error={errors.payload} />
          </div>
        )}
        {draft.payloadKind !== 'other' && !caps.legacy && (
          <TextField
            id={`${id}-tools`}
            label="Tool allowlist"
            mono
            value={draft.toolsAllow}
            onChange={(v) => set('toolsAllow', v)}
            placeholder="gateway default (*)"
            help="Tool names, comma separated; * allows every tool."
          />
        )}
      </div>
    </Section>
  );
}

function Timeout({ f }: { f: JobFormState }) {
  const id = useId();
  return (
    <TextField
      id={id}
      label="Timeout (seconds)"
      type="number"
      value={f.draft.timeoutSeconds}
      onChange={(v) => f.set('timeoutSeconds', v)}
      placeholder="default"
      help="0 removes the wall-clock limit."
    />
  );
}

function AgentTurnFields({ f }: { f: JobFormState }) {
  const { draft, set, errors, options } = f;
  const id = useId();
  const agent = options.agents.find((a) => a.id === (draft.agentId || options.defaultAgentId));
  return (
    <>
      <TextArea
        id={`${id}-msg`}
        label="Message"
        required
        value={draft.message}
        onChange={(v) => set('message', v)}
        error={errors.payload}
        help="The prompt for a model-backed agent turn."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-model`}
          label="Model"
          mono
          value={draft.model}
          onChange={(v) => set('model', v)}
          placeholder="agent default"
          list={options.models}
          help={
            options.models.length ? 'From the gateway’s model list, or any provider/model ref.' : 'e.g. openai/gpt-5.'
          }
        />
        <TextField
          id={`${id}-think`}
          label="Thinking level"
          mono
          value={draft.thinking}
          onChange={(v) => set('thinking', v)}
          placeholder="agent default"
          list={agent?.thinking}
        />
        <div>
          <TextField
            id={`${id}-fallbacks`}
            label="Fallback models"
            mono
            value={draft.fallbacks}
            onChange={(v) => {
              set('fallbacks', v);
              if (v.trim()) set('fallbacksSet', true);
            }}
            placeholder={draft.fallbacksSet ? 'none: the run is strict' : 'configured fallbacks'}
            help="Comma separated; replaces the configured list."
          />
          <div className="mt-2">
            <Check
              label="Set fallbacks for this job"
              checked={draft.fallbacksSet}
              onChange={(on) => set('fallbacksSet', on)}
              help="Checked with an empty list: no fallbacks at all (strict)."
            />
          </div>
        </div>
        <Timeout f={f} />
      </div>
      <Check
        label="Light context"
        checked={triChecked(draft.lightContext)}
        onChange={(on) => set('lightContext', toTri(on))}
        help="Start the turn with a lighter bootstrap context."
      />
    </>
  );
}

function CommandFields({ f }: { f: JobFormState }) {
  const { draft, set, errors } = f;
  const id = useId();
  return (
    <>
      <Segmented
        legend="Command as"
        value={draft.commandMode}
        onChange={(v) => set('commandMode', v)}
        options={[
          { value: 'shell', label: 'Shell line' },
          { value: 'argv', label: 'Exact arguments' },
        ]}
      />
      {draft.commandMode === 'shell' ? (
        <TextField
          id={`${id}-shell`}
          label="Shell line"
          required
          mono
          value={draft.commandShell}
          onChange={(v) => set('commandShell', v)}
          error={errors.payload}
          placeholder="./scripts/report.sh --daily"
          help="Stored as sh -lc <line>, like the CLI’s --command."
        />
      ) : (
        <TextArea
          id={`${id}-argv`}
          label="Arguments (one per line)"
          required
          mono
          value={draft.commandArgv}
          onChange={(v) => set('commandArgv', v)}
          error={errors.payload}
          placeholder={'node\nscripts/report.mjs'}
          help="Run exactly, without a shell (the CLI’s --command-argv)."
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-cwd`}
          label="Working directory"
          mono
          value={draft.commandCwd}
          onChange={(v) => set('commandCwd', v)}
          placeholder="gateway default"
        />
        <TextField
          id={`${id}-cap`}
          label="Output cap (bytes)"
          type="number"
          value={draft.outputMaxBytes}
          onChange={(v) => set('outputMaxBytes', v)}
          placeholder="default"
        />
        <Timeout f={f} />
        <TextField
          id={`${id}-quiet`}
          label="No-output timeout (seconds)"
          type="number"
          value={draft.noOutputTimeoutSeconds}
          onChange={(v) => set('noOutputTimeoutSeconds', v)}
          placeholder="default"
          help="Stop the command after this long without output."
        />
      </div>
      <TextArea
        id={`${id}-env`}
        label="Environment"
        mono
        value={draft.commandEnv}
        onChange={(v) => set('commandEnv', v)}
        placeholder="NAME=value"
        help="One NAME=value per line, added to the command’s environment."
      />
      <TextArea
        id={`${id}-input`}
        label="Standard input"
        mono
        value={draft.commandInput}
        onChange={(v) => set('commandInput', v)}
        help="Written to the command’s stdin."
      />
    </>
  );
}
