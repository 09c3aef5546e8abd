import { expect, test } from '@playwright/test';
import { appUrl, startExtraGateway, type SandboxGateway } from './gateway';
import { newDevice, rawConnect } from './raw-client';

// OpenClaw 2026.3.13 (protocol 3) sends no presence event when a client connects, and its entries carry no
// clientId: Presence must still show a newcomer without a reload, named by the host the gateway reports.

let gw: SandboxGateway;
test.beforeAll(async () => {
  gw = await startExtraGateway({ version: 'legacy' });
});
test.afterAll(async () => {
  await gw?.stop();
});

test('on 2026.3.13 a client connecting while Presence is open appears without a reload, named by its host', async ({
  page,
}) => {
  await page.goto(appUrl(gw.url, gw.token, '/presence'));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  const online = page.getByRole('table', { name: 'Online clients' });
  await expect(online).toBeVisible({ timeout: 20_000 });
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await expect(online.getByText('e2e-legacy-host')).toHaveCount(0);

  const other = await rawConnect({
    url: gw.url,
    token: gw.token,
    device: newDevice(),
    // Not a cli client: 2026.3.13 keeps no presence for those.
    origin: 'http://127.0.0.1:5194',
    client: { id: 'webchat-ui', mode: 'webchat', platform: 'web', displayName: 'e2e-legacy-host' },
    scopes: ['operator.read'],
  });
  try {
    const row = online.getByTestId('presence-row').filter({ hasText: 'e2e-legacy-host' });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row).not.toContainText('unknown client');
    await expect(row).toContainText('webchat');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  } finally {
    other.close();
  }
});
