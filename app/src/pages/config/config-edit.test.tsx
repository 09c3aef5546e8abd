import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigPage } from './config-page';
import { renderWithGateway } from '../../testing/render';
import { GatewayReplyError, installGatewayScenario } from '../../testing/gateway';
import { REDACTED } from '../../lib/config-tree';

const ADMIN = () => ({ scopes: ['operator.read', 'operator.admin'], auth: { deviceToken: 'x' } });
const READ = () => ({ scopes: ['operator.read'], auth: { deviceToken: 'x' } });
type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const merge = (a: unknown, p: unknown): unknown => {
  if (!isObj(p)) return p;
  const out: Json = isObj(a) ? { ...a } : {};
  for (const [k, v] of Object.entries(p)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
};
const redact = (v: unknown, key = ''): unknown =>
  isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redact(x, k)])) : key === 'token' ? REDACTED : v;

const LOOKUPS: Record<string, unknown> = {
  'gateway.bind': {
    path: 'gateway.bind',
    schema: { anyOf: [{ const: 'loopback' }, { const: 'lan' }] },
    reloadKind: 'restart',
    hint: { label: 'Gateway Bind Mode', help: 'Network bind profile.' },
    children: [],
  },
  'gateway.remote.token': {
    path: 'gateway.remote.token',
    schema: { anyOf: [{ type: 'string' }, { oneOf: [{ type: 'object' }] }] },
    reloadKind: 'none',
    hint: { label: 'Remote Gateway Token', sensitive: true },
    children: [],
  },
  'agents.defaults.maxConcurrent': {
    path: 'agents.defaults.maxConcurrent',
    schema: { type: 'integer', exclusiveMinimum: 0 },
    reloadKind: 'hot',
    hint: {},
    children: [],
  },
};

/** A gateway that keeps a config "file" and writes merge patches to it, guarded by its revision. */
function useFakeConfigGateway(connect = ADMIN) {
  const state = {
    file: {
      gateway: { bind: 'loopback', remote: { url: 'ws://r', token: 'the-real-secret' } },
      agents: { defaults: { maxConcurrent: 4 } },
    } as Json,
    rev: 1,
    /** The revision the running gateway applied: a restart-kind key (gateway.bind) waits for a restart. */
    applied: 1,
  };
  const hash = () => `hmac-sha256:v1:rev${state.rev}`;
  const scenario = installGatewayScenario({
    connect,
    replies: {
      'config.get': () => ({
        path: '/home/op/.openclaw/openclaw.json',
        includedPaths: [],
        exists: true,
        valid: true,
        raw: JSON.stringify(redact(state.file)),
        parsed: redact(state.file),
        resolved: redact(state.file),
        config: redact(state.file),
        hash: hash(),
        configRevisionHash: `r${state.rev}`,
        appliedConfigHash: `r${state.applied}`,
        issues: [],
        warnings: [],
      }),
      'config.schema.lookup': (p) =>
        LOOKUPS[(p as { path: string }).path] ??
        new GatewayReplyError({ code: 'INVALID_REQUEST', message: 'config schema path not found' }),
      'config.patch': (p) => {
        const { raw, baseHash } = p as { raw: string; baseHash?: string };
        if (baseHash !== hash())
          return new GatewayReplyError({
            code: 'INVALID_REQUEST',
            message: 'config changed since last load; re-run config.get and retry',
          });
        const next = merge(state.file, JSON.parse(raw)) as { agents: { defaults: { maxConcurrent: number } } };
        if (next.agents.defaults.maxConcurrent <= 0)
          return new GatewayReplyError({
            code: 'INVALID_REQUEST',
            message: 'invalid config: agents.defaults.maxConcurrent: Too small: expected number to be >0',
          });
        state.file = next as unknown as Json;
        state.rev += 1;
        if (!raw.includes('"bind"')) state.applied = state.rev;
        return { ok: true, hash: hash(), changedPaths: [] };
      },
    },
  });
  /** Someone else writes (the CLI): a new revision, and config.changed to every session. */
  const otherWriter = (patch: Json) => {
    state.file = merge(state.file, patch) as Json;
    state.rev += 1;
    scenario.push('config.changed', { path: '/x', hash: hash(), ts: 1 });
  };
  /** The gateway restarts: applies the saved revision and drops every socket with 1012. */
  const restart = () => {
    state.applied = state.rev;
    scenario.closeAll(1012, 'service restart');
  };
  return { state, otherWriter, restart };
}

const review = () => screen.getByTestId('config-review');
const row = (path: string) => review().querySelector<HTMLElement>(`tr[data-change="${path}"]`);

async function openKey(user: ReturnType<typeof userEvent.setup>, path: string) {
  await user.clear(await screen.findByRole('textbox', { name: 'Key path' }));
  await user.type(screen.getByRole('textbox', { name: 'Key path' }), path);
  await user.click(screen.getByRole('button', { name: 'Open key' }));
  return screen.findByTestId('key-editor');
}

