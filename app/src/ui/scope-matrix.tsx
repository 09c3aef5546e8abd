import { scopeRow } from '../lib/describe';
import { OPERATOR_SCOPES } from '../session/scopes';

/** A yes/no dot; its label ("granted: yes") is what assistive tech and tests read. */
function Mark({ on, label }: { on: boolean; label: string }) {
  return (
    <span
      role="img"
      aria-label={`${label}: ${on ? 'yes' : 'no'}`}
      className={on ? 'text-emerald-700 dark:text-emerald-400' : 'text-zinc-500 dark:text-zinc-400'}
    >
      {on ? '●' : '○'}
    </span>
  );
}

/**
 * Every operator scope: requested, granted, effective (after implication), and why they differ.
 * Used for this session (Session page) and for a trial handshake (Lab).
 */
export function ScopeMatrix({
  label,
  requested,
  granted,
  dense = false,
}: {
  /** The table's accessible name. */
  label: string;
  requested: readonly string[];
  granted: readonly string[];
  dense?: boolean;
}) {
  const y = dense ? 'py-1.5' : 'py-2';
  return (
    // Scrolls sideways in a narrow column (the log drawer docked); focusable so the keyboard can scroll it too.
    <div className="overflow-x-auto" tabIndex={0} role="group" aria-label={label}>
      <table className="w-full text-sm" aria-label={label}>
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th className={`${y} pr-3 font-medium`}>Scope</th>
            <th className={`px-3 ${y} text-center font-medium`}>Requested</th>
            <th className={`px-3 ${y} text-center font-medium`}>Granted</th>
            <th className={`px-3 ${y} text-center font-medium`}>Effective</th>
            <th className={`${y} pl-3 font-medium`}>Why</th>
          </tr>
        </thead>
        <tbody>
          {OPERATOR_SCOPES.map((scope) => {
            const row = scopeRow(scope, requested, granted);
            return (
              <tr
                key={scope}
                data-scope={scope}
                className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60"
              >
                <td className={`${y} pr-3 font-mono text-xs`}>{scope}</td>
                <td className={`px-3 ${y} text-center`}>
                  <Mark on={row.requested} label="requested" />
                </td>
                <td className={`px-3 ${y} text-center`}>
                  <Mark on={row.granted} label="granted" />
                </td>
                <td className={`px-3 ${y} text-center`}>
                  <Mark on={row.effective} label="effective" />
                </td>
                <td
                  className={`${y} pl-3 text-xs ${row.requested && !row.effective ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}
                >
                  {row.note || (row.effective ? 'granted' : '')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
