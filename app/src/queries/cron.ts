import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { GatewayError, toFailure, type GatewayFailure } from '../session/errors';
import { useGateway, useReady } from '../lib/gateway-context';
import type * as P from '@openclaw/gateway-protocol';
import type { Params, Result } from '../session/methods';

// ---------------------------------------------------------------------------
// Shapes: the gateway's own types (session/methods.ts says which method returns which).

export type CronJob = Result<'cron.get'>;
export type CronRunEntry = P.CronRunLogEntry;
export type CronPayload = CronJob['payload'];
export type CronDelivery = NonNullable<CronJob['delivery']>;
export type CronJobState = CronJob['state'];
export type CronDiagnostics = NonNullable<CronJobState['lastDiagnostics']>;
export type RunStatus = NonNullable<CronRunEntry['status']>;
export type CompletionStatus = NonNullable<CronRunEntry['completionStatus']>;
export type DeliveryStatus = NonNullable<CronRunEntry['deliveryStatus']>;
export type CronStatus = Result<'cron.status'>;
export type DeliveryPreview = P.CronDeliveryPreview;
export type CronListPage = Result<'cron.list'>;
export type CronRunsPage = Result<'cron.runs'>;
export type CronAddInput = Params<'cron.add'>;
export type CronPatch = Params<'cron.update'>['patch'];

export type CronList = { jobs: CronJob[]; total: number; deliveryPreviews: Record<string, DeliveryPreview> };

// ---------------------------------------------------------------------------
// Reads

/** The gateway caps a page at 200. */
export const CRON_PAGE_SIZE = 200;
export const RUNS_PAGE_SIZE = 50;

/** Server-side list params the dashboard may narrow by; filtering for the UI happens client-side. */
export type CronListFilters = { agentId?: string };

/**
 * Every job, following hasMore/nextOffset. If the job set changes between pages (the
 * snapshotRevision moves), start over so the merged list is one consistent snapshot.
 */
export async function fetchAllCronJobs(
  gw: Gateway,
  filters: CronListFilters = {},
  signal?: AbortSignal,
): Promise<CronList> {
  for (let attempt = 0; ; attempt++) {
    const byId = new Map<string, CronJob>();
    const previews: Record<string, DeliveryPreview> = {};
    let offset = 0;
    let revision: string | undefined;
    let total = 0;
    let restarted = false;
    for (;;) {
      const page = await gw.call(
        'cron.list',
        { ...filters, includeDisabled: true, limit: CRON_PAGE_SIZE, offset },
        { signal },
      );
      if (offset === 0) revision = page.snapshotRevision;
      else if (attempt < 2 && page.snapshotRevision && revision && page.snapshotRevision !== revision) {
        restarted = true;
        break;
      }
      for (const job of page.jobs ?? []) byId.set(job.id, job);
      Object.assign(previews, page.deliveryPreviews ?? {});
      total = page.total ?? byId.size;
      const next = page.nextOffset ?? offset + (page.jobs?.length ?? 0);
      if (!page.hasMore || next <= offset || !page.jobs?.length) break;
      offset = next;
    }
    if (!restarted) return { jobs: [...byId.values()], total: Math.max(total, byId.size), deliveryPreviews: previews };
  }
}

export type RunsScope = { scope: 'all' } | { scope: 'job'; id: string };

