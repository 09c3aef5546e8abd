import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { appUrl, cli, e2eGateway, type E2EGateway } from './gateway';

// CLI parity against the real shared sandbox gateway: every row makes one job with `openclaw cron add
// <flags>` and the same job through the form; their cron.get agree on everything but id, name,
// timestamps and state. Together the rows cover every schedule kind, payload kind and delivery mode.

type Json = Record<string, unknown>;
type Row = { title: string; flags: string[]; fill: (f: Locator) => Promise<void> };

let gw: E2EGateway;
let page: Page;
let context: BrowserContext;
const tag = `${Date.now().toString(36)}-${process.pid}`;
const made: string[] = [];
let scriptFile = '';
let triggerFile = '';
const SCRIPT = 'const r = await tools.read({ path: "README.md" });\nreturn r.ok;';
const TRIGGER = 'return Date.now() % 2 === 0;';

const region = (f: Locator, name: string) => f.getByRole('region', { name });
async function choose(f: Locator, group: string, option: string) {
  const radio = f.getByRole('group', { name: group }).getByRole('radio', { name: option, exact: true });
  await radio.check({ force: true });
  await expect(radio).toBeChecked();
}
/** A text input by its label; one with suggestions (a datalist) has the combobox role. */
const text = (f: Locator, name: string) =>
  f.getByRole('textbox', { name, exact: true }).or(f.getByRole('combobox', { name, exact: true }));
const num = (f: Locator, name: string) => f.getByRole('spinbutton', { name, exact: true });
async function cronSchedule(f: Locator, expr: string, tz: string) {
  await text(f, 'Cron expression').fill(expr);
  await text(f, 'Time zone').fill(tz);
}
async function target(f: Locator, value: 'main' | 'isolated' | 'current' | 'session') {
  await f.getByLabel('Session target').selectOption(value);
}

