import { useId, useState } from 'react';
import { formatValidationErrors, validateCronAddParams } from '@openclaw/gateway-protocol';
import { Button } from '../../../ui/button';
import { draftFromJob } from '../form-model';
import { buildJobInput } from '../form-model-build';
import { FieldMessage, Section } from './fields';
import type { JobFormState } from './use-job-form';

/**
 * The whole job as JSON, for whatever has no dedicated control (owner, declaration key, tool flags…).
 * Applying it checks it against the package's own cron.add schema first, then reads it back into the
 * form, so the save still sends only what changed. Loaded on demand: the schema validator is heavy.
 */
export default function AdvancedSection({ f }: { f: JobFormState }) {
  const id = useId();
  const shown = JSON.stringify(buildJobInput(f.draft, f.now), null, 2);
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const editing = text !== null && text !== shown;

  function apply() {
    if (text === null) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setProblem(`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    // 2026.3.x has a smaller schema; the package's validator is protocol 4's, so the gateway judges there.
    if (!f.caps.legacy && !validateCronAddParams(parsed)) {
      setProblem(`Not a valid job: ${formatValidationErrors(validateCronAddParams.errors)}`);
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setProblem('The job must be a JSON object.');
      return;
    }
    const next = draftFromJob(parsed as Record<string, unknown>, f.browserTz);
    f.setDraft(next);
    setText(null);
    setProblem(null);
  }

  return (
    <Section
      title="Advanced: the job as JSON"
      note="Everything the gateway stores for this job, including fields without a control above. Edit, then apply to the form; nothing is sent until you save."
    >
      <label htmlFor={`${id}-json`} className="mb-1 block text-sm font-medium">
        Job JSON (cron.add params)
      </label>
      <textarea
        id={`${id}-json`}
        rows={Math.min(30, shown.split('\n').length + 1)}
        value={text ?? shown}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
        spellCheck={false}
        aria-invalid={Boolean(problem)}
        aria-describedby={`${id}-msg`}
        className="w-full resize-y rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-900 aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
      />
      <FieldMessage
        id={`${id}-msg`}
        error={problem ?? undefined}
        help={
          f.caps.legacy
            ? 'This gateway (protocol 3) checks the JSON itself when you save.'
            : 'Checked against the official cron.add schema (@openclaw/gateway-protocol) before it reaches the form.'
        }
      />
      <div className="mt-2 flex gap-2">
        <Button onClick={apply} disabled={!editing}>
          Apply JSON to the form
        </Button>
        {editing && (
          <Button
            variant="ghost"
            onClick={() => {
              setText(null);
              setProblem(null);
            }}
          >
            Undo JSON edits
          </Button>
        )}
      </div>
    </Section>
  );
}
