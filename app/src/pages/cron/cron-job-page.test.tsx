import { beforeEach, describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithGateway } from '../../testing/render';
import { installGatewayScenario, type Reply } from '../../testing/gateway';
import { createDeviceVault } from '../../session/device-identity';
import { memoryStore } from '../../session/idb';
import { CronJobPage } from './cron-job-page';

const ADMIN = ['operator.read', 'operator.write', 'operator.admin'];

const commandJob = {
  id: 'job-cmd',
  name: 'backup',
  description: 'Nightly backup of the notes',
  enabled: true,
  createdAtMs: 1,
  updatedAtMs: 2,
  configRevision: 'sha256:c1',
  schedule: { kind: 'cron', expr: '30 2 * * *', tz: 'Europe/Berlin', staggerMs: 0 },
  sessionTarget: 'isolated',
  wakeMode: 'now',
  agentId: 'ops',
  payload: {
    kind: 'command',
    argv: ['rsync', '-a', 'my notes/', "host:it's here"],
    cwd: '/srv',
    timeoutSeconds: 120,
  },
  trigger: { script: 'return (await fs.stat("/srv/notes")).size > 0', once: true },
  delivery: { mode: 'announce', channel: 'telegram', to: '12345', bestEffort: true },
  failureAlert: { after: 3, channel: 'telegram', to: 'ops-room', cooldownMs: 3_600_000 },
  state: { nextRunAtMs: Date.now() + 3_600_000, consecutiveErrors: 2, lastRunStatus: 'error', lastError: 'rsync: 23' },
};

const run = (i: number, over: Record<string, unknown> = {}) => ({
  ts: 1_700_000_000_000 + i,
  jobId: 'job-cmd',
  action: 'finished',
  status: 'ok',
  summary: `run ${i}`,
  runId: `manual:job-cmd:${i}`,
  runAtMs: 1_700_000_000_000 + i,
  durationMs: 40,
  ...over,
});

function setupJob(replies: Record<string, Reply>, protocol = 4) {
  const gw = installGatewayScenario({
    protocol,
    serverVersion: protocol === 3 ? '2026.3.13' : '2026.9.6',
    connect: () => ({ scopes: ADMIN, auth: { deviceToken: 'x' } }),
    replies: {
      'cron.get': () => commandJob,
      'cron.list': (p) => {
        const q = (p as { query?: string }).query;
        return {
          jobs: !q || commandJob.id.includes(q) ? [commandJob] : [],
          total: 1,
          hasMore: false,
          nextOffset: null,
          ...(protocol === 3
            ? {}
            : { deliveryPreviews: { 'job-cmd': { label: 'Telegram DM', detail: 'telegram:12345 via bot' } } }),
        };
      },
      ...replies,
    },
  });
  renderWithGateway(<CronJobPage id="job-cmd" />, { vault: createDeviceVault(memoryStore()) });
  return gw;
}

// The job page mounts the whole edit form too: give findBy* room on a loaded machine (still a condition, not a sleep).
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => window.history.replaceState(null, '', '/cron/job-cmd'));