export const cronQueries = {
  all: () => ['cron'] as const,
  lists: () => [...cronQueries.all(), 'list'] as const,
  list: (gw: Gateway, filters: CronListFilters = {}) =>
    queryOptions({
      queryKey: [...cronQueries.lists(), filters] as const,
      queryFn: ({ signal }) => fetchAllCronJobs(gw, filters, signal),
    }),
  status: (gw: Gateway) =>
    queryOptions({
      queryKey: [...cronQueries.all(), 'status'] as const,
      queryFn: ({ signal }) => gw.call('cron.status', {}, { signal }),
    }),
  jobKey: (id: string) => [...cronQueries.all(), 'job', id] as const,
  job: (gw: Gateway, id: string) =>
    queryOptions({
      queryKey: cronQueries.jobKey(id),
      queryFn: ({ signal }) => gw.call('cron.get', { id }, { signal }),
    }),
  runsAll: () => [...cronQueries.all(), 'runs'] as const,
  /** Run history, newest first, paged with "Load more". */
  runs: (gw: Gateway, scope: RunsScope) =>
    infiniteQueryOptions({
      queryKey: [...cronQueries.runsAll(), scope] as const,
      initialPageParam: 0,
      queryFn: ({ pageParam, signal }) =>
        gw.call(
          'cron.runs',
          scope.scope === 'all'
            ? { scope: 'all', limit: RUNS_PAGE_SIZE, offset: pageParam, sortDir: 'desc' }
            : { id: scope.id, limit: RUNS_PAGE_SIZE, offset: pageParam, sortDir: 'desc' },
          { signal },
        ),
      getNextPageParam: (last) => (last.hasMore && typeof last.nextOffset === 'number' ? last.nextOffset : undefined),
    }),
  /** One run by its id: null until it is in the history. */
  run: (gw: Gateway, id: string, runId: string) =>
    queryOptions({
      queryKey: [...cronQueries.runsAll(), { id, runId }] as const,
      queryFn: async ({ signal }) => {
        const page = await gw.call('cron.runs', { id, runId, limit: 1 }, { signal });
        return page.entries?.[0] ?? null;
      },
    }),
};

export function useCronList(filters: CronListFilters = {}, { enabled = true }: { enabled?: boolean } = {}) {
  const gw = useGateway();
  return useQuery({ ...cronQueries.list(gw, filters), enabled: useReady() && enabled });
}

export function useCronStatus() {
  const gw = useGateway();
  return useQuery({ ...cronQueries.status(gw), enabled: useReady() });
}

/** A job by id, seeded from the list when it is already there. */
export function useCronJob(id: string | null) {
  const gw = useGateway();
  const qc = useQueryClient();
  const ready = useReady();
  return useQuery({
    ...cronQueries.job(gw, id ?? ''),
    enabled: ready && id !== null,
    initialData: () => (id ? findInLists(qc, id)?.job : undefined),
    initialDataUpdatedAt: () => (id ? findInLists(qc, id)?.updatedAt : undefined),
  });
}

export function useCronRuns(scope: RunsScope) {
  const gw = useGateway();
  return useInfiniteQuery({ ...cronQueries.runs(gw, scope), enabled: useReady() });
}

/** A job from any cached list, with when that list was read (so staleness is judged correctly). */
function findInLists(qc: QueryClient, id: string): { job: CronJob; updatedAt: number } | undefined {
  for (const query of qc.getQueryCache().findAll({ queryKey: cronQueries.lists() })) {
    const job = (query.state.data as CronList | undefined)?.jobs.find((j) => j.id === id);
    if (job) return { job, updatedAt: query.state.dataUpdatedAt };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Writes. All need operator.admin; none retries (a mutation is never re-sent automatically).
// Success writes the answer into the cache; the event bridge re-reads on the gateway's `cron`
// event, so no extra invalidation here. A lost answer re-reads everything cron at once.

export const OUTCOME_UNKNOWN_NOTE =
  'outcome unknown: the connection dropped before the gateway answered; the list was re-read';

export function failureOf(error: unknown): GatewayFailure {
  return error instanceof GatewayError ? error.failure : toFailure(error);
}

/** The words to show for a failed mutation, gateway message first. */
export function describeMutationError(error: unknown): string {
  const f = failureOf(error);
  if (f.outcomeUnknown) return `${OUTCOME_UNKNOWN_NOTE}. (${f.message})`;
  if (f.detailCode === 'MISSING_SCOPE') return `This session lacks ${f.missingScope ?? 'operator.admin'}: ${f.message}`;
  return f.message;
}

function onMutationError(qc: QueryClient) {
  return (error: unknown) => {
    if (failureOf(error).outcomeUnknown) void qc.invalidateQueries({ queryKey: cronQueries.all() });
  };
}

/** Put a job (as the gateway returned it) into every cached list and its own entry. */
export function writeJob(qc: QueryClient, job: CronJob) {
  qc.setQueriesData<CronList>({ queryKey: cronQueries.lists() }, (old) => {
    if (!old) return old;
    const i = old.jobs.findIndex((j) => j.id === job.id);
    if (i === -1) return { ...old, jobs: [...old.jobs, job], total: old.total + 1 };
    const jobs = old.jobs.slice();
    jobs[i] = { ...old.jobs[i], ...job };
    return { ...old, jobs };
  });
  qc.setQueryData<CronJob>(cronQueries.jobKey(job.id), job);
}

function dropJob(qc: QueryClient, id: string) {
  qc.setQueriesData<CronList>({ queryKey: cronQueries.lists() }, (old) =>
    old ? { ...old, jobs: old.jobs.filter((j) => j.id !== id), total: Math.max(0, old.total - 1) } : old,
  );
  qc.removeQueries({ queryKey: cronQueries.jobKey(id), exact: true });
}

/** cron.add answers with the job (or `{created, job}` for declaration-keyed adds). */
function jobFromAdd(result: Result<'cron.add'>): CronJob {
  return 'schedule' in result ? result : result.job;
}

export function useAddCronJob() {
  const gw = useGateway();
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['cron', 'add'],
    retry: false,
    mutationFn: async (input: CronAddInput) => jobFromAdd(await gw.call('cron.add', input)),
    onSuccess: (job) => writeJob(qc, job),
    onError: onMutationError(qc),
  });
}

