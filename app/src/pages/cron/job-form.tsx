import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from '../../lib/router';
import type { CronJob } from '../../queries/cron';
import { Button } from '../../ui/button';
import { draftFromJob, type JobSource } from './form-model';
import { FIELD_LABEL, LEGACY_NOTE } from './form-model-rules';
import { InlineAlert, NEEDS_ADMIN, NeedsAdminNote } from './parts';
import { ConflictPanel } from './conflict-panel';
import { BasicsSection, TargetSection } from './form/target-section';
import { ScheduleSection } from './form/schedule-section';
import { PayloadSection } from './form/payload-section';
import { DeliverySection } from './form/delivery-section';
import { ConditionsSection } from './form/conditions-section';
import { useJobForm } from './form/use-job-form';

const AdvancedSection = lazy(() => import('./form/advanced-section'));

/**
 * Create (`job` absent, optionally copied `from` another job) or edit a cron job: the form hook holds
 * the draft and the writes, each section edits its part. Client checks cover what the gateway would
 * refuse or store differently; the gateway's own refusals land at the field they name, inputs kept.
 */
export function JobForm({ job, from }: { job?: CronJob; from?: JobSource }) {
  const f = useJobForm({ job, from });
  const formRef = useRef<HTMLFormElement>(null);
  const [advanced, setAdvanced] = useState(false);
  useEffect(() => {
    if (f.focusTick) focusFirstInvalid(formRef.current);
  }, [f.focusTick]);
  const errorCount = Object.keys(f.clientErrors).length;

  return (
    <form
      ref={formRef}
      onSubmit={f.onSubmit}
      noValidate
      aria-label={job ? 'Edit cron job' : 'New cron job'}
      className="space-y-5"
    >
      {!f.canAdmin && (
        <NeedsAdminNote className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 dark:border-amber-800 dark:bg-amber-950/50" />
      )}
      {f.caps.legacy && <p className="text-sm text-zinc-600 dark:text-zinc-400">{LEGACY_NOTE}</p>}
      {f.system && (
        <InlineAlert tone="warn" title="System-owned job">
          The gateway manages this job ({job?.declarationKey ?? job?.payload.kind}); it refuses edits and removal from
          clients. You can still run it now.
        </InlineAlert>
      )}
      {f.staleBase && (
        <InlineAlert tone="warn" title="This job changed on the gateway since you opened it">
          Saving will be refused until you reload or overwrite.{' '}
          <button type="button" className="font-medium underline" onClick={() => job && f.resetTo(job)}>
            Reload it (discard your edits)
          </button>
        </InlineAlert>
      )}
      {f.conflict && (
        <ConflictPanel
          base={f.base}
          theirs={draftFromJob(f.conflict.theirs, f.browserTz)}
          yours={f.draft}
          pending={f.pending}
          onReload={() => f.conflict && f.resetTo(f.conflict.theirs)}
          onOverwrite={f.overwrite}
        />
      )}

      <fieldset disabled={f.system} className="space-y-5 disabled:opacity-70">
        <BasicsSection f={f} />
        <ScheduleSection f={f} />
        <TargetSection f={f} />
        <PayloadSection f={f} />
        <DeliverySection f={f} />
        {!f.caps.legacy && <ConditionsSection f={f} />}
        {advanced ? (
          <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the JSON view…</p>}>
            <AdvancedSection f={f} />
          </Suspense>
        ) : (
          <Button onClick={() => setAdvanced(true)}>Show the job as JSON</Button>
        )}
      </fieldset>

      {f.refusal && (
        <InlineAlert
          title={`The gateway refused this ${job ? 'change' : 'job'}${f.refusal.field !== 'form' ? ` (${FIELD_LABEL[f.refusal.field].toLowerCase()})` : ''}`}
        >
          <span className="font-mono text-xs">{f.refusal.code}</span> {f.refusal.message}
          <p className="mt-1 text-xs opacity-80">
            {job ? 'Nothing was changed' : 'Nothing was created'}; your inputs are kept.
          </p>
        </InlineAlert>
      )}

      <div className="sticky bottom-0 -mx-1 flex flex-wrap items-center gap-3 border-t border-zinc-200 bg-white/90 px-1 py-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <Button
          type="submit"
          variant="primary"
          disabled={f.pending || !f.canAdmin || f.system || (job ? !f.dirty : false)}
          title={
            !f.canAdmin ? NEEDS_ADMIN : f.system ? 'system-owned' : job && !f.dirty ? 'Nothing changed yet' : undefined
          }
          aria-busy={f.pending || undefined}
        >
          {f.pending ? 'Saving…' : job ? 'Save changes' : 'Create job'}
        </Button>
        {job && f.dirty && !f.pending && (
          <Button variant="ghost" onClick={() => f.resetTo(null)}>
            Discard changes
          </Button>
        )}
        <Link to="/cron" className="text-sm text-zinc-600 underline-offset-2 hover:underline dark:text-zinc-400">
          Back to all jobs
        </Link>
        {job && f.dirty && f.patch && (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">Changes: {Object.keys(f.patch).join(', ')}</span>
        )}
        {f.saved && !f.dirty && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Saved.
          </span>
        )}
        {f.submitted && errorCount > 0 && (
          <span role="alert" className="text-sm text-red-700 dark:text-red-400">
            Fix {errorCount === 1 ? 'the marked field' : `the ${errorCount} marked fields`} first.
          </span>
        )}
      </div>
    </form>
  );
}

function focusFirstInvalid(form: HTMLFormElement | null) {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return;
  el.focus({ preventScroll: true });
  // Centre it: the sticky save bar would hide a field scrolled only to the bottom edge.
  el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
}
