import { expect, test, type Page } from '@playwright/test';
import { appUrl, cliDevices, e2eGateway, listDevices } from './gateway';

// The scope lab against the real gateway: the three known cases, and no trial device left behind.

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const result = (page: Page) => page.getByRole('region', { name: 'Trial result' });
const methodRow = (page: Page, method: string) =>
  result(page).getByRole('table', { name: 'Methods with this grant' }).locator(`tr[data-method="${method}"]`);
const scopeRow = (page: Page, scope: string) =>
  result(page).getByRole('table', { name: 'Trial scope matrix' }).locator(`tr[data-scope="${scope}"]`);

test('the lab presets reproduce the known cases and leave no trial device behind', async ({ browser }) => {
  const gw = e2eGateway();
  const context = await browser.newContext();
  const page = await context.newPage();
  let trialSockets = 0;
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => void (String(f.payload).includes('"id":"trial-') && trialSockets++)),
  );

  // The session must hold operator.pairing to remove a trial device: pair this browser first.
  await page.goto(appUrl(gw.url, gw.token));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'full');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lab' }).click();
  await expect(page).toHaveURL(/\/lab\?gateway=/);
  await expect(page.getByRole('heading', { name: 'Scope lab' })).toBeVisible();
  const before = await listDevices(gw);

  // 1. The seed bug: cli/cli with the token but no device, from a browser (which sends an Origin): granted nothing.
  await page.getByRole('button', { name: 'CLI with token, no device' }).click();
  await expect(result(page)).toContainText('Trial #1');
  await expect(result(page)).toHaveAttribute('data-outcome', 'granted');
  await expect(result(page).getByText('granted nothing')).toBeVisible();
  await expect(scopeRow(page, 'operator.read').getByLabel('requested: yes')).toBeVisible();
  await expect(scopeRow(page, 'operator.read').getByLabel('granted: no')).toBeVisible();
  await expect(methodRow(page, 'status')).toHaveAttribute('data-passes', 'false');
  await expect(methodRow(page, 'status')).toContainText('missing operator.read');
  await expect(methodRow(page, 'health')).toHaveAttribute('data-passes', 'true');
  await expect(page.getByTestId('trial-verdict')).toHaveAttribute('data-verdict', 'matches');

  // 2. Browser with device: silently paired with everything it asked for, then removed by this session.
  await page.getByRole('button', { name: 'Browser with device' }).click();
  await expect(result(page)).toContainText('Trial #2');
  await expect(result(page)).toHaveAttribute('data-outcome', 'granted');
  await expect(result(page).getByText('granted 3')).toBeVisible();
  for (const scope of ['operator.read', 'operator.write', 'operator.admin']) {
    await expect(scopeRow(page, scope).getByLabel('granted: yes')).toBeVisible();
  }
  await expect(methodRow(page, 'cron.add')).toHaveAttribute('data-passes', 'true');
  await expect(page.getByTestId('trial-cleanup')).toHaveText('trial device removed');
  await expect(page.getByTestId('trial-verdict')).toHaveAttribute('data-verdict', 'matches');
  const trialDevice = await result(page).getAttribute('data-device-id');
  expect(trialDevice).toMatch(/^[0-9a-f]{64}$/);
  const after = await listDevices(gw);
  expect(after.paired.map((d) => d.deviceId)).not.toContain(trialDevice);
  expect(after.pending.map((d) => d.deviceId)).not.toContain(trialDevice);
  expect(after.paired.map((d) => d.deviceId).sort()).toEqual(before.paired.map((d) => d.deviceId).sort());

  // 3. The Control UI id without a device identity: refused, with the gateway's code.
  await page.getByRole('button', { name: 'Control UI without device' }).click();
  await expect(result(page)).toContainText('Trial #3');
  await expect(result(page)).toHaveAttribute('data-outcome', 'refused');
  await expect(result(page).locator('[data-field="details.code"]')).toHaveText('CONTROL_UI_DEVICE_IDENTITY_REQUIRED');
  await expect(result(page).locator('[data-field="code"]')).toHaveText('INVALID_REQUEST');
  await expect(result(page).locator('[data-field="close"]')).toContainText('1008');
  await expect(page.getByTestId('trial-methods-none')).toContainText('none would pass');
  await expect(page.getByTestId('trial-verdict')).toHaveAttribute('data-verdict', 'matches');

  // Three trials, three sockets, one connect each; the session itself stayed connected.
  expect(trialSockets).toBe(3);
  await expect(page.getByTestId('status-pill')).toContainText('connected');
  await expect(page.getByRole('list', { name: 'Earlier trials' }).getByRole('listitem')).toHaveCount(3);
  await context.close();
});

test('a token-only session cannot clean up a paired trial device and says so', async ({ browser }) => {
  const gw = e2eGateway();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token, '/lab'));
  await expect(
    page.getByText('This session lacks operator.pairing: a trial device the gateway pairs would be left behind'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Browser with device' }).click();
  await expect(page.getByTestId('trial-cleanup')).toHaveAttribute('data-state', 'left');
  await expect(page.getByTestId('trial-cleanup')).toContainText(
    'left paired: this session lacks operator.pairing; remove it on the Devices page',
  );
  // Clean up with the CLI so the shared gateway stays as it was.
  const trialDevice = (await result(page).getAttribute('data-device-id'))!;
  expect((await listDevices(gw)).paired.map((d) => d.deviceId)).toContain(trialDevice);
  const removed = await cliDevices(gw, ['remove', trialDevice]);
  expect(removed.code).toBe(0);
  expect((await listDevices(gw)).paired.map((d) => d.deviceId)).not.toContain(trialDevice);
  await context.close();
});
