import { useId } from 'react';
import { Check, FieldMessage, Section, TextArea, TextField, toTri, triChecked } from './fields';
import type { JobFormState } from './use-job-form';

/** When a due run actually fires: a trigger script that must say yes, and pacing bounds on the cadence. */
export function ConditionsSection({ f }: { f: JobFormState }) {
  const { draft, set, errors } = f;
  const id = useId();
  return (
    <Section
      title="Conditions"
      note="Optional. A trigger script is evaluated at each due time and the run fires only when it says so; pacing bounds how often a dynamic cadence may run."
    >
      <TextArea
        id={`${id}-trigger`}
        label="Trigger script"
        mono
        rows={5}
        value={draft.triggerScript}
        onChange={(v) => set('triggerScript', v)}
        placeholder="return (await fetch('https://status.example.com')).status !== 200;"
      />
      <div className="mt-3">
        <Check
          label="Fire once, then stop evaluating"
          checked={triChecked(draft.triggerOnce)}
          onChange={(on) => set('triggerOnce', toTri(on))}
        />
      </div>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-min`}
          label="Pacing: shortest gap"
          mono
          value={draft.pacingMin}
          onChange={(v) => set('pacingMin', v)}
          placeholder="5m"
        />
        <TextField
          id={`${id}-max`}
          label="Pacing: longest gap"
          mono
          value={draft.pacingMax}
          onChange={(v) => set('pacingMax', v)}
          placeholder="1h"
        />
      </div>
      <FieldMessage id={`${id}-msg`} error={errors.conditions} />
    </Section>
  );
}
