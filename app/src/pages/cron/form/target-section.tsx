import { useId } from 'react';
import type { TargetKind } from '../form-model';
import { targetHelp } from '../form-model-rules';
import { Check, Section, Segmented, SelectField, TextField, toTri, triChecked } from './fields';
import type { JobFormState } from './use-job-form';

const TARGET_LABEL: Record<TargetKind, string> = {
  main: 'main',
  isolated: 'isolated',
  current: 'current (with a session key)',
  session: 'session:<key>',
};

/** Name and description, and who runs it where: agent, session target and key, wake mode, clean-up. */
export function BasicsSection({ f }: { f: JobFormState }) {
  const { draft, set, errors, caps } = f;
  const id = useId();
  return (
    <Section title="Basics">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id={`${id}-name`}
          label="Name"
          required
          value={draft.name}
          onChange={(v) => set('name', v)}
          error={errors.name}
          placeholder="nightly-report"
        />
        {!caps.legacy && (
          <TextField
            id={`${id}-display`}
            label="Display name"
            value={draft.displayName}
            onChange={(v) => set('displayName', v)}
            placeholder="Optional label for lists"
          />
        )}
        <TextField
          id={`${id}-desc`}
          label="Description"
          value={draft.description}
          onChange={(v) => set('description', v)}
          placeholder="Optional"
        />
      </div>
      <div className="mt-4">
        <Check
          label="Enabled"
          checked={draft.enabled}
          onChange={(on) => set('enabled', on)}
          help="A disabled job keeps its schedule but does not run."
        />
      </div>
    </Section>
  );
}

export function TargetSection({ f }: { f: JobFormState }) {
  const { draft, set, errors, caps, options } = f;
  const id = useId();
  const targets = caps.targets.includes(draft.targetKind) ? caps.targets : [...caps.targets, draft.targetKind];
  const agentIds = options.agents.map((a) => a.id);
  const once = draft.scheduleKind === 'at';
  return (
    <Section title="Where and who">
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-4">
          <TextField
            id={`${id}-agent`}
            label="Agent"
            mono
            value={draft.agentId}
            onChange={(v) => set('agentId', v)}
            error={errors.agentId}
            placeholder={`default (${options.defaultAgentId})`}
            list={agentIds}
            help={
              agentIds.length
                ? `This gateway’s agents: ${agentIds.join(', ')}.`
                : 'Empty runs the job on the default agent.'
            }
          />
          <SelectField<TargetKind>
            id={`${id}-target`}
            label="Session target"
            value={draft.targetKind}
            onChange={(v) => set('targetKind', v)}
            options={targets.map((t) => ({ value: t, label: TARGET_LABEL[t] }))}
            error={errors.sessionTarget}
            help={targetHelp(draft.targetKind)}
          />
          {draft.targetKind === 'session' && (
            <TextField
              id={`${id}-target-key`}
              label="Target session"
              mono
              required
              value={draft.targetSession}
              onChange={(v) => set('targetSession', v)}
              error={errors.sessionTarget}
              placeholder="daily-brief"
              help="Stored as session:<key>; the session persists between runs."
            />
          )}
          {!caps.legacy && (
            <TextField
              id={`${id}-key`}
              label="Session key"
              mono
              required={draft.targetKind === 'current'}
              value={draft.sessionKey}
              onChange={(v) => set('sessionKey', v)}
              error={errors.sessionKey}
              placeholder="agent:main:main"
              help={
                draft.targetKind === 'current'
                  ? 'The session “current” binds to (required: without it the gateway stores “isolated”).'
                  : 'Optional: the session whose routes delivery uses (e.g. for channel “last”).'
              }
            />
          )}
        </div>
        <div className="space-y-4">
          <Segmented
            legend="Wake mode"
            value={draft.wakeMode}
            onChange={(v) => set('wakeMode', v)}
            options={[
              { value: 'now', label: 'Now' },
              { value: 'next-heartbeat', label: 'Next heartbeat' },
            ]}
            help="“Now” wakes the agent at once; “next heartbeat” waits for the next heartbeat turn."
            error={errors.wakeMode}
          />
          {once ? (
            <Check
              label="Delete the job after a successful run"
              checked={triChecked(draft.deleteAfterRun, true)}
              onChange={(on) => set('deleteAfterRun', toTri(on))}
              help="The gateway deletes a once job after it succeeds unless you clear this (the CLI’s --keep-after-run)."
            />
          ) : (
            draft.deleteAfterRun === 'true' && (
              <Check
                label="Delete the job after a successful run"
                checked
                onChange={(on) => set('deleteAfterRun', toTri(on))}
              />
            )
          )}
        </div>
      </div>
    </Section>
  );
}
