import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithGateway } from '../../testing/render';
import { GatewayReplyError, RawReply, okFrame, installGatewayScenario, type Reply } from '../../testing/gateway';
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

type MockJob = { id: string; name: string; displayName?: string; agentId?: string; trigger?: unknown };

/** cron.list paged like the gateway: its query/agent/trigger filters, at most `limit` per page, hasMore/nextOffset. */
function listPage(all: MockJob[], params: unknown) {
  const {
    offset = 0,
    limit = 200,
    query,
    agentId,
    trigger,
  } = params as {
    offset?: number;
    limit?: number;
    query?: string;
    agentId?: string;
    trigger?: string;
  };
  const jobs = all.filter(
    (j) =>
      (!query || [j.id, j.name, j.displayName ?? ''].join(' ').toLowerCase().includes(query.toLowerCase())) &&
      (!agentId || (j.agentId ?? 'main') === agentId) &&
      (trigger !== 'conditional' || j.trigger) &&
      (trigger !== 'unconditional' || !j.trigger),
  );
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
}

function pagedList(jobs: MockJob[], calls: unknown[] = []): Reply {
  return (params) => {
    calls.push(params);
    return listPage(jobs, params);
  };
}

/** Like pagedList, but every page after the first waits until `release()` is called. */
function gatedList(jobs: MockJob[]) {
  const waiting: (() => void)[] = [];
  let open = false;
  const reply: Reply = (params) =>
    new RawReply((id, send) => {
      const answer = () => send(okFrame(id, listPage(jobs, params)));
      if (open || !(params as { offset?: number }).offset) answer();
      else waiting.push(answer);
    });
  const release = () => {
    open = true;
    waiting.splice(0).forEach((f) => f());
  };
  return { reply, release };
}

function setup(ui: ReactNode, scopes: string[] | null, replies: Record<string, Reply>) {
  const gw = installGatewayScenario({
    ...(scopes ? { connect: () => ({ scopes, auth: { deviceToken: 'x' } }) } : {}),
    replies,
  });
  const r = renderWithGateway(ui, { vault: createDeviceVault(memoryStore()) });
  return { ...r, push: gw.push };
}

