import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigPage } from './config-page';
import { renderWithGateway } from '../../testing/render';
import { gatewayLink, server, installGatewayScenario } from '../../testing/gateway';
import { REDACTED } from '../../lib/config-tree';

const READ = () => ({ scopes: ['operator.read'], auth: { deviceToken: 'x' } });

const snapshot = (over: Record<string, unknown> = {}) => ({
  path: '/home/op/.openclaw/openclaw.json',
  includedPaths: [],
  exists: true,
  valid: true,
  parsed: {
    gateway: {
      auth: { mode: 'token', token: '${OPENCLAW_GATEWAY_TOKEN}' },
      controlUi: { allowedOrigins: ['http://127.0.0.1:5183'] },
    },
    agents: {
      defaults: { workspace: '~/w', model: { primary: 'anthropic/claude' } },
      entries: { main: { identity: { name: '<b>Clawd</b>' } } },
    },
  },
  resolved: { gateway: { auth: { mode: 'token', token: REDACTED } } },
  config: { gateway: { auth: { mode: 'token', token: REDACTED } }, agents: { defaults: { maxConcurrent: 8 } } },
  hash: 'hmac-sha256:v1:authoredAAAAAAAA',
  configRevisionHash: 'hmac-sha256:v1:resolvedBBBBBBBB',
  appliedConfigHash: 'hmac-sha256:v1:appliedCCCCCCCC',
  issues: [],
  warnings: [{ path: 'gateway.bind', message: 'deprecated, use gateway.listen' }],
  legacyIssues: [],
  ...over,
});

const paths = () => [...document.querySelectorAll<HTMLElement>('[data-path]')].map((el) => el.dataset.path);

describe('Config page', () => {
  // The view and the search live in the URL; start every test from a clean one.
  beforeEach(() => window.history.replaceState(null, '', '/config'));

  it('says a session without operator.read cannot read the config', async () => {
    installGatewayScenario();
    renderWithGateway(<ConfigPage />);
    expect((await screen.findByTestId('config-no-scope')).textContent).toMatch(
      /cannot read the config: it lacks operator\.read/,
    );
  });

  it('shows the file, the three revisions and a pending restart', async () => {
    installGatewayScenario({ connect: READ, replies: { 'config.get': () => snapshot() } });
    renderWithGateway(<ConfigPage />);
    expect((await screen.findByTestId('config-path')).textContent).toBe('/home/op/.openclaw/openclaw.json');
    expect(screen.getByTestId('rev-authored').textContent).toContain('authoredAA');
    expect(screen.getByTestId('rev-resolved').textContent).toContain('resolvedBB');
    expect(screen.getByTestId('rev-applied').textContent).toContain('appliedCCC');
    expect(screen.getByTestId('revision-state').textContent).toBe('restart pending');
    expect(screen.getByText(/still applies/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Warnings' }).textContent).toContain('deprecated, use gateway.listen');
    expect(screen.getByText('No issues: the config validates.')).toBeTruthy();
  });

  it('renders the tree collapsed beyond two levels, as text, with secrets as a badge', async () => {
    const user = userEvent.setup();
    installGatewayScenario({ connect: READ, replies: { 'config.get': () => snapshot() } });
    renderWithGateway(<ConfigPage />);
    await screen.findByTestId('config-tree');
    expect(paths()).toContain('gateway.auth.token');
    expect(paths()).not.toContain('gateway.controlUi.allowedOrigins[0]');
    expect(
      screen.getByRole('button', { name: /^gateway\.controlUi\.allowedOrigins / }).getAttribute('aria-expanded'),
    ).toBe('false');

    await user.click(screen.getByRole('button', { name: 'Resolved' }));
    const token = document.querySelector<HTMLElement>('[data-path="gateway.auth.token"]')!;
    expect(within(token).getByText('redacted')).toBeTruthy();
    expect(
      within(token)
        .getByRole('button', { name: /^Copy value/ })
        .hasAttribute('disabled'),
    ).toBe(true);
    expect(document.body.innerHTML).not.toContain(REDACTED);

    await user.click(screen.getByRole('button', { name: 'Authored' }));
    await user.click(screen.getByRole('button', { name: 'Expand all' }));
    const name = document.querySelector<HTMLElement>('[data-path="agents.entries.main.identity.name"]')!;
    expect(name.textContent).toContain('"<b>Clawd</b>"');
    expect(name.querySelector('b')).toBeNull();
  });

  it('filters to matching paths, opens their ancestors and highlights the match', async () => {
    const user = userEvent.setup();
    installGatewayScenario({ connect: READ, replies: { 'config.get': () => snapshot() } });
    renderWithGateway(<ConfigPage />);
    await screen.findByTestId('config-tree');
    await user.type(screen.getByRole('searchbox', { name: 'Search the config' }), 'primary');
    await waitFor(() =>
      expect(paths()).toEqual(['agents', 'agents.defaults', 'agents.defaults.model', 'agents.defaults.model.primary']),
    );
    expect(screen.getByTestId('config-tree-count').textContent).toBe('1 match');
    expect(document.querySelector('[data-path="agents.defaults.model.primary"] mark')!.textContent).toBe('primary');

    await user.click(screen.getByRole('button', { name: /^agents\.defaults\.model / }));
    expect(paths()).toEqual(['agents', 'agents.defaults', 'agents.defaults.model']);
  });

  it('copies a dotted path', async () => {
    const user = userEvent.setup();
    installGatewayScenario({ connect: READ, replies: { 'config.get': () => snapshot() } });
    renderWithGateway(<ConfigPage />);
    await screen.findByTestId('config-tree');
    const row = document.querySelector<HTMLElement>('[data-path="gateway.auth.mode"]')!;
    await user.click(within(row).getByRole('button', { name: 'Copy path: gateway.auth.mode' }));
    expect(await navigator.clipboard.readText()).toBe('gateway.auth.mode');
    expect(within(row).getByRole('button', { name: 'Copy path: gateway.auth.mode' }).textContent).toBe('Copied');
  });

  it('re-reads on config.changed', async () => {
    let n = 0;
    installGatewayScenario({
      connect: READ,
      replies: { 'config.get': () => snapshot({ hash: `hmac-sha256:v1:rev${++n}xxxxxxxx` }) },
    });
    const sockets: { send: (d: string) => void }[] = [];
    server.use(gatewayLink.addEventListener('connection', ({ client }) => void sockets.push(client)));
    renderWithGateway(<ConfigPage />);
    await waitFor(() => expect(screen.getByTestId('rev-authored').textContent).toContain('rev1'));
    sockets
      .at(-1)!
      .send(
        JSON.stringify({ type: 'event', event: 'config.changed', payload: { path: '/x', hash: 'h', ts: 1 }, seq: 1 }),
      );
    await waitFor(() => expect(screen.getByTestId('rev-authored').textContent).toContain('rev2'));
  });
});
