import { useSearchParam } from '../../../lib/router';
import { describeMutationError, useCronJob } from '../../../queries/cron';
import { Button } from '../../../ui/button';
import { JobForm } from '../job-form';
import { InlineAlert, jobTitle } from '../parts';

/**
 * /cron/new, or /cron/new?from=<jobId> to start from a copy of an existing job (the Clone button).
 * The copy is only a draft: nothing is created until the user saves it.
 */
export function NewJobForm() {
  const [from] = useSearchParam('from');
  const source = useCronJob(from);
  if (!from) return <JobForm />;
  if (source.isPending) {
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading the job to copy…
      </p>
    );
  }
  if (source.isError) {
    return (
      <InlineAlert title={`Could not read the job to copy (${from})`}>
        {describeMutationError(source.error)} <Button onClick={() => void source.refetch()}>Try again</Button>
      </InlineAlert>
    );
  }
  return (
    <div className="space-y-4">
      <p role="note" className="text-sm text-zinc-700 dark:text-zinc-300">
        A copy of <strong>{jobTitle(source.data)}</strong>: every setting is filled in from it. Review the name, then
        create; the original is not changed.
      </p>
      <JobForm key={source.data.id} from={source.data} />
    </div>
  );
}
