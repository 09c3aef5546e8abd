import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
  appUrl,
  browserDeviceId,
  connectionState,
  GATEWAY_VERSIONS,
  listDevices,
  methodRow,
  navTo,
  recordSockets,
  scopeRow,
  startExtraGateway,
  type SandboxGateway,
} from './gateway';

// The same core flows against every sandbox gateway version: OpenClaw 2026.9.x (protocol 4, most users) and
// 2026.3.13 (protocol 3, the seed user). Each version gets its own gateway and one browser context; the steps
// build on each other (serial): token-only limited -> one-click pair -> access probes -> presence -> new tab on
// the device token -> config -> cron list and add -> a cron job page by URL.

for (const { version, openclaw, protocol } of GATEWAY_VERSIONS) {
  test.describe(`OpenClaw ${openclaw} (protocol ${protocol})`, () => {
    test.describe.configure({ mode: 'serial' });

    let gw: SandboxGateway;
    let context: BrowserContext;
    let page: Page;
    let sockets: ReturnType<typeof recordSockets>;

    test.beforeAll(async ({ browser }) => {
      test.setTimeout(120_000);
      gw = await startExtraGateway({ version });
      expect(gw.openclawVersion).toBe(openclaw);
      context = await browser.newContext();
      page = await context.newPage();
      sockets = recordSockets(page);
    });

    test.afterAll(async () => {
      await context?.close();
      await gw?.stop();
    });

    test('token only: connected but limited, granted none', async () => {
      await page.goto(appUrl(gw.url, gw.token));
      await expect(connectionState(page)).toHaveAttribute('data-state', 'limited');
      expect(page.url()).not.toContain(gw.token);
      await expect(page.getByRole('heading', { name: 'Connected, but the gateway granted no scopes' })).toBeVisible();
      for (const scope of ['operator.read', 'operator.write', 'operator.admin']) {
        await expect(scopeRow(page, scope).getByLabel('granted: no')).toBeVisible();
      }
      await expect(methodRow(page, 'status')).toContainText('missing scope: operator.read');
      await expect(methodRow(page, 'cron.add')).toContainText('missing scope: operator.admin');

      // What the gateway actually said: one protocol range works for both; the agreed protocol is the gateway's.
      expect(sockets.connects[0]).toMatchObject({ credential: 'token', device: false, minProtocol: 3, maxProtocol: 4 });
      const hello = sockets.hellos[0]!;
      expect(hello.protocol).toBe(protocol);
      expect((hello.server as { version?: string }).version).toBe(openclaw);
      await expect(page.locator('dd', { hasText: openclaw }).first()).toBeVisible();
      if (version === 'legacy') {
        // 2026.3.13 states no grant at all for a device-less session: no `auth` block in hello-ok.
        expect(hello.auth).toBeUndefined();
        await expect(page.getByTestId('grant-explanation')).toContainText('hello-ok carried no auth block');
      } else {
        expect(hello.auth).toMatchObject({ method: 'token', scopes: [] });
      }
      if (version !== 'legacy') {
        // hello-ok stated the empty grant, so the probes were answered from it: nothing was asked. Ask now.
        expect(sockets.requests['status']).toBeUndefined();
        await page.getByRole('button', { name: 'Ask the gateway' }).click();
        await expect.poll(() => sockets.errors.some((e) => e.method === 'status')).toBe(true);
      }
      // Both say "missing scope: operator.read"; 2026.9.x as FORBIDDEN + details, 2026.3.13 as INVALID_REQUEST, message only.
      const denied = sockets.errors.find((e) => e.method === 'status');
      expect(denied?.message).toBe('missing scope: operator.read');
      if (version === 'legacy') expect(denied).toMatchObject({ code: 'INVALID_REQUEST', details: undefined });
      else expect(denied).toMatchObject({ code: 'FORBIDDEN', details: { code: 'MISSING_SCOPE' } });
    });

    test('one click pairs this browser: full, and the gateway lists the device', async () => {
      await page.getByRole('button', { name: 'Pair this device' }).click();
      await expect(connectionState(page)).toHaveAttribute('data-state', 'full');
      for (const scope of ['operator.read', 'operator.write', 'operator.admin']) {
        await expect(scopeRow(page, scope).getByLabel('granted: yes')).toBeVisible();
      }
      await expect(methodRow(page, 'status')).toContainText('ok');
      await expect(methodRow(page, 'cron.add')).toContainText('allowed');
      const deviceId = await browserDeviceId(page);
      expect(deviceId).toBeTruthy();
      const paired = (await listDevices(gw)).paired.find((d) => d.deviceId === deviceId);
      expect(paired, 'the gateway lists the paired browser').toBeTruthy();
      expect(paired!.scopes).toEqual(expect.arrayContaining(['operator.read', 'operator.write', 'operator.admin']));
    });

    test('every access probe on the paired session passes', async () => {
      // 2026.3.13 answers the dry cron.run probe (unknown id) with UNAVAILABLE "unknown cron job id": still "allowed".
      for (const method of ['status', 'system-presence', 'config.get', 'cron.list', 'cron.runs', 'device.pair.list']) {
        await expect(methodRow(page, method).getByText('ok', { exact: true })).toBeVisible();
      }
      await expect(methodRow(page, 'cron.add')).toContainText('allowed (dry probe)');
      await expect(methodRow(page, 'cron.run')).toContainText('allowed (dry probe)', { timeout: 5000 });
    });

    test('presence lists this session', async () => {
      await navTo(page, 'Presence');
      await expect(page.getByRole('heading', { name: 'Presence', exact: true })).toBeVisible();
      const online = page.getByRole('table', { name: 'Online clients' });
      await expect(online.locator('tr[data-own="self"]')).toHaveCount(1);
      await expect(online.locator('tr[data-own="self"]')).toContainText('this session');
      await expect(page.getByTestId('gateway-entry')).toContainText(openclaw);
    });

    test('a new tab without the token connects on the stored device token', async () => {
      const second = await context.newPage();
      const secondSockets = recordSockets(second);
      await second.goto(appUrl(gw.url));
      await expect(connectionState(second)).toHaveAttribute('data-state', 'full');
      await expect(second.locator('dd', { hasText: 'device-token' }).first()).toBeVisible();
      await expect(methodRow(second, 'status')).toContainText('ok');
      expect(secondSockets.connects[0]).toMatchObject({ credential: 'device-token', device: true });
      await second.close();

      // The first tab is still connected after the second one left.
      const online = page.getByRole('table', { name: 'Online clients' });
      if (version === 'legacy') {
        // Known difference: 2026.3.13 keys presence by device id, not by connection, so the second tab's
        // disconnect marks the one shared entry "disconnect" while this tab is still online (see the report /
        // the session/ compat note). Only the gateway's own entry is certain here.
        await expect(page.getByTestId('gateway-entry')).toContainText(openclaw);
      } else {
        await expect(online.locator('tr[data-own="self"]')).toHaveCount(1);
      }
    });

    test('config page loads the gateway config', async () => {
      await navTo(page, 'Config');
      await expect(page.getByRole('heading', { name: 'Config', exact: true })).toBeVisible();
      await expect(page.getByTestId('config-path')).toHaveText(gw.configPath);
      await expect(page.getByRole('searchbox', { name: 'Search the config' })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Config entries' })).toContainText('gateway');
    });

    test("cron lists the gateway's jobs, and a job added through the form shows up", async () => {
      // A job made on the gateway side (the CLI), so the list has something the app did not create.
      const seeded = `seeded-${version}`;
      const r = await gw.cli([
        'cron',
        'add',
        '--name',
        seeded,
        '--cron',
        '0 9 * * *',
        '--system-event',
        'from the cli',
        '--session',
        'main',
        '--json',
      ]);
      expect(r.code, r.stderr || r.stdout).toBe(0);

      await navTo(page, 'Cron');
      await expect(page.getByRole('heading', { name: 'Cron', exact: true })).toBeVisible();
      const jobs = page.getByRole('table', { name: 'Cron jobs' });
      await expect(jobs.getByRole('link', { name: seeded })).toBeVisible();
      // What 2026.3.x's cron.list cannot filter by is hidden with a one-line note; the search works on both.
      if (version === 'legacy') {
        await expect(page.getByTestId('filters-note')).toContainText('cannot filter jobs by agent or trigger');
        await expect(page.getByRole('combobox', { name: 'Agent', exact: true })).toHaveCount(0);
      } else {
        await expect(page.getByRole('combobox', { name: 'Agent', exact: true })).toBeVisible();
      }
      await page.getByRole('searchbox').fill(seeded);
      await expect(page.getByTestId('jobs-count')).toHaveText('1 of 1 jobs match');
      await page.getByRole('button', { name: 'Clear filters' }).click();

      await page.getByRole('button', { name: 'New job' }).first().click();
      await expect(page).toHaveURL(/\/cron\/new/);
      const form = page.getByRole('form', { name: 'New cron job' });
      const name = `compat-${version}-${Date.now().toString(36)}`;
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      await form.getByLabel('Cron expression').fill('*/30 * * * *');
      await form.getByLabel('Event text').fill('hello from clawscope');
      await form.getByRole('button', { name: 'Create job' }).click();
      // On success the app opens the new job's page.
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      await expect(page).toHaveURL(/\/cron\/[^/?]+\?/);

      await navTo(page, 'Cron');
      await expect(jobs.getByRole('link', { name })).toBeVisible();
      await expect(jobs.getByRole('link', { name: seeded })).toBeVisible();
      // The gateway really has it (not just the app's cache).
      const list = await gw.cli(['cron', 'list', '--json']);
      expect(list.stdout).toContain(name);
    });

    test('a cron job page opened by its URL loads the job', async () => {
      const list = await gw.cli(['cron', 'list', '--json']);
      const jobs = (JSON.parse(list.stdout) as { jobs: Array<{ id: string; name: string }> }).jobs;
      const seeded = jobs.find((j) => j.name === `seeded-${version}`);
      expect(seeded, list.stdout).toBeTruthy();
      await page.goto(appUrl(gw.url, undefined, `/cron/${encodeURIComponent(seeded!.id)}`));
      await expect(page.getByRole('heading', { name: seeded!.name, level: 1 })).toBeVisible({ timeout: 5000 });
      await expect(page.getByRole('region', { name: 'What it does' })).toContainText('posts a system event');
      // Run if due on a daily job that is not due: nothing runs, on both generations.
      await page.getByRole('button', { name: `Run if due: ${seeded!.name}` }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Not due yet: nothing ran' })).toBeVisible();
      await page.getByRole('tab', { name: 'Run history' }).click();
      if (version === 'legacy') await expect(page.getByTestId('runs-note')).toBeVisible();
      else await expect(page.getByTestId('runs-note')).toHaveCount(0);
    });
  });
}
