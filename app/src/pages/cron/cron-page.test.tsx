import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithGateway } from '../../testing/render';
import { GatewayReplyError, installGatewayScenario, type Reply } from '../../testing/gateway';
import { createDeviceVault } from '../../session/device-identity';
import { memoryStore } from '../../session/idb';
import { CronPage } from './cron-page';
import { CronJobPage } from './cron-job-page';

const ADMIN = ['operator.read', 'operator.write', 'operator.admin'];
const READ = ['operator.read'];

const heartbeat = {
  id: 'hb-1',
  declarationKey: 'heartbeat:main',
  displayName: 'Heartbeat (main)',
  name: 'heartbeat-main',
  enabled: true,
  createdAtMs: 1,
  updatedAtMs: 1,
  schedule: { kind: 'every', everyMs: 1_800_000, anchorMs: 0 },
  sessionTarget: 'main',
  wakeMode: 'next-heartbeat',
  payload: { kind: 'heartbeat' },
  state: { nextRunAtMs: Date.now() + 600_000 },
  configRevision: 'sha256:hb',
};

const job = (i: number, over: Record<string, unknown> = {}) => ({
  id: `job-${String(i).padStart(5, '0')}`,
  name: `job ${String(i).padStart(5, '0')}`,
  enabled: true,
  createdAtMs: 1,
  updatedAtMs: 1,
  schedule: { kind: 'cron', expr: '*/5 * * * *', tz: 'UTC' },
  sessionTarget: 'main',
  wakeMode: 'now',
  payload: { kind: 'systemEvent', text: 'tick' },
  state: { nextRunAtMs: Date.now() + 60_000 + i },
  configRevision: `sha256:r${i}`,
  ...over,
});

/** cron.list paged like the gateway: at most `limit` per page, hasMore/nextOffset. */
function pagedList(jobs: unknown[], calls: unknown[] = []): Reply {
  return (params) => {
    calls.push(params);
    const { offset = 0, limit = 200 } = params as { offset?: number; limit?: number };
    const page = jobs.slice(offset, offset + limit);
    const next = offset + page.length;
    return {
      jobs: page,
      total: jobs.length,
      offset,
      limit,
      hasMore: next < jobs.length,
      nextOffset: next < jobs.length ? next : null,
      snapshotRevision: 's1',
    };
  };
}

function setup(ui: ReactNode, scopes: string[] | null, replies: Record<string, Reply>) {
  const gw = installGatewayScenario({
    ...(scopes ? { connect: () => ({ scopes, auth: { deviceToken: 'x' } }) } : {}),
    replies,
  });
  const r = renderWithGateway(ui, { vault: createDeviceVault(memoryStore()) });
  return { ...r, push: gw.push };
}

beforeEach(() => {
  window.history.replaceState(null, '', '/cron');
});

