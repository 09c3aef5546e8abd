import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { appUrl, cli, e2eGateway, startExtraGateway, type SandboxGateway } from './gateway';

// Presence and Config against real sandbox gateways: live presence across two browsers, and a config page that
// shows auth settings with the secret redacted and follows a change made with the real `openclaw config set`.

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

type Target = { url: string; token: string };

async function openPaired(browser: Browser, gw: Target): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
  return { context, page };
}

/** This browser's device id, as stored by the app (IndexedDB "clawscope", kv "device-identity"). */
function deviceIdOf(page: Page): Promise<string> {
  return page.evaluate(async () => {
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
}

/** A marker that only a reload or a navigation would remove. */
const markNoReload = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));
const stillNoReload = (page: Page) =>
  page.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload === true);

/**
 * The config tests need a private gateway whose config file holds gateway.auth: the shared one gets `--auth token`
 * on its command line and its token from the environment, so gateway.auth is in none of its config views. (A token
 * in the file wins over the environment; both are the same here.) It boots while the presence test runs.
 */
const token = `e2e-config-${randomBytes(18).toString('base64url')}`;
let privateGateway: Promise<SandboxGateway> | undefined;
test.beforeAll(() => {
  privateGateway = startExtraGateway({ token, config: { gateway: { auth: { mode: 'token', token } } } });
  privateGateway.catch(() => {});
});
test.afterAll(async () => {
  const gw = await privateGateway?.catch(() => undefined);
  await gw?.stop();
});

test('a second browser shows up in the presence list live, and moves to Disconnected when it closes', async ({
  browser,
}) => {
  const gw = e2eGateway();
  const watcher = await openPaired(browser, gw);
  try {
    const page = watcher.page;
    await nav(page, 'Presence').click();
    const online = page.getByRole('table', { name: 'Online clients' });
    await expect(online).toBeVisible();
    const ownDevice = await deviceIdOf(page);
    await expect(
      online
        .getByRole('row')
        .filter({ has: page.getByTitle(ownDevice, { exact: true }) })
        .first(),
    ).toContainText(/this session|this browser/);
    await markNoReload(page);

    // A second browser pairs with the same gateway: its device appears in the first one's list from the presence event.
    const other = await openPaired(browser, gw);
    const otherDevice = await deviceIdOf(other.page);
    expect(otherDevice).not.toBe(ownDevice);
    const byOther = (table: Locator) =>
      table.getByRole('row').filter({ has: page.getByTitle(otherDevice, { exact: true }) });
    await expect(byOther(online)).toHaveCount(1);
    await expect(byOther(online)).toContainText('operator');
    await expect(byOther(online)).not.toContainText('this session');

    // It closes: the gateway keeps it as a disconnected entry, shown in the (collapsed) Disconnected group.
    await other.context.close();
    await expect(byOther(online)).toHaveCount(0);
    const disconnected = page.getByRole('table', { name: 'Disconnected clients' });
    await expect(disconnected).toBeHidden();
    await page.locator('summary').filter({ hasText: 'Disconnected' }).click();
    await expect(byOther(disconnected)).toHaveCount(1);
    await expect(byOther(disconnected)).toContainText('operator');
    expect(await stillNoReload(page), 'the presence page was never reloaded').toBe(true);
  } finally {
    await watcher.context.close();
  }
});

