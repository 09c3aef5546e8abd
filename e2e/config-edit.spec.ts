import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { appUrl, cli, startExtraGateway, type SandboxGateway } from './gateway';

// Editing the config from the page against a real 2026.9.6 gateway, judged by the file on disk.

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const review = (page: Page) => page.getByTestId('config-review');
const changeRow = (page: Page, path: string) => review(page).locator(`tr[data-change="${path}"]`);
const keyEditor = (page: Page) => page.getByTestId('key-editor');

const markNoReload = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));
const stillNoReload = (page: Page) =>
  page.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload === true);

const remoteSecret = `remote-${randomBytes(12).toString('base64url')}`;
let gw: SandboxGateway;
let context: BrowserContext;
let page: Page;

const fileText = () => fs.readFileSync(gw.configPath, 'utf8');
const file = () => JSON.parse(fileText()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function openConfig(browser: Browser) {
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
  await nav(page, 'Config').click();
  await expect(page.getByTestId('revision-state')).toHaveText('applied: in sync');
}

/** Open a key in the editor by its path (works for keys the file does not set yet). */
async function openKey(path: string) {
  await page.getByRole('textbox', { name: 'Key path' }).fill(path);
  await page.getByRole('button', { name: 'Open key' }).click();
  await expect(keyEditor(page)).toHaveAttribute('data-path', path);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  gw = await startExtraGateway({
    config: { gateway: { remote: { url: 'ws://remote.invalid:18789', token: remoteSecret } } },
  });
  await openConfig(browser);
});
test.afterAll(async () => {
  await context?.close();
  await gw?.stop();
});

test('a hot key changed in the page is in the file and applied without a restart', async () => {
  const pid = gw.pid;
  await markNoReload(page);
  await openKey('update.checkOnStart');
  await expect(keyEditor(page).getByText('applies at once')).toBeVisible();
  await keyEditor(page).getByLabel('Update Check on Start').selectOption('true');
  await keyEditor(page).getByRole('button', { name: 'Stage change' }).click();

  // The diff says exactly what will change before anything is written.
  await expect(changeRow(page, 'update.checkOnStart')).toContainText('false');
  await expect(changeRow(page, 'update.checkOnStart')).toContainText('true');
  await expect(review(page).getByRole('row')).toHaveCount(2);
  expect(file().update.checkOnStart).toBe(false);
  await review(page).getByRole('button', { name: 'Apply', exact: true }).click();

  await expect(review(page)).toBeHidden();
  await expect.poll(() => file().update?.checkOnStart).toBe(true);
  await expect(page.getByTestId('revision-state')).toHaveText('applied: in sync');
  expect(gw.pid, 'same gateway process').toBe(pid);
  await expect(page.getByTestId('config-restart-pending')).toBeHidden();
  expect(await stillNoReload(page)).toBe(true);
});

test('a secret survives an unrelated edit byte for byte; replacing it writes the new value', async () => {
  const tokenLine = () => fileText().match(/"token": "remote-[^"]*"/)?.[0];
  const before = tokenLine();
  expect(before).toBe(`"token": "${remoteSecret}"`);

  await openKey('gateway.remote.url');
  await keyEditor(page).getByRole('textbox').fill('ws://other.invalid:18789');
  await keyEditor(page).getByRole('button', { name: 'Stage change' }).click();
  await expect(review(page)).toContainText('1 secret in the file: unchanged (not sent).');
  await review(page).getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(review(page)).toBeHidden();
  await expect.poll(() => file().gateway.remote.url).toBe('ws://other.invalid:18789');
  expect(tokenLine()).toBe(before);
  expect(file().gateway.remote.token).toBe(remoteSecret);

  // Replace it: the diff says only "replaced", and the value never shows on the page.
  const next = `remote-${randomBytes(12).toString('base64url')}`;
  await openKey('gateway.remote.token');
  const input = keyEditor(page).getByLabel(/New value for/);
  await expect(input).toHaveAttribute('type', 'password');
  await expect(input).toHaveValue('');
  await input.fill(next);
  await keyEditor(page).getByRole('button', { name: 'Replace secret' }).click();
  await expect(changeRow(page, 'gateway.remote.token')).toContainText('replaced');
  await expect(changeRow(page, 'gateway.remote.token')).not.toContainText(next);
  await review(page).getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(review(page)).toBeHidden();
  await expect.poll(() => file().gateway.remote.token).toBe(next);
  await page.getByRole('button', { name: 'Close' }).click();
  expect(await page.content()).not.toContain(next);
  expect(await page.content()).not.toContain(remoteSecret);
  expect(await page.content()).not.toContain('__OPENCLAW_REDACTED__');
});

