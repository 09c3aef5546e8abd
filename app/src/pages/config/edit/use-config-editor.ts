import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useGateway, useSession } from '../../../lib/gateway-context';
import type { ConfigSnapshot } from '../../../lib/config-tree';
import { configQueries, patchConfig, requestRestart } from '../../../queries/config';
import { GatewayError, toFailure } from '../../../session/errors';
import {
  allApplied,
  buildPatch,
  diffValues,
  issuesFromMessage,
  rebase,
  stage,
  unstage,
  type Change,
  type Draft,
  type Issue,
} from './draft';

export type ApplyProblem =
  | { kind: 'stale'; message: string }
  | { kind: 'invalid'; issues: Issue[]; message: string }
  | { kind: 'readonly'; message: string }
  | { kind: 'outcome-unknown'; message: string }
  | { kind: 'refused'; id?: string; message: string };

/** Set after a write that needs a restart, until the gateway runs the written revision. */
export type RestartFollow = {
  /** The authored revision before the write (undefined for a restart without a write). */
  prevHash?: string | null;
  /** session.resyncs at the write: a higher count means the session came back after the restart. */
  resyncsAtWrite: number;
  /** The restart was requested through gateway.restart.request (reload mode "off"), or the gateway restarts itself. */
  requested: boolean;
  /** The restart request itself failed; the write stands. */
  requestError: string | null;
};

/** Hybrid (the default) restarts by itself for restart-kind keys; "off" waits for an explicit restart. */
export const reloadMode = (s: ConfigSnapshot): string => {
  const g = (s.effective as { gateway?: { reload?: { mode?: unknown } } } | null)?.gateway?.reload?.mode;
  return typeof g === 'string' ? g : 'hybrid';
};

const READ_ONLY = /OPENCLAW_CONFIG_READONLY|OPENCLAW_NIX_MODE|immutable|externally managed/i;

export function useConfigEditor(snapshot: ConfigSnapshot) {
  const gw = useGateway();
  const qc = useQueryClient();
  const resyncs = useSession((s) => s.resyncs);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<ApplyProblem | null>(null);
  const [readOnly, setReadOnly] = useState<string | null>(null);
  const [restart, setRestart] = useState<RestartFollow | null>(null);

  const current: Draft = useMemo(
    () => draft ?? { baseHash: snapshot.hash, base: snapshot.parsed, changes: [] },
    [draft, snapshot.hash, snapshot.parsed],
  );
  // Someone else wrote since the changes were started: what they changed, for the conflict view.
  const theirs: Change[] | null = useMemo(
    () =>
      draft && draft.changes.length > 0 && draft.baseHash !== snapshot.hash
        ? diffValues(draft.base, snapshot.parsed)
        : null,
    [draft, snapshot.hash, snapshot.parsed],
  );

  const stageChange = useCallback(
    (c: Omit<Change, 'id'>) => {
      setDraft(stage(current, c));
      setProblem(null);
    },
    [current],
  );
  const unstageChange = useCallback(
    (id: string) => {
      setDraft(unstage(current, id));
      setProblem(null);
    },
    [current],
  );
  const replaceAll = useCallback(
    (changes: Change[]) => {
      setDraft({ ...current, changes });
      setProblem(null);
    },
    [current],
  );
  const discard = useCallback(() => {
    setDraft(null);
    setProblem(null);
  }, []);
  const reapply = useCallback(() => {
    setDraft(rebase(current, snapshot.parsed, snapshot.hash));
    setProblem(null);
  }, [current, snapshot.parsed, snapshot.hash]);

  const apply = useMutation({
    mutationFn: async ({ restartAfter }: { restartAfter: boolean }) => {
      const plan = buildPatch(current);
      if (!plan.ok) throw new PlanRefused(plan.id, plan.reason);
      const res = await patchConfig(gw, { raw: plan.raw, baseHash: current.baseHash, replacePaths: plan.replacePaths });
      let requestError: string | null = null;
      const requested = restartAfter && reloadMode(snapshot) === 'off';
      if (requested) {
        try {
          await requestRestart(gw);
        } catch (e) {
          requestError = toFailure(e).message;
        }
      }
      // Re-read before the draft is cleared, so the next edit starts from what was just written
      // (and is not mistaken for someone else's change). A restart may cut this read short.
      const fresh = await qc.fetchQuery({ ...configQueries.get(gw), staleTime: 0 }).catch(() => null);
      return { res, requested, requestError, written: current.changes, fresh };
    },
    onSuccess: ({ res, requested, requestError, written, fresh }, { restartAfter }) => {
      // Keep only what was staged while the write was in flight, moved onto the written revision.
      setDraft((d) => {
        const left = d?.changes.filter((c) => !written.includes(c)) ?? [];
        if (left.length === 0) return null;
        return fresh ? rebase({ ...d!, changes: left }, fresh.parsed, fresh.hash) : { ...d!, changes: left };
      });
      setProblem(null);
      if (restartAfter && !res.noop)
        setRestart({ prevHash: current.baseHash, resyncsAtWrite: resyncs, requested, requestError });
    },
    onError: async (error) => {
      if (error instanceof PlanRefused) return setProblem({ kind: 'refused', id: error.id, message: error.message });
      const f = toFailure(error);
      if (f.outcomeUnknown) {
        // Never re-sent: re-read and see whether it landed.
        const fresh = await qc.fetchQuery({ ...configQueries.get(gw), staleTime: 0 }).catch(() => null);
        if (fresh && allApplied(current, fresh.parsed)) return setDraft(null);
        return setProblem({
          kind: 'outcome-unknown',
          message: `${f.message}. The config was re-read: your changes are not all in it, and nothing was re-sent.`,
        });
      }
      if (/changed since last load/i.test(f.message)) {
        void qc.invalidateQueries({ queryKey: configQueries.all() });
        return setProblem({ kind: 'stale', message: f.message });
      }
      if (READ_ONLY.test(f.message)) {
        setReadOnly(f.message);
        return setProblem({ kind: 'readonly', message: f.message });
      }
      const issues = issuesFromMessage(f.message);
      if (issues.length > 0) return setProblem({ kind: 'invalid', issues, message: f.message });
      setProblem({
        kind: 'refused',
        message: error instanceof GatewayError ? `${error.code}: ${f.message}` : f.message,
      });
    },
  });

  const restartNow = useMutation({
    mutationFn: () => requestRestart(gw),
    onSuccess: () => setRestart({ resyncsAtWrite: resyncs, requested: true, requestError: null }),
  });

  return {
    draft: current,
    changes: current.changes,
    theirs,
    problem,
    readOnly,
    restart,
    clearRestart: () => setRestart(null),
    stageChange,
    unstageChange,
    replaceAll,
    discard,
    reapply,
    apply,
    restartNow,
  };
}

export type ConfigEditor = ReturnType<typeof useConfigEditor>;

class PlanRefused extends Error {
  constructor(
    readonly id: string,
    reason: string,
  ) {
    super(`${id}: ${reason}`);
  }
}
