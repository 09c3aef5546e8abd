import { describe, expect, it } from 'vitest';
import type { CronJob } from '../../queries/cron';
import { countFailing, filterJobs, gatewayFilters, readFilters, readSort, sortJobs } from './list-model';

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
  mk('gamma', { description: 'Nightly backup', updatedAtMs: 50, state: { consecutiveErrors: 2 } }),
  mk('delta', { displayName: 'Heartbeat (main)', updatedAtMs: 20, state: { nextRunAtMs: 200 } }),
];
const ids = (js: CronJob[]) => js.map((j) => j.id);

describe('filterJobs', () => {
  const all = readFilters({});
  it('filters by enabled, kind, last status and failing', () => {
    expect(ids(filterJobs(jobs, { ...all, enabled: 'disabled' }))).toEqual(['beta']);
    expect(ids(filterJobs(jobs, { ...all, kind: 'every' }))).toEqual(['beta']);
    expect(ids(filterJobs(jobs, { ...all, status: 'never' }))).toEqual(['gamma', 'delta']);
    expect(ids(filterJobs(jobs, { ...all, status: 'error' }))).toEqual(['beta']);
    expect(ids(filterJobs(jobs, { ...all, failing: true }))).toEqual(['gamma']);
    expect(countFailing(jobs)).toBe(1);
  });
  it('leaves words, agent and trigger to the gateway, and only where the gateway takes them', () => {
    const f = readFilters({ q: ' nightly ', agent: 'ops', trigger: 'conditional' });
    expect(ids(filterJobs(jobs, f))).toEqual(ids(jobs));
    expect(gatewayFilters(f, f.q, true)).toEqual({ query: 'nightly', agentId: 'ops', trigger: 'conditional' });
    expect(gatewayFilters(f, f.q, false)).toEqual({ query: 'nightly' });
    expect(gatewayFilters(all, '', true)).toEqual({});
  });
  it('ignores unknown URL values', () => {
    expect(
      readFilters({ enabled: 'bogus', kind: 'cron', status: 'nope', q: 'x', failing: 'yes', trigger: '?' }),
    ).toEqual({ enabled: 'all', kind: 'cron', status: 'all', failing: false, q: 'x', agent: '', trigger: 'all' });
  });
});

describe('sortJobs', () => {
  it('sorts by next run with unknown times last, both directions', () => {
    expect(ids(sortJobs(jobs, 'next', 'asc'))).toEqual(['beta', 'delta', 'alpha', 'gamma']);
    expect(ids(sortJobs(jobs, 'next', 'desc'))).toEqual(['alpha', 'delta', 'beta', 'gamma']);
  });
  it('sorts by last run, last update and by shown name', () => {
    expect(ids(sortJobs(jobs, 'last', 'desc'))).toEqual(['beta', 'alpha', 'gamma', 'delta']);
    expect(ids(sortJobs(jobs, 'updated', 'desc'))).toEqual(['gamma', 'delta', 'alpha', 'beta']);
    expect(ids(sortJobs(jobs, 'name', 'asc'))).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(readSort('last', null)).toEqual({ key: 'last', dir: 'desc' });
    expect(readSort('updated', null)).toEqual({ key: 'updated', dir: 'desc' });
  });
});