describe('Cron list', () => {
  it('reads every page, shows the system job, and renders only the visible rows', async () => {
    const calls: unknown[] = [];
    const jobs = [heartbeat, ...Array.from({ length: 449 }, (_, i) => job(i))];
    setup(<CronPage />, ADMIN, {
      'cron.list': pagedList(jobs, calls),
      'cron.status': () => ({ enabled: true, jobs: 450, nextWakeAtMs: Date.now() + 60_000 }),
    });
    expect(await screen.findByText('450 jobs')).toBeTruthy();
    expect(calls).toEqual([
      { includeDisabled: true, limit: 200, offset: 0 },
      { includeDisabled: true, limit: 200, offset: 200 },
      { includeDisabled: true, limit: 200, offset: 400 },
    ]);
    const table = screen.getByRole('table', { name: 'Cron jobs' });
    expect(table.getAttribute('aria-rowcount')).toBe('451');
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.length).toBeLessThan(60); // virtualised: nowhere near 450
    // Sorted by next run: the heartbeat (10 min away) is after the jobs (1 min away), so filter to find it.
    await userEvent.type(screen.getByRole('searchbox'), 'heartbeat');
    const hb = await screen.findByRole('row', { name: /Heartbeat \(main\)/ });
    expect(within(hb).getByText('system')).toBeTruthy();
    expect((within(hb).getByRole('switch') as HTMLButtonElement).disabled).toBe(true);
    expect(within(hb).getByRole('link', { name: 'Heartbeat (main)' }).getAttribute('href')).toBe('/cron/hb-1');
    expect(window.location.search).toBe('?q=heartbeat');
  });

  it('10,000 jobs: 50 pages merged, a screenful of rows, sorting by name stays quick', async () => {
    const calls: unknown[] = [];
    const jobs = Array.from({ length: 10_000 }, (_, i) => job(i));
    setup(<CronPage />, ADMIN, { 'cron.list': pagedList(jobs, calls) });
    expect(await screen.findByText('10000 jobs', {}, { timeout: 10_000 })).toBeTruthy();
    expect(calls).toHaveLength(50);
    const table = screen.getByRole('table', { name: 'Cron jobs' });
    expect(within(table).getAllByRole('row').length).toBeLessThan(40);
    const started = performance.now();
    await userEvent.click(within(table).getByRole('button', { name: /Name/ }));
    await waitFor(() => expect(window.location.search).toBe('?sort=name&dir=asc'));
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('job 00000');
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 20_000);

  it('shows the empty state with a New job button', async () => {
    setup(<CronPage />, ADMIN, { 'cron.list': () => ({ jobs: [], total: 0, hasMore: false, nextOffset: null }) });
    expect(await screen.findByText('No cron jobs yet')).toBeTruthy();
    expect((screen.getAllByRole('button', { name: /New job/ }).at(-1) as HTMLButtonElement).disabled).toBe(false);
  });

  it('explains a missing read scope', async () => {
    setup(<CronPage />, null, {});
    const alert = await screen.findByText(/Cannot list cron jobs/);
    expect(alert.textContent).toMatch(/operator\.read/);
  });

  it('read-only: controls are disabled with the reason and a way to pair', async () => {
    setup(<CronPage />, READ, { 'cron.list': pagedList([job(1)]) });
    const row = await screen.findByRole('row', { name: /job 00001/ });
    for (const control of [
      within(row).getByRole('switch'),
      within(row).getByRole('button', { name: /Run now: job 00001/ }),
      within(row).getByRole('button', { name: 'Remove job 00001' }),
    ]) {
      expect((control as HTMLButtonElement).disabled).toBe(true);
      expect(control.getAttribute('title')).toBe('needs operator.admin');
    }
    const note = screen.getByTestId('needs-admin');
    expect(within(note).getByRole('link', { name: 'Pair this device' }).getAttribute('href')).toBe('/');
    expect((screen.getByRole('button', { name: /New job/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('filters from the URL, client-side', async () => {
    window.history.replaceState(null, '', '/cron?enabled=disabled');
    setup(<CronPage />, ADMIN, { 'cron.list': pagedList([job(1), job(2, { enabled: false })]) });
    expect(await screen.findByText('1 of 2 jobs match')).toBeTruthy();
    expect(screen.getByRole('row', { name: /job 00002/ })).toBeTruthy();
    expect(screen.queryByRole('row', { name: /job 00001/ })).toBeNull();
  });

  it('toggles with cron.update and shows the gateway message when it fails', async () => {
    const patches: unknown[] = [];
    setup(<CronPage />, ADMIN, {
      'cron.list': pagedList([job(1)]),
      'cron.update': (p) => {
        patches.push(p);
        return new GatewayReplyError({ code: 'INVALID_REQUEST', message: 'invalid cron.update params: nope' });
      },
    });
    const row = await screen.findByRole('row', { name: /job 00001/ });
    await userEvent.click(within(row).getByRole('switch'));
    expect(await screen.findByText('invalid cron.update params: nope')).toBeTruthy();
    expect(screen.getByText('Could not disable “job 00001”')).toBeTruthy();
    // The switch is guarded by the revision it showed, so it cannot overwrite a concurrent edit.
    expect(patches).toEqual([{ id: 'job-00001', patch: { enabled: false }, expectedConfigRevision: 'sha256:r1' }]);
    expect(within(row).getByRole('switch').getAttribute('aria-checked')).toBe('true');
  });

  it('Run now follows the run to its finished event', async () => {
    const { push } = setup(<CronPage />, ADMIN, {
      'cron.list': pagedList([job(1)]),
      'cron.run': () => ({ ok: true, enqueued: true, runId: 'manual:job-00001:1:1' }),
      'cron.runs': () => ({ entries: [], total: 0, hasMore: false, nextOffset: null }),
    });
    const row = await screen.findByRole('row', { name: /job 00001/ });
    await userEvent.click(within(row).getByRole('button', { name: 'Run now: job 00001' }));
    expect(await within(row).findByText('running…')).toBeTruthy();
    push('cron', { jobId: 'job-00001', action: 'finished', runId: 'manual:other', status: 'error' });
    push('cron', {
      jobId: 'job-00001',
      action: 'finished',
      runId: 'manual:job-00001:1:1',
      status: 'ok',
      summary: 'all good',
      durationMs: 13,
    });
    expect(await within(row).findByText('all good')).toBeTruthy();
    expect(within(row).getByText('ok')).toBeTruthy();
    expect(within(row).getByText('13 ms')).toBeTruthy();
  });
});

describe('Cron job form', () => {
  it('keeps inputs and shows the gateway error at the expression field; creates nothing', async () => {
    window.history.replaceState(null, '', '/cron/new');
    const adds: unknown[] = [];
    setup(<CronJobPage id={null} />, ADMIN, {
      'cron.add': (p) => {
        adds.push(p);
        return new GatewayReplyError({
          code: 'INVALID_REQUEST',
          message:
            "invalid cron.add params: CronPattern: invalid configuration format ('not a cron'), exactly five, six, or seven space separated parts are required.",
        });
      },
    });
    await userEvent.type(await screen.findByLabelText(/^Name/), 'probe');
    await userEvent.type(screen.getByRole('textbox', { name: /Cron expression/ }), 'not a cron');
    await userEvent.type(screen.getByLabelText(/Event text/), 'hello');
    await userEvent.selectOptions(screen.getByLabelText('Session target'), 'isolated');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    expect(await screen.findByText(/An isolated target takes .* not “System event”/)).toBeTruthy();
    expect(adds).toHaveLength(0);

    await userEvent.selectOptions(screen.getByLabelText('Session target'), 'main');
    await userEvent.type(screen.getByLabelText(/^Name/), '{Enter}');
    const expr = screen.getByRole('textbox', { name: /Cron expression/ });
    await waitFor(() => expect(expr.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(expr.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /CronPattern: invalid configuration format/,
    );
    expect((expr as HTMLInputElement).value).toBe('not a cron');
    expect(adds).toEqual([
      {
        name: 'probe',
        enabled: true,
        schedule: { kind: 'cron', expr: 'not a cron', tz: expect.any(String) },
        sessionTarget: 'main',
        wakeMode: 'now',
        payload: { kind: 'systemEvent', text: 'hello' },
      },
    ]);
    expect(window.location.pathname).toBe('/cron/new');
    // Typing into the whole form is slow on a loaded 2-core box; the default 5 s is not about behaviour.
  }, 20_000);

  it('on CRON_JOB_CHANGED shows theirs vs yours, and Overwrite resends with their revision', async () => {
    window.history.replaceState(null, '', '/cron/job-00001');
    let current: ReturnType<typeof job> & { description?: string } = job(1);
    const updates: { expectedConfigRevision?: string; patch: Record<string, unknown> }[] = [];
    setup(<CronJobPage id="job-00001" />, ADMIN, {
      'cron.get': () => current,
      'cron.update': (p) => {
        const u = p as { expectedConfigRevision?: string; patch: Record<string, unknown> };
        updates.push(u);
        if (u.expectedConfigRevision !== current.configRevision) {
          return new GatewayReplyError({
            code: 'INVALID_REQUEST',
            message:
              'cron job definition no longer matches the loaded version; review the latest version before retrying',
            details: {
              code: 'CRON_JOB_CHANGED',
              expectedConfigRevision: u.expectedConfigRevision,
              actualConfigRevision: current.configRevision,
            },
          });
        }
        current = { ...current, ...u.patch, configRevision: 'sha256:mine' };
        return current;
      },
    });
    const name = await screen.findByLabelText(/^Name/);
    // Someone else saves first.
    current = { ...current, description: 'theirs', configRevision: 'sha256:theirs' };
    await userEvent.clear(name);
    await userEvent.type(name, 'renamed');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const panel = (await screen.findByRole('heading', { name: 'Someone else changed this job' })).closest('section')!;
    expect(within(panel).getByRole('row', { name: /Description/ }).textContent).toContain('theirs');
    expect(within(panel).getByRole('row', { name: /Name/ }).textContent).toContain('renamed');
    await userEvent.click(within(panel).getByRole('button', { name: 'Overwrite with my changes' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(updates.map((u) => [u.expectedConfigRevision, u.patch])).toEqual([
      ['sha256:r1', { name: 'renamed' }],
      ['sha256:theirs', { name: 'renamed' }],
    ]);
  });
});
