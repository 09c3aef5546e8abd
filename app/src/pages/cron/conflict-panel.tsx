import { Button } from '../../ui/button';
import { conflictRows, type Draft } from './form-model';

/**
 * cron.update answered CRON_JOB_CHANGED: someone saved this job after you loaded it.
 * Show what moved on each side, then let the user pick: take theirs, or send theirs + your changes.
 */
export function ConflictPanel({
  base,
  theirs,
  yours,
  pending,
  onReload,
  onOverwrite,
}: {
  base: Draft;
  theirs: Draft;
  yours: Draft;
  pending: boolean;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const rows = conflictRows(base, theirs, yours);
  return (
    <section
      role="alert"
      aria-labelledby="cron-conflict-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <h2 id="cron-conflict-title" className="font-semibold">
        Someone else changed this job
      </h2>
      <p className="mt-1 text-sm">
        The gateway refused your save (CRON_JOB_CHANGED): the job was saved elsewhere after you opened it. Nothing of
        yours was written.
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-amber-300 text-xs uppercase tracking-wide dark:border-amber-800">
              <th className="py-1.5 pr-3 font-medium">Field</th>
              <th className="px-3 py-1.5 font-medium">Their version (now on the gateway)</th>
              <th className="py-1.5 pl-3 font-medium">Yours</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} className="border-b border-amber-200 align-top last:border-0 dark:border-amber-900">
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  {r.field}
                  {r.theyChanged && r.youChanged && (
                    <span className="ml-1 text-xs font-normal text-red-700 dark:text-red-300">(both changed)</span>
                  )}
                </th>
                <td className={`break-words px-3 py-1.5 ${r.theyChanged ? 'font-medium' : 'opacity-70'}`}>
                  {r.theirs}
                </td>
                <td className={`break-words py-1.5 pl-3 ${r.youChanged ? 'font-medium' : 'opacity-70'}`}>{r.yours}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={3} className="py-1.5 text-sm">
                  No visible field differs (the change was to settings this form does not show).
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button onClick={onReload} disabled={pending}>
          Reload (discard mine)
        </Button>
        <Button variant="danger" onClick={onOverwrite} disabled={pending}>
          {pending ? 'Saving…' : 'Overwrite with my changes'}
        </Button>
      </div>
      <p className="mt-2 text-xs opacity-80">Overwrite sends only the fields you changed, on top of their version.</p>
    </section>
  );
}