describe('Config editing', () => {
  beforeEach(() => window.history.replaceState(null, '', '/config'));

  it('shows a diff of exactly what will change before writing, then writes only that key', async () => {
    const user = userEvent.setup();
    const gw = useFakeConfigGateway();
    renderWithGateway(<ConfigPage />);
    const editor = await openKey(user, 'gateway.bind');
    expect(await within(editor).findByText('needs restart')).toBeTruthy();
    await user.selectOptions(within(editor).getByLabelText('Value of Gateway Bind Mode'), 'lan');
    await user.click(within(editor).getByRole('button', { name: 'Stage change' }));

    const r = row('gateway.bind')!;
    expect(r.textContent).toContain('"loopback"');
    expect(r.textContent).toContain('"lan"');
    expect(within(review()).getAllByRole('row')).toHaveLength(2);
    expect(gw.state.file).toMatchObject({ gateway: { bind: 'loopback' } });

    await user.click(within(review()).getByRole('button', { name: 'Apply and restart' }));
    await waitFor(() => expect(gw.state.file).toMatchObject({ gateway: { bind: 'lan' } }));
    // Untouched keys, the secret included, are exactly as they were.
    expect(gw.state.file).toMatchObject({
      gateway: { remote: { url: 'ws://r', token: 'the-real-secret' } },
      agents: { defaults: { maxConcurrent: 4 } },
    });
    expect((await screen.findByTestId('config-restart-pending')).textContent).toContain('Restart pending');
    expect(screen.getByTestId('revision-state').textContent).toBe('restart pending');

    // The gateway restarts by itself: the session reconnects, re-reads, and the pending state clears.
    gw.restart();
    expect((await screen.findByTestId('config-restart-done', {}, { timeout: 8000 })).textContent).toContain(
      'The gateway restarted and now runs the written config',
    );
    expect(screen.queryByTestId('config-restart-pending')).toBeNull();
    expect(screen.getByTestId('revision-state').textContent).toBe('applied: in sync');
  });

  it('keeps a secret as it is unless a new value is typed, and never shows either', async () => {
    const user = userEvent.setup();
    const gw = useFakeConfigGateway();
    renderWithGateway(<ConfigPage />);
    const editor = await openKey(user, 'gateway.remote.token');
    const input = await within(editor).findByLabelText('New value for Remote Gateway Token');
    expect(input.getAttribute('type')).toBe('password');
    expect((input as HTMLInputElement).value).toBe('');
    await user.click(within(editor).getByRole('button', { name: 'Replace secret' }));
    expect(within(editor).getByRole('alert').textContent).toContain('Type the new secret.');

    await user.type(input, 'typed-new-secret');
    await user.click(within(editor).getByRole('button', { name: 'Replace secret' }));
    expect(row('gateway.remote.token')!.textContent).toContain('replaced');
    await user.click(within(review()).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(gw.state.file).toMatchObject({ gateway: { remote: { token: 'typed-new-secret' } } }));
    await waitFor(() => expect(screen.queryByTestId('config-review')).toBeNull());
    expect(document.body.innerHTML).not.toContain('typed-new-secret');
    expect(document.body.innerHTML).not.toContain('the-real-secret');
    expect(document.body.innerHTML).not.toContain(REDACTED);
  });

  it('shows what someone else changed, keeps the edit, and re-applies it on top', async () => {
    const user = userEvent.setup();
    const gw = useFakeConfigGateway();
    renderWithGateway(<ConfigPage />);
    const editor = await openKey(user, 'agents.defaults.maxConcurrent');
    await user.clear(within(editor).getByRole('spinbutton'));
    await user.type(within(editor).getByRole('spinbutton'), '6');
    await user.click(within(editor).getByRole('button', { name: 'Stage change' }));

    gw.otherWriter({ gateway: { bind: 'lan' } });
    const conflict = await screen.findByTestId('config-conflict');
    expect(within(conflict).getByRole('list', { name: 'Changed elsewhere' }).textContent).toContain(
      'gateway.bind: now "lan"',
    );
    expect(within(review()).getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(true);
    expect(row('agents.defaults.maxConcurrent')!.textContent).toContain('6');

    await user.click(within(conflict).getByRole('button', { name: 'Re-apply my changes on top' }));
    await user.click(within(review()).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(gw.state.file).toMatchObject({ gateway: { bind: 'lan' }, agents: { defaults: { maxConcurrent: 6 } } }),
    );
  });

  it('when the gateway refuses a stale revision, nothing is overwritten and the conflict is shown', async () => {
    const user = userEvent.setup();
    const gw = useFakeConfigGateway();
    renderWithGateway(<ConfigPage />);
    const editor = await openKey(user, 'agents.defaults.maxConcurrent');
    await user.clear(within(editor).getByRole('spinbutton'));
    await user.type(within(editor).getByRole('spinbutton'), '7');
    await user.click(within(editor).getByRole('button', { name: 'Stage change' }));
    // A writer that sends no config.changed (as 2026.3.x): the page only learns of it from the refusal.
    gw.state.file = merge(gw.state.file, { agents: { defaults: { maxConcurrent: 2 } } }) as Json;
    gw.state.rev += 1;
    await user.click(within(review()).getByRole('button', { name: 'Apply' }));
    const conflict = await screen.findByTestId('config-conflict');
    expect(conflict.textContent).toContain('agents.defaults.maxConcurrent: now 2');
    expect(conflict.textContent).toContain('you change this too');
    expect(gw.state.file).toMatchObject({ agents: { defaults: { maxConcurrent: 2 } } });
  });

  it("puts the gateway's validation message at the key and keeps the input", async () => {
    const user = userEvent.setup();
    const gw = useFakeConfigGateway();
    renderWithGateway(<ConfigPage />);
    const editor = await openKey(user, 'agents.defaults.maxConcurrent');
    await user.clear(within(editor).getByRole('spinbutton'));
    await user.type(within(editor).getByRole('spinbutton'), '-3');
    await user.click(within(editor).getByRole('button', { name: 'Stage change' }));
    await user.click(within(review()).getByRole('button', { name: 'Apply' }));
    expect((await within(row('agents.defaults.maxConcurrent')!).findByRole('alert')).textContent).toContain(
      'Too small',
    );
    expect(within(screen.getByTestId('key-editor')).getByRole('alert').textContent).toContain('Too small');
    expect((within(screen.getByTestId('key-editor')).getByRole('spinbutton') as HTMLInputElement).value).toBe('-3');
    expect(gw.state.rev).toBe(1);
  });

  it('is read-only without operator.admin, and says so at the key', async () => {
    const user = userEvent.setup();
    useFakeConfigGateway(READ);
    renderWithGateway(<ConfigPage />);
    expect((await screen.findByTestId('config-read-only')).textContent).toContain(
      'Writing the config needs operator.admin',
    );
    const editor = await openKey(user, 'gateway.bind');
    expect(within(editor).getByText(/Cannot change this key here/)).toBeTruthy();
    expect(within(editor).queryByRole('button', { name: 'Stage change' })).toBeNull();
  });

  it('turns a read-only gateway (OPENCLAW_CONFIG_READONLY) into a read-only page, keeping the edit', async () => {
    const user = userEvent.setup();
    installGatewayScenario({
      connect: ADMIN,
      replies: {
        'config.get': () => ({ path: '/p', exists: true, valid: true, parsed: { a: 1 }, hash: 'h1' }),
        'config.schema.lookup': () => new GatewayReplyError({ code: 'INVALID_REQUEST', message: 'not found' }),
        'config.patch': () =>
          new GatewayReplyError({
            code: 'UNAVAILABLE',
            message:
              'Error: Config is externally managed (`OPENCLAW_CONFIG_READONLY=1`), so OpenClaw treats openclaw.json as immutable.',
          }),
      },
    });
    renderWithGateway(<ConfigPage />);
    const editor = await openKey(user, 'a');
    await user.clear(within(editor).getByRole('spinbutton'));
    await user.type(within(editor).getByRole('spinbutton'), '2');
    await user.click(within(editor).getByRole('button', { name: 'Stage change' }));
    await user.click(within(review()).getByRole('button', { name: 'Apply' }));
    expect((await screen.findByTestId('config-read-only')).textContent).toContain('OPENCLAW_CONFIG_READONLY');
    expect(row('a')!.textContent).toContain('2');
  });

  it('edits the whole file as JSON5: only the keys that differ are staged, the secret stays out', async () => {
    const user = userEvent.setup();
    const gw = useFakeConfigGateway();
    renderWithGateway(<ConfigPage />);
    await user.click(await screen.findByRole('button', { name: 'Edit the raw file' }));
    const text = (await screen.findByRole('textbox', {
      name: '/home/op/.openclaw/openclaw.json',
    })) as HTMLTextAreaElement;
    expect(text.value).toContain('__SECRET_UNCHANGED__');
    expect(document.body.innerHTML).not.toContain(REDACTED);
    await user.clear(text);
    await user.click(text);
    await user.paste(
      "{gateway: {bind: 'lan', remote: {url: 'ws://r', token: '__SECRET_UNCHANGED__'}}, agents: {defaults: {maxConcurrent: 4}}, // a comment\n}",
    );
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(
      within(review())
        .getAllByRole('row')
        .map((r) => r.getAttribute('data-change')),
    ).toEqual([null, 'gateway.bind']);
    await user.click(within(review()).getByRole('button', { name: 'Apply and restart' }));
    await waitFor(() =>
      expect(gw.state.file).toMatchObject({ gateway: { bind: 'lan', remote: { token: 'the-real-secret' } } }),
    );
  });
});
