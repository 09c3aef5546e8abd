import {
  experimental_streamedQuery as streamedQuery,
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { GatewayError, toFailure, type GatewayFailure } from '../session/errors';
import { useGateway, useReady, useSession } from '../lib/gateway-context';
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

/** The merged list. `complete` is false while later pages are still arriving. */
export type CronList = {
  jobs: CronJob[];
  total: number;
  deliveryPreviews: Record<string, DeliveryPreview>;
  complete: boolean;
};

// ---------------------------------------------------------------------------
// Reads

/** The gateway caps a page at 200. */
export const CRON_PAGE_SIZE = 200;
export const RUNS_PAGE_SIZE = 50;

/**
 * What the gateway filters the list by (its own query, agent and trigger semantics). Everything
 * else (enabled, kind, last status, sort) is judged here on the complete list.
 */
export type CronListFilters = Pick<P.CronListParams, 'query' | 'agentId' | 'trigger'>;

/** What each gateway generation accepts (cron.list and cron.runs refuse unknown params). */
export type CronFeatures = { agentAndTrigger: boolean; runIds: boolean; deliveryPreviews: boolean };
export const cronFeatures = (protocol: number | undefined): CronFeatures => ({
  // 2026.3.x (protocol 3): cron.list has no agentId/trigger and no delivery previews; runs carry no
  // runId and cannot be asked for one.
  agentAndTrigger: (protocol ?? 4) >= 4,
  runIds: (protocol ?? 4) >= 4,
  deliveryPreviews: (protocol ?? 4) >= 4,
});

type ListChunk = { restart: true } | { restart?: false; page: CronListPage };

/**
 * Every page of cron.list, as it arrives. If the job set changes between pages (the
 * snapshotRevision moves), say so and start over, so the merged list is one consistent snapshot.
 */
export async function* streamCronPages(
  gw: Gateway,
  filters: CronListFilters = {},
  signal?: AbortSignal,
): AsyncGenerator<ListChunk> {
  const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
  for (let attempt = 0; ; attempt++) {
    let offset = 0;
    let revision: string | undefined;
    let restarted = false;
    for (;;) {
      const page = await gw.call(
        'cron.list',
        { ...params, includeDisabled: true, limit: CRON_PAGE_SIZE, offset },
        { signal },
      );
      if (offset === 0) revision = page.snapshotRevision;
      else if (attempt < 2 && page.snapshotRevision && revision && page.snapshotRevision !== revision) {
        restarted = true;
        yield { restart: true };
        break;
      }
      const next = page.nextOffset ?? offset + (page.jobs?.length ?? 0);
      const last = !page.hasMore || next <= offset || !page.jobs?.length;
      yield { page: last ? page : { ...page, hasMore: true } };
      if (last) break;
      offset = next;
    }
    if (!restarted) return;
  }
}

export const EMPTY_LIST: CronList = { jobs: [], total: 0, deliveryPreviews: {}, complete: false };

/** Fold one chunk into the list: a page appends (skipping ids already there), a restart empties it. */
export function addChunk(list: CronList, chunk: ListChunk): CronList {
  if (chunk.restart) return EMPTY_LIST;
  const { page } = chunk;
  const seen = new Set(list.jobs.map((j) => j.id));
  const fresh = (page.jobs ?? []).filter((j) => !seen.has(j.id));
  const jobs = list.jobs.concat(fresh);
  return {
    jobs,
    total: Math.max(page.total ?? 0, jobs.length),
    deliveryPreviews: page.deliveryPreviews
      ? { ...list.deliveryPreviews, ...page.deliveryPreviews }
      : list.deliveryPreviews,
    complete: !page.hasMore,
  };
}

/** Every job at once (tests, and callers that need the whole set). */
export async function fetchAllCronJobs(gw: Gateway, filters: CronListFilters = {}, signal?: AbortSignal) {
  let list = EMPTY_LIST;
  for await (const chunk of streamCronPages(gw, filters, signal)) list = addChunk(list, chunk);
  return list;
}

export type RunsScope = { scope: 'all' } | { scope: 'job'; id: string };
/** The gateway's own run-history filters. */
export type RunFilters = Pick<P.CronRunsParams, 'status' | 'deliveryStatus' | 'query' | 'sortDir' | 'runId'>;

function runsParams(scope: RunsScope, filters: RunFilters, offset: number): P.CronRunsParams {
  const f = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '' && v !== 'all'));
  return {
    ...(scope.scope === 'all' ? { scope: 'all' } : { id: scope.id }),
    sortDir: 'desc',
    ...f,
    limit: RUNS_PAGE_SIZE,
    offset,
  };
}