// A loaded machine renders hundreds of rows slowly: give findBy* room (a condition with a ceiling, not a sleep).
configure({ asyncUtilTimeout: 5000 });

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
    // The search is the gateway's: typing sends it as cron.list's query, and the gateway's answer is shown.
    await userEvent.click(screen.getByRole('searchbox'));
    await userEvent.paste('heartbeat');
    expect(await screen.findByText('1 of 1 jobs match')).toBeTruthy();
    const hb = screen.getByRole('row', { name: /Heartbeat \(main\)/ });
    expect(calls.at(-1)).toEqual({ query: 'heartbeat', includeDisabled: true, limit: 200, offset: 0 });
    expect(within(hb).getByText('system')).toBeTruthy();
    expect((within(hb).getByRole('switch') as HTMLButtonElement).disabled).toBe(true);
    expect(within(hb).getByRole('link', { name: 'Heartbeat (main)' }).getAttribute('href')).toBe('/cron/hb-1');
    expect(window.location.search).toBe('?q=heartbeat');
  }, 30_000);

  it('10,000 jobs: rows from the first page at once, "loading N of M", then sorted when complete', async () => {
    const jobs = Array.from({ length: 10_000 }, (_, i) => job(9_999 - i));
    const list = gatedList(jobs);
    window.history.replaceState(null, '', '/cron?sort=name');
    setup(<CronPage />, ADMIN, { 'cron.list': list.reply });
    // Only the first page has arrived: its rows show, in the gateway's order, with the progress.
    expect(await screen.findByText(/Loading 200 of 10,000 jobs/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Cron jobs' });
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('job 09999');
    expect((within(table).getByRole('button', { name: /Name/ }) as HTMLButtonElement).disabled).toBe(true);
    list.release();
    expect(await screen.findByText('10000 jobs', {}, { timeout: 15_000 })).toBeTruthy();
    // Complete: sorted by name as the URL asks, still a screenful of rows.
    await waitFor(() => expect(within(table).getAllByRole('row')[1]!.textContent).toContain('job 00000'));
    expect(within(table).getAllByRole('row').length).toBeLessThan(40);
    await userEvent.click(within(table).getByRole('button', { name: /Name/ }));
    await waitFor(() => expect(window.location.search).toBe('?sort=name&dir=desc'));
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('job 09999');
  }, 30_000);

  it('counts failing jobs and filters to them; sorts by last update', async () => {
    setup(<CronPage />, ADMIN, {
      'cron.list': pagedList([
        job(1, { updatedAtMs: 300 }),
        job(2, { updatedAtMs: 100, state: { consecutiveErrors: 3, lastRunStatus: 'error', lastError: 'boom' } }),
        job(3, { updatedAtMs: 200, state: { consecutiveErrors: 1, lastRunStatus: 'error' } }),
      ]),
    });
    const failing = await screen.findByRole('button', { name: '2 failing' });
    expect(failing.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(failing);
    expect(await screen.findByText('2 of 3 jobs match')).toBeTruthy();
    expect(window.location.search).toBe('?failing=1');
    expect(screen.queryByRole('row', { name: /job 00001/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '2 failing' }));
    const table = screen.getByRole('table', { name: 'Cron jobs' });
    await userEvent.click(within(table).getByRole('button', { name: /Updated/ }));
    await waitFor(() => expect(window.location.search).toBe('?sort=updated&dir=desc'));
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('a')!.textContent);
    expect(names).toEqual(['job 00001', 'job 00003', 'job 00002']);
  });

  it("agent and trigger filters go to the gateway's cron.list, from the URL", async () => {
    window.history.replaceState(null, '', '/cron?agent=ops&trigger=conditional');
    const calls: unknown[] = [];
    setup(<CronPage />, ADMIN, {
      'cron.list': pagedList(
        [job(1, { agentId: 'ops', trigger: { script: 'return true' } }), job(2, { agentId: 'ops' }), job(3)],
        calls,
      ),
      'agents.list': () => ({
        defaultId: 'main',
        mainKey: 'main',
        scope: 'per-sender',
        agents: [{ id: 'main' }, { id: 'ops' }],
      }),
    });
    expect(await screen.findByRole('row', { name: /job 00001/ })).toBeTruthy();
    expect(screen.queryByRole('row', { name: /job 00002/ })).toBeNull();
    expect(calls[0]).toEqual({ agentId: 'ops', trigger: 'conditional', includeDisabled: true, limit: 200, offset: 0 });
    expect((screen.getByLabelText('Agent') as HTMLSelectElement).value).toBe('ops');
    await userEvent.selectOptions(screen.getByLabelText('Trigger'), 'all');
    expect(await screen.findByRole('row', { name: /job 00002/ })).toBeTruthy();
    expect(window.location.search).toBe('?agent=ops');
  });

  it('protocol 3: no agent or trigger filter, said in one line, and none sent', async () => {
    window.history.replaceState(null, '', '/cron?agent=ops');
    const calls: unknown[] = [];
    installGatewayScenario({
      protocol: 3,
      serverVersion: '2026.3.13',
      connect: () => ({ scopes: ADMIN, auth: { deviceToken: 'x' } }),
      replies: { 'cron.list': pagedList([job(1)], calls) },
    });
    renderWithGateway(<CronPage />, { vault: createDeviceVault(memoryStore()) });
    expect(await screen.findByRole('row', { name: /job 00001/ })).toBeTruthy();
    expect(screen.getByTestId('filters-note').textContent).toMatch(/cannot filter jobs by agent or trigger/);
    expect(screen.queryByLabelText('Agent')).toBeNull();
    expect(calls).toEqual([{ includeDisabled: true, limit: 200, offset: 0 }]);
  });

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

  it('filters enabled, kind and status from the URL, client-side', async () => {
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

  it('the switch carries the revision it was shown with: a concurrent edit is refused, kept, and re-read', async () => {
    // The gateway's job: someone else renamed it after this page read the list.
    let current = job(1);
    const shown = { ...current };
    current = { ...current, name: 'renamed elsewhere', configRevision: 'sha256:theirs' };
    let stale = true;
    const patches: unknown[] = [];
    setup(<CronPage />, ADMIN, {
      'cron.list': () => listPage([stale ? shown : current], {}),
      'cron.update': (p) => {
        patches.push(p);
        const u = p as { expectedConfigRevision?: string; patch: Record<string, unknown> };
        if (u.expectedConfigRevision !== current.configRevision) {
          stale = false;
          return new GatewayReplyError({
            code: 'INVALID_REQUEST',
            message: 'cron job definition no longer matches the loaded version',
            details: { code: 'CRON_JOB_CHANGED', actualConfigRevision: current.configRevision },
          });
        }
        current = { ...current, ...u.patch };
        return current;
      },
    });
    const row = await screen.findByRole('row', { name: /job 00001/ });
    await userEvent.click(within(row).getByRole('switch'));
    expect(await screen.findByText(/Someone else changed this job/)).toBeTruthy();
    // Nothing overwritten: the other edit stands, and the list now shows it.
    expect(current).toMatchObject({ name: 'renamed elsewhere', enabled: true });
    const fresh = await screen.findByRole('row', { name: /renamed elsewhere/ });
    await userEvent.click(within(fresh).getByRole('switch', { name: 'Disable renamed elsewhere' }));
    await waitFor(() => expect(current.enabled).toBe(false));
    expect(patches).toEqual([
      { id: 'job-00001', patch: { enabled: false }, expectedConfigRevision: 'sha256:r1' },
      { id: 'job-00001', patch: { enabled: false }, expectedConfigRevision: 'sha256:theirs' },
    ]);
    expect(current.name).toBe('renamed elsewhere');
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
