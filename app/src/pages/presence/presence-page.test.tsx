import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { PresencePage } from './presence-page';
import { renderWithGateway } from '../../testing/render';
import { gatewayLink, server, installGatewayScenario } from '../../testing/gateway';
import { createDeviceVault } from '../../session/device-identity';
import { memoryStore } from '../../session/idb';

const now = Date.now();
const gatewayEntry = {
  host: 'vm',
  ip: '192.0.2.2',
  version: '2026.9.6',
  platform: 'linux 6.18',
  deviceFamily: 'Linux',
  mode: 'gateway',
  reason: 'self',
  instanceId: 'inst-1',
  text: 'Gateway: vm',
  ts: now,
};
const client = (over: Record<string, unknown>) => ({
  clientId: 'webchat-ui',
  mode: 'webchat',
  onlineSince: now - 60_000,
  roles: ['operator'],
  ts: now - 1000,
  host: 'webchat-ui',
  version: '0.1.0',
  platform: 'web',
  reason: 'connect',
  ...over,
});

/** The server side of every socket, to push events the way the gateway broadcasts them. */
function captureSockets() {
  const sockets: { send: (data: string) => void }[] = [];
  server.use(gatewayLink.addEventListener('connection', ({ client: c }) => void sockets.push(c)));
  return sockets;
}

async function pairedVault() {
  const vault = createDeviceVault(memoryStore());
  const identity = await vault.ensureIdentity();
  return { vault, deviceId: identity.deviceId };
}

describe('Presence page', () => {
  it('says a session without operator.read cannot see presence, instead of "nobody is connected"', async () => {
    let calls = 0;
    installGatewayScenario({ replies: { 'system-presence': () => (calls++, []) } });
    renderWithGateway(<PresencePage />);
    expect((await screen.findByTestId('presence-no-scope')).textContent).toMatch(
      /cannot see presence: it lacks operator\.read/,
    );
    expect(screen.getByRole('link', { name: 'Open the Session page' }).getAttribute('href')).toBe('/');
    expect(calls).toBe(0);
  });

  it('groups the gateway, online and disconnected entries and marks this session by device id', async () => {
    const { vault, deviceId } = await pairedVault();
    installGatewayScenario({
      replies: {
        'system-presence': () => [
          client({ clientId: 'cli', mode: 'cli', onlineSince: now - 120_000 }),
          gatewayEntry,
          client({ deviceId, scopes: ['operator.read', 'operator.admin'], onlineSince: now - 5000 }),
          client({ reason: 'disconnect', onlineSince: now - 600_000, host: '<img src=x onerror=alert(1)>' }),
        ],
      },
    });
    renderWithGateway(<PresencePage />, { vault });
    const online = await screen.findByRole('table', { name: 'Online clients' });
    expect(screen.getByTestId('presence-online-count').textContent).toBe('2');
    expect(screen.getByTestId('gateway-entry').textContent).toContain('inst-1');

    const rows = within(online).getAllByTestId('presence-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.dataset.own).toBe('self');
    expect(within(rows[0]!).getByText('this session')).toBeTruthy();
    expect(within(rows[0]!).getByTitle('operator.admin').textContent).toBe('admin');
    expect(within(rows[1]!).getByText('limited: no device identity, no scopes')).toBeTruthy();

    // Disconnected entries sit in a collapsed group; their text stays text.
    const group = document.querySelector('details')!;
    expect(group.open).toBe(false);
    expect(group.querySelector('summary')!.textContent).toMatch(/^.?Disconnected1/);
    expect(within(group).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(group.querySelector('img')).toBeNull();
  });

  it('applies the full list carried by a presence event', async () => {
    const { vault, deviceId } = await pairedVault();
    // Gateway-side truth: a re-read (after a reconnect or a seq gap) sees what the event said.
    let list: unknown[] = [gatewayEntry, client({ deviceId })];
    installGatewayScenario({ replies: { 'system-presence': () => list } });
    const sockets = captureSockets();
    renderWithGateway(<PresencePage />, { vault });
    await screen.findByRole('table', { name: 'Online clients' });
    expect(screen.getByTestId('presence-online-count').textContent).toBe('1');

    list = [gatewayEntry, client({ deviceId }), client({ clientId: 'cli', mode: 'cli', onlineSince: now })];
    sockets.at(-1)!.send(JSON.stringify({ type: 'event', event: 'presence', payload: { presence: list }, seq: 1 }));
    await waitFor(() => expect(screen.getByTestId('presence-online-count').textContent).toBe('2'));
    const rows = within(screen.getByRole('table', { name: 'Online clients' })).getAllByTestId('presence-row');
    expect(rows[0]!.textContent).toMatch(/^cli/);
    expect(rows[1]!.dataset.own).toBe('self');
  });

  it('ignores a malformed presence event', async () => {
    const { vault, deviceId } = await pairedVault();
    installGatewayScenario({ replies: { 'system-presence': () => [gatewayEntry, client({ deviceId })] } });
    const sockets = captureSockets();
    renderWithGateway(<PresencePage />, { vault });
    await screen.findByRole('table', { name: 'Online clients' });
    sockets.at(-1)!.send(JSON.stringify({ type: 'event', event: 'presence', payload: { presence: 'nope' }, seq: 1 }));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('presence-online-count').textContent).toBe('1');
  });

  it('shows an empty online list as such when only the gateway is listed', async () => {
    const { vault } = await pairedVault();
    installGatewayScenario({ replies: { 'system-presence': () => [gatewayEntry] } });
    renderWithGateway(<PresencePage />, { vault });
    expect(await screen.findByText('No clients online')).toBeTruthy();
    expect(screen.getByTestId('own-session-note').textContent).toMatch(/not in the list/);
  });
});

describe('Presence while the user is on another page', () => {
  it('shows a client that connected while the page was not mounted (the event bridge owns presence)', async () => {
    const { vault, deviceId } = await pairedVault();
    // The gateway answers the first read only: a second read would hide the bug, since the list is event-fed.
    let reads = 0;
    installGatewayScenario({
      replies: { 'system-presence': () => (reads++, [gatewayEntry, client({ deviceId })]) },
    });
    const sockets = captureSockets();
    let show: (on: boolean) => void = () => {};
    function Toggle() {
      const [on, setOn] = useState(true);
      show = (v) => act(() => setOn(v));
      return on ? <PresencePage /> : <p>elsewhere</p>;
    }
    renderWithGateway(<Toggle />, { vault });
    await screen.findByRole('table', { name: 'Online clients' });
    expect(screen.getByTestId('presence-online-count').textContent).toBe('1');

    // Leave the page; a client connects meanwhile; come back.
    show(false);
    const later = [gatewayEntry, client({ deviceId }), client({ clientId: 'cli', mode: 'cli', host: 'laptop' })];
    sockets.at(-1)!.send(JSON.stringify({ type: 'event', event: 'presence', payload: { presence: later }, seq: 1 }));
    await new Promise((r) => setTimeout(r, 20));
    show(true);
    expect(await screen.findByText('laptop')).toBeTruthy();
    expect(screen.getByTestId('presence-online-count').textContent).toBe('2');
    expect(reads).toBe(1);
  });
});
