import type { CronJob, CronListFilters } from '../../queries/cron';

/**
 * The list's filters, all in the URL. The gateway filters by its own query, agent and trigger
 * (so the words match what `openclaw cron list` matches); enabled, schedule kind, last status and
 * "failing" are judged here, once the list is complete, and so is the sort.
 */

export type EnabledFilter = 'all' | 'enabled' | 'disabled';
export type KindFilter = 'all' | 'cron' | 'every' | 'at' | 'on-exit' | 'stream';
export type StatusFilter = 'all' | 'ok' | 'error' | 'skipped' | 'never';
export type TriggerFilter = 'all' | 'conditional' | 'unconditional';
export type SortKey = 'name' | 'next' | 'last' | 'updated';
export type SortDir = 'asc' | 'desc';

export type ListFilters = {
  enabled: EnabledFilter;
  kind: KindFilter;
  status: StatusFilter;
  failing: boolean;
  q: string;
  agent: string;
  trigger: TriggerFilter;
};

export type UrlFilters = { [K in keyof ListFilters]: string | null };

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Read filters from URL values, ignoring anything unknown. */
export function readFilters(p: Partial<UrlFilters>): ListFilters {
  return {
    enabled: pick(p.enabled ?? null, ['all', 'enabled', 'disabled'], 'all'),
    kind: pick(p.kind ?? null, ['all', 'cron', 'every', 'at', 'on-exit', 'stream'], 'all'),
    status: pick(p.status ?? null, ['all', 'ok', 'error', 'skipped', 'never'], 'all'),
    failing: p.failing === '1',
    q: p.q ?? '',
    agent: p.agent ?? '',
    trigger: pick(p.trigger ?? null, ['all', 'conditional', 'unconditional'], 'all'),
  };
}

export const isFiltered = (f: ListFilters) =>
  f.enabled !== 'all' ||
  f.kind !== 'all' ||
  f.status !== 'all' ||
  f.failing ||
  f.q !== '' ||
  f.agent !== '' ||
  f.trigger !== 'all';

/** What goes to cron.list. `agentAndTrigger` is false on gateways that refuse those params (2026.3.x). */
export function gatewayFilters(f: ListFilters, query: string, agentAndTrigger: boolean): CronListFilters {
  const out: CronListFilters = {};
  if (query.trim()) out.query = query.trim();
  if (agentAndTrigger && f.agent) out.agentId = f.agent;
  if (agentAndTrigger && f.trigger !== 'all') out.trigger = f.trigger;
  return out;
}

export function readSort(sort: string | null, dir: string | null): { key: SortKey; dir: SortDir } {
  const key = pick(sort, ['name', 'next', 'last', 'updated'], 'next');
  return { key, dir: pick(dir, ['asc', 'desc'], key === 'last' || key === 'updated' ? 'desc' : 'asc') };
}

const lastStatusOf = (j: CronJob) => j.state?.lastRunStatus ?? j.state?.lastStatus;
export const nameOf = (j: CronJob) => j.displayName ?? j.name;
export const isFailing = (j: CronJob) => (j.state?.consecutiveErrors ?? 0) > 0;

/** The client-side part of the filters (the gateway has applied query, agent and trigger). */
export function filterJobs(jobs: CronJob[], f: ListFilters): CronJob[] {
  return jobs.filter((j) => {
    if (f.enabled === 'enabled' && !j.enabled) return false;
    if (f.enabled === 'disabled' && j.enabled) return false;
    if (f.kind !== 'all' && j.schedule?.kind !== f.kind) return false;
    if (f.failing && !isFailing(j)) return false;
    if (f.status !== 'all') {
      const s = lastStatusOf(j);
      if (f.status === 'never' ? s !== undefined : s !== f.status) return false;
    }
    return true;
  });
}

export function countFailing(jobs: CronJob[]): number {
  let n = 0;
  for (const j of jobs) if (isFailing(j)) n++;
  return n;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sort a copy. Jobs without a time go last in either direction; ties break by name. */
export function sortJobs(jobs: CronJob[], key: SortKey, dir: SortDir): CronJob[] {
  const sign = dir === 'asc' ? 1 : -1;
  const time = (j: CronJob) =>
    key === 'next' ? (j.state?.nextRunAtMs ?? j.nextRunAtMs) : key === 'last' ? j.state?.lastRunAtMs : j.updatedAtMs;
  return jobs.slice().sort((a, b) => {
    if (key !== 'name') {
      const ta = time(a);
      const tb = time(b);
      if (ta === undefined && tb !== undefined) return 1;
      if (tb === undefined && ta !== undefined) return -1;
      if (ta !== undefined && tb !== undefined && ta !== tb) return (ta - tb) * sign;
    }
    return collator.compare(nameOf(a), nameOf(b)) * (key === 'name' ? sign : 1);
  });
}
