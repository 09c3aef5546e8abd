import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { appUrl, cli, e2eGateway, type E2EGateway } from './gateway';

// Cron against the real shared sandbox gateway: jobs are added, run, toggled, edited and removed through the
// UI, and every change is checked with the real `openclaw cron` CLI. No network mocking anywhere.

type CliJob = {
  id: string;
  name: string;
  enabled: boolean;
  schedule: { kind: string; expr?: string; tz?: string; everyMs?: number; at?: string };
  sessionTarget?: string;
  wakeMode?: string;
  payload: { kind: string; text?: string };
};

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });
const jobsTable = (page: Page) => page.getByRole('table', { name: 'Cron jobs' });
const jobRow = (page: Page, name: string) =>
  jobsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

let gw: E2EGateway;
/** The browser that makes every change. */
let page: Page;
/** A second paired browser that only watches the list. */
let watcher: Page;
const contexts: BrowserContext[] = [];
/** Every job this spec created (removed in afterAll if a test did not get that far). */
const created = new Map<string, string>();

const tag = `${Date.now().toString(36)}-${process.pid}`;
const names = {
  cron: `e2e cron ${tag}`,
  every: `e2e interval ${tag}`,
  at: `e2e once ${tag}`,
  invalid: `e2e invalid ${tag}`,
  renamed: `e2e cron renamed ${tag}`,
};