describe('Cron job page', () => {
  it('says what the job does, in words, with the command line and trigger script verbatim', async () => {
    setupJob({});
    const summary = await screen.findByRole('region', { name: 'What it does' });
    expect(within(summary).getByTestId('job-when').textContent).toMatch(/in Europe\/Berlin, exactly on time/);
    expect(within(summary).getByLabelText('command line').textContent).toBe(
      "rsync -a 'my notes/' 'host:it'\\''s here'",
    );
    expect(within(summary).getByTestId('job-does').textContent).toMatch(/runs a command, in \/srv, times out after 2/);
    expect(within(summary).getByLabelText('trigger script').textContent).toContain('fs.stat');
    expect(within(summary).getByTestId('job-condition').textContent).toMatch(/once/);
    expect(within(summary).getByTestId('job-where').textContent).toMatch(/fresh isolated session each run, agent ops/);
    // The delivery target, and the gateway's own preview of it, in the page (not a tooltip).
    const delivery = within(summary).getByTestId('job-delivery').textContent!;
    expect(delivery).toMatch(/announced to telegram → 12345 \(best effort/);
    await waitFor(() =>
      expect(within(summary).getByTestId('job-delivery').textContent).toMatch(
        /The gateway resolves this to: Telegram DM \(telegram:12345 via bot\)/,
      ),
    );
    expect(within(summary).getByTestId('job-failure-alert').textContent).toBe(
      'after 3 consecutive failures, announce to telegram → ops-room, at most once every 1 h',
    );
  });

  it('shows every field the gateway holds under "All fields"', async () => {
    setupJob({});
    await userEvent.click(await screen.findByRole('tab', { name: 'All fields' }));
    expect(window.location.search).toBe('?view=fields');
    const all = screen.getByLabelText('Job fields');
    for (const key of Object.keys(commandJob)) expect(within(all).getAllByText(key).length).toBeGreaterThan(0);
    for (const key of ['consecutiveErrors', 'lastError', 'bestEffort', 'cooldownMs', 'once', 'argv']) {
      expect(within(all).getByText(key)).toBeTruthy();
    }
    expect(within(all).getByText('rsync: 23')).toBeTruthy();
    expect(within(all).getByText("host:it's here")).toBeTruthy();
  });

  it('Clone links to a new job prefilled from this one', async () => {
    setupJob({});
    const clone = await screen.findByRole('link', { name: 'Clone backup' });
    expect(clone.getAttribute('href')).toBe('/cron/new?from=job-cmd');
  });

  it('Run if due sends mode "due": says when nothing was due, and follows a due run to its end', async () => {
    const runs: unknown[] = [];
    let due = false;
    const gw = setupJob({
      'cron.run': (p) => {
        runs.push(p);
        return due ? { ok: true, enqueued: true, runId: 'due:1' } : { ok: true, ran: false, reason: 'not-due' };
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Run if due: backup' }));
    expect(await screen.findByText('Not due yet: nothing ran')).toBeTruthy();
    due = true;
    await userEvent.click(screen.getByRole('button', { name: 'Run if due: backup' }));
    expect(await screen.findByText('running…')).toBeTruthy();
    gw.push('cron', { jobId: 'job-cmd', action: 'finished', runId: 'due:1', status: 'ok', summary: 'synced' });
    expect(await screen.findByText(/Due run finished: ok/)).toBeTruthy();
    expect(runs).toEqual([
      { id: 'job-cmd', mode: 'due' },
      { id: 'job-cmd', mode: 'due' },
    ]);
  });

  it("run history: the gateway's filters from the URL, delivery details, and a link to one run", async () => {
    window.history.replaceState(null, '', '/cron/job-cmd?view=history&rstatus=error');
    const asked: Record<string, unknown>[] = [];
    const failed = run(2, {
      status: 'error',
      error: 'rsync: 23',
      deliveryStatus: 'not-delivered',
      deliverySuppressionReason: 'quiet-hours',
      delivery: {
        intended: { channel: 'telegram', to: '12345', source: 'explicit' },
        resolved: { ok: false, error: 'chat not found' },
      },
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
    });
    setupJob({
      'cron.runs': (p) => {
        const params = p as Record<string, unknown>;
        asked.push(params);
        const entries = params.runId ? [failed].filter((e) => e.runId === params.runId) : [failed];
        return { entries, total: entries.length, offset: 0, limit: 50, hasMore: false, nextOffset: null };
      },
    });
    const table = await screen.findByRole('table', { name: 'Run history' }, { timeout: 5000 });
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('error');
    expect(asked[0]).toEqual({ id: 'job-cmd', sortDir: 'desc', status: 'error', limit: 50, offset: 0 });
    const row = within(table).getByRole('row', { name: /rsync: 23/ });
    expect(within(row).getByText('quiet-hours')).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Show' }));
    const details = screen.getByTestId('run-details');
    expect(details.textContent).toMatch(/suppressed: quiet-hours/);
    expect(details.textContent).toMatch(/Intendedtelegram → 12345/);
    expect(details.textContent).toMatch(/failed: chat not found/);
    expect(details.textContent).toMatch(/10 in · 5 out · 15 total/);

    await userEvent.selectOptions(screen.getByLabelText('Delivery'), 'not-delivered');
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ status: 'error', deliveryStatus: 'not-delivered' }));
    expect(window.location.search).toBe('?view=history&rstatus=error&rdelivery=not-delivered');

    // The re-read table (its details still open) links each run by its id.
    await waitFor(() => expect(screen.getByText('Showing 1 of 1 matching runs')).toBeTruthy());
    const link = await within(screen.getByTestId('run-details')).findByRole('link', { name: 'manual:job-cmd:2' });
    await userEvent.click(link);
    expect(window.location.search).toBe('?view=history&rstatus=error&rdelivery=not-delivered&run=manual%3Ajob-cmd%3A2');
    const one = await screen.findByRole('region', { name: 'Run' });
    expect(asked.at(-1)).toEqual({ id: 'job-cmd', sortDir: 'desc', runId: 'manual:job-cmd:2', limit: 50, offset: 0 });
    expect(within(one).getByTestId('run-details').textContent).toMatch(/rsync: 23/);
    await userEvent.click(within(one).getByRole('link', { name: 'All runs' }));
    expect(await screen.findByRole('table', { name: 'Run history' }, { timeout: 5000 })).toBeTruthy();
  }, 15_000);

  it('protocol 3: no delivery preview and no run links, each said in one line', async () => {
    window.history.replaceState(null, '', '/cron/job-cmd?view=history');
    const asked: Record<string, unknown>[] = [];
    setupJob(
      {
        'cron.runs': (p) => {
          asked.push(p as Record<string, unknown>);
          const { runId: _omit, ...legacy } = run(1);
          return { entries: [legacy], total: 1, offset: 0, limit: 50, hasMore: false, nextOffset: null };
        },
      },
      3,
    );
    expect(await screen.findByText(/does not preview where results are delivered/)).toBeTruthy();
    expect(await screen.findByTestId('runs-note')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Run history' }, { timeout: 5000 });
    expect(within(table).queryAllByRole('link')).toHaveLength(0);
    expect(asked.every((p) => !('runId' in p))).toBe(true);
  });
});
