import { useCallback, useEffect, useRef, useState } from 'react';
import { useCan, useGateway, useReady } from '../../lib/gateway-context';
import { toFailure } from '../../session/errors';
import { runTrial, type TrialResult } from '../../session/trial';
import type { TrialDraft } from './lab-model';

/** What happened to the throwaway device after a device trial. */
export type Cleanup =
  | { state: 'none' }
  | { state: 'working'; what: 'remove' | 'reject' }
  | { state: 'removed' }
  | { state: 'rejected' }
  | { state: 'left'; pending: boolean }
  | { state: 'failed'; pending: boolean; message: string };

export type TrialRun = {
  n: number;
  draft: TrialDraft;
  presetId: string | null;
  result: TrialResult | null;
  cleanup: Cleanup;
};

const KEEP = 8;

/**
 * Runs trials one at a time and cleans up after them: a trial device that got paired is removed, and
 * a pairing request it left is rejected, when this session holds operator.pairing.
 */
export function useTrials() {
  const gw = useGateway();
  const canPair = useCan('operator.pairing');
  const ready = useReady();
  // Read when the trial ends, not when it starts: the grant can change meanwhile.
  const may = useRef(false);
  useEffect(() => {
    may.current = ready && canPair;
  }, [ready, canPair]);
  const [runs, setRuns] = useState<TrialRun[]>([]);
  const abort = useRef<AbortController | null>(null);
  const counter = useRef(0);

  // Leaving the page closes a trial's socket.
  useEffect(() => () => abort.current?.abort(), []);

  const patch = (n: number, p: Partial<TrialRun>) => setRuns((rs) => rs.map((r) => (r.n === n ? { ...r, ...p } : r)));

  const run = useCallback(
    async (draft: TrialDraft, token: string | undefined, presetId: string | null = null) => {
      if (abort.current) return;
      const n = ++counter.current;
      const ctl = new AbortController();
      abort.current = ctl;
      setRuns((rs) =>
        [{ n, draft, presetId, result: null, cleanup: { state: 'none' } as Cleanup }, ...rs].slice(0, KEEP),
      );
      let result: TrialResult;
      try {
        result = await runTrial({
          url: gw.url,
          clientId: draft.clientId,
          mode: draft.mode,
          scopes: draft.scopes,
          device: draft.device,
          token: draft.sendToken ? token : undefined,
          signal: ctl.signal,
        });
      } finally {
        abort.current = null;
      }
      patch(n, { result });

      const requestId = result.error?.pairing?.requestId;
      if (result.paired && result.deviceId) {
        if (!may.current) return patch(n, { cleanup: { state: 'left', pending: false } });
        patch(n, { cleanup: { state: 'working', what: 'remove' } });
        try {
          await gw.call('device.pair.remove', { deviceId: result.deviceId });
          patch(n, { cleanup: { state: 'removed' } });
        } catch (e) {
          patch(n, { cleanup: { state: 'failed', pending: false, message: toFailure(e).message } });
        }
      } else if (result.deviceId && requestId) {
        if (!may.current) return patch(n, { cleanup: { state: 'left', pending: true } });
        patch(n, { cleanup: { state: 'working', what: 'reject' } });
        try {
          await gw.call('device.pair.reject', { requestId });
          patch(n, { cleanup: { state: 'rejected' } });
        } catch (e) {
          patch(n, { cleanup: { state: 'failed', pending: true, message: toFailure(e).message } });
        }
      }
    },
    [gw],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const running = runs[0]?.result === null;
  return { runs, run, cancel, running };
}