async function cliJson<T>(args: string[]): Promise<T> {
  const r = await cli(gw, [...args, '--json']);
  if (r.code !== 0) throw new Error(`openclaw ${args.join(' ')} failed (${r.code}): ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout) as T;
}
/** Every job on the gateway, disabled ones included (`cron list` alone hides them). */
const cliJobs = async () => (await cliJson<{ jobs: CliJob[] }>(['cron', 'list', '--all'])).jobs;
const cliJob = async (id: string) => (await cliJobs()).find((j) => j.id === id);

async function openPaired(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const p = await context.newPage();
  await p.goto(appUrl(gw.url, gw.token));
  await p.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(p)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();
  await expect(p.getByRole('heading', { name: 'Cron', level: 1 })).toBeVisible();
  await expect(p.getByRole('region', { name: 'Scheduler' })).toContainText('enabled');
  return p;
}

/** From the list, open the empty form. */
async function newJobForm(p: Page): Promise<Locator> {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();
  await p.getByRole('button', { name: 'New job' }).first().click();
  await expect(p.getByRole('heading', { name: 'New cron job' })).toBeVisible();
  return p.getByRole('form', { name: 'New cron job' });
}

/** Pick a segmented-control option (a visually hidden radio under its label). */
async function choose(form: Locator, group: string, option: string) {
  const radio = form.getByRole('group', { name: group }).getByRole('radio', { name: option, exact: true });
  await radio.check({ force: true });
  await expect(radio).toBeChecked();
}

/** Submit the new-job form; resolves with the id of the created job (from the job page URL). */
async function createJob(p: Page, form: Locator, name: string): Promise<string> {
  await form.getByRole('button', { name: 'Create job' }).click();
  await p.waitForURL((u) => /^\/cron\/(?!new$)[^/]+$/.test(u.pathname));
  const id = decodeURIComponent(new URL(p.url()).pathname.split('/').pop()!);
  created.set(id, name);
  await expect(p.getByRole('heading', { name, level: 1 })).toBeVisible();
  return id;
}

/** Parts of an instant on the wall clock of a zone. */
function wallClock(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return {
    weekday: get('weekday'),
    date: `${get('year')}-${get('month')}-${get('day')}`,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
}

/** The instant at which the wall clock in `timeZone` reads `local` ("YYYY-MM-DDTHH:mm"). */
function zonedToInstant(local: string, timeZone: string): number {
  const wall = Date.parse(`${local}:00Z`);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(guess, timeZone);
    const seen = Date.parse(`${w.date}T${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}:00Z`);
    guess += wall - seen;
  }
  return guess;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  gw = e2eGateway();
  [page, watcher] = await Promise.all([openPaired(browser), openPaired(browser)]);
  // Proof that the watcher never reloads: this marker would vanish with a navigation.
  await watcher.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));
});

test.afterAll(async () => {
  const left = new Set((await cliJobs().catch(() => [] as CliJob[])).map((j) => j.id));
  await Promise.all(
    [...created.keys()].filter((id) => left.has(id)).map((id) => cli(gw, ['cron', 'rm', id, '--json'])),
  );
  await Promise.all(contexts.map((c) => c.close()));
});

test('a cron expression with a time zone: 5-run preview, created on the gateway, shown live in a second browser', async () => {
  const form = await newJobForm(page);
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(names.cron);
  await choose(form, 'Kind of schedule', 'Cron');
  await form.getByLabel('Cron expression').fill('15 9 * * 1-5');
  await form.getByLabel('Time zone').fill('Asia/Tokyo');

  // The preview: the next 5 occurrences, each a weekday at 09:15 on the Tokyo wall clock.
  const preview = page.getByTestId('preview-runs');
  await expect(preview.getByRole('listitem')).toHaveCount(5);
  await expect(form.getByText('Next runs · Asia/Tokyo')).toBeVisible();
  const instants = await preview
    .locator('time')
    .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime')!)));
  expect(instants).toHaveLength(5);
  for (const [i, ms] of instants.entries()) {
    const w = wallClock(ms, 'Asia/Tokyo');
    expect({ hour: w.hour, minute: w.minute }).toEqual({ hour: 9, minute: 15 });
    expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(w.weekday);
    // Ascending, and in the future (the page clock may lag by up to its 30 s tick).
    expect(ms).toBeGreaterThan(i === 0 ? Date.now() - 60_000 : instants[i - 1]!);
  }

  await choose(form, 'Payload', 'System event');
  await form.getByLabel('Event text').fill(`e2e ${tag}: cron tick`);
  await expect(form.getByLabel('Session target')).toHaveValue('main');
  await expect(jobRow(watcher, names.cron)).toHaveCount(0);
  const id = await createJob(page, form, names.cron);

  const job = await cliJob(id);
  expect(job, 'openclaw cron list shows the new job').toBeTruthy();
  expect(job).toMatchObject({
    name: names.cron,
    enabled: true,
    schedule: { kind: 'cron', expr: '15 9 * * 1-5', tz: 'Asia/Tokyo' },
    sessionTarget: 'main',
    payload: { kind: 'systemEvent', text: `e2e ${tag}: cron tick` },
  });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();
  const row = jobRow(page, names.cron);
  await expect(row).toBeVisible();
  await expect(row).toContainText('15 9 * * 1-5');
  await expect(row).toContainText('Asia/Tokyo');

  // The second browser was sitting on the list: the job appears there from the `cron` event, no reload.
  const seen = jobRow(watcher, names.cron);
  await expect(seen).toBeVisible();
  await expect(seen).toContainText('Asia/Tokyo');
  expect(await watcher.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
});

test('an interval job is stored as everyMs', async () => {
  const form = await newJobForm(page);
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(names.every);
  await choose(form, 'Kind of schedule', 'Interval');
  await form.getByLabel('Every', { exact: true }).fill('45');
  await form.getByLabel('Unit').selectOption('minutes');
  await form.getByLabel('Event text').fill(`e2e ${tag}: interval tick`);
  // Queue the event for the next heartbeat: a "now" wake would start a model turn, and the sandbox has no model.
  await choose(form, 'Wake mode', 'Next heartbeat');
  const id = await createJob(page, form, names.every);

  const job = await cliJob(id);
  expect(job).toMatchObject({
    name: names.every,
    schedule: { kind: 'every', everyMs: 45 * 60_000 },
    sessionTarget: 'main',
    wakeMode: 'next-heartbeat',
    payload: { kind: 'systemEvent' },
  });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();
  await expect(jobRow(page, names.every)).toContainText('every 45 minutes');
});

test('a one-shot job at a future wall time in a named zone is stored as that instant', async () => {
  // Two days ahead, 10:30 on the Berlin wall clock.
  const day = wallClock(Date.now() + 2 * 86_400_000, 'Europe/Berlin').date;
  const local = `${day}T10:30`;
  const expected = zonedToInstant(local, 'Europe/Berlin');

  const form = await newJobForm(page);
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(names.at);
  await choose(form, 'Kind of schedule', 'Once');
  await form.getByLabel('Time zone').fill('Europe/Berlin');
  await form.getByLabel('Date and time').fill(local);
  const preview = page.getByTestId('preview-runs');
  await expect(preview.getByRole('listitem')).toHaveCount(1);
  await expect(preview.locator('time')).toHaveAttribute('datetime', new Date(expected).toISOString());
  await form.getByLabel('Event text').fill(`e2e ${tag}: once`);
  const id = await createJob(page, form, names.at);

  const job = await cliJob(id);
  expect(job?.schedule.kind).toBe('at');
  expect(Date.parse(job!.schedule.at!)).toBe(expected);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();
  // The list shows the instant in the browser's zone.
  const browserTz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const shown = wallClock(expected, browserTz);
  const hhmm = `${String(shown.hour).padStart(2, '0')}:${String(shown.minute).padStart(2, '0')}`;
  await expect(jobRow(page, names.at)).toContainText(`once at ${shown.date} ${hhmm}`);
});

test("an invalid expression shows the gateway's message at the field, keeps the inputs and creates nothing", async () => {
  const bad = '61 * * * *';
  // What the gateway says about this expression to any client (the CLI relays it), and proof nothing came of it.
  const viaCli = await cli(gw, [
    'cron',
    'add',
    '--cron',
    bad,
    '--name',
    names.invalid,
    '--system-event',
    'x',
    '--session',
    'main',
    '--json',
  ]);
  expect(viaCli.code).not.toBe(0);
  const gatewayMessage = (JSON.parse(viaCli.stdout) as { error: { message: string } }).error.message;
  expect(gatewayMessage).toContain('CronPattern');
  const before = await cliJobs();

  const form = await newJobForm(page);
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(names.invalid);
  await form.getByLabel('Cron expression').fill(bad);
  await form.getByLabel('Time zone').fill('UTC');
  await form.getByLabel('Event text').fill('never created');
  await form.getByRole('button', { name: 'Create job' }).click();

  const expr = form.getByLabel('Cron expression');
  await expect(expr).toHaveAttribute('aria-invalid', 'true');
  await expect(expr).toHaveAccessibleDescription(gatewayMessage);
  await expect(form.getByRole('alert').filter({ hasText: 'The gateway refused this job (schedule)' })).toContainText(
    'Nothing was created',
  );
  expect(new URL(page.url()).pathname).toBe('/cron/new');
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(names.invalid);
  await expect(expr).toHaveValue(bad);
  await expect(form.getByLabel('Time zone')).toHaveValue('UTC');
  await expect(form.getByLabel('Event text')).toHaveValue('never created');

  const after = await cliJobs();
  expect(after.length).toBe(before.length);
  expect(after.find((j) => j.name === names.invalid)).toBeUndefined();
});

test('run now on a system-event job follows the run to "ok" and lists it in the history', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();
  await jobRow(page, names.every).getByRole('link', { name: names.every, exact: true }).click();
  await expect(page.getByRole('heading', { name: names.every, level: 1 })).toBeVisible();

  await page.getByRole('button', { name: `Run now: ${names.every}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Manual run finished: ok' })).toBeVisible({
    timeout: 20_000,
  });

  await page.getByRole('tab', { name: 'Run history' }).click();
  const history = page.getByRole('table', { name: 'Run history' });
  const run = history.getByRole('row').filter({ hasText: `e2e ${tag}: interval tick` });
  await expect(run).toHaveCount(1);
  // Columns: when, status, completion, duration, summary, delivery, details.
  await expect(run.getByRole('cell').nth(1)).toHaveText('ok');
  await expect(run.getByRole('cell').nth(2)).toHaveText('succeeded');
});

