import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCan, useGateway } from '../../lib/gateway-context';
import { Link, navigate } from '../../lib/router';
import { localTimeZone, type EveryUnit } from '../../lib/schedule';
import {
  cronQueries,
  describeMutationError,
  failureOf,
  useAddCronJob,
  useUpdateCronJob,
  type CronJob,
  type CronPatch,
} from '../../queries/cron';
import { Button } from '../../ui/button';
import {
  buildAddInput,
  buildPatch,
  draftFromJob,
  emptyDraft,
  fieldForGatewayError,
  FIELD_LABEL,
  targetRule,
  validateDraft,
  type Draft,
  type Field,
  type FieldErrors,
} from './form-model';
import { ADMIN, InlineAlert, NEEDS_ADMIN, NeedsAdminNote, inputClass, isSystemJob, useNow } from './parts';
import { SchedulePreview } from './schedule-preview';
import { ConflictPanel } from './conflict-panel';

/**
 * Create (`job` absent) or edit a cron job. Client checks cover only what is certain; the
 * gateway judges the rest and its message is shown at the field it names, with every input kept.
 * Edits send a minimal patch guarded by the job's configRevision.
 */
export function JobForm({ job }: { job?: CronJob }) {
  const browserTz = useMemo(localTimeZone, []);
  const gw = useGateway();
  const qc = useQueryClient();
  const canAdmin = useCan(ADMIN);
  const add = useAddCronJob();
  const update = useUpdateCronJob();
  const now = useNow(30_000);

  const [base, setBase] = useState<{ draft: Draft; revision?: string }>(() => ({
    draft: job ? draftFromJob(job, browserTz) : emptyDraft(browserTz),
    revision: job?.configRevision,
  }));
  const [draft, setDraft] = useState<Draft>(base.draft);
  const [submitted, setSubmitted] = useState(false);
  const [gatewayError, setGatewayError] = useState<{ field: Field; message: string; code: string } | null>(null);
  const [conflict, setConflict] = useState<{ theirs: CronJob; patch: CronPatch } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  /** Bumped to move focus to the first invalid field once the errors have rendered. */
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  const system = job ? isSystemJob(job) : false;
  const pending = add.isPending || update.isPending;
  const clientErrors: FieldErrors = submitted ? validateDraft(draft, now) : {};
  const errors: FieldErrors = { ...clientErrors };
  if (gatewayError && !errors[gatewayError.field]) errors[gatewayError.field] = gatewayError.message;
  const patch = job ? buildPatch(base.draft, draft) : null;
  const dirty = job ? Object.keys(patch ?? {}).length > 0 : true;
  const staleBase = Boolean(job?.configRevision && base.revision && job.configRevision !== base.revision && !conflict);

  // The job changed on the gateway (an event re-read it, or our own toggle): an untouched form
  // follows it silently; one with edits keeps them and says so (saving would be refused).
  useEffect(() => {
    if (!job || !staleBase || dirty || pending) return;
    const next = { draft: draftFromJob(job, browserTz), revision: job.configRevision };
    setBase(next);
    setDraft(next.draft);
  }, [job, staleBase, dirty, pending, browserTz]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(null);
  };

  function showGatewayError(error: unknown) {
    const f = failureOf(error);
    const message = describeMutationError(error);
    setGatewayError({
      field: f.outcomeUnknown || f.detailCode === 'MISSING_SCOPE' ? 'form' : fieldForGatewayError(f.message),
      message,
      code: f.detailCode ?? f.code,
    });
    setFocusTick((n) => n + 1);
  }

  function sendUpdate(p: CronPatch, revision: string | undefined) {
    if (!job) return;
    inFlight.current = true;
    update.mutate(
      { id: job.id, patch: p, expectedConfigRevision: revision },
      {
        onSuccess: (updated) => {
          const next = draftFromJob(updated, browserTz);
          setBase({ draft: next, revision: updated.configRevision });
          setDraft(next);
          setConflict(null);
          setSubmitted(false);
          setSaved(Date.now());
        },
        onError: async (error) => {
          if (failureOf(error).detailCode === 'CRON_JOB_CHANGED') {
            try {
              const theirs = await qc.fetchQuery({ ...cronQueries.job(gw, job.id), staleTime: 0 });
              setConflict({ theirs, patch: p });
            } catch (readError) {
              showGatewayError(readError);
            }
            return;
          }
          showGatewayError(error);
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current || pending || !canAdmin || system) return;
    setSubmitted(true);
    setGatewayError(null);
    const errs = validateDraft(draft, Date.now());
    if (Object.keys(errs).length > 0) {
      setFocusTick((n) => n + 1);
      return;
    }
    if (!job) {
      inFlight.current = true;
      add.mutate(buildAddInput(draft), {
        onSuccess: (created) => navigate(`/cron/${encodeURIComponent(created.id)}`),
        onError: showGatewayError,
        onSettled: () => {
          inFlight.current = false;
        },
      });
      return;
    }
    if (!patch || Object.keys(patch).length === 0) return;
    sendUpdate(patch, base.revision);
  }

  const ids = {
    name: useId(),
    description: useId(),
    expr: useId(),
    tz: useId(),
    tzList: useId(),
    staggerN: useId(),
    everyN: useId(),
    everyUnit: useId(),
    atLocal: useId(),
    text: useId(),
    message: useId(),
    model: useId(),
    timeout: useId(),
    target: useId(),
    sessionKey: useId(),
    channel: useId(),
    to: useId(),
  };
  const rule = targetRule(draft.targetKind);
  const zones = useMemo(timeZones, []);

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label={job ? 'Edit cron job' : 'New cron job'}
      className="space-y-5"
    >
      {!canAdmin && (
        <NeedsAdminNote className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 dark:border-amber-800 dark:bg-amber-950/50" />
      )}
      {system && (
        <InlineAlert tone="warn" title="System-owned job">
          The gateway manages this job ({job?.declarationKey ?? job?.payload.kind}); it refuses edits and removal from
          clients. You can still run it now.
        </InlineAlert>
      )}
      {staleBase && (
        <InlineAlert tone="warn" title="This job changed on the gateway since you opened it">
          Saving will be refused until you reload or overwrite.{' '}
          <button type="button" className="font-medium underline" onClick={() => job && resetTo(job)}>
            Reload it (discard your edits)
          </button>
        </InlineAlert>
      )}
      {conflict && (
        <ConflictPanel
          base={base.draft}
          theirs={draftFromJob(conflict.theirs, browserTz)}
          yours={draft}
          pending={update.isPending}
          onReload={() => resetTo(conflict.theirs)}
          onOverwrite={() => sendUpdate(conflict.patch, conflict.theirs.configRevision)}
        />
      )}

      <fieldset disabled={system} className="space-y-5 disabled:opacity-70">
        <Section title="Basics">
          <div className="grid gap-4 md:grid-cols-2">
            <TextField
              id={ids.name}
              label="Name"
              required
              value={draft.name}
              onChange={(v) => set('name', v)}
              error={errors.name}
              placeholder="nightly-report"
            />
            <TextField
              id={ids.description}
              label="Description"
              value={draft.description}
              onChange={(v) => set('description', v)}
              placeholder="Optional"
            />
          </div>
          <label className="mt-4 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set('enabled', e.target.checked)}
              className="h-4 w-4 accent-teal-600"
            />
            Enabled <span className="text-zinc-500">(a disabled job keeps its schedule but does not run)</span>
          </label>
        </Section>

        <Section title="Schedule">
          <Segmented
            legend="Kind of schedule"
            value={draft.scheduleKind}
            onChange={(v) => set('scheduleKind', v)}
            options={[
              { value: 'cron', label: 'Cron' },
              { value: 'every', label: 'Interval' },
              { value: 'at', label: 'Once' },
              ...(draft.keptSchedule
                ? [{ value: 'other' as const, label: `${draft.keptSchedule.kind} (unchanged)` }]
                : []),
            ]}
          />
          <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_minmax(0,22rem)]">
            <div className="space-y-4">
              {draft.scheduleKind === 'cron' && (
                <>
                  <TextField
                    id={ids.expr}
                    label="Cron expression"
                    required
                    mono
                    value={draft.expr}
                    onChange={(v) => set('expr', v)}
                    error={errors.schedule}
                    placeholder="*/5 * * * *"
                    help="5 fields (minute hour day month weekday), or 6–7 with seconds and year. Evaluated with croner, like the gateway."
                  />
                  <ZoneField
                    id={ids.tz}
                    listId={ids.tzList}
                    value={draft.tz}
                    onChange={(v) => set('tz', v)}
                    error={errors.tz}
                    zones={zones}
                    browserTz={browserTz}
                    allowEmpty
                  />
                  <fieldset>
                    <legend className="mb-1 block text-sm font-medium">Stagger</legend>
                    <div className="flex flex-wrap items-center gap-3 text-sm">
                      {(
                        [
                          ['auto', 'Default'],
                          ['exact', 'Exact (no stagger)'],
                          ['custom', 'Custom'],
                        ] as const
                      ).map(([value, label]) => (
                        <label key={value} className="flex items-center gap-1.5">
                          <input
                            type="radio"
                            name="stagger"
                            value={value}
                            checked={draft.staggerMode === value}
                            onChange={() => set('staggerMode', value)}
                            className="accent-teal-600"
                          />
                          {label}
                        </label>
                      ))}
                      {draft.staggerMode === 'custom' && (
                        <span className="flex items-center gap-2">
                          <label htmlFor={ids.staggerN} className="sr-only">
                            Stagger window
                          </label>
                          <input
                            id={ids.staggerN}
                            type="number"
                            min={0}
                            step="any"
                            inputMode="decimal"
                            value={draft.staggerN}
                            onChange={(e) => set('staggerN', e.target.value)}
                            aria-invalid={Boolean(errors.stagger)}
                            className={`${inputClass} w-28`}
                          />
                          <label className="sr-only" htmlFor={`${ids.staggerN}-unit`}>
                            Stagger unit
                          </label>
                          <select
                            id={`${ids.staggerN}-unit`}
                            value={draft.staggerUnit}
                            onChange={(e) => set('staggerUnit', e.target.value as Draft['staggerUnit'])}
                            className={`${inputClass} w-28`}
                          >
                            <option value="seconds">seconds</option>
                            <option value="ms">ms</option>
                          </select>
                        </span>
                      )}
                    </div>
                    <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                      By default the gateway spreads top-of-hour expressions over up to 5 minutes.{' '}
                      {errors.stagger && <span className="text-red-700 dark:text-red-400">{errors.stagger}</span>}
                    </p>
                  </fieldset>
                </>
              )}
              {draft.scheduleKind === 'every' && (
                <div>
                  <div className="flex items-end gap-2">
                    <div className="w-32">
                      <label htmlFor={ids.everyN} className="mb-1 block text-sm font-medium">
                        Every
                      </label>
                      <input
                        id={ids.everyN}
                        type="number"
                        min={0}
                        step="any"
                        inputMode="decimal"
                        required
                        value={draft.everyN}
                        onChange={(e) => set('everyN', e.target.value)}
                        aria-invalid={Boolean(errors.schedule)}
                        aria-describedby={errors.schedule ? `${ids.everyN}-err` : undefined}
                        className={inputClass}
                      />
                    </div>
                    <div className="w-36">
                      <label htmlFor={ids.everyUnit} className="mb-1 block text-sm font-medium">
                        Unit
                      </label>
                      <select
                        id={ids.everyUnit}
                        value={draft.everyUnit}
                        onChange={(e) => set('everyUnit', e.target.value as EveryUnit)}
                        className={inputClass}
                      >
                        <option value="seconds">seconds</option>
                        <option value="minutes">minutes</option>
                        <option value="hours">hours</option>
                        <option value="days">days</option>
                      </select>
                    </div>
                  </div>
                  <FieldMessage
                    id={`${ids.everyN}-err`}
                    error={errors.schedule}
                    help="Counted from when the job is saved."
                  />
                </div>
              )}
              {draft.scheduleKind === 'at' && (
                <>
                  <div>
                    <label htmlFor={ids.atLocal} className="mb-1 block text-sm font-medium">
                      Date and time <span className="text-red-600">*</span>
                    </label>
                    <input
                      id={ids.atLocal}
                      type="datetime-local"
                      required
                      value={draft.atLocal}
                      onChange={(e) => set('atLocal', e.target.value)}
                      aria-invalid={Boolean(errors.schedule)}
                      aria-describedby={`${ids.atLocal}-msg`}
                      className={`${inputClass} max-w-xs`}
                    />
                    <FieldMessage
                      id={`${ids.atLocal}-msg`}
                      error={errors.schedule}
                      help="Read in the time zone below and sent as an ISO-8601 instant."
                    />
                  </div>
                  <ZoneField
                    id={ids.tz}
                    listId={ids.tzList}
                    value={draft.tz}
                    onChange={(v) => set('tz', v)}
                    error={errors.tz}
                    zones={zones}
                    browserTz={browserTz}
                  />
                </>
              )}
              {draft.scheduleKind === 'other' && (
                <div>
                  <p className="text-sm text-zinc-700 dark:text-zinc-300">
                    This job has a <strong>{draft.keptSchedule?.kind}</strong> schedule, which this form cannot edit; it
                    is kept as it is. Pick another kind to replace it.
                  </p>
                  <FieldMessage id={`${ids.expr}-other`} error={errors.schedule} />
                </div>
              )}
            </div>
            <SchedulePreview draft={draft} jobId={job?.id} now={now} />
          </div>
        </Section>

        <Section title="What runs, and where">
          <div className="grid gap-5 lg:grid-cols-2">
            <div className="space-y-4">
              <Segmented
                legend="Payload"
                value={draft.payloadKind}
                onChange={(v) => set('payloadKind', v)}
                options={[
                  { value: 'systemEvent', label: 'System event' },
                  { value: 'agentTurn', label: 'Agent turn' },
                  ...(draft.keptPayload
                    ? [{ value: 'other' as const, label: `${draft.keptPayload.kind} (unchanged)` }]
                    : []),
                ]}
              />
              {draft.payloadKind === 'systemEvent' && (
                <TextArea
                  id={ids.text}
                  label="Event text"
                  required
                  value={draft.text}
                  onChange={(v) => set('text', v)}
                  error={errors.payload}
                  help="Queued into the main session as a system event."
                />
              )}
              {draft.payloadKind === 'agentTurn' && (
                <>
                  <TextArea
                    id={ids.message}
                    label="Message"
                    required
                    value={draft.message}
                    onChange={(v) => set('message', v)}
                    error={errors.payload}
                    help="The prompt for a model-backed agent turn."
                  />
                  <div className="grid gap-4 sm:grid-cols-2">
                    <TextField
                      id={ids.model}
                      label="Model"
                      mono
                      value={draft.model}
                      onChange={(v) => set('model', v)}
                      placeholder="agent default"
                      help="Optional, e.g. openai/gpt-5."
                    />
                    <TextField
                      id={ids.timeout}
                      label="Timeout (seconds)"
                      type="number"
                      value={draft.timeoutSeconds}
                      onChange={(v) => set('timeoutSeconds', v)}
                      placeholder="default"
                      help="Optional; 0 removes the wall-clock limit."
                    />
                  </div>
                </>
              )}
              {draft.payloadKind === 'other' && (
                <div>
                  <p className="text-sm text-zinc-700 dark:text-zinc-300">
                    A <strong>{draft.keptPayload?.kind}</strong> payload cannot be edited here; it is kept as it is.
                  </p>
                  <FieldMessage id={`${ids.text}-other`} error={errors.payload} />
                </div>
              )}
            </div>

            <div className="space-y-4">
              <div>
                <label htmlFor={ids.target} className="mb-1 block text-sm font-medium">
                  Session target
                </label>
                <div className="flex gap-2">
                  <select
                    id={ids.target}
                    value={draft.targetKind}
                    onChange={(e) => set('targetKind', e.target.value as Draft['targetKind'])}
                    aria-invalid={Boolean(errors.sessionTarget)}
                    aria-describedby={`${ids.target}-msg`}
                    className={`${inputClass} w-44 shrink-0`}
                  >
                    <option value="main">main</option>
                    <option value="isolated">isolated</option>
                    <option value="current">current</option>
                    <option value="session">session:&lt;key&gt;</option>
                  </select>
                  {draft.targetKind === 'session' && (
                    <>
                      <label htmlFor={ids.sessionKey} className="sr-only">
                        Session key
                      </label>
                      <input
                        id={ids.sessionKey}
                        value={draft.sessionKey}
                        onChange={(e) => set('sessionKey', e.target.value)}
                        placeholder="daily-brief"
                        aria-invalid={Boolean(errors.sessionTarget)}
                        className={`${inputClass} font-mono`}
                      />
                    </>
                  )}
                </div>
                <FieldMessage id={`${ids.target}-msg`} error={errors.sessionTarget} help={rule.text} />
              </div>
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
            </div>
          </div>
        </Section>

        <Section title="Delivery">
          <Segmented
            legend="Where the result goes"
            value={draft.deliveryMode}
            onChange={(v) => set('deliveryMode', v)}
            options={[
              { value: 'none', label: 'None' },
              { value: 'announce', label: 'Announce to a chat' },
              { value: 'webhook', label: 'Webhook' },
            ]}
            error={draft.deliveryMode === 'none' ? errors.delivery : undefined}
          />
          {draft.deliveryMode === 'announce' && (
            <div className="mt-4 grid gap-4 md:grid-cols-2">
              <TextField
                id={ids.channel}
                label="Channel"
                mono
                value={draft.channel}
                onChange={(v) => set('channel', v)}
                placeholder="last"
                help="Optional: telegram, slack…, or “last”."
              />
              <TextField
                id={ids.to}
                label="To"
                mono
                value={draft.to}
                onChange={(v) => set('to', v)}
                placeholder="-1001234567890"
                error={errors.delivery}
                help="Optional recipient on that channel."
              />
            </div>
          )}
          {draft.deliveryMode === 'webhook' && (
            <div className="mt-4 max-w-xl">
              <TextField
                id={ids.to}
                label="Webhook URL"
                type="url"
                required
                mono
                value={draft.to}
                onChange={(v) => set('to', v)}
                placeholder="https://example.com/openclaw/cron"
                error={errors.delivery}
                help="The finished payload is POSTed here."
              />
            </div>
          )}
        </Section>
      </fieldset>

      {gatewayError && (
        <InlineAlert
          title={`The gateway refused this ${job ? 'change' : 'job'}${gatewayError.field !== 'form' ? ` (${FIELD_LABEL[gatewayError.field].toLowerCase()})` : ''}`}
        >
          <span className="font-mono text-xs">{gatewayError.code}</span> {gatewayError.message}
          {!job && <p className="mt-1 text-xs opacity-80">Nothing was created; your inputs are kept.</p>}
        </InlineAlert>
      )}

      <div className="sticky bottom-0 -mx-1 flex flex-wrap items-center gap-3 border-t border-zinc-200 bg-white/90 px-1 py-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <Button
          type="submit"
          variant="primary"
          disabled={pending || !canAdmin || system || (job ? !dirty : false)}
          title={!canAdmin ? NEEDS_ADMIN : system ? 'system-owned' : job && !dirty ? 'Nothing changed yet' : undefined}
          aria-busy={pending || undefined}
        >
          {pending ? 'Saving…' : job ? 'Save changes' : 'Create job'}
        </Button>
        {job && dirty && !pending && (
          <Button variant="ghost" onClick={() => resetTo(null)}>
            Discard changes
          </Button>
        )}
        <Link to="/cron" className="text-sm text-zinc-600 underline-offset-2 hover:underline dark:text-zinc-400">
          Back to all jobs
        </Link>
        {saved && !dirty && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Saved.
          </span>
        )}
        {submitted && Object.keys(clientErrors).length > 0 && (
          <span role="alert" className="text-sm text-red-700 dark:text-red-400">
            Fix{' '}
            {Object.keys(clientErrors).length === 1
              ? 'the marked field'
              : `the ${Object.keys(clientErrors).length} marked fields`}{' '}
            first.
          </span>
        )}
      </div>
    </form>
  );

  /** Start over from a job version (theirs on Reload), or from what was loaded. */
  function resetTo(version: CronJob | null) {
    const next = version ? { draft: draftFromJob(version, browserTz), revision: version.configRevision } : base;
    setBase(next);
    setDraft(next.draft);
    setConflict(null);
    setGatewayError(null);
    setSubmitted(false);
    if (version) qc.setQueryData(cronQueries.jobKey(version.id), version);
  }
}

