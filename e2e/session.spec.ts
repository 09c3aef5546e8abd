import { expect, test, type Page } from '@playwright/test';
import { createServer } from 'node:net';
import { appUrl, e2eGateway, listDevices, startExtraGateway } from './gateway';

// The foundation story against a real gateway: token-only is limited, one click pairs, a new tab needs no token.

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const methodRow = (page: Page, method: string) =>
  page.getByRole('table', { name: 'Method access' }).locator(`tr[data-method="${method}"]`);
const scopeRow = (page: Page, scope: string) =>
  page.getByRole('table', { name: 'Scope matrix' }).locator(`tr[data-scope="${scope}"]`);

test('token-only is limited; one click pairs; a second tab reuses the device token', async ({ browser }) => {
  const gw = e2eGateway();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));

  // The token is read from the fragment and stripped from the address bar.
  await expect(summary(page)).toHaveAttribute('data-state', 'limited');
  expect(page.url()).not.toContain('token=');
  expect(page.url()).not.toContain(gw.token);
  await expect(page.getByRole('heading', { name: 'Connected, but the gateway granted no scopes' })).toBeVisible();
  await expect(page.getByTestId('grant-explanation')).toContainText('no device identity');
  await expect(scopeRow(page, 'operator.read').getByLabel('granted: no')).toBeVisible();
  await expect(methodRow(page, 'status')).toContainText('missing scope: operator.read');
  await expect(methodRow(page, 'cron.add')).toContainText('missing scope: operator.admin');

  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'full');
  for (const scope of ['operator.read', 'operator.write', 'operator.admin']) {
    await expect(scopeRow(page, scope).getByLabel('granted: yes')).toBeVisible();
  }
  await expect(methodRow(page, 'status')).toContainText('ok');
  await expect(methodRow(page, 'cron.add')).toContainText('allowed');

  // The gateway's own record shows the device this browser just paired.
  const deviceId = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('clawscope', 1);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    return new Promise<string>((res) => {
      const g = db.transaction('kv').objectStore('kv').get('device-identity');
      g.onsuccess = () => res((g.result as { deviceId: string }).deviceId);
    });
  });
  const devices = await listDevices(gw);
  const paired = devices.paired.find((d) => d.deviceId === deviceId);
  expect(paired, 'device.pair.list shows the paired browser').toBeTruthy();
  expect(paired!.scopes).toEqual(expect.arrayContaining(['operator.read', 'operator.write', 'operator.admin']));

  // A new tab in the same browser: no token in its URL, it connects with the device token alone.
  const second = await context.newPage();
  await second.goto(appUrl(gw.url));
  await expect(summary(second)).toHaveAttribute('data-state', 'full');
  await expect(second.getByRole('table', { name: 'Scope matrix' })).toBeVisible();
  await expect(second.locator('dd', { hasText: 'device-token' }).first()).toBeVisible();
  await expect(methodRow(second, 'status')).toContainText('ok');

  // The shared token never reached localStorage.
  const stored = await second.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain(gw.token);
  await context.close();
});

test('a wrong token says so, names the code, and is not retried', async ({ browser }) => {
  // Its own gateway: failed auths count toward a per-origin lockout.
  const gw = await startExtraGateway();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    let connects = 0;
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => void (String(f.payload).includes('"method":"connect"') && connects++)),
    );
    await page.goto(appUrl(gw.url, 'definitely-wrong'));
    await expect(summary(page)).toHaveAttribute('data-state', 'failed');
    await expect(page.getByRole('heading', { name: 'The gateway token is wrong' })).toBeVisible();
    await expect(summary(page)).toContainText('AUTH_TOKEN_MISMATCH');
    await expect(summary(page).getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await page.waitForTimeout(3000);
    expect(connects).toBe(1);
    await context.close();
  } finally {
    await gw.stop();
  }
});

test('a stopped gateway shows "not reachable" with the URL tried, then connects when it is back', async ({
  browser,
}) => {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const token = 'e2e-late-gateway-token';
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl(url, token));
  await expect(summary(page)).toHaveAttribute('data-state', 'not-reachable');
  await expect(summary(page)).toContainText(`Nothing answered at ${url}`);
  // It keeps retrying with backoff: once the gateway is up, the page connects by itself.
  const gw = await startExtraGateway({ port, token });
  try {
    await expect(summary(page)).toHaveAttribute('data-state', 'limited', { timeout: 30_000 });
  } finally {
    await context.close();
    await gw.stop();
  }
});

test('a malformed gateway URL is refused before connecting', async ({ page }) => {
  let sockets = 0;
  page.on('websocket', () => void sockets++);
  await page.goto('/?gateway=not%20a%20url');
  await expect(page.getByRole('heading', { name: 'That gateway URL is not valid' })).toBeVisible();
  expect(sockets).toBe(0);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
