import { describe, expect, it } from 'vitest';
import type { CronJob } from '../../queries/cron';
import { filterJobs, readFilters, readSort, sortJobs } from './list-model';

const mk = (id: string, over: Partial<CronJob> = {}): CronJob => ({
  id,
  name: id,
  enabled: true,
  createdAtMs: 0,
  updatedAtMs: 0,
  schedule: { kind: 'cron', expr: '0 9 * * *' },
  sessionTarget: 'main',
  wakeMode: 'now',
  payload: { kind: 'systemEvent', text: 'x' },
  state: {},
  ...over,
});

const jobs = [
  mk('alpha', { state: { nextRunAtMs: 300, lastRunAtMs: 10, lastRunStatus: 'ok' } }),
  mk('beta', {
    enabled: false,
    schedule: { kind: 'every', everyMs: 1000 },
    state: { nextRunAtMs: 100, lastRunAtMs: 30, lastRunStatus: 'error' },
  }),
  mk('gamma', { description: 'Nightly backup', state: {} }),
  mk('delta', { displayName: 'Heartbeat (main)', state: { nextRunAtMs: 200 } }),
];
const ids = (js: CronJob[]) => js.map((j) => j.id);

describe('filterJobs', () => {
  const all = readFilters({ enabled: null, kind: null, status: null, q: null });
  it('filters by enabled, kind, last status and words', () => {
    expect(ids(filterJobs(jobs, { ...all, enabled: 'disabled' }))).toEqual(['beta']);
    expect(ids(filterJobs(jobs, { ...all, kind: 'every' }))).toEqual(['beta']);
    expect(ids(filterJobs(jobs, { ...all, status: 'never' }))).toEqual(['gamma', 'delta']);
    expect(ids(filterJobs(jobs, { ...all, status: 'error' }))).toEqual(['beta']);
    expect(ids(filterJobs(jobs, { ...all, q: 'NIGHTLY back' }))).toEqual(['gamma']);
    expect(ids(filterJobs(jobs, { ...all, q: 'heartbeat' }))).toEqual(['delta']);
  });
  it('ignores unknown URL values', () => {
    expect(readFilters({ enabled: 'bogus', kind: 'cron', status: 'nope', q: 'x' })).toEqual({
      enabled: 'all',
      kind: 'cron',
      status: 'all',
      q: 'x',
    });
  });
});

describe('sortJobs', () => {
  it('sorts by next run with unknown times last, both directions', () => {
    expect(ids(sortJobs(jobs, 'next', 'asc'))).toEqual(['beta', 'delta', 'alpha', 'gamma']);
    expect(ids(sortJobs(jobs, 'next', 'desc'))).toEqual(['alpha', 'delta', 'beta', 'gamma']);
  });
  it('sorts by last run and by shown name', () => {
    expect(ids(sortJobs(jobs, 'last', 'desc'))).toEqual(['beta', 'alpha', 'gamma', 'delta']);
    expect(ids(sortJobs(jobs, 'name', 'asc'))).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(readSort('last', null)).toEqual({ key: 'last', dir: 'desc' });
  });
});
