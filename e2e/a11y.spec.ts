import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { appUrl, cli, connectionState, e2eGateway, statusPill } from './gateway';

// axe-core over every page against the real gateway, as a token-only (limited) session and as a paired one:
// zero violations. A new page gets a row in ROUTES.

type Ctx = { jobId: string };
type Route = {
  name: string;
  path: (ctx: Ctx) => string;
  /** What proves the page has rendered what it will show (data, or the reason there is none). */
  ready: (page: Page) => Promise<void>;
  /** Something to open first (a drawer, a dialog). */
  open?: (page: Page) => Promise<void>;
};

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

const ROUTES: Route[] = [
  { name: 'Session', path: () => '/', ready: async (p) => void (await expect(connectionState(p)).toBeVisible()) },
  { name: 'Cron list', path: () => '/cron', ready: heading('Cron') },
  { name: 'Cron new form', path: () => '/cron/new', ready: heading('New cron job') },
  {
    name: 'Cron job',
    path: (c) => `/cron/${encodeURIComponent(c.jobId)}`,
    // Limited, the page says why it cannot load the job (no h1); the breadcrumb is there either way.
    ready: async (p) => void (await expect(p.getByRole('navigation', { name: 'Breadcrumb' })).toBeVisible()),
  },
  { name: 'Presence', path: () => '/presence', ready: heading('Presence') },
  { name: 'Config', path: () => '/config', ready: heading('Config') },
  { name: 'Devices', path: () => '/devices', ready: heading('Devices') },
  { name: 'Nodes', path: () => '/nodes', ready: heading('Nodes') },
  { name: 'Lab', path: () => '/lab', ready: heading('Scope lab') },
  { name: 'Fleet', path: () => '/fleet', ready: heading('Fleet') },
  {
    name: 'Log drawer',
    path: () => '/',
    ready: async (p) => void (await expect(p.getByRole('dialog', { name: 'Activity log' })).toBeVisible()),
    open: async (p) => p.getByRole('button', { name: /^Log/ }).click(),
  },
];

const gw = e2eGateway();
const jobName = `e2e a11y ${Date.now().toString(36)}-${process.pid}`;
const ctx: Ctx = { jobId: '' };
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  const r = await cli(gw, [
    'cron',
    'add',
    '--every',
    '1h',
    '--name',
    jobName,
    '--system-event',
    'a11y check',
    '--session',
    'main',
    '--json',
  ]);
  if (r.code !== 0) throw new Error(`openclaw cron add failed (${r.code}): ${r.stderr || r.stdout}`);
  ctx.jobId = (JSON.parse(r.stdout) as { id: string }).id;
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  if (ctx.jobId) await cli(gw, ['cron', 'rm', ctx.jobId, '--json']);
});

async function session(browser: Browser, paired: boolean): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await expect(connectionState(page)).toHaveAttribute('data-state', 'limited');
  if (paired) {
    await page.getByRole('button', { name: 'Pair this device' }).click();
    await expect(connectionState(page)).toHaveAttribute('data-state', 'full');
  }
  return page;
}

/** Loaded and quiet: connected, no skeleton or busy region left. */
async function settle(page: Page, paired: boolean) {
  await expect(statusPill(page)).toContainText(paired ? 'connected' : 'limited');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

for (const paired of [false, true]) {
  test.describe(paired ? 'paired' : 'limited (token only, no device)', () => {
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await session(browser, paired);
    });
    for (const route of ROUTES) {
      test(`${route.name}: zero axe violations`, async () => {
        await page.goto(appUrl(gw.url, undefined, route.path(ctx)));
        await route.open?.(page);
        await route.ready(page);
        await settle(page, paired);
        const { violations } = await new AxeBuilder({ page }).analyze();
        const found = violations.map(
          (v) => `${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        expect(found).toEqual([]);
      });
    }
  });
}