function focusFirstInvalid(form: HTMLFormElement | null) {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return;
  el.focus({ preventScroll: true });
  // Centre it: the sticky save bar would hide a field scrolled only to the bottom edge.
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Australia/Sydney',
];

function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...COMMON_ZONES, ...all])];
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
      {children}
    </section>
  );
}

function FieldMessage({ id, error, help }: { id: string; error?: string; help?: ReactNode }) {
  if (error) {
    return (
      <p id={id} className="mt-1 break-words text-sm text-red-700 dark:text-red-400" data-field-error>
        {error}
      </p>
    );
  }
  return help ? (
    <p id={id} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
      {help}
    </p>
  ) : null;
}

function TextField({
  id,
  label,
  value,
  onChange,
  error,
  help,
  required,
  mono,
  placeholder,
  type = 'text',
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  help?: ReactNode;
  required?: boolean;
  mono?: boolean;
  placeholder?: string;
  type?: 'text' | 'number' | 'url';
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}{' '}
        {required && (
          <span className="text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        placeholder={placeholder}
        aria-invalid={Boolean(error)}
        aria-describedby={error || help ? `${id}-msg` : undefined}
        spellCheck={mono ? false : undefined}
        autoComplete="off"
        {...(type === 'number' ? { min: 0, step: 'any', inputMode: 'decimal' as const } : {})}
        className={`${inputClass} ${mono ? 'font-mono' : ''}`}
      />
      <FieldMessage id={`${id}-msg`} error={error} help={help} />
    </div>
  );
}

function TextArea({
  id,
  label,
  value,
  onChange,
  error,
  help,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  help?: ReactNode;
  required?: boolean;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}{' '}
        {required && (
          <span className="text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={Boolean(error)}
        aria-describedby={error || help ? `${id}-msg` : undefined}
        className={`${inputClass} resize-y`}
      />
      <FieldMessage id={`${id}-msg`} error={error} help={help} />
    </div>
  );
}

function ZoneField({
  id,
  listId,
  value,
  onChange,
  error,
  zones,
  browserTz,
  allowEmpty,
}: {
  id: string;
  listId: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  zones: string[];
  browserTz: string;
  allowEmpty?: boolean;
}) {
  return (
    <div className="max-w-sm">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        Time zone
      </label>
      <input
        id={id}
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={allowEmpty ? 'gateway host zone' : browserTz}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-msg`}
        className={`${inputClass} font-mono`}
      />
      <datalist id={listId}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <FieldMessage
        id={`${id}-msg`}
        error={error}
        help={
          <>
            IANA name.{allowEmpty ? ' Empty uses the gateway host’s zone.' : ''}{' '}
            {value !== browserTz && (
              <button type="button" className="underline" onClick={() => onChange(browserTz)}>
                Use mine ({browserTz})
              </button>
            )}
          </>
        }
      />
    </div>
  );
}

function Segmented<T extends string>({
  legend,
  value,
  onChange,
  options,
  help,
  error,
}: {
  legend: string;
  value: T;
  onChange: (v: T) => void;
  options: { value: T; label: string }[];
  help?: string;
  error?: string;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend className="mb-1 block text-sm font-medium">{legend}</legend>
      <div className="inline-flex flex-wrap rounded-md border border-zinc-300 bg-zinc-50 p-0.5 dark:border-zinc-700 dark:bg-zinc-950">
        {options.map((o) => (
          <label key={o.value} className="relative">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="peer sr-only"
            />
            <span className="block cursor-pointer rounded px-3 py-1 text-sm text-zinc-600 peer-checked:bg-white peer-checked:font-medium peer-checked:text-zinc-900 peer-checked:shadow-sm peer-focus-visible:outline-2 peer-focus-visible:outline-teal-500 dark:text-zinc-400 dark:peer-checked:bg-zinc-800 dark:peer-checked:text-white">
              {o.label}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="mt-1 text-sm text-red-700 dark:text-red-400">{error}</p>
      ) : help ? (
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{help}</p>
      ) : null}
    </fieldset>
  );
}
