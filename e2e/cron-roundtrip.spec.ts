import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { appUrl, cli, e2eGateway, type E2EGateway } from './gateway';

// Round trip against the real shared sandbox gateway: a job made by RPC with every field set is edited
// through the form one field at a time; after each save, cron.get differs from before in exactly that
// field (the revision and timestamps move too). No network mocking.

type Json = Record<string, unknown>;

let gw: E2EGateway;
let page: Page;
let context: BrowserContext;
let jobId = '';
const tag = `${Date.now().toString(36)}-${process.pid}`;

const FULL_JOB = {
  name: `e2e roundtrip ${tag}`,
  displayName: 'Round trip',
  description: 'every field set',
  enabled: true,
  agentId: 'main',
  sessionKey: 'agent:main:roundtrip',
  schedule: { kind: 'every', everyMs: 3_600_000, anchorMs: 1_700_000_000_000 },
  sessionTarget: 'isolated',
  wakeMode: 'next-heartbeat',
  deleteAfterRun: false,
  payload: {
    kind: 'agentTurn',
    message: 'hello',
    model: 'openai/gpt-5',
    fallbacks: ['openai/gpt-5-mini'],
    thinking: 'low',
    timeoutSeconds: 120,
    lightContext: true,
    toolsAllow: ['read'],
  },
  delivery: {
    mode: 'announce',
    channel: 'last',
    to: 'someone',
    threadId: 't1',
    accountId: 'acc1',
    bestEffort: true,
    completionDestination: { mode: 'webhook', to: 'https://hooks.example.com/done' },
    failureDestination: { mode: 'webhook', to: 'https://hooks.example.com/fail' },
  },
  failureAlert: {
    after: 3,
    cooldownMs: 600_000,
    mode: 'announce',
    channel: 'last',
    to: 'ops',
    accountId: 'acc2',
    includeSkipped: true,
  },
  trigger: { script: 'return true', once: false },
  pacing: { min: '5m', max: '2h' },
};

async function call<T>(method: string, params: unknown): Promise<T> {
  const r = await cli(gw, ['gateway', 'call', method, '--json', '--params', JSON.stringify(params)]);
  if (r.code !== 0) throw new Error(`${method} failed (${r.code}): ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout) as T;
}
const getJob = () => call<Json>('cron.get', { id: jobId });

/** What the gateway computes itself (revision, timestamps, run state): not the job's definition. */
const VOLATILE = new Set(['updatedAtMs', 'configRevision', 'state', 'nextRunAtMs', 'deliveryPreview']);

/** Leaf paths where two jobs differ, e.g. ["schedule.everyMs"]. */
function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys]
      .filter((k) => prefix || !VOLATILE.has(k))
      .flatMap((k) => changedPaths((a as Json)[k], (b as Json)[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

const form = () => page.getByRole('form', { name: 'Edit cron job' });

async function openJob() {
  await page.goto(appUrl(gw.url, undefined, `/cron/${encodeURIComponent(jobId)}`));
  await expect(form().getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(/e2e roundtrip/);
}

/** Make one edit through the form, save, and return what changed on the gateway. */
async function editOnce(edit: (f: Locator) => Promise<void>): Promise<string[]> {
  const before = await getJob();
  await openJob();
  await edit(form());
  await form().getByRole('button', { name: 'Save changes' }).click();
  await expect(form().getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const after = await getJob();
  expect(after.configRevision).not.toBe(before.configRevision);
  return changedPaths(before, after);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  gw = e2eGateway();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(page.getByRole('region', { name: 'Connection state' })).toHaveAttribute('data-state', 'full', {
    timeout: 15_000,
  });
  const created = await call<Json>('cron.add', FULL_JOB);
  jobId = String(created.id);
  // Every field was stored as sent (the gateway adds only its own policy and state).
  expect(created).toMatchObject(FULL_JOB);
});

test.afterAll(async () => {
  if (jobId) await cli(gw, ['cron', 'rm', jobId, '--json']);
  await context?.close();
});

test('opening and saving nothing changes nothing', async () => {
  await openJob();
  await expect(form().getByRole('button', { name: 'Save changes' })).toBeDisabled();
});

test('name', async () => {
  const changed = await editOnce((f) =>
    f.getByRole('textbox', { name: 'Name', exact: true }).fill(`${FULL_JOB.name} b`),
  );
  expect(changed).toEqual(['name']);
});

test('interval: the anchor stays', async () => {
  const changed = await editOnce(async (f) => {
    await f.getByRole('spinbutton', { name: 'Every' }).fill('2');
  });
  expect(changed).toEqual(['schedule.everyMs']);
  expect((await getJob()).schedule).toEqual({ kind: 'every', everyMs: 7_200_000, anchorMs: 1_700_000_000_000 });
});

test('agent message', async () => {
  const changed = await editOnce((f) => f.getByRole('textbox', { name: 'Message' }).fill('hello again'));
  expect(changed).toEqual(['payload.message']);
});

test('delivery recipient', async () => {
  const changed = await editOnce((f) =>
    f
      .getByRole('region', { name: 'Delivery and alerts' })
      .getByRole('textbox', { name: 'To', exact: true })
      .first()
      .fill('someone-else'),
  );
  expect(changed).toEqual(['delivery.to']);
});

test('failure alert threshold', async () => {
  const changed = await editOnce((f) => f.getByRole('spinbutton', { name: 'After consecutive failures' }).fill('5'));
  expect(changed).toEqual(['failureAlert.after']);
});

test('pacing bound', async () => {
  const changed = await editOnce((f) => f.getByRole('textbox', { name: 'Pacing: longest gap' }).fill('3h'));
  expect(changed).toEqual(['pacing.max']);
});

test('wake mode', async () => {
  const changed = await editOnce(async (f) => {
    const now = f.getByRole('group', { name: 'Wake mode' }).getByRole('radio', { name: 'Now', exact: true });
    await now.check({ force: true });
  });
  expect(changed).toEqual(['wakeMode']);
});

test('light context off', async () => {
  const changed = await editOnce((f) => f.getByRole('checkbox', { name: /Light context/ }).uncheck());
  expect(changed).toEqual(['payload.lightContext']);
});