test.describe('config', () => {
  let gw: SandboxGateway;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    gw = await privateGateway!;
  });

  const tree = (page: Page) => page.getByRole('list', { name: 'Config entries' });
  /** The tree row of a config path (its key carries the full path as its title). */
  const entry = (page: Page, path: string) =>
    tree(page)
      .getByRole('listitem')
      .filter({ has: page.getByTitle(path, { exact: true }) });
  const revision = (page: Page, testId: string) => page.getByTestId(testId).locator('code').getAttribute('title');

  test('shows gateway.auth with the token redacted, and follows `openclaw config set` without a reload', async ({
    browser,
  }) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const configEvents: string[] = [];
      page.on('websocket', (ws) =>
        ws.on(
          'framereceived',
          (f) => String(f.payload).includes('"event":"config.changed"') && configEvents.push(String(f.payload)),
        ),
      );
      await page.goto(appUrl(gw.url, token));
      await page.getByRole('button', { name: 'Pair this device' }).click();
      await expect(summary(page)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
      await nav(page, 'Config').click();

      await expect(page.getByTestId('config-path')).toHaveText(gw.configPath);
      await expect(page.getByText('on disk', { exact: true })).toBeVisible();
      await expect(page.getByTestId('revision-state')).toHaveText('applied: in sync');

      const search = page.getByRole('searchbox', { name: 'Search the config' });
      for (const view of ['Authored', 'Resolved', 'Effective']) {
        await page.getByRole('group', { name: 'Config view' }).getByRole('button', { name: view }).click();
        await expect(
          page.getByRole('group', { name: 'Config view' }).getByRole('button', { name: view }),
        ).toHaveAttribute('aria-pressed', 'true');
        await search.fill('gateway.auth');
        await expect(entry(page, 'gateway.auth.mode'), `${view}: gateway.auth.mode`).toContainText('"token"');
        const secret = entry(page, 'gateway.auth.token');
        await expect(
          secret.getByText('redacted', { exact: true }),
          `${view}: the token is a "redacted" badge`,
        ).toBeVisible();
        await expect(secret.getByRole('button', { name: 'Copy value: value of gateway.auth.token' })).toBeDisabled();
      }
      // Neither the token nor the gateway's placeholder reaches the page: not in its text, not in any attribute.
      const html = await page.content();
      expect(html).not.toContain(token);
      expect(html).not.toContain('__OPENCLAW_REDACTED__');
      await expect(page.locator('body')).not.toContainText(token);
      await expect(page.locator('body')).not.toContainText('__OPENCLAW_REDACTED__');

      // Change a hot-reloadable value with the real CLI (it writes the gateway's config file; no connection needed).
      await page.getByRole('group', { name: 'Config view' }).getByRole('button', { name: 'Authored' }).click();
      await search.fill('heartbeat.every');
      await expect(page.getByText('Nothing matches “heartbeat.every”')).toBeVisible();
      const before = {
        authored: await revision(page, 'rev-authored'),
        resolved: await revision(page, 'rev-resolved'),
        applied: await revision(page, 'rev-applied'),
      };
      expect(before.authored).toBeTruthy();
      await markNoReload(page);
      const every = '7h';
      const set = await cli(gw, ['config', 'set', 'agents.defaults.heartbeat.every', every], { gateway: false });
      expect(set.code, set.stderr || set.stdout).toBe(0);
      expect(gw.readConfig()).toMatchObject({ agents: { defaults: { heartbeat: { every } } } });

      // The page re-reads on config.changed: the new value is in the tree and every revision moved on.
      await expect(entry(page, 'agents.defaults.heartbeat.every')).toContainText(`"${every}"`, { timeout: 15_000 });
      await expect(page.getByTestId('rev-authored').locator('code')).not.toHaveAttribute('title', before.authored!);
      await expect(page.getByTestId('rev-resolved').locator('code')).not.toHaveAttribute('title', before.resolved!);
      await expect(page.getByTestId('rev-applied').locator('code')).not.toHaveAttribute('title', before.applied!);
      await expect(page.getByTestId('revision-state')).toHaveText('applied: in sync');
      await expect(page.getByTestId('hello-applied')).toContainText('the gateway has applied a newer revision since');
      expect(configEvents.length, 'a config.changed event arrived').toBeGreaterThan(0);
      expect(await stillNoReload(page), 'the config page was never reloaded').toBe(true);
      // Still redacted after the refresh.
      await search.fill('gateway.auth.token');
      await expect(entry(page, 'gateway.auth.token').getByText('redacted', { exact: true })).toBeVisible();
      expect(await page.content()).not.toContain(token);
    } finally {
      await context.close();
    }
  });
});