export const cronQueries = {
  all: () => ['cron'] as const,
  lists: () => [...cronQueries.all(), 'list'] as const,
  /** Pages render as they arrive; a re-read keeps showing the old list until the new one is complete. */
  list: (gw: Gateway, filters: CronListFilters = {}) =>
    queryOptions({
      queryKey: [...cronQueries.lists(), filters] as const,
      queryFn: streamedQuery<ListChunk, CronList>({
        streamFn: ({ signal }) => streamCronPages(gw, filters, signal),
        refetchMode: 'replace',
        reducer: addChunk,
        initialValue: EMPTY_LIST,
      }),
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
  /** Run history with the gateway's filters, newest first by default, paged with "Load more". */
  runs: (gw: Gateway, scope: RunsScope, filters: RunFilters = {}) =>
    infiniteQueryOptions({
      queryKey: [...cronQueries.runsAll(), scope, filters] as const,
      initialPageParam: 0,
      queryFn: ({ pageParam, signal }) => gw.call('cron.runs', runsParams(scope, filters, pageParam), { signal }),
      getNextPageParam: (last) => (last.hasMore && typeof last.nextOffset === 'number' ? last.nextOffset : undefined),
    }),
  agents: (gw: Gateway) =>
    queryOptions({
      queryKey: ['agents', 'list'] as const,
      queryFn: ({ signal }) => gw.call('agents.list', {}, { signal }),
      staleTime: 5 * 60_000,
    }),
};

export const useCronFeatures = () => cronFeatures(useSession((s) => s.hello?.protocol));

export function useCronList(filters: CronListFilters = {}, { enabled = true }: { enabled?: boolean } = {}) {
  const gw = useGateway();
  return useQuery({
    ...cronQueries.list(gw, filters),
    enabled: useReady() && enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCronStatus() {
  const gw = useGateway();
  return useQuery({ ...cronQueries.status(gw), enabled: useReady() });
}

export function useAgents({ enabled = true }: { enabled?: boolean } = {}) {
  const gw = useGateway();
  return useQuery({ ...cronQueries.agents(gw), enabled: useReady() && enabled });
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

export function useCronRuns(scope: RunsScope, filters: RunFilters = {}) {
  const gw = useGateway();
  return useInfiniteQuery({ ...cronQueries.runs(gw, scope, filters), enabled: useReady() });
}

/** A job from any cached list, with when that list was read (so staleness is judged correctly). */
function findInLists(qc: QueryClient, id: string): { job: CronJob; updatedAt: number } | undefined {
  for (const query of qc.getQueryCache().findAll({ queryKey: cronQueries.lists() })) {
    const job = (query.state.data as CronList | undefined)?.jobs.find((j) => j.id === id);
    if (job) return { job, updatedAt: query.state.dataUpdatedAt };
  }
  return undefined;
}

/** The delivery preview the list carries for a job (cron.get has none). */
export function findPreview(qc: QueryClient, id: string): DeliveryPreview | undefined {
  for (const query of qc.getQueryCache().findAll({ queryKey: cronQueries.lists() })) {
    const p = (query.state.data as CronList | undefined)?.deliveryPreviews[id];
    if (p) return p;
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
/** "force" runs whatever the schedule says; "due" runs only if the job is due now (the scheduler's own test). */
export type RunMode = 'force' | 'due';

/** Enqueue a run; the answer has a runId (or why nothing ran), the result comes later. */
export function startCronRun(gw: Gateway, id: string, mode: RunMode = 'force'): Promise<CronRunStart> {
  return gw.call('cron.run', mode === 'force' ? { id } : { id, mode });
}

/** The run result carried by a `cron` event with action "finished", if it is one. */
export function finishedRunFromEvent(e: { event: string; payload?: unknown }): CronRunEntry | null {
  if (e.event !== 'cron' || !e.payload || typeof e.payload !== 'object') return null;
  const p = e.payload as Record<string, unknown>;
  if (p.action !== 'finished' || typeof p.jobId !== 'string') return null;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  const job = p.job as { name?: string } | undefined;
  return {
    ts: Date.now(),
    jobId: p.jobId,
    jobName: job?.name,
    action: 'finished',
    status: p.status as CronRunEntry['status'],
    completionStatus: p.completionStatus as CronRunEntry['completionStatus'],
    error: str('error'),
    summary: str('summary'),
    diagnostics: p.diagnostics as CronRunEntry['diagnostics'],
    deliveryStatus: p.deliveryStatus as CronRunEntry['deliveryStatus'],
    deliveryError: str('deliveryError'),
    deliverySuppressionReason: str('deliverySuppressionReason'),
    runId: str('runId'),
    runAtMs: num('runAtMs'),
    durationMs: num('durationMs'),
    nextRunAtMs: num('nextRunAtMs'),
    model: str('model'),
  };
}

/** A job's delivery preview as the gateway computes it: cron.get has none, so ask cron.list for that id. */
export function useJobPreview(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const gw = useGateway();
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...cronQueries.all(), 'preview', id] as const,
    queryFn: async ({ signal }) => {
      const page = await gw.call('cron.list', { query: id, includeDisabled: true, limit: 50 }, { signal });
      return page.deliveryPreviews?.[id] ?? null;
    },
    enabled: useReady() && enabled,
    initialData: () => findPreview(qc, id),
  });
}
