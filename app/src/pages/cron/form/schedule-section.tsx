import { useId, useMemo } from 'react';
import type { EveryUnit } from '../../../lib/schedule';
import type { Draft, ScheduleKind } from '../form-model';
import { inputClass } from '../parts';
import { SchedulePreview } from '../schedule-preview';
import { FieldMessage, Section, Segmented, SelectField, TextArea, TextField, ZoneField, timeZones } from './fields';
import type { JobFormState } from './use-job-form';

const KIND_LABEL: Record<ScheduleKind, string> = {
  cron: 'Cron',
  every: 'Interval',
  at: 'Once',
  'on-exit': 'On exit',
  stream: 'Stream',
};

/** When the job runs: every schedule kind the gateway knows, with the next runs previewed by croner. */
export function ScheduleSection({ f }: { f: JobFormState }) {
  const { draft, set, caps } = f;
  const kinds = caps.scheduleKinds.includes(draft.scheduleKind)
    ? caps.scheduleKinds
    : [...caps.scheduleKinds, draft.scheduleKind];
  return (
    <Section title="Schedule">
      <Segmented
        legend="Kind of schedule"
        value={draft.scheduleKind}
        onChange={(v) => set('scheduleKind', v)}
        options={kinds.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
      />
      <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_minmax(0,22rem)]">
        <div className="space-y-4">
          {draft.scheduleKind === 'cron' && <CronFields f={f} />}
          {draft.scheduleKind === 'every' && <EveryFields f={f} />}
          {draft.scheduleKind === 'at' && <AtFields f={f} />}
          {draft.scheduleKind === 'on-exit' && <ExitFields f={f} />}
          {draft.scheduleKind === 'stream' && <StreamFields f={f} />}
        </div>
        <SchedulePreview draft={draft} jobId={f.job?.id} now={f.now} />
      </div>
    </Section>
  );
}

function Zone({ f, allowEmpty }: { f: JobFormState; allowEmpty?: boolean }) {
  const id = useId();
  const zones = useMemo(() => timeZones(), []);
  return (
    <ZoneField
      id={id}
      listId={`${id}-zones`}
      value={f.draft.tz}
      onChange={(v) => f.set('tz', v)}
      error={f.errors.tz}
      zones={zones}
      browserTz={f.browserTz}
      allowEmpty={allowEmpty}
    />
  );
}

function CronFields({ f }: { f: JobFormState }) {
  const { draft, set, errors } = f;
  const id = useId();
  return (
    <>
      <TextField
        id={`${id}-expr`}
        label="Cron expression"
        required
        mono
        value={draft.expr}
        onChange={(v) => set('expr', v)}
        error={errors.schedule}
        placeholder="*/5 * * * *"
        help="5 fields (minute hour day month weekday), or 6–7 with seconds and year. Evaluated with croner, like the gateway."
      />
      <Zone f={f} allowEmpty />
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
                name={`${id}-stagger`}
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
              <label htmlFor={`${id}-stagger-n`} className="sr-only">
                Stagger window
              </label>
              <input
                id={`${id}-stagger-n`}
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                value={draft.staggerN}
                onChange={(e) => set('staggerN', e.target.value)}
                aria-invalid={Boolean(errors.stagger)}
                className={`${inputClass} w-28`}
              />
              <label className="sr-only" htmlFor={`${id}-stagger-unit`}>
                Stagger unit
              </label>
              <select
                id={`${id}-stagger-unit`}
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
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          By default the gateway spreads top-of-hour expressions over up to 5 minutes.{' '}
          {errors.stagger && <span className="text-red-700 dark:text-red-400">{errors.stagger}</span>}
        </p>
      </fieldset>
    </>
  );
}

function EveryFields({ f }: { f: JobFormState }) {
  const { draft, set, errors } = f;
  const id = useId();
  const kept = draft.anchorMs !== undefined;
  return (
    <>
      <div className="flex items-end gap-2">
        <div className="w-32">
          <label htmlFor={`${id}-n`} className="mb-1 block text-sm font-medium">
            Every
          </label>
          <input
            id={`${id}-n`}
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            required
            value={draft.everyN}
            onChange={(e) => set('everyN', e.target.value)}
            aria-invalid={Boolean(errors.schedule)}
            aria-describedby={`${id}-msg`}
            className={inputClass}
          />
        </div>
        <div className="w-36">
          <SelectField<EveryUnit>
            id={`${id}-unit`}
            label="Unit"
            value={draft.everyUnit}
            onChange={(v) => set('everyUnit', v)}
            options={(['seconds', 'minutes', 'hours', 'days'] as const).map((u) => ({ value: u, label: u }))}
          />
        </div>
      </div>
      <FieldMessage id={`${id}-msg`} error={errors.schedule} />
      <div className="max-w-xs">
        <label htmlFor={`${id}-anchor`} className="mb-1 block text-sm font-medium">
          Anchor
        </label>
        <input
          id={`${id}-anchor`}
          type="datetime-local"
          step={1}
          value={draft.anchorLocal}
          onChange={(e) => set('anchorLocal', e.target.value)}
          aria-describedby={`${id}-anchor-msg`}
          className={inputClass}
        />
        <FieldMessage
          id={`${id}-anchor-msg`}
          help={
            kept
              ? `Runs fall on this instant plus whole intervals (${draft.tz || 'UTC'}). Kept as it is unless you change it.`
              : 'Optional: runs fall on this instant plus whole intervals. Empty counts from when the job is saved.'
          }
        />
      </div>
    </>
  );
}