const ROWS: Row[] = [
  {
    title: 'cron in a zone, system event, main',
    flags: ['--cron', '0 9 * * 1-5', '--tz', 'Europe/Berlin', '--system-event', 'weekday tick', '--session', 'main'],
    fill: async (f) => {
      await cronSchedule(f, '0 9 * * 1-5', 'Europe/Berlin');
      await text(f, 'Event text').fill('weekday tick');
    },
  },
  {
    title: 'cron exact, agent turn, isolated, no delivery',
    flags: ['--cron', '*/15 * * * *', '--exact', '--message', 'status', '--session', 'isolated', '--no-deliver'],
    fill: async (f) => {
      await cronSchedule(f, '*/15 * * * *', '');
      await f.getByRole('radio', { name: 'Exact (no stagger)' }).check();
      await target(f, 'isolated');
      await choose(f, 'Payload', 'Agent turn');
      await text(f, 'Message').fill('status');
    },
  },
  {
    title: 'cron with stagger, agent turn with every model option, announce',
    flags: [
      '--cron',
      '0 * * * *',
      '--tz',
      'UTC',
      '--stagger',
      '30s',
      '--message',
      'report',
      '--model',
      'openai/gpt-5',
      '--fallbacks',
      'openai/gpt-5-mini',
      '--thinking',
      'low',
      '--timeout-seconds',
      '90',
      '--light-context',
      '--tools',
      'read,exec',
      '--session',
      'isolated',
      '--announce',
      '--channel',
      'last',
      '--to',
      'someone',
    ],
    fill: async (f) => {
      await cronSchedule(f, '0 * * * *', 'UTC');
      await region(f, 'Schedule').getByRole('radio', { name: 'Custom' }).check();
      await f.getByLabel('Stagger window').fill('30');
      await target(f, 'isolated');
      await choose(f, 'Payload', 'Agent turn');
      await text(f, 'Message').fill('report');
      await text(f, 'Model').fill('openai/gpt-5');
      await text(f, 'Fallback models').fill('openai/gpt-5-mini');
      await text(f, 'Thinking level').fill('low');
      await num(region(f, 'What runs'), 'Timeout (seconds)').fill('90');
      await f.getByRole('checkbox', { name: /Light context/ }).check();
      await text(f, 'Tool allowlist').fill('read, exec');
      await choose(f, 'Where the result goes', 'Announce to a chat');
      await text(region(f, 'Delivery and alerts'), 'Channel').first().fill('last');
      await text(region(f, 'Delivery and alerts'), 'To').first().fill('someone');
    },
  },
  {
    title: 'interval, system event, next heartbeat',
    flags: ['--every', '10m', '--system-event', 'interval tick', '--session', 'main', '--wake', 'next-heartbeat'],
    fill: async (f) => {
      await choose(f, 'Kind of schedule', 'Interval');
      await num(f, 'Every').fill('10');
      await f.getByLabel('Unit').selectOption('minutes');
      await choose(f, 'Wake mode', 'Next heartbeat');
      await text(f, 'Event text').fill('interval tick');
    },
  },
  {
    title: 'once at a UTC instant, kept after its run',
    flags: ['--at', '2030-01-01T10:00:00Z', '--system-event', 'new year', '--session', 'main', '--keep-after-run'],
    fill: async (f) => {
      await choose(f, 'Kind of schedule', 'Once');
      await text(f, 'Time zone').fill('UTC');
      await f.getByLabel('Date and time').fill('2030-01-01T10:00');
      await f.getByRole('checkbox', { name: /Delete the job after/ }).uncheck();
      await text(f, 'Event text').fill('new year');
    },
  },
  {
    title: 'once at a wall time in a zone (deleted after its run, the default)',
    flags: ['--at', '2030-06-01T08:30', '--tz', 'Europe/Berlin', '--system-event', 'summer', '--session', 'main'],
    fill: async (f) => {
      await choose(f, 'Kind of schedule', 'Once');
      await text(f, 'Time zone').fill('Europe/Berlin');
      await f.getByLabel('Date and time').fill('2030-06-01T08:30');
      await text(f, 'Event text').fill('summer');
    },
  },
  {
    title: 'on exit, command as a shell line, disabled',
    flags: [
      '--on-exit',
      'sleep 1',
      '--on-exit-cwd',
      '/tmp',
      '--command',
      'echo done',
      '--session',
      'isolated',
      '--no-deliver',
      '--disabled',
    ],
    fill: async (f) => {
      await f.getByRole('checkbox', { name: /^Enabled/ }).uncheck();
      await choose(f, 'Kind of schedule', 'On exit');
      await text(f, 'Command to watch').fill('sleep 1');
      await text(region(f, 'Schedule'), 'Working directory').fill('/tmp');
      await target(f, 'isolated');
      await choose(f, 'Payload', 'Command');
      await text(f, 'Shell line').fill('echo done');
    },
  },
  {
    title: 'stream in match mode, agent turn, webhook',
    flags: [
      '--stream-command',
      '["tail","-F","/tmp/clawscope-parity.log"]',
      '--stream-cwd',
      '/tmp',
      '--stream-mode',
      'match',
      '--stream-match',
      'ERROR',
      '--stream-batch-ms',
      '200',
      '--stream-max-batch-bytes',
      '2048',
      '--message',
      'look at this',
      '--session',
      'isolated',
      '--webhook',
      'https://hooks.example.com/stream',
      '--disabled',
    ],
    fill: async (f) => {
      await f.getByRole('checkbox', { name: /^Enabled/ }).uncheck();
      await choose(f, 'Kind of schedule', 'Stream');
      await text(f, 'Command (one argument per line)').fill('tail\n-F\n/tmp/clawscope-parity.log');
      await text(region(f, 'Schedule'), 'Working directory').fill('/tmp');
      await choose(f, 'Lines that fire the job', 'Matching lines');
      await text(f, 'Match pattern').fill('ERROR');
      await num(f, 'Batch quiet time (ms)').fill('200');
      await num(f, 'Batch size (bytes)').fill('2048');
      await target(f, 'isolated');
      await choose(f, 'Payload', 'Agent turn');
      await text(f, 'Message').fill('look at this');
      await choose(f, 'Where the result goes', 'Webhook');
      await text(f, 'Webhook URL').fill('https://hooks.example.com/stream');
    },
  },
  {
    title: 'cron, command argv with every option, webhook',
    flags: [
      '--cron',
      '0 4 * * *',
      '--tz',
      'UTC',
      '--command-argv',
      '["node","-e","1"]',
      '--command-cwd',
      '/tmp',
      '--command-env',
      'A=1',
      '--command-input',
      'hi',
      '--timeout-seconds',
      '30',
      '--no-output-timeout-seconds',
      '10',
      '--output-max-bytes',
      '4096',
      '--session',
      'isolated',
      '--webhook',
      'https://hooks.example.com/cmd',
    ],
    fill: async (f) => {
      await cronSchedule(f, '0 4 * * *', 'UTC');
      await target(f, 'isolated');
      await choose(f, 'Payload', 'Command');
      await choose(f, 'Command as', 'Exact arguments');
      await text(f, 'Arguments (one per line)').fill('node\n-e\n1');
      const runs = region(f, 'What runs');
      await text(runs, 'Working directory').fill('/tmp');
      await text(runs, 'Environment').fill('A=1');
      await text(runs, 'Standard input').fill('hi');
      await num(runs, 'Timeout (seconds)').fill('30');
      await num(runs, 'No-output timeout (seconds)').fill('10');
      await num(runs, 'Output cap (bytes)').fill('4096');
      await choose(f, 'Where the result goes', 'Webhook');
      await text(f, 'Webhook URL').fill('https://hooks.example.com/cmd');
    },
  },
  {
    title: 'script payload with timeout and tool budget',
    flags: [
      '--cron',
      '0 3 * * *',
      '--tz',
      'UTC',
      '--script',
      '@SCRIPT',
      '--script-timeout-seconds',
      '20',
      '--script-tool-budget',
      '5',
      '--session',
      'isolated',
      '--no-deliver',
    ],
    fill: async (f) => {
      await cronSchedule(f, '0 3 * * *', 'UTC');
      await target(f, 'isolated');
      await choose(f, 'Payload', 'Script');
      await text(f, 'Script').fill(SCRIPT);
      await num(region(f, 'What runs'), 'Timeout (seconds)').fill('20');
      await num(f, 'Tool budget').fill('5');
    },
  },
  {
    title: 'trigger script (once) and pacing bounds',
    flags: [
      '--every',
      '1h',
      '--system-event',
      'conditional',
      '--session',
      'main',
      '--trigger-script',
      '@TRIGGER',
      '--trigger-once',
      '--pacing-min',
      '5m',
      '--pacing-max',
      '2h',
    ],
    fill: async (f) => {
      await choose(f, 'Kind of schedule', 'Interval');
      await num(f, 'Every').fill('1');
      await f.getByLabel('Unit').selectOption('hours');
      await text(f, 'Event text').fill('conditional');
      await text(f, 'Trigger script').fill(TRIGGER);
      await f.getByRole('checkbox', { name: 'Fire once, then stop evaluating' }).check();
      await text(f, 'Pacing: shortest gap').fill('5m');
      await text(f, 'Pacing: longest gap').fill('2h');
    },
  },
  {
    title: 'session:<key> target, agent, description and display name',
    flags: [
      '--cron',
      '0 8 * * *',
      '--tz',
      'UTC',
      '--message',
      'brief me',
      '--session',
      'session:daily-brief',
      '--no-deliver',
      '--agent',
      'main',
      '--description',
      'morning brief',
      '--display-name',
      'Daily brief',
    ],
    fill: async (f) => {
      await text(f, 'Display name').fill('Daily brief');
      await text(f, 'Description').fill('morning brief');
      await cronSchedule(f, '0 8 * * *', 'UTC');
      await text(f, 'Agent').fill('main');
      await target(f, 'session');
      await text(f, 'Target session').fill('daily-brief');
      await choose(f, 'Payload', 'Agent turn');
      await text(f, 'Message').fill('brief me');
    },
  },
  {
    title: 'current with a session key, announce with account and best effort',
    flags: [
      '--cron',
      '30 7 * * *',
      '--tz',
      'UTC',
      '--message',
      'follow up',
      '--session',
      'current',
      '--session-key',
      'agent:main:ops',
      '--announce',
      '--channel',
      'last',
      '--to',
      'ops-room',
      '--account',
      'acc1',
      '--best-effort-deliver',
    ],
    fill: async (f) => {
      await cronSchedule(f, '30 7 * * *', 'UTC');
      await target(f, 'current');
      await text(f, 'Session key').fill('agent:main:ops');
      await choose(f, 'Payload', 'Agent turn');
      await text(f, 'Message').fill('follow up');
      await choose(f, 'Where the result goes', 'Announce to a chat');
      const d = region(f, 'Delivery and alerts');
      await text(d, 'Channel').first().fill('last');
      await text(d, 'To').first().fill('ops-room');
      await text(d, 'Account').first().fill('acc1');
      await d
        .getByRole('checkbox', { name: /Best effort/ })
        .first()
        .check();
    },
  },
  {
    title: 'main session with webhook delivery',
    flags: [
      '--cron',
      '0 12 * * *',
      '--tz',
      'UTC',
      '--system-event',
      'noon',
      '--session',
      'main',
      '--webhook',
      'https://hooks.example.com/noon',
    ],
    fill: async (f) => {
      await cronSchedule(f, '0 12 * * *', 'UTC');
      await text(f, 'Event text').fill('noon');
      await choose(f, 'Where the result goes', 'Webhook');
      await text(f, 'Webhook URL').fill('https://hooks.example.com/noon');
    },
  },
];

