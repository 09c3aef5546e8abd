import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useGateway } from '../../lib/gateway-context';
import type { Gateway } from '../../session/gateway';
import { cronQueries, finishedRunFromEvent, startCronRun, type CronRunEntry } from '../../queries/cron';

/**
 * "Run now" and following that run to its end. cron.run only enqueues and answers with a
 * runId; the result arrives as a `cron` event (action "finished", same runId), and polling
 * cron.runs every 2 s covers a missed event. One tracker per gateway, outside React state,
 * so a run started on the list is still followed on the job page and survives row
 * virtualisation.
 */
export type RunFollow =
  | { phase: 'starting'; startedAt: number }
  | { phase: 'running'; startedAt: number; runId: string }
  | { phase: 'done'; startedAt: number; runId: string; entry: CronRunEntry }
  | { phase: 'not-run'; startedAt: number; reason: string }
  | { phase: 'failed'; startedAt: number; error: unknown }
  | { phase: 'lost'; startedAt: number; runId: string };

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

  /** Start a run; a second click while one is starting or running does nothing. */
  async start(jobId: string) {
    if (this.isBusy(jobId)) return;
    const startedAt = Date.now();
    this.set(jobId, { phase: 'starting', startedAt });
    try {
      const res = await startCronRun(this.gw, jobId);
      if (!res.runId) {
        this.set(jobId, {
          phase: 'not-run',
          startedAt,
          reason: res.reason ?? (res.enqueued === false ? 'not enqueued' : 'no run id returned'),
        });
        return;
      }
      const early = this.recent.find((e) => e.runId === res.runId);
      if (early) return this.finish(jobId, startedAt, res.runId, early, false);
      this.set(jobId, { phase: 'running', startedAt, runId: res.runId });
      this.schedulePoll(jobId, res.runId, startedAt);
    } catch (error) {
      // A lost answer may have started a run anyway: re-read everything cron.
      const f = (error as { failure?: { outcomeUnknown?: boolean } }).failure;
      if (f?.outcomeUnknown) void this.qc.invalidateQueries({ queryKey: cronQueries.all() });
      this.set(jobId, { phase: 'failed', startedAt, error });
    }
  }

  private onEvent(e: { event: string; payload?: unknown }) {
    const entry = finishedRunFromEvent(e);
    if (!entry?.runId) return;
    this.recent = [...this.recent.slice(-49), entry];
    for (const [jobId, f] of this.follows) {
      if (f.phase === 'running' && f.runId === entry.runId) this.finish(jobId, f.startedAt, f.runId, entry, false);
    }
  }

  private schedulePoll(jobId: string, runId: string, startedAt: number) {
    clearTimeout(this.timers.get(jobId));
    this.timers.set(
      jobId,
      setTimeout(() => void this.poll(jobId, runId, startedAt), POLL_MS),
    );
  }

  private async poll(jobId: string, runId: string, startedAt: number) {
    const current = this.follows.get(jobId);
    if (current?.phase !== 'running' || current.runId !== runId) return;
    try {
      const page = await this.gw.call('cron.runs', { id: jobId, runId, limit: 1 });
      const entry = page.entries?.find((e) => e.runId === runId);
      const still = this.follows.get(jobId);
      if (still?.phase !== 'running' || still.runId !== runId) return;
      if (entry) return this.finish(jobId, startedAt, runId, entry, true);
    } catch {
      // A dropped connection or a slow read: keep trying until the give-up time.
    }
    if (Date.now() - startedAt > GIVE_UP_MS) return this.set(jobId, { phase: 'lost', startedAt, runId });
    this.schedulePoll(jobId, runId, startedAt);
  }

  private finish(jobId: string, startedAt: number, runId: string, entry: CronRunEntry, viaPoll: boolean) {
    clearTimeout(this.timers.get(jobId));
    this.timers.delete(jobId);
    this.set(jobId, { phase: 'done', startedAt, runId, entry });
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
  const start = useCallback(() => void tracker.start(jobId), [tracker, jobId]);
  const dismiss = useCallback(() => tracker.dismiss(jobId), [tracker, jobId]);
  return { follow, start, dismiss };
}
