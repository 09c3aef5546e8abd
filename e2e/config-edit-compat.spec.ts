import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { appUrl, cli, startExtraGateway, type SandboxGateway } from './gateway';

// Config editing where gateways differ: OpenClaw 2026.3.13 (protocol 3: no config.changed, no reload kinds) and a
// 2026.9.6 gateway with `gateway.reload.mode: "off"` (a restart-kind write waits for gateway.restart.request).

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const review = (page: Page) => page.getByTestId('config-review');
const keyEditor = (page: Page) => page.getByTestId('key-editor');
const entry = (page: Page, path: string) =>
  page
    .getByRole('list', { name: 'Config entries' })
    .getByRole('listitem')
    .filter({ has: page.getByTitle(path, { exact: true }) });
const markNoReload = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));
const stillNoReload = (page: Page) =>
  page.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload === true);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const file = (gw: SandboxGateway) => JSON.parse(fs.readFileSync(gw.configPath, 'utf8')) as Record<string, any>;

async function openConfig(browser: Browser, gw: SandboxGateway) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'full', { timeout: 20_000 });
  await nav(page, 'Config').click();
  await expect(page.getByTestId('config-path')).toHaveText(gw.configPath);
  return { context, page };
}

async function openKey(page: Page, path: string) {
  await page.getByRole('textbox', { name: 'Key path' }).fill(path);
  await page.getByRole('button', { name: 'Open key' }).click();
  await expect(keyEditor(page)).toHaveAttribute('data-path', path);
}

test('OpenClaw 2026.3.13: a key written from the page, and a CLI change followed without a reload', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const gw = await startExtraGateway({ version: 'legacy' });
  const { context, page } = await openConfig(browser, gw);
  try {
    await openKey(page, 'agents.defaults.maxConcurrent');
    await expect(keyEditor(page).getByText('reload kind not reported')).toBeVisible();
    await keyEditor(page).getByRole('spinbutton').fill('3');
    await keyEditor(page).getByRole('button', { name: 'Stage change' }).click();
    await expect(review(page)).toContainText('does not report reload kinds');
    await review(page).getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(review(page)).toBeHidden({ timeout: 20_000 });
    await expect.poll(() => file(gw).agents?.defaults?.maxConcurrent, { timeout: 20_000 }).toBe(3);
    await page.getByRole('button', { name: 'Close' }).click();

    // 2026.3.13 sends no config.changed: the page follows the gateway's tick (every 30 s), with no reload.
    await expect(summary(page)).toHaveCount(0);
    await markNoReload(page);
    const set = await cli(gw, ['config', 'set', 'agents.defaults.maxConcurrent', '6'], { gateway: false });
    expect(set.code, set.stderr || set.stdout).toBe(0);
    await page.getByRole('searchbox', { name: 'Search the config' }).fill('maxConcurrent');
    await expect(entry(page, 'agents.defaults.maxConcurrent')).toContainText('6', { timeout: 75_000 });
    expect(await stillNoReload(page), 'followed without a reload').toBe(true);
  } finally {
    await context.close();
    await gw.stop();
  }
});

test('reload mode "off": apply and restart goes through gateway.restart.request, and "restart pending" clears', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const gw = await startExtraGateway({ config: { gateway: { reload: { mode: 'off' } } } });
  const { context, page } = await openConfig(browser, gw);
  try {
    await markNoReload(page);
    await openKey(page, 'gateway.controlUi.basePath');
    await expect(keyEditor(page).getByText('needs restart')).toBeVisible();
    await keyEditor(page).getByRole('textbox').fill('/ocui');
    await keyEditor(page).getByRole('button', { name: 'Stage change' }).click();
    await expect(review(page)).toContainText('Reload mode is "off"');
    await expect(review(page).getByRole('button', { name: 'Apply without restarting' })).toBeVisible();
    await review(page).getByRole('button', { name: 'Apply and restart' }).click();

    await expect(page.getByTestId('config-restart-pending')).toBeVisible();
    await expect.poll(() => file(gw).gateway.controlUi?.basePath).toBe('/ocui');
    await expect(page.getByTestId('config-restart-done')).toContainText('The gateway restarted', { timeout: 90_000 });
    await expect(page.getByTestId('revision-state')).toHaveText('applied: in sync');
    expect(await stillNoReload(page)).toBe(true);
  } finally {
    await context.close();
    await gw.stop();
  }
});
