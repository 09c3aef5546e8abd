import type { CronJob } from '../../queries/cron';

/** Client-side filtering and sorting of the fetched job list (filters live in the URL). */

export type EnabledFilter = 'all' | 'enabled' | 'disabled';
export type KindFilter = 'all' | 'cron' | 'every' | 'at' | 'on-exit' | 'stream';
export type StatusFilter = 'all' | 'ok' | 'error' | 'skipped' | 'never';
export type SortKey = 'name' | 'next' | 'last';
export type SortDir = 'asc' | 'desc';

export type ListFilters = { enabled: EnabledFilter; kind: KindFilter; status: StatusFilter; q: string };

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Read filters from URL values, ignoring anything unknown. */
export function readFilters(p: {
  enabled: string | null;
  kind: string | null;
  status: string | null;
  q: string | null;
}): ListFilters {
  return {
    enabled: pick(p.enabled, ['all', 'enabled', 'disabled'], 'all'),
    kind: pick(p.kind, ['all', 'cron', 'every', 'at', 'on-exit', 'stream'], 'all'),
    status: pick(p.status, ['all', 'ok', 'error', 'skipped', 'never'], 'all'),
    q: p.q ?? '',
  };
}

export function readSort(sort: string | null, dir: string | null): { key: SortKey; dir: SortDir } {
  return {
    key: pick(sort, ['name', 'next', 'last'], 'next'),
    dir: pick(dir, ['asc', 'desc'], sort === 'last' ? 'desc' : 'asc'),
  };
}

const lastStatusOf = (j: CronJob) => j.state?.lastRunStatus ?? j.state?.lastStatus;
export const nameOf = (j: CronJob) => j.displayName ?? j.name;

function haystack(j: CronJob): string {
  const s = j.schedule as { expr?: string; tz?: string };
  return [
    j.id,
    j.name,
    j.displayName,
    j.description,
    j.agentId,
    j.sessionTarget,
    j.declarationKey,
    s.expr,
    s.tz,
    j.payload?.kind,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

export function filterJobs(jobs: CronJob[], f: ListFilters): CronJob[] {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return jobs.filter((j) => {
    if (f.enabled === 'enabled' && !j.enabled) return false;
    if (f.enabled === 'disabled' && j.enabled) return false;
    if (f.kind !== 'all' && j.schedule?.kind !== f.kind) return false;
    if (f.status !== 'all') {
      const s = lastStatusOf(j);
      if (f.status === 'never' ? s !== undefined : s !== f.status) return false;
    }
    if (words.length) {
      const h = haystack(j);
      if (!words.every((w) => h.includes(w))) return false;
    }
    return true;
  });
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sort a copy. Jobs without a next/last time go last in either direction; ties break by name. */
export function sortJobs(jobs: CronJob[], key: SortKey, dir: SortDir): CronJob[] {
  const sign = dir === 'asc' ? 1 : -1;
  const time = (j: CronJob) => (key === 'next' ? (j.state?.nextRunAtMs ?? j.nextRunAtMs) : j.state?.lastRunAtMs);
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
