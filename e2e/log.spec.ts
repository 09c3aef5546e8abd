import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { appUrl, e2eGateway } from './gateway';

// The activity log panel and the diagnostics export, against the real gateway.

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const drawer = (page: Page) => page.getByRole('dialog', { name: 'Activity log' });
const rows = (page: Page) => drawer(page).getByTestId('log-row');

/** This browser's device token for the gateway, read from IndexedDB the way the app stores it. */
function readDeviceToken(page: Page, gatewayUrl: string) {
  return page.evaluate(async (url) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('clawscope', 1);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const get = (key: string) =>
      new Promise<unknown>((res) => {
        const g = db.transaction('kv').objectStore('kv').get(key);
        g.onsuccess = () => res(g.result);
      });
    const identity = (await get('device-identity')) as { deviceId: string };
    const stored = (await get(`token|${url}|${identity.deviceId}|operator`)) as { token: string } | undefined;
    return stored?.token ?? null;
  }, gatewayUrl);
}

test('the log shows requests and events from every page, filters them, and exports diagnostics without secrets', async ({
  browser,
}) => {
  const gw = e2eGateway();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await expect(summary(page)).toHaveAttribute('data-state', 'limited');

  // Limited: the Session page's probes, once asked of the gateway, are denied, and the log says with which code.
  await page.getByRole('button', { name: 'Ask the gateway' }).click();
  await page.getByRole('button', { name: /^Log/ }).click();
  await expect(drawer(page)).toBeVisible();
  await expect(drawer(page).getByLabel('Filter the log')).toBeFocused();
  const status = rows(page)
    .filter({ hasText: /^\S+REQstatus/ })
    .first();
  await expect(status).toContainText('MISSING_SCOPE');
  await expect(status).toContainText('missing scope: operator.read');
  await expect(status).toHaveAttribute('data-error', 'true');

  await drawer(page)
    .getByLabel(/Errors only/)
    .check();
  await expect(rows(page).first()).toBeVisible();
  const flags = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-error')));
  expect(flags.every((f) => f === 'true')).toBe(true);
  await drawer(page)
    .getByLabel(/Errors only/)
    .uncheck();

  // Pair; the drawer stays open while the page reconnects and re-reads.
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'full');
  await expect(
    rows(page)
      .filter({ hasText: /REQstatusok/ })
      .first(),
  ).toBeVisible();
  await expect(
    rows(page)
      .filter({ hasText: /REQstatusok/ })
      .first(),
  ).toContainText('needs operator.read');

  // Another client connecting makes the gateway broadcast presence: an event row with its seq.
  const other = await (await browser.newContext()).newPage();
  await other.goto(appUrl(gw.url, gw.token));
  await expect(summary(other)).toHaveAttribute('data-state', 'limited');
  await drawer(page)
    .getByRole('button', { name: /^Events/ })
    .click();
  await expect(rows(page).filter({ hasText: 'presence' }).first()).toContainText(/seq \d+/);
  await other.context().close();

  // It is reachable from every page and keeps its filters while moving between them.
  await drawer(page)
    .getByRole('button', { name: /^Requests/ })
    .click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Config' }).click();
  await expect(page).toHaveURL(/\/config/);
  await expect(drawer(page)).toBeVisible();
  await drawer(page).getByLabel('Filter the log').fill('config.get');
  await expect(rows(page).first()).toContainText('config.get');
  await expect(rows(page).first()).toContainText('ok');

  // Diagnostics: a JSON file with versions, grant and log, and no shared token or device token.
  const deviceToken = await readDeviceToken(page, gw.url);
  expect(deviceToken, 'paired: a device token is stored').toBeTruthy();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    drawer(page)
      .getByRole('button', { name: /Export diagnostics/ })
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^clawscope-diagnostics-127\.0\.0\.1-\d+-.+\.json$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text).not.toContain(gw.token);
  expect(text).not.toContain(deviceToken!);
  expect(text).not.toContain('__OPENCLAW_REDACTED__');
  const report = JSON.parse(text);
  expect(report.format).toBe('clawscope-diagnostics/1');
  expect(report.dashboard.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(report.gateway).toMatchObject({ url: gw.url, protocol: 4 });
  expect(report.gateway.version).toMatch(/^20\d\d\./);
  expect(report.scopes.granted).toEqual(
    expect.arrayContaining(['operator.read', 'operator.admin', 'operator.pairing']),
  );
  expect(report.hello).toMatchObject({ authMethod: 'token', deviceTokenIssued: true });
  expect(report.timeline.map((t: { phase: string }) => t.phase)).toContain('hello-ok');
  expect(report.log.included).toBeGreaterThan(0);
  expect(report.log.included).toBeLessThanOrEqual(200);
  expect(report.log.entries.some((e: { method?: string }) => e.method === 'config.get')).toBe(true);

  // Esc closes it and hands focus back to the Log button.
  await page.keyboard.press('Escape');
  await expect(drawer(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Log/ })).toBeFocused();
  await context.close();
});
