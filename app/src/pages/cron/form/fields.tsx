import { useId, type ReactNode } from 'react';
import { inputClass } from '../parts';
import type { Tri } from '../form-model';

/** The form's inputs: labelled, with help or the error under them, and aria-invalid for focus-on-error. */

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

export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...COMMON_ZONES, ...all])];
}

export function Section({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={id} className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        {title}
      </h2>
      {note && <p className="-mt-2 mb-3 text-xs text-zinc-600 dark:text-zinc-400">{note}</p>}
      {children}
    </section>
  );
}

/** A field's label; a required field gets a visual star (its input carries `required` for assistive tech). */
function FieldLabel({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={id} className="mb-1 block text-sm font-medium">
      {label}
      {required && (
        <span className="text-red-600" aria-hidden>
          {' '}
          *
        </span>
      )}
    </label>
  );
}

export function FieldMessage({ id, error, help }: { id: string; error?: string; help?: ReactNode }) {
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

export function TextField({
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
  list,
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
  /** Suggestions (a datalist); the field stays free text. */
  list?: string[];
}) {
  return (
    <div>
      <FieldLabel id={id} label={label} required={required} />
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
        list={list?.length ? `${id}-list` : undefined}
        className={`${inputClass} ${mono ? 'font-mono' : ''}`}
      />
      {list && list.length > 0 && (
        <datalist id={`${id}-list`}>
          {list.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      )}
      <FieldMessage id={`${id}-msg`} error={error} help={help} />
    </div>
  );
}

export function TextArea({
  id,
  label,
  value,
  onChange,
  error,
  help,
  required,
  rows = 3,
  mono,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  help?: ReactNode;
  required?: boolean;
  rows?: number;
  mono?: boolean;
  placeholder?: string;
}) {
  return (
    <div>
      <FieldLabel id={id} label={label} required={required} />
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        placeholder={placeholder}
        spellCheck={mono ? false : undefined}
        aria-invalid={Boolean(error)}
        aria-describedby={error || help ? `${id}-msg` : undefined}
        className={`${inputClass} resize-y ${mono ? 'font-mono' : ''}`}
      />
      <FieldMessage id={`${id}-msg`} error={error} help={help} />
    </div>
  );
}

export function ZoneField({
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
      <FieldLabel id={id} label="Time zone" />
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

export function Segmented<T extends string>({
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
  help?: ReactNode;
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
              aria-invalid={error ? true : undefined}
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

/** A checkbox over a boolean the gateway may leave unset: unchecked writes false only once it was set. */
export function Check({
  label,
  checked,
  onChange,
  help,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: ReactNode;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 h-4 w-4 shrink-0 accent-teal-600"
      />
      <span>
        {label}
        {help && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{help}</span>}
      </span>
    </label>
  );
}

/** Tri to checkbox: '' and 'false' both read unchecked; toggling writes an explicit value. */
export const triChecked = (t: Tri, fallback = false) => (t === '' ? fallback : t === 'true');
export const toTri = (b: boolean): Tri => (b ? 'true' : 'false');

export function SelectField<T extends string>({
  id,
  label,
  value,
  onChange,
  options,
  help,
  error,
}: {
  id: string;
  label: string;
  value: T;
  onChange: (v: T) => void;
  options: { value: T; label: string }[];
  help?: ReactNode;
  error?: string;
}) {
  return (
    <div>
      <FieldLabel id={id} label={label} />
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        aria-invalid={Boolean(error)}
        aria-describedby={error || help ? `${id}-msg` : undefined}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessage id={`${id}-msg`} error={error} help={help} />
    </div>
  );
}
