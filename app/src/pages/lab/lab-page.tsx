import { useState } from 'react';
import { useCan, useGateway, useReady, useSession } from '../../lib/gateway-context';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/states';
import { DEFAULT_DRAFT, PRESETS, STOP_CODES, type TrialDraft } from './lab-model';
import { TrialForm } from './trial-form';
import { describeDraft, outcomeBadge, TrialResultView } from './trial-result';
import { useTrials } from './use-trials';

/**
 * The scope lab: one handshake with a chosen client id, mode, scopes, device and token on a separate,
 * short-lived socket, to tell "expected" from "bug" when a grant looks wrong.
 */
export function LabPage() {
  const gw = useGateway();
  const ready = useReady();
  const canPair = useCan('operator.pairing');
  const sessionCode = useSession((s) => s.error?.detailCode ?? null);
  const hasToken = gw.hasToken();
  const token = gw.sharedToken();
  const { runs, run, cancel, running } = useTrials();
  const [draft, setDraft] = useState<TrialDraft>(DEFAULT_DRAFT);
  const [shown, setShown] = useState<number | null>(null);

  const tokenBlocked = !token
    ? hasToken
      ? 'The session holds a token this page cannot read; reload the dashboard with its #token= link.'
      : 'This session has no shared token (it connected with a device token or none). Paste the token on the Session page to send it.'
    : sessionCode === 'AUTH_TOKEN_MISMATCH'
      ? 'The gateway rejected this token for the session: sending it again only counts toward the lockout.'
      : null;
  const stopped = runs.find((r) => STOP_CODES.has(r.result?.error?.detailCode ?? ''));
  const blocked =
    sessionCode === 'AUTH_RATE_LIMITED'
      ? 'This origin is locked out after failed sign-ins; wait for it to end before running trials.'
      : stopped
        ? `Trial #${stopped.n} was refused with ${stopped.result!.error!.detailCode}: no more trials on this visit, failures count toward the lockout.`
        : null;

  const start = (d: TrialDraft, presetId: string | null = null) => {
    setDraft(d);
    setShown(null);
    void run({ ...d, sendToken: d.sendToken && !tokenBlocked }, token, presetId);
  };
  const current = (shown !== null ? runs.find((r) => r.n === shown) : undefined) ?? runs[0];

  return (
    // Container queries: the layout follows the space it gets, which shrinks while the log drawer is docked.
    <div className="@container space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">Scope lab</h1>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            Is this grant expected or a bug? Run one handshake as another client on a separate, short-lived socket and
            see what the gateway grants. The trial calls nothing else and closes at once.
          </p>
        </div>
        <p className="text-xs text-zinc-500">
          Trials go to <code className="font-mono">{gw.url}</code>
        </p>
      </div>

      <section aria-label="Presets" className="grid gap-3 @3xl:grid-cols-3">
        {PRESETS.map((p) => {
          const needsToken = p.draft.sendToken && tokenBlocked;
          const why = blocked ?? (needsToken ? `Needs the shared token. ${tokenBlocked}` : null);
          return (
            <div
              key={p.id}
              className="flex flex-col gap-2 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
            >
              <button
                type="button"
                disabled={running || Boolean(why)}
                title={why ?? `Run: ${describeDraft(p.draft)}`}
                onClick={() => start(p.draft, p.id)}
                className="self-start rounded-md border border-teal-700 px-3 py-1.5 text-sm font-medium text-teal-800 hover:bg-teal-50 disabled:cursor-not-allowed disabled:border-zinc-300 disabled:text-zinc-400 dark:border-teal-500 dark:text-teal-300 dark:hover:bg-teal-950 dark:disabled:border-zinc-700 dark:disabled:text-zinc-600"
              >
                {p.label}
              </button>
              <p className="text-xs text-zinc-600 [overflow-wrap:anywhere] dark:text-zinc-400">{p.summary}</p>
              <p className="mt-auto font-mono text-[11px] text-zinc-500">{describeDraft(p.draft)}</p>
            </div>
          );
        })}
      </section>

      <div className="grid items-start gap-6 @5xl:grid-cols-5">
        <div className="@5xl:sticky @5xl:top-16 @5xl:col-span-2">
          <TrialForm
            draft={draft}
            onChange={setDraft}
            onRun={() => start(draft)}
            onCancel={cancel}
            running={running}
            tokenBlocked={tokenBlocked}
            blocked={blocked}
            canCleanUp={ready && canPair}
          />
        </div>
        <div className="space-y-6 @5xl:col-span-3">
          {current ? (
            <TrialResultView key={current.n} run={current} />
          ) : (
            <Card title="Result">
              <EmptyState title="No trial yet">
                Pick a preset, or set up a trial and run it. Results stay on this page until you leave it.
              </EmptyState>
            </Card>
          )}
          {runs.length > 1 && (
            <Card title="Earlier trials">
              <ol aria-label="Earlier trials" className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
                {runs.map((r) => {
                  const [tone, label] = outcomeBadge(r.result);
                  const code =
                    r.result?.outcome === 'refused' ? (r.result.error?.detailCode ?? r.result.error?.code) : null;
                  const active = r.n === current?.n;
                  return (
                    <li key={r.n}>
                      <button
                        type="button"
                        aria-current={active ? 'true' : undefined}
                        onClick={() => setShown(r.n)}
                        className={`flex w-full items-center justify-between gap-3 px-2 py-1.5 text-left ${active ? 'bg-zinc-100 dark:bg-zinc-800' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/50'}`}
                      >
                        <span className="min-w-0 truncate">
                          <span className="mr-2 text-zinc-500">#{r.n}</span>
                          <span className="font-mono text-xs">{describeDraft(r.draft)}</span>
                        </span>
                        <span className="flex shrink-0 items-center gap-2">
                          {code && (
                            <span className="hidden font-mono text-[11px] text-zinc-500 @2xl:inline">{code}</span>
                          )}
                          <Badge tone={tone}>{label}</Badge>
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ol>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
