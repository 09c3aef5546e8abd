import type { ReactNode } from 'react';
import { useCronFeatures, useJobPreview, type CronJob } from '../../queries/cron';
import { describeJob } from './job-words';
import { asText } from './run-details';

/** "What it does": the job in words, with its command line, script or message verbatim. */
export function JobSummary({ job }: { job: CronJob }) {
  const features = useCronFeatures();
  const preview = useJobPreview(job.id, { enabled: features.deliveryPreviews });
  const lines = describeJob(job, preview.data);
  return (
    <section
      aria-labelledby="job-summary-title"
      className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="job-summary-title" className="text-sm font-semibold">
        What it does
      </h2>
      <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
        {lines.map((l) => (
          <div key={l.label} className="contents">
            <dt className="text-zinc-500 dark:text-zinc-400">{l.label}</dt>
            <dd className="min-w-0" data-testid={`job-${l.label.toLowerCase().replace(/\s+/g, '-')}`}>
              <p>{l.text}</p>
              {l.code !== undefined && (
                <figure aria-label={l.codeLabel} className="mt-1">
                  <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-words rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-950">
                    {l.code}
                  </pre>
                </figure>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {!features.deliveryPreviews && (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          This gateway (protocol 3) does not preview where results are delivered.
        </p>
      )}
    </section>
  );
}

/** Every field the gateway holds for the job, nested as it came, as text. Nothing is left out. */
export function AllFields({ job }: { job: CronJob }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Everything the gateway returned for this job (cron.get), including its run state.
      </p>
      <div role="group" aria-label="Job fields">
        <Value value={job} />
      </div>
    </div>
  );
}

function Value({ value }: { value: unknown }): ReactNode {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-zinc-500">[] (empty)</span>;
    return (
      <ol className="list-decimal space-y-1 pl-5">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return <span className="text-zinc-500">{'{}'} (empty)</span>;
    return (
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-xs leading-5 text-zinc-600 dark:text-zinc-400">{k}</dt>
            <dd className="min-w-0 border-l border-zinc-100 pl-3 dark:border-zinc-800">
              <Value value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <span className="whitespace-pre-wrap break-all font-mono text-xs leading-5">
      {typeof value === 'string' ? value : asText(value)}
    </span>
  );
}
