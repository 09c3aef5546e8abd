import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithGateway } from '../../../testing/render';
// Not a React hook despite its name: it installs MSW handlers.
import { GatewayReplyError, installGatewayScenario as installGateway, type Reply } from '../../../testing/gateway';
import { createDeviceVault } from '../../../session/device-identity';
import { memoryStore } from '../../../session/idb';
import { CronJobPage } from '../cron-job-page';

/** One test per form section, against the MSW gateway: what is sent, and refusals landing at their field. */

const ADMIN = ['operator.read', 'operator.write', 'operator.admin'];
const refuse = (message: string) => () => new GatewayReplyError({ code: 'INVALID_REQUEST', message });

function open(path: string, replies: Record<string, Reply>, protocol = 4) {
  window.history.replaceState(null, '', path);
  const id = path.startsWith('/cron/new') ? null : decodeURIComponent(path.split('/')[2]!.split('?')[0]!);
  installGateway({ connect: () => ({ scopes: ADMIN, auth: { deviceToken: 'x' } }), replies, protocol });
  return renderWithGateway(<CronJobPage id={id} />, { vault: createDeviceVault(memoryStore()) });
}

const form = () => screen.findByRole('form', { name: /cron job/ });
const radio = (name: string) => screen.getByRole('radio', { name });
const field = (name: string | RegExp) => screen.getByRole('textbox', { name });

async function basics(name: string) {
  await userEvent.type(within(await form()).getByRole('textbox', { name: 'Name' }), name);
}

/** The field's message, via its aria-describedby. */
const messageOf = (el: HTMLElement) => document.getElementById(el.getAttribute('aria-describedby')!)!.textContent;

beforeEach(() => window.history.replaceState(null, '', '/cron'));

describe('schedule section', () => {
  it('creates a stream job, and explains match mode without a pattern before sending', async () => {
    const adds: unknown[] = [];
    open('/cron/new', { 'cron.add': (p) => (adds.push(p), { ...(p as object), id: 'new-1', state: {} }) });
    await basics('tail logs');
    await userEvent.click(radio('Stream'));
    await userEvent.type(field(/Command \(one argument per line\)/), 'tail{Enter}-F{Enter}/var/log/app.log');
    await userEvent.click(radio('Matching lines'));
    await userEvent.selectOptions(screen.getByLabelText('Session target'), 'isolated');
    await userEvent.click(radio('Agent turn'));
    await userEvent.type(field('Message'), 'look at this');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    expect(await screen.findByText('Match mode needs a pattern.')).toBeTruthy();
    expect(adds).toHaveLength(0);

    await userEvent.type(field('Match pattern'), 'ERROR');
    await userEvent.type(screen.getByRole('spinbutton', { name: /Batch quiet time/ }), '200');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    await waitFor(() => expect(adds).toHaveLength(1));
    expect(adds[0]).toMatchObject({
      schedule: {
        kind: 'stream',
        command: ['tail', '-F', '/var/log/app.log'],
        mode: 'match',
        match: 'ERROR',
        batchMs: 200,
      },
      sessionTarget: 'isolated',
      payload: { kind: 'agentTurn', message: 'look at this' },
      delivery: { mode: 'none' },
    });
  }, 30_000);
});

describe('payload section', () => {
  it('maps "isolated cron jobs require…" to the session target and keeps the script', async () => {
    open('/cron/new', {
      'cron.add': refuse(
        'Error: isolated cron jobs require payload.kind="agentTurn", "command", or "script"; script payloads do not support current/session targets',
      ),
    });
    await basics('scripted');
    await userEvent.type(field('Cron expression'), '0 * * * *');
    await userEvent.click(radio('Script'));
    await userEvent.type(field('Script'), 'return 1');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    const target = screen.getByLabelText('Session target');
    await waitFor(() => expect(target.getAttribute('aria-invalid')).toBe('true'));
    expect(messageOf(target)).toMatch(/script payloads do not support/);
    expect((field('Script') as HTMLTextAreaElement).value).toBe('return 1');
    expect(screen.getByText(/Nothing was created; your inputs are kept/)).toBeTruthy();
  }, 30_000);
});

describe('where and who section', () => {
  it('"current" needs a session key and then sends it; agents come from agents.list', async () => {
    const adds: Record<string, unknown>[] = [];
    open('/cron/new', {
      'agents.list': () => ({ defaultId: 'main', agents: [{ id: 'main' }, { id: 'ops' }] }),
      'cron.add': (p) => (adds.push(p as Record<string, unknown>), { ...(p as object), id: 'n', state: {} }),
    });
    await basics('follow-up');
    await userEvent.type(field('Cron expression'), '0 9 * * *');
    expect(await screen.findByText(/This gateway’s agents: main, ops/)).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Session target'), 'current');
    await userEvent.click(radio('Agent turn'));
    await userEvent.type(field('Message'), 'check in');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    const key = field('Session key');
    await waitFor(() => expect(key.getAttribute('aria-invalid')).toBe('true'));
    expect(messageOf(key)).toMatch(/stores the job as “isolated”/);
    expect(adds).toHaveLength(0);
    await userEvent.type(key, 'agent:main:ops');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    await waitFor(() => expect(adds).toHaveLength(1));
    expect(adds[0]).toMatchObject({ sessionTarget: 'current', sessionKey: 'agent:main:ops' });
  }, 30_000);
});