/** The revision guard is required: every edit, switches included, says which version it changes. */
export type CronUpdateVars = { id: string; patch: CronPatch; expectedConfigRevision: string | undefined };

export function useUpdateCronJob() {
  const gw = useGateway();
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['cron', 'update'],
    retry: false,
    mutationFn: ({ id, patch, expectedConfigRevision }: CronUpdateVars) =>
      gw.call('cron.update', expectedConfigRevision ? { id, patch, expectedConfigRevision } : { id, patch }),
    onSuccess: (job) => writeJob(qc, job),
    onError: onMutationError(qc),
  });
}

export function useRemoveCronJob() {
  const gw = useGateway();
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['cron', 'remove'],
    retry: false,
    mutationFn: async (id: string) => {
      await gw.call('cron.remove', { id });
      return id;
    },
    onSuccess: (id) => dropJob(qc, id),
    onError: onMutationError(qc),
  });
}

export type CronRunStart = Result<'cron.run'>;

/** Enqueue a run now (the gateway's default mode is "force"); the answer has a runId, the result comes later. */
export function startCronRun(gw: Gateway, id: string): Promise<CronRunStart> {
  return gw.call('cron.run', { id });
}

/** The run result carried by a `cron` event with action "finished", if it is one. */
export function finishedRunFromEvent(e: { event: string; payload?: unknown }): CronRunEntry | null {
  if (e.event !== 'cron' || !e.payload || typeof e.payload !== 'object') return null;
  const p = e.payload as Record<string, unknown>;
  if (p.action !== 'finished' || typeof p.jobId !== 'string') return null;
  const job = p.job as { name?: string } | undefined;
  return {
    ts: Date.now(),
    jobId: p.jobId,
    jobName: job?.name,
    action: 'finished',
    status: p.status as RunStatus | undefined,
    completionStatus: p.completionStatus as CompletionStatus | undefined,
    error: typeof p.error === 'string' ? p.error : undefined,
    summary: typeof p.summary === 'string' ? p.summary : undefined,
    diagnostics: p.diagnostics as CronDiagnostics | undefined,
    deliveryStatus: p.deliveryStatus as DeliveryStatus | undefined,
    runId: typeof p.runId === 'string' ? p.runId : undefined,
    runAtMs: typeof p.runAtMs === 'number' ? p.runAtMs : undefined,
    durationMs: typeof p.durationMs === 'number' ? p.durationMs : undefined,
    nextRunAtMs: typeof p.nextRunAtMs === 'number' ? p.nextRunAtMs : undefined,
  };
}