test('an invalid value: the gateway message at the key, the file unchanged, the input kept', async () => {
  const before = fileText();
  await openKey('agents.defaults.maxConcurrent');
  const input = keyEditor(page).getByRole('spinbutton');
  await input.fill('-3');
  await keyEditor(page).getByRole('button', { name: 'Stage change' }).click();
  await review(page).getByRole('button', { name: 'Apply', exact: true }).click();

  const row = changeRow(page, 'agents.defaults.maxConcurrent');
  await expect(row.getByRole('alert')).toContainText('Too small');
  await expect(review(page).getByText('The gateway refused the change')).toBeVisible();
  await expect(keyEditor(page).getByRole('alert')).toContainText('Too small');
  await expect(input).toHaveValue('-3');
  await expect(row).toContainText('-3');
  expect(fileText()).toBe(before);
  await review(page).getByRole('button', { name: 'Discard all' }).click();
  await page.getByRole('button', { name: 'Close' }).click();
});

test('a change made with the CLI meanwhile: the conflict is shown, and in the end both changes are in the file', async () => {
  await openKey('update.checkOnStart');
  await keyEditor(page).getByLabel('Update Check on Start').selectOption('false');
  await keyEditor(page).getByRole('button', { name: 'Stage change' }).click();
  await expect(changeRow(page, 'update.checkOnStart')).toBeVisible();

  const set = await cli(gw, ['config', 'set', 'agents.defaults.maxConcurrent', '5'], { gateway: false });
  expect(set.code, set.stderr || set.stdout).toBe(0);

  const conflict = page.getByTestId('config-conflict');
  await expect(conflict).toContainText('Someone else changed the config', { timeout: 15_000 });
  await expect(conflict.getByRole('list', { name: 'Changed elsewhere' })).toContainText(
    'agents.defaults.maxConcurrent: now 5',
  );
  // Nothing can be written over their change until the user chooses.
  await expect(review(page).getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await expect(changeRow(page, 'update.checkOnStart')).toBeVisible();
  await conflict.getByRole('button', { name: 'Re-apply my changes on top' }).click();
  await expect(conflict).toBeHidden();
  await review(page).getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(review(page)).toBeHidden();
  await expect.poll(() => file().update?.checkOnStart).toBe(false);
  expect(file().agents.defaults.maxConcurrent).toBe(5);
  await page.getByRole('button', { name: 'Close' }).click();
});

test('a restart key: apply and restart, the page reconnects by itself and "restart pending" clears', async () => {
  test.setTimeout(90_000);
  await markNoReload(page);
  await openKey('gateway.controlUi.basePath');
  await expect(keyEditor(page).getByText('needs restart')).toBeVisible();
  await keyEditor(page).getByRole('textbox').fill('/ocui');
  await keyEditor(page).getByRole('button', { name: 'Stage change' }).click();
  await expect(changeRow(page, 'gateway.controlUi.basePath')).toContainText('needs restart');
  await review(page).getByRole('button', { name: 'Apply and restart' }).click();

  await expect(page.getByTestId('config-restart-pending')).toBeVisible();
  await expect.poll(() => file().gateway.controlUi?.basePath).toBe('/ocui');
  await expect(page.getByTestId('config-restart-done')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('config-restart-pending')).toBeHidden();
  await expect(page.getByTestId('revision-state')).toHaveText('applied: in sync');
  expect(await stillNoReload(page), 'the page reconnected by itself, without a reload').toBe(true);
});