/** Set by the gateway or naming the job: not part of what the user chose. */
function comparable(job: Json): Json {
  const { id: _i, name: _n, createdAtMs: _c, updatedAtMs: _u, state: _s, configRevision: _r, ...rest } = job;
  delete rest.nextRunAtMs;
  delete rest.deliveryPreview;
  // `channel: "last"` is what an omitted channel means (the CLI writes it out, the form leaves it out).
  const delivery = rest.delivery as Json | undefined;
  if (delivery?.channel === 'last')
    rest.delivery = Object.fromEntries(Object.entries(delivery).filter(([k]) => k !== 'channel'));
  const schedule = { ...(rest.schedule as Json) };
  // An interval's anchor is the instant it was created.
  if (schedule.kind === 'every') delete schedule.anchorMs;
  return { ...rest, schedule };
}

async function call<T>(method: string, params: unknown): Promise<T> {
  const r = await cli(gw, ['gateway', 'call', method, '--json', '--params', JSON.stringify(params)]);
  if (r.code !== 0) throw new Error(`${method} failed (${r.code}): ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout) as T;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  gw = e2eGateway();
  const dir = fs.mkdtempSync(path.join(gw.stateDir, 'parity-'));
  scriptFile = path.join(dir, 'script.js');
  triggerFile = path.join(dir, 'trigger.js');
  fs.writeFileSync(scriptFile, SCRIPT);
  fs.writeFileSync(triggerFile, TRIGGER);
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(appUrl(gw.url, gw.token));
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(page.getByRole('region', { name: 'Connection state' })).toHaveAttribute('data-state', 'full', {
    timeout: 15_000,
  });
});

test.afterAll(async () => {
  await Promise.all(made.map((id) => cli(gw, ['cron', 'rm', id, '--json'])));
  await context?.close();
});

test('the rows cover every schedule kind, payload kind and delivery mode', () => {
  const flags = ROWS.flatMap((r) => r.flags);
  for (const f of ['--cron', '--every', '--at', '--on-exit', '--stream-command']) expect(flags).toContain(f);
  for (const f of ['--system-event', '--message', '--command', '--command-argv', '--script'])
    expect(flags).toContain(f);
  for (const f of ['--no-deliver', '--announce', '--webhook']) expect(flags).toContain(f);
  expect(ROWS.length).toBeGreaterThanOrEqual(12);
});

for (const [i, row] of ROWS.entries()) {
  test(`parity: ${row.title}`, async () => {
    test.setTimeout(90_000);
    const flags = row.flags.map((f) => (f === '@SCRIPT' ? scriptFile : f === '@TRIGGER' ? triggerFile : f));
    const r = await cli(gw, ['cron', 'add', '--name', `e2e parity cli ${i} ${tag}`, ...flags, '--json']);
    expect(r.code, r.stderr || r.stdout).toBe(0);
    const cliId = String((JSON.parse(r.stdout) as Json).id ?? ((JSON.parse(r.stdout) as Json).job as Json)?.id);
    made.push(cliId);

    await page.goto(appUrl(gw.url, undefined, '/cron/new'));
    const form = page.getByRole('form', { name: 'New cron job' });
    await text(form, 'Name').fill(`e2e parity form ${i} ${tag}`);
    await row.fill(form);
    await form.getByRole('button', { name: 'Create job' }).click();
    await page.waitForURL((u) => /^\/cron\/(?!new$)[^/]+$/.test(u.pathname));
    const formId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    made.push(formId);

    const [viaCli, viaForm] = await Promise.all([
      call<Json>('cron.get', { id: cliId }),
      call<Json>('cron.get', { id: formId }),
    ]);
    expect(comparable(viaForm)).toEqual(comparable(viaCli));
  });
}
