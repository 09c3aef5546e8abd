import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useGateway } from '../../lib/gateway-context';
import type { Gateway } from '../../session/gateway';
import { cronQueries, finishedRunFromEvent, startCronRun, type CronRunEntry, type RunMode } from '../../queries/cron';

/**
 * "Run now" and following that run to its end. cron.run only enqueues and answers with a
 * runId; the result arrives as a `cron` event (action "finished", same runId), and polling
 * cron.runs every 2 s covers a missed event. One tracker per gateway, outside React state,
 * so a run started on the list is still followed on the job page and survives row
 * virtualisation.
 */
type Base = { startedAt: number; mode: RunMode };
export type RunFollow = Base &
  (
    | { phase: 'starting' }
    | { phase: 'running'; runId: string }
    | { phase: 'done'; runId: string; entry: CronRunEntry }
    | { phase: 'not-run'; reason: string }
    | { phase: 'failed'; error: unknown }
    | { phase: 'lost'; runId: string }
  );

export const POLL_MS = 2_000;
export const GIVE_UP_MS = 15 * 60_000;

export class RunTracker {
  private follows = new Map<string, RunFollow>();
  private listeners = new Set<() => void>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Finished events seen recently: a fast run can finish before cron.run has answered. */
  private recent: CronRunEntry[] = [];
  private offEvent: (() => void) | null = null;

  constructor(
    private gw: Gateway,
    private qc: QueryClient,
  ) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  get = (jobId: string) => this.follows.get(jobId);

  isBusy(jobId: string) {
    const f = this.follows.get(jobId);
    return f?.phase === 'starting' || f?.phase === 'running';
  }

  private set(jobId: string, follow: RunFollow | undefined) {
    if (follow) this.follows.set(jobId, follow);
    else this.follows.delete(jobId);
    const active = [...this.follows.values()].some((f) => f.phase === 'starting' || f.phase === 'running');
    if (active && !this.offEvent) this.offEvent = this.gw.onEvent((e) => this.onEvent(e));
    if (!active && this.offEvent) {
      this.offEvent();
      this.offEvent = null;
      this.recent = [];
    }
    this.listeners.forEach((l) => l());
  }

  dismiss(jobId: string) {
    if (!this.isBusy(jobId)) this.set(jobId, undefined);
  }

  /** Start a run ("force": now; "due": only if due); a second click while one is under way does nothing. */
  async start(jobId: string, mode: RunMode = 'force') {
    if (this.isBusy(jobId)) return;
    const base = { startedAt: Date.now(), mode };
    this.set(jobId, { ...base, phase: 'starting' });
    try {
      const res = await startCronRun(this.gw, jobId, mode);
      if (!res.runId) {
        this.set(jobId, {
          ...base,
          phase: 'not-run',
          reason: res.reason ?? (res.enqueued === false ? 'not enqueued' : 'no run id returned'),
        });
        return;
      }
      const early = this.recent.find((e) => e.runId === res.runId);
      if (early) return this.finish(jobId, base, res.runId, early, false);
      this.set(jobId, { ...base, phase: 'running', runId: res.runId });
      this.schedulePoll(jobId, res.runId, base);
    } catch (error) {
      // A lost answer may have started a run anyway: re-read everything cron.
      const f = (error as { failure?: { outcomeUnknown?: boolean } }).failure;
      if (f?.outcomeUnknown) void this.qc.invalidateQueries({ queryKey: cronQueries.all() });
      this.set(jobId, { ...base, phase: 'failed', error });
    }
  }

  private onEvent(e: { event: string; payload?: unknown }) {
    const entry = finishedRunFromEvent(e);
    if (!entry?.runId) return;
    this.recent = [...this.recent.slice(-49), entry];
    for (const [jobId, f] of this.follows) {
      if (f.phase === 'running' && f.runId === entry.runId) this.finish(jobId, f, f.runId, entry, false);
    }
  }

  private schedulePoll(jobId: string, runId: string, base: Base) {
    clearTimeout(this.timers.get(jobId));
    this.timers.set(
      jobId,
      setTimeout(() => void this.poll(jobId, runId, base), POLL_MS),
    );
  }

  private async poll(jobId: string, runId: string, base: Base) {
    const current = this.follows.get(jobId);
    if (current?.phase !== 'running' || current.runId !== runId) return;
    try {
      const page = await this.gw.call('cron.runs', { id: jobId, runId, limit: 1 });
      const entry = page.entries?.find((e) => e.runId === runId);
      const still = this.follows.get(jobId);
      if (still?.phase !== 'running' || still.runId !== runId) return;
      if (entry) return this.finish(jobId, base, runId, entry, true);
    } catch {
      // A dropped connection or a slow read: keep trying until the give-up time.
    }
    if (Date.now() - base.startedAt > GIVE_UP_MS) return this.set(jobId, { ...base, phase: 'lost', runId });
    this.schedulePoll(jobId, runId, base);
  }

  private finish(jobId: string, base: Base, runId: string, entry: CronRunEntry, viaPoll: boolean) {
    clearTimeout(this.timers.get(jobId));
    this.timers.delete(jobId);
    this.set(jobId, { startedAt: base.startedAt, mode: base.mode, phase: 'done', runId, entry });
    // With an event, the event bridge already re-reads cron; found by polling, nothing else will.
    if (viaPoll) void this.qc.invalidateQueries({ queryKey: cronQueries.all() });
  }

  stop() {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.offEvent?.();
    this.offEvent = null;
  }
}

const trackers = new WeakMap<Gateway, RunTracker>();

export function useRunTracker(): RunTracker {
  const gw = useGateway();
  const qc = useQueryClient();
  let t = trackers.get(gw);
  if (!t) {
    t = new RunTracker(gw, qc);
    trackers.set(gw, t);
  }
  return t;
}

/** The run being followed for a job (undefined when none), and a start function. */
export function useRunNow(jobId: string) {
  const tracker = useRunTracker();
  const follow = useSyncExternalStore(tracker.subscribe, () => tracker.get(jobId));
  const start = useCallback((mode: RunMode = 'force') => void tracker.start(jobId, mode), [tracker, jobId]);
  const dismiss = useCallback(() => tracker.dismiss(jobId), [tracker, jobId]);
  return { follow, start, dismiss };
}