describe('delivery section', () => {
  it('offers no chat delivery to main jobs; a webhook refusal lands at the URL with it kept', async () => {
    open('/cron/new', {
      'cron.add': refuse('cron webhook delivery requires delivery.to to be a valid http(s) URL'),
    });
    await basics('hook');
    await userEvent.type(field('Cron expression'), '0 * * * *');
    await userEvent.type(field('Event text'), 'ping');
    expect(screen.queryByRole('radio', { name: /Announce/ })).toBeNull();
    await userEvent.click(radio('Webhook'));
    await userEvent.type(field('Webhook URL'), 'https://hooks.test/x');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    const url = field('Webhook URL');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(messageOf(url)).toMatch(/valid http\(s\) URL/);
    expect((url as HTMLInputElement).value).toBe('https://hooks.test/x');
  }, 30_000);
});

describe('editing', () => {
  const every = {
    id: 'e1',
    name: 'every',
    enabled: true,
    createdAtMs: 1,
    updatedAtMs: 1,
    configRevision: 'sha256:e1',
    schedule: { kind: 'every', everyMs: 1_800_000, anchorMs: 1_700_000_000_123 },
    sessionTarget: 'main',
    wakeMode: 'now',
    payload: { kind: 'systemEvent', text: 'tick' },
    pacing: { min: '5m' },
    state: {},
  };

  it('an interval edit keeps the anchor and sends the revision; a conditions refusal keeps the input', async () => {
    const updates: Record<string, unknown>[] = [];
    let refuseNext = false;
    open('/cron/e1', {
      'cron.get': () => every,
      'cron.update': (p) => {
        updates.push(p as Record<string, unknown>);
        if (refuseNext) return refuse('invalid cron.update params: pacing.max must be a duration')();
        const patch = (p as { patch: Record<string, unknown> }).patch;
        return { ...every, ...patch, configRevision: `sha256:e${updates.length + 1}` };
      },
    });
    const n = await screen.findByRole('spinbutton', { name: 'Every' });
    await userEvent.clear(n);
    await userEvent.type(n, '45');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(updates[0]).toEqual({
      id: 'e1',
      expectedConfigRevision: 'sha256:e1',
      patch: { schedule: { kind: 'every', everyMs: 2_700_000, anchorMs: 1_700_000_000_123 } },
    });

    refuseNext = true;
    await userEvent.type(field('Pacing: longest gap'), 'soon-ish');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Pacing bounds are durations like 5m or 1h.')).toBeTruthy();
    expect(updates).toHaveLength(1);
    await userEvent.clear(field('Pacing: longest gap'));
    await userEvent.type(field('Pacing: longest gap'), '1h');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    // At the Conditions section and in the summary alert.
    expect(await screen.findAllByText(/pacing.max must be a duration/)).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      expectedConfigRevision: 'sha256:e2',
      patch: { pacing: { min: '5m', max: '1h' } },
    });
    expect((field('Pacing: longest gap') as HTMLInputElement).value).toBe('1h');
  }, 30_000);

  it('the JSON view is checked against the official schema before it reaches the form', async () => {
    const updates: Record<string, unknown>[] = [];
    open('/cron/e1', {
      'cron.get': () => every,
      'cron.update': (p) => (updates.push(p as Record<string, unknown>), { ...every, configRevision: 'sha256:x' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Show the job as JSON' }));
    const json = (await screen.findByRole('textbox', { name: /Job JSON/ }, { timeout: 15_000 })) as HTMLTextAreaElement;
    const job = JSON.parse(json.value) as Record<string, unknown>;
    await userEvent.clear(json);
    await userEvent.click(json);
    await userEvent.paste(JSON.stringify({ ...job, bogus: 1 }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply JSON to the form' }));
    expect(messageOf(json)).toMatch(/Not a valid job/);
    await userEvent.clear(json);
    await userEvent.paste(JSON.stringify({ ...job, owner: { agentId: 'main' } }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply JSON to the form' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toEqual({
      id: 'e1',
      expectedConfigRevision: 'sha256:e1',
      patch: { owner: { agentId: 'main' } },
    });
  }, 30_000);

  it('clones from ?from=<id>: every setting prefilled, a new name', async () => {
    const adds: Record<string, unknown>[] = [];
    open('/cron/new?from=e1', {
      'cron.get': () => every,
      'cron.add': (p) => (adds.push(p as Record<string, unknown>), { ...(p as object), id: 'c', state: {} }),
    });
    expect(await screen.findByText(/A copy of/)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('every (copy)');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));
    await waitFor(() => expect(adds).toHaveLength(1));
    expect(adds[0]).toMatchObject({ name: 'every (copy)', schedule: every.schedule, pacing: every.pacing });
  }, 30_000);
});

describe('protocol 3 (2026.3.x)', () => {
  it('hides what the older gateway lacks, with one note', async () => {
    open('/cron/new', {}, 3);
    await form();
    expect(screen.getByText(/speaks protocol 3/)).toBeTruthy();
    expect(screen.queryByRole('radio', { name: 'Stream' })).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Command' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Conditions' })).toBeNull();
    expect(
      within(screen.getByLabelText('Session target'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['main', 'isolated']);
  });
});