function AtFields({ f }: { f: JobFormState }) {
  const { draft, set, errors } = f;
  const id = useId();
  return (
    <>
      <Segmented
        legend="Run at"
        value={draft.atMode}
        onChange={(v) => set('atMode', v)}
        options={[
          { value: 'time', label: 'At a set time' },
          { value: 'relative', label: 'After a delay' },
        ]}
      />
      {draft.atMode === 'time' ? (
        <>
          <div>
            <label htmlFor={`${id}-at`} className="mb-1 block text-sm font-medium">
              Date and time <span className="text-red-600">*</span>
            </label>
            <input
              id={`${id}-at`}
              type="datetime-local"
              required
              value={draft.atLocal}
              onChange={(e) => set('atLocal', e.target.value)}
              aria-invalid={Boolean(errors.schedule)}
              aria-describedby={`${id}-at-msg`}
              className={`${inputClass} max-w-xs`}
            />
            <FieldMessage
              id={`${id}-at-msg`}
              error={errors.schedule}
              help="Read in the time zone below and sent as an ISO-8601 instant."
            />
          </div>
          <Zone f={f} />
        </>
      ) : (
        <TextField
          id={`${id}-rel`}
          label="Delay"
          required
          mono
          value={draft.atRelative}
          onChange={(v) => set('atRelative', v)}
          error={errors.schedule}
          placeholder="20m"
          help="Like the CLI’s --at 20m: ms, s, m, h, d or w, combined as in 1h30m. Counted from when you save."
        />
      )}
    </>
  );
}

function ExitFields({ f }: { f: JobFormState }) {
  const { draft, set, errors } = f;
  const id = useId();
  return (
    <>
      <TextField
        id={`${id}-cmd`}
        label="Command to watch"
        required
        mono
        value={draft.exitCommand}
        onChange={(v) => set('exitCommand', v)}
        error={errors.schedule}
        placeholder="./build.sh"
        help="A shell line the gateway starts; the job fires once when it exits."
      />
      <TextField
        id={`${id}-cwd`}
        label="Working directory"
        mono
        value={draft.exitCwd}
        onChange={(v) => set('exitCwd', v)}
        placeholder="gateway default"
      />
    </>
  );
}

function StreamFields({ f }: { f: JobFormState }) {
  const { draft, set, errors } = f;
  const id = useId();
  return (
    <>
      <TextArea
        id={`${id}-argv`}
        label="Command (one argument per line)"
        required
        mono
        value={draft.streamArgv}
        onChange={(v) => set('streamArgv', v)}
        error={errors.schedule}
        placeholder={'tail\n-F\n/var/log/app.log'}
        help="A long-lived command the gateway supervises; its output fires the job in batches."
      />
      <TextField
        id={`${id}-cwd`}
        label="Working directory"
        mono
        value={draft.streamCwd}
        onChange={(v) => set('streamCwd', v)}
        placeholder="gateway default"
      />
      <Segmented
        legend="Lines that fire the job"
        value={draft.streamMode}
        onChange={(v) => set('streamMode', v)}
        options={[
          { value: '', label: 'Default' },
          { value: 'line', label: 'Every line' },
          { value: 'match', label: 'Matching lines' },
        ]}
      />
      {(draft.streamMode === 'match' || draft.streamMatch) && (
        <TextField
          id={`${id}-match`}
          label="Match pattern"
          mono
          value={draft.streamMatch}
          onChange={(v) => set('streamMatch', v)}
          placeholder="ERROR|FATAL"
          help="A regular expression; only matching lines are batched."
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-batch`}
          label="Batch quiet time (ms)"
          type="number"
          value={draft.streamBatchMs}
          onChange={(v) => set('streamBatchMs', v)}
          placeholder="default"
          help="Clamped by the gateway to 50–5000."
        />
        <TextField
          id={`${id}-bytes`}
          label="Batch size (bytes)"
          type="number"
          value={draft.streamMaxBatchBytes}
          onChange={(v) => set('streamMaxBatchBytes', v)}
          placeholder="default"
          help="Clamped by the gateway to 1024–65536."
        />
      </div>
    </>
  );
}
