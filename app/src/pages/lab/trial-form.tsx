import { useId } from 'react';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ALL_SCOPES, CLIENT_IDS, CLIENT_MODES, knownOutcome, type TrialDraft } from './lab-model';

const selectClass =
  'w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950';

const QUICK: [string, readonly string[]][] = [
  ['read + write + admin', ['operator.read', 'operator.write', 'operator.admin']],
  ['all 8', ALL_SCOPES],
  ['none', []],
];

export function TrialForm({
  draft,
  onChange,
  onRun,
  onCancel,
  running,
  tokenBlocked,
  blocked,
  canCleanUp,
}: {
  draft: TrialDraft;
  onChange: (d: TrialDraft) => void;
  onRun: () => void;
  onCancel: () => void;
  running: boolean;
  /** Why "send token" is unavailable, or null. */
  tokenBlocked: string | null;
  /** Why no trial may run now, or null. */
  blocked: string | null;
  canCleanUp: boolean;
}) {
  const ids = {
    client: useId(),
    mode: useId(),
    device: useId(),
    token: useId(),
    tokenHelp: useId(),
    deviceHelp: useId(),
  };
  const sendToken = draft.sendToken && !tokenBlocked;
  const expected = knownOutcome({ ...draft, sendToken });
  const set = (p: Partial<TrialDraft>) => onChange({ ...draft, ...p });
  const toggleScope = (scope: string, on: boolean) =>
    set({
      scopes: on
        ? ALL_SCOPES.filter((s) => s === scope || draft.scopes.includes(s))
        : draft.scopes.filter((s) => s !== scope),
    });

  return (
    <Card title="Trial">
      <form
        aria-label="Trial"
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && !blocked) onRun();
        }}
      >
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={ids.client} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Client id
            </label>
            <select
              id={ids.client}
              value={draft.clientId}
              onChange={(e) => set({ clientId: e.target.value })}
              className={selectClass}
            >
              {CLIENT_IDS.map((id) => (
                <option key={id}>{id}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.mode} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Mode
            </label>
            <select
              id={ids.mode}
              value={draft.mode}
              onChange={(e) => set({ mode: e.target.value })}
              className={selectClass}
            >
              {CLIENT_MODES.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </div>
        </div>

        <fieldset>
          <legend className="mb-2 flex w-full items-center justify-between text-xs font-medium text-zinc-600 dark:text-zinc-400">
            <span>Scopes to request ({draft.scopes.length})</span>
          </legend>
          <div className="grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {ALL_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-2 font-mono text-xs">
                <input
                  type="checkbox"
                  checked={draft.scopes.includes(scope)}
                  onChange={(e) => toggleScope(scope, e.target.checked)}
                  className="accent-teal-700"
                />
                {scope}
              </label>
            ))}
          </div>
          <div className="mt-2 flex flex-wrap gap-1.5 text-xs">
            {QUICK.map(([label, scopes]) => (
              <button
                key={label}
                type="button"
                onClick={() => set({ scopes: [...scopes] })}
                className="rounded border border-zinc-300 px-2 py-0.5 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                {label}
              </button>
            ))}
          </div>
        </fieldset>

        <div className="space-y-3">
          <div>
            <label htmlFor={ids.device} className="flex items-center gap-2 text-sm font-medium">
              <input
                id={ids.device}
                type="checkbox"
                checked={draft.device}
                onChange={(e) => set({ device: e.target.checked })}
                aria-describedby={ids.deviceHelp}
                className="accent-teal-700"
              />
              Present a throwaway device identity
            </label>
            <p id={ids.deviceHelp} className="mt-1 pl-6 text-xs text-zinc-600 dark:text-zinc-400">
              A fresh key made for this trial only, never this browser&apos;s own.{' '}
              {canCleanUp ? (
                'If the gateway pairs it, clawscope removes it right after.'
              ) : (
                <span className="text-amber-800 dark:text-amber-300">
                  This session lacks operator.pairing: a trial device the gateway pairs would be left behind (remove it
                  on the Devices page).
                </span>
              )}
            </p>
          </div>
          <div>
            <label
              htmlFor={ids.token}
              className={`flex items-center gap-2 text-sm font-medium ${tokenBlocked ? 'text-zinc-400 dark:text-zinc-600' : ''}`}
            >
              <input
                id={ids.token}
                type="checkbox"
                checked={sendToken}
                disabled={Boolean(tokenBlocked)}
                onChange={(e) => set({ sendToken: e.target.checked })}
                aria-describedby={ids.tokenHelp}
                className="accent-teal-700"
              />
              Send this session&apos;s shared token
            </label>
            <p id={ids.tokenHelp} className="mt-1 pl-6 text-xs text-zinc-600 dark:text-zinc-400">
              {sendToken ? (
                'The only credential a trial ever sends.'
              ) : (
                <span className="text-amber-800 dark:text-amber-300">
                  {tokenBlocked ? `${tokenBlocked} ` : ''}
                  Without it the gateway refuses most sign-ins, and refusals count toward this origin&apos;s lockout
                  (about 10 lock the dashboard out for 5 minutes).
                </span>
              )}
            </p>
          </div>
        </div>

        <div
          className="rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-700 dark:bg-zinc-950/60 dark:text-zinc-300"
          data-testid="trial-known"
        >
          <span className="font-medium">Known behaviour: </span>
          {expected ? expected.text : 'not observed for this combination; the trial will tell.'}
        </div>

        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="primary" disabled={running || Boolean(blocked)}>
            {running ? 'Running…' : 'Run trial'}
          </Button>
          {running && <Button onClick={onCancel}>Cancel</Button>}
          {blocked && <p className="text-xs text-red-700 dark:text-red-400">{blocked}</p>}
        </div>
      </form>
    </Card>
  );
}
