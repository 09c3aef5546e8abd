import { expect, test, type Browser, type Page } from '@playwright/test';
import { appUrl, approveDevice, browserDeviceId, listDevices, startExtraGateway, type SandboxGateway } from './gateway';
import { newDevice, rawConnect, RawCallError, type RawConnectOptions } from './raw-client';

// Approvals wherever the user is, nodes, and this browser's own token rotation, against a real gateway with
// silent local pairing off (every new device waits for an approval).

const NO_AUTO_APPROVE = { gateway: { nodes: { pairing: { autoApproveLocal: false } } } };
const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

let gw: SandboxGateway;
let approver: Page;

test.beforeAll(async () => {
  gw = await startExtraGateway({ config: NO_AUTO_APPROVE });
});
test.afterAll(async () => {
  await gw?.stop();
});

/** A browser paired with every default scope, approved with the real CLI. */
async function pairedBrowser(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'pairing-required');
  const requestId = (await page.getByTestId('approve-command').textContent())!.split(' ').pop()!;
  await approveDevice(gw, requestId);
  await expect(summary(page)).toHaveAttribute('data-state', 'full', { timeout: 20_000 });
  return page;
}

/** Connect as another client; resolves with the pairing request the gateway made for it. */
async function askToPair(opts: Omit<RawConnectOptions, 'url'>): Promise<string> {
  try {
    const s = await rawConnect({ url: gw.url, ...opts });
    s.close();
    throw new Error('expected PAIRING_REQUIRED, got hello-ok');
  } catch (e) {
    if (!(e instanceof RawCallError)) throw e;
    const id = e.error.details?.requestId;
    expect(e.error.details?.code).toBe('PAIRING_REQUIRED');
    return String(id);
  }
}

test.describe.serial('approvals, nodes and own token', () => {
  test('a device asking to pair while the page is on Cron shows in the header badge, and Approve there pairs it', async ({
    browser,
  }) => {
    approver = await pairedBrowser(browser);
    await nav(approver, 'Cron').click();
    await expect(approver).toHaveURL(/\/cron/);
    const badge = approver.getByTestId('approvals-badge');
    await expect(badge).toContainText('0');

    const device = newDevice();
    const requestId = await askToPair({
      token: gw.token,
      device,
      origin: 'http://127.0.0.1:5194',
      client: { id: 'webchat-ui', mode: 'webchat', platform: 'web', displayName: 'e2e laptop' },
      scopes: ['operator.read'],
    });
    await expect(badge).toContainText('1');
    await badge.click();
    const panel = approver.getByRole('dialog', { name: 'Pairing requests' });
    const request = panel.locator(`li[data-request-id="${requestId}"]`);
    await expect(request).toContainText('webchat-ui');
    await expect(request).toContainText('operator.read');
    await expect(request).toContainText(/expires in \d:\d\d/);
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect(request).toHaveCount(0);
    await expect(approver).toHaveURL(/\/cron/);

    const list = await listDevices(gw);
    expect(list.pending.map((p) => p.requestId)).not.toContain(requestId);
    expect(list.paired.find((d) => d.deviceId === device.id)?.scopes).toEqual(['operator.read']);
  });

  test('a client connecting with role node shows in the node list, and its requests are approved from the page', async () => {
    const node = newDevice();
    const nodeOpts = {
      token: gw.token,
      device: node,
      role: 'node' as const,
      scopes: [],
      client: { id: 'node-host', mode: 'node', platform: 'linux', displayName: 'e2e-node' },
      caps: ['system'],
      commands: ['system.notify'],
    };
    const requestId = await askToPair(nodeOpts);

    await nav(approver, 'Nodes').click();
    const asking = approver.getByRole('region', { name: 'Nodes asking to pair' });
    const request = asking.locator(`li[data-request-id="${requestId}"]`);
    await expect(request).toContainText('node');
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect(request).toHaveCount(0);

    // Paired: the node connects, declares its commands, and asks for them to be approved.
    const session = await rawConnect({ url: gw.url, ...nodeOpts });
    try {
      const row = approver.getByTestId('node-row').filter({ hasText: 'e2e-node' });
      await expect(row).toContainText('connected', { timeout: 20_000 });
      const commands = approver.getByRole('region', { name: 'Nodes asking to approve commands' });
      const surface = commands.getByRole('listitem', { name: 'Node request from e2e-node' });
      await expect(surface).toContainText('system.notify');
      await surface.getByRole('button', { name: 'Approve' }).click();
      await expect(surface).toHaveCount(0);

      const admin = await rawConnect({ url: gw.url, token: gw.token, scopes: ['operator.read', 'operator.pairing'] });
      const nodes = (
        await admin.call<{ nodes: { nodeId: string; approvalState?: string; commands: string[] }[] }>('node.list')
      ).nodes;
      admin.close();
      const listed = nodes.find((n) => n.nodeId === node.id);
      expect(listed?.commands).toContain('system.notify');
      expect(listed?.approvalState ?? 'approved').toBe('approved');
    } finally {
      session.close();
    }
  });

  test("rotating this browser's own token keeps the new one: a reload connects on it without pairing again", async () => {
    // A tab without the shared token: it connects on this browser's device token alone. The approver tab goes
    // first: on the shared token it would reconnect and be issued a token with every scope again.
    const page = await approver.context().newPage();
    await approver.close();
    await page.goto(appUrl(gw.url, undefined, '/devices'));
    await expect(page.getByTestId('status-pill')).toContainText('connected', { timeout: 15_000 });
    const own = page.getByRole('article').filter({ has: page.getByText('this browser', { exact: true }) });
    await own.getByRole('button', { name: 'Rotate token' }).click();
    const dialog = page.getByRole('dialog', { name: /Rotate the operator token/ });
    // Admin brings write with it (the gateway adds it), so narrowing means dropping admin.
    await expect(dialog.getByRole('checkbox', { name: /^operator\.write/ })).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'operator.admin', exact: true }).uncheck();
    await expect(dialog.getByRole('checkbox', { name: /^operator\.write/ })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Rotate token' }).click();
    await expect(own.getByRole('status')).toContainText('keeps the new token', { timeout: 15_000 });
    await expect(page.getByTestId('status-pill')).toContainText('connected', { timeout: 15_000 });

    await page.reload();
    await expect(page.getByTestId('status-pill')).toContainText('connected', { timeout: 15_000 });
    await nav(page, 'Session').click();
    await expect(summary(page)).toHaveAttribute('data-state', 'full');
    const fact = (name: string) => page.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
    await expect(fact('Auth method')).toHaveText('device-token');
    const list = await listDevices(gw);
    expect(list.pending).toHaveLength(0);
    const myId = await browserDeviceId(page);
    const mine = list.paired.find((d) => d.deviceId === myId);
    const token = (mine?.tokens as { role: string; scopes: string[] }[] | undefined)?.find(
      (t) => t.role === 'operator',
    );
    expect(token?.scopes, JSON.stringify(mine)).toEqual(expect.arrayContaining(['operator.read', 'operator.write']));
    expect(token?.scopes, JSON.stringify(mine)).not.toContain('operator.admin');
    await page.close();
  });
});