test('disable, enable, edit and remove, each confirmed with the CLI', async () => {
  const id = [...created].find(([, n]) => n === names.cron)![0];
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();

  const toggle = (label: string) => jobRow(page, names.cron).getByRole('switch', { name: `${label} ${names.cron}` });
  await toggle('Disable').click();
  // Settled (not just showing the requested state while the gateway answers).
  await expect(toggle('Enable')).toHaveAttribute('aria-checked', 'false');
  await expect(toggle('Enable')).toBeEnabled();
  await expect(jobRow(page, names.cron)).toContainText('disabled');
  expect((await cliJob(id))?.enabled).toBe(false);

  await toggle('Enable').click();
  await expect(toggle('Disable')).toHaveAttribute('aria-checked', 'true');
  await expect(toggle('Disable')).toBeEnabled();
  expect((await cliJob(id))?.enabled).toBe(true);

  await jobRow(page, names.cron).getByRole('link', { name: names.cron, exact: true }).click();
  const form = page.getByRole('form', { name: 'Edit cron job' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(names.renamed);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: names.renamed, level: 1 })).toBeVisible();
  const renamed = await cliJob(id);
  expect(renamed).toMatchObject({
    name: names.renamed,
    schedule: { kind: 'cron', expr: '15 9 * * 1-5', tz: 'Asia/Tokyo' },
  });
  await expect(jobRow(watcher, names.renamed)).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' }).click();
  await jobRow(page, names.renamed)
    .getByRole('button', { name: `Remove ${names.renamed}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Remove “${names.renamed}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(names.renamed);
  await expect(dialog).toContainText(id);
  await dialog.getByRole('button', { name: 'Remove job' }).click();
  await expect(dialog).toBeHidden();
  await expect(jobRow(page, names.renamed)).toHaveCount(0);
  expect(await cliJob(id)).toBeUndefined();
  // And gone from the other browser too, still without a reload.
  await expect(jobRow(watcher, names.renamed)).toHaveCount(0);
  expect(await watcher.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
});

// ---------------------------------------------------------------------------
// The reading side: job page in words, run history with the gateway's filters, failing count, run if due,
// clone, and the enable switch's revision guard. Jobs are made and run with the CLI; results read back from it.

type CliRun = { runId?: string; status?: string; deliveryStatus?: string; summary?: string; error?: string };
const reading = { ok: `e2e cmd fine ${tag}`, bad: `e2e cmd broken ${tag}` };

/** `openclaw cron add <flags>`: the new job's id. */
async function cliAdd(name: string, flags: string[]): Promise<string> {
  const out = await cliJson<{ id?: string; job?: { id: string } }>(['cron', 'add', '--name', name, ...flags]);
  const id = out.id ?? out.job?.id;
  if (!id) throw new Error(`cron add printed no id: ${JSON.stringify(out)}`);
  created.set(id, name);
  return id;
}
/** `openclaw cron run <id> --wait`: blocks until the run has a terminal status (exits non-zero for a failed run). */
async function cliRunWait(id: string): Promise<CliRun> {
  const r = await cli(gw, ['cron', 'run', id, '--wait', '--wait-timeout', '60s', '--json']);
  return JSON.parse(r.stdout) as CliRun;
}
const cliRuns = async (id: string, extra: string[] = []) =>
  (await cliJson<{ entries: CliRun[] }>(['cron', 'runs', '--id', id, ...extra])).entries;
const idOf = (name: string) => [...created].find(([, n]) => n === name)![0];
const cronNav = (p: Page) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cron' });

test('command jobs read in words on their page; runs made with the CLI show in the history', async () => {
  const ok = await cliAdd(reading.ok, ['--every', '45m', '--command', `echo e2e-${tag}-fine`, '--no-deliver']);
  const bad = await cliAdd(reading.bad, [
    '--every',
    '45m',
    '--command',
    `echo e2e-${tag}-broken; exit 3`,
    '--no-deliver',
  ]);
  const [okRun, badRun] = [await cliRunWait(ok), await cliRunWait(bad)];
  expect(okRun.status).toBe('ok');
  expect(badRun.status).toBe('error');

  await page.goto(appUrl(gw.url, undefined, `/cron/${encodeURIComponent(bad)}`));
  const summary = page.getByRole('region', { name: 'What it does' });
  await expect(summary.getByLabel('command line')).toHaveText(`sh -lc 'echo e2e-${tag}-broken; exit 3'`);
  await expect(summary.getByTestId('job-does')).toContainText('runs a command');
  // The gateway's own delivery preview, in the page.
  await expect(summary.getByTestId('job-delivery')).toContainText('The gateway resolves this to:');
  await page.getByRole('tab', { name: 'All fields' }).click();
  await expect(page.getByLabel('Job fields')).toContainText('consecutiveErrors');
});

test("run history: the gateway's filters in the URL, delivery details, and a link to one run by its id", async () => {
  const bad = idOf(reading.bad);
  const [badRun] = await cliRuns(bad, ['--status', 'error']);
  expect(badRun?.runId).toBeTruthy();

  await cronNav(page).click();
  await page.getByRole('tablist', { name: 'Cron views' }).getByRole('tab', { name: 'Run history' }).click();
  await page.getByRole('searchbox', { name: 'Search runs' }).fill(`e2e-${tag}`);
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('error');
  await expect(page).toHaveURL(/rstatus=error/);
  const history = page.getByRole('table', { name: 'Run history, all jobs' });
  // Only the failed command's run matches both filters (the gateway filtered; the CLI agrees).
  await expect(history.getByRole('row').filter({ hasText: reading.bad })).toHaveCount(1);
  await expect(history.getByRole('row').filter({ hasText: reading.ok })).toHaveCount(0);
  const row = history.getByRole('row').filter({ hasText: reading.bad });
  await expect(row).toContainText('error');
  if (badRun!.deliveryStatus) await expect(row).toContainText(badRun!.deliveryStatus);
  await row.getByRole('button', { name: /Show/ }).click();
  const details = page.getByTestId('run-details');
  await expect(details).toContainText(`e2e-${tag}-broken`);
  await details.getByRole('link', { name: badRun!.runId! }).click();
  await expect(page).toHaveURL(
    new RegExp(`run=${encodeURIComponent(badRun!.runId!).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );
  const one = page.getByRole('region', { name: 'Run' });
  await expect(one).toContainText(badRun!.runId!);
  await expect(one).toContainText(reading.bad);
  // The link is a real URL: a fresh load shows the same run.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Run' })).toContainText(badRun!.runId!);
  await page.getByRole('link', { name: 'All runs' }).click();
  await expect(history.getByRole('row').filter({ hasText: reading.bad })).toHaveCount(1);
});

test('the failing count is the number of jobs with consecutive errors, and filters to them', async () => {
  const jobs = await cliJobs();
  const failing = jobs.filter(
    (j) => ((j as { state?: { consecutiveErrors?: number } }).state?.consecutiveErrors ?? 0) > 0,
  );
  expect(failing.map((j) => j.name)).toContain(reading.bad);
  await cronNav(page).click();
  await expect(page.getByRole('tablist', { name: 'Cron views' })).toBeVisible();
  const button = page.getByRole('button', { name: `${failing.length} failing` });
  await button.click();
  await expect(page).toHaveURL(/failing=1/);
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(jobRow(page, reading.bad)).toBeVisible();
  await expect(jobRow(page, reading.ok)).toHaveCount(0);
  await expect(page.getByTestId('jobs-count')).toHaveText(`${failing.length} of ${jobs.length} jobs match`);
  await button.click();
  await expect(jobRow(page, reading.ok)).toBeVisible();
});

test('run if due leaves a job that is not due alone; clone opens the form from the job', async () => {
  const ok = idOf(reading.ok);
  const before = (await cliRuns(ok)).length;
  await page.goto(appUrl(gw.url, undefined, `/cron/${encodeURIComponent(ok)}`));
  await page.getByRole('button', { name: `Run if due: ${reading.ok}` }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not due yet: nothing ran' })).toBeVisible();
  expect((await cliRuns(ok)).length).toBe(before);

  await page.getByRole('link', { name: `Clone ${reading.ok}` }).click();
  await expect(page).toHaveURL(new RegExp(`/cron/new\\?from=${encodeURIComponent(ok)}`));
  await expect(page.getByRole('heading', { name: 'New cron job' })).toBeVisible();
});

test('the enable switch sends the revision it was shown with: a concurrent CLI edit is refused, kept, then toggled', async ({
  browser,
}) => {
  const ok = idOf(reading.ok);
  // A pass-through relay that can hold back `cron` events, so this page stays on the version it read.
  const context = await browser.newContext();
  contexts.push(context);
  let holdCronEvents = false;
  await context.routeWebSocket(/^wss?:\/\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (holdCronEvents && typeof m === 'string' && /"type":"event"/.test(m) && /"event":"cron"/.test(m)) return;
      ws.send(m);
    });
  });
  const p = await context.newPage();
  await p.goto(appUrl(gw.url, gw.token));
  await p.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(p)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
  await p.goto(appUrl(gw.url, undefined, `/cron/${encodeURIComponent(ok)}`));
  await expect(p.getByRole('heading', { name: reading.ok, level: 1 })).toBeVisible();

  holdCronEvents = true;
  const edited = await cli(gw, ['cron', 'edit', ok, '--description', `edited elsewhere ${tag}`, '--json']);
  expect(edited.code, edited.stderr || edited.stdout).toBe(0);
  await p.getByRole('switch', { name: `Disable ${reading.ok}` }).click();
  await expect(p.getByRole('alert').filter({ hasText: 'Someone else changed this job' })).toBeVisible();
  const after = (await cliJob(ok)) as CliJob & { description?: string };
  expect(after).toMatchObject({ enabled: true, description: `edited elsewhere ${tag}` });

  // The refusal re-read the job: its description shows, and the switch now works on the current version.
  await expect(p.getByText(`edited elsewhere ${tag}`).first()).toBeVisible();
  await p.getByRole('switch', { name: `Disable ${reading.ok}` }).click();
  await expect(p.getByRole('switch', { name: `Enable ${reading.ok}` })).toHaveAttribute('aria-checked', 'false');
  expect((await cliJob(ok)) as CliJob & { description?: string }).toMatchObject({
    enabled: false,
    description: `edited elsewhere ${tag}`,
  });
});
