import { expect, test, type Browser, type Page } from '@playwright/test';
import { appUrl, approveDevice, startExtraGateway, type SandboxGateway } from './gateway';

// Pairing that needs approval, against a real gateway with silent local approval turned off.

const NO_AUTO_APPROVE = { gateway: { nodes: { pairing: { autoApproveLocal: false } } } };
const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const scopeGranted = (page: Page, scope: string) =>
  page.getByRole('table', { name: 'Scope matrix' }).locator(`tr[data-scope="${scope}"]`).getByLabel('granted: yes');

let gw: SandboxGateway;
/** A paired admin browser that approves the others' requests. */
let approver: Page;
test.beforeAll(async () => {
  gw = await startExtraGateway();
});
test.afterAll(async () => {
  await gw?.stop();
});

async function openPaired(browser: Browser, path = '/', scopes?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = appUrl(gw.url, gw.token, path);
  await page.goto(scopes ? url.replace('?', `?scopes=${scopes}&`) : url);
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', /full|limited/);
  return page;
}

async function setAutoApprove(on: boolean) {
  await gw.setConfig(on ? { gateway: { nodes: { pairing: { autoApproveLocal: true } } } } : NO_AUTO_APPROVE);
  // A hot config change: give the gateway a moment to apply it.
  await new Promise((r) => setTimeout(r, 2500));
}

test.describe.serial('approval flows', () => {
  test('an approver browser is paired while local approval is still silent', async ({ browser }) => {
    approver = await openPaired(browser);
    await expect(summary(approver)).toHaveAttribute('data-state', 'full');
    await setAutoApprove(false);
  });

  test('waiting view shows the request; the real CLI approves it; the page connects without a reload', async ({
    browser,
  }) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(appUrl(gw.url, gw.token));
    await expect(summary(page)).toHaveAttribute('data-state', 'limited');
    await page.getByRole('button', { name: 'Pair this device' }).click();
    await expect(summary(page)).toHaveAttribute('data-state', 'pairing-required');
    await expect(page.getByRole('heading', { name: 'Waiting for approval', exact: true })).toBeVisible();
    const command = await page.getByTestId('approve-command').textContent();
    const requestId = command!.replace('openclaw devices approve ', '').trim();
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    await approveDevice(gw, requestId);
    await expect(summary(page)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
    await expect(scopeGranted(page, 'operator.admin')).toBeVisible();
    await page.context().close();
  });

  test('the same, approved from another paired browser on its Devices page', async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(appUrl(gw.url, gw.token));
    await page.getByRole('button', { name: 'Pair this device' }).click();
    await expect(summary(page)).toHaveAttribute('data-state', 'pairing-required');
    const requestId = (await page.getByTestId('approve-command').textContent())!.split(' ').pop()!;

    await approver.getByRole('link', { name: 'Devices' }).click();
    const request = approver.locator(`li[data-request-id="${requestId}"]`);
    await expect(request).toBeVisible({ timeout: 10_000 });
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect(request).toHaveCount(0);

    await expect(summary(page)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
    await page.context().close();
  });

  test('a device paired with read only asks for admin in place; another browser approves it', async ({ browser }) => {
    await setAutoApprove(true);
    const narrow = await openPaired(browser, '/', 'operator.read');
    await expect(scopeGranted(narrow, 'operator.read')).toBeVisible();
    await setAutoApprove(false);

    const ask = narrow.getByRole('region', { name: 'Request more access' });
    await ask.getByLabel('operator.admin').check();
    await ask.getByRole('button', { name: 'Request more access' }).click();
    await expect(ask.getByRole('button', { name: 'Waiting for approval…' })).toBeVisible();

    await approver.getByRole('link', { name: 'Devices' }).click();
    const upgrade = approver
      .getByRole('listitem')
      .filter({ hasText: 'operator.admin' })
      .filter({ has: approver.getByRole('button', { name: 'Approve' }) })
      .first();
    await upgrade.getByRole('button', { name: 'Approve' }).click();

    await expect(scopeGranted(narrow, 'operator.admin')).toBeVisible({ timeout: 15_000 });
    expect(narrow.url()).not.toContain('token=');
    await narrow.context().close();
  });

  test('rejecting shows it, and asking again makes a new request', async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(appUrl(gw.url, gw.token));
    await page.getByRole('button', { name: 'Pair this device' }).click();
    const first = (await page.getByTestId('approve-command').textContent())!.split(' ').pop()!;

    await approver.getByRole('link', { name: 'Devices' }).click();
    const request = approver.locator(`li[data-request-id="${first}"]`);
    await request.getByRole('button', { name: 'Reject' }).click();
    const dialog = approver.getByRole('dialog');
    if (await dialog.isVisible().catch(() => false)) await dialog.getByRole('button', { name: /Reject/ }).click();
    await expect(request).toHaveCount(0);

    await page.getByRole('button', { name: 'Check now' }).click();
    await expect(page.getByTestId('approve-command')).not.toHaveText(`openclaw devices approve ${first}`, {
      timeout: 10_000,
    });
    await expect(page.getByText(`The earlier request ${first}`)).toContainText('expired or was replaced');
    await page.context().close();
  });

  test('revoking this browser from another one shows it unpaired, and pairing again works', async ({ browser }) => {
    await setAutoApprove(true);
    const victim = await openPaired(browser);
    await expect(summary(victim)).toHaveAttribute('data-state', 'full');
    const deviceId = await victim.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('clawscope', 1);
        r.onsuccess = () => res(r.result);
      });
      return new Promise<string>((res) => {
        const g = db.transaction('kv').objectStore('kv').get('device-identity');
        g.onsuccess = () => res((g.result as { deviceId: string }).deviceId);
      });
    });

    await approver.getByRole('link', { name: 'Devices' }).click();
    const device = approver.locator(`article[data-device-id="${deviceId}"]`);
    await device.getByRole('button', { name: 'Revoke' }).first().click();
    await approver.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();

    await expect(summary(victim)).toHaveAttribute('data-state', 'failed', { timeout: 10_000 });
    await expect(victim.getByRole('heading', { name: 'This browser was unpaired' })).toBeVisible();
    await victim.getByRole('button', { name: 'Pair this device' }).click();
    await expect(summary(victim)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
    await victim.context().close();
  });
});
