import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DevicesPage } from './devices-page';
import { renderWithGateway } from '../../testing/render';
import { GatewayReplyError, installGatewayScenario } from '../../testing/gateway';
import { createDeviceVault } from '../../session/device-identity';
import { memoryStore } from '../../session/idb';
import { devicesQueries, readPairList } from '../../queries/devices';

const ADMIN = ['operator.read', 'operator.write', 'operator.admin', 'operator.pairing', 'operator.approvals'];
const READ_PAIRING = ['operator.read', 'operator.pairing'];
/** A paired admin session (connect with a device token), or a narrower one. */
const session = (scopes: string[]) => () => ({ scopes, auth: { deviceToken: 'x' } });

const request = (over: Record<string, unknown> = {}) => ({
  requestId: 'req-admin',
  deviceId: 'a'.repeat(64),
  publicKey: 'pk-a',
  platform: 'linux',
  clientId: 'cli',
  clientMode: 'cli',
  role: 'operator',
  roles: ['operator'],
  scopes: ['operator.read', 'operator.admin'],
  silent: false,
  isRepair: false,
  ts: Date.now() - 60_000,
  ...over,
});
const readRequest = request({
  requestId: 'req-read',
  deviceId: 'b'.repeat(64),
  clientId: 'openclaw-ios',
  clientMode: 'ui',
  platform: 'ios',
  scopes: ['operator.read'],
  isRepair: true,
});

const paired = (over: Record<string, unknown> = {}) => ({
  deviceId: 'c'.repeat(64),
  publicKey: 'pk-c',
  platform: 'web',
  clientId: 'webchat-ui',
  clientMode: 'webchat',
  role: 'operator',
  roles: ['operator'],
  scopes: ['operator.read'],
  approvedVia: 'owner',
  createdAtMs: Date.now() - 86_400_000,
  approvedAtMs: Date.now() - 86_400_000,
  lastSeenAtMs: Date.now() - 3_600_000,
  lastSeenReason: 'disconnect',
  connected: false,
  tokens: [{ role: 'operator', scopes: ['operator.read'], createdAtMs: Date.now() - 86_400_000 }],
  ...over,
});

/** A mutable gateway-side pairing store, so re-reads after an action see its effect. */
function pairingStore(initial: { pending?: unknown[]; paired?: unknown[] }) {
  const state = { pending: [...(initial.pending ?? [])], paired: [...(initial.paired ?? [])] };
  const calls: Record<string, unknown[]> = {};
  const track = (method: string, params: unknown) => void (calls[method] ??= []).push(params);
  const count = (method: string) => calls[method]?.length ?? 0;
  const list = (params: unknown) => {
    track('device.pair.list', params);
    return structuredClone(state);
  };
  return { state, calls, count, track, list };
}

function setup(
  scopes: string[] | null,
  store: ReturnType<typeof pairingStore>,
  replies: Record<string, (p: unknown) => unknown> = {},
) {
  installGatewayScenario({
    ...(scopes ? { connect: session(scopes) } : {}),
    replies: { 'device.pair.list': store.list, ...replies },
  });
  const vault = createDeviceVault(memoryStore());
  return renderWithGateway(<DevicesPage />, { vault });
}

const requestRow = (name: string) => screen.findByRole('listitem', { name: `Request from ${name}` });
const button = (scope: HTMLElement, name: string) => within(scope).getByRole('button', { name }) as HTMLButtonElement;

beforeEach(() => {
  window.history.replaceState(null, '', '/devices');
});

describe('Devices page', () => {
  it('without operator.pairing says so, links to the Session page, and never asks the gateway', async () => {
    const store = pairingStore({ pending: [request()] });
    setup(null, store); // token-only: the gateway grants no scopes
    const notice = await screen.findByTestId('no-pairing');
    expect(notice.textContent).toMatch(/needs operator\.pairing/);
    expect(within(notice).getByRole('link', { name: 'Open the Session page' }).getAttribute('href')).toBe('/');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('listitem', { name: 'Request from cli' })).toBeNull();
    expect(await screen.findByText(/no device key yet/)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 100));
    expect(store.count('device.pair.list')).toBe(0);
  });

  it('without operator.pairing, lists read earlier keep every action disabled with the reason', async () => {
    const store = pairingStore({});
    const { queryClient } = setup(null, store);
    await screen.findByTestId('no-pairing');
    queryClient.setQueryData(devicesQueries.lists(), readPairList({ pending: [request()], paired: [paired()] }));
    const row = await requestRow('cli');
    for (const name of ['Approve', 'Reject']) {
      expect(button(row, name).disabled).toBe(true);
      expect(button(row, name).title).toBe('needs operator.pairing');
    }
    expect(within(row).getByTestId('disabled-reasons').textContent).toBe('Approve, Reject: needs operator.pairing');
    const device = screen.getByRole('article', { name: 'webchat-ui' });
    for (const name of ['Rename', 'Remove', 'Rotate token', 'Revoke']) expect(button(device, name).disabled).toBe(true);
  });

  it('read+pairing can approve a read request but not one asking for operator.admin', async () => {
    const store = pairingStore({ pending: [request(), readRequest] });
    setup(READ_PAIRING, store);
    const admin = await requestRow('cli');
    expect(button(admin, 'Approve').disabled).toBe(true);
    expect(button(admin, 'Approve').title).toBe('approving operator.admin needs a session that holds it');
    expect(within(admin).getByTestId('disabled-reasons').textContent).toContain(
      'approving operator.admin needs a session that holds it',
    );
    expect(within(admin).getByTitle('this session does not hold operator.admin').textContent).toContain(
      'operator.admin',
    );
    expect(button(admin, 'Reject').disabled).toBe(false);

    const read = await requestRow('openclaw-ios');
    expect(button(read, 'Approve').disabled).toBe(false);
    expect(within(read).getByText('upgrade')).toBeTruthy();
    expect(within(read).queryByTestId('disabled-reasons')).toBeNull();
  });

  it('an admin session approves an admin request; the list follows', async () => {
    const store = pairingStore({ pending: [request()] });
    setup(ADMIN, store, {
      'device.pair.approve': (p) => {
        store.track('device.pair.approve', p);
        const device = paired({
          deviceId: 'a'.repeat(64),
          clientId: 'cli',
          clientMode: 'cli',
          scopes: ['operator.read', 'operator.admin'],
        });
        store.state.pending = [];
        store.state.paired = [device];
        return { requestId: 'req-admin', device };
      },
    });
    const row = await requestRow('cli');
    expect(within(row).getByText(/expires in [34]:\d\d/)).toBeTruthy();
    expect(button(row, 'Approve').disabled).toBe(false);
    await userEvent.click(button(row, 'Approve'));
    expect(store.calls['device.pair.approve']).toEqual([{ requestId: 'req-admin' }]);
    expect(await screen.findByText('No pending requests')).toBeTruthy();
    expect(screen.getByRole('article', { name: 'cli' })).toBeTruthy();
  });

  it('an expired or replaced request says so and refreshes the list', async () => {
    const store = pairingStore({ pending: [request()] });
    setup(ADMIN, store, {
      'device.pair.approve': () => {
        store.state.pending = []; // it expired upstream
        return new GatewayReplyError({ code: 'INVALID_REQUEST', message: 'unknown requestId' });
      },
    });
    const row = await requestRow('cli');
    await userEvent.click(button(row, 'Approve'));
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(/This request expired or was replaced/);
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Request from cli' })).toBeNull());
    expect(store.count('device.pair.list')).toBe(2);
    expect(screen.getByText('No pending requests')).toBeTruthy();
  });

  it('a refused action leaves the list as it was and shows the gateway message in place', async () => {
    const store = pairingStore({ pending: [request()] });
    setup(ADMIN, store, {
      'device.pair.reject': () =>
        new GatewayReplyError({ code: 'INVALID_REQUEST', message: 'device pairing rejection denied' }),
    });
    const row = await requestRow('cli');
    await userEvent.click(button(row, 'Reject'));
    expect((await within(row).findByRole('alert')).textContent).toBe('device pairing rejection denied');
    expect(screen.getByRole('listitem', { name: 'Request from cli' })).toBe(row);
    expect(store.count('device.pair.list')).toBe(1);
  });

  it('refuses a label over 64 characters in the form, without a request', async () => {
    const store = pairingStore({ paired: [paired()] });
    setup(ADMIN, store, {
      'device.pair.rename': (p) => {
        store.track('device.pair.rename', p);
        const { label } = p as { label: string };
        store.state.paired = [paired({ operatorLabel: label })];
        return { deviceId: 'c'.repeat(64), label };
      },
    });
    const device = await screen.findByRole('article', { name: 'webchat-ui' });
    await userEvent.click(button(device, 'Rename'));
    const input = within(device).getByRole('textbox', { name: 'New label for webchat-ui' });
    await userEvent.click(input);
    await userEvent.paste('x'.repeat(65));
    await userEvent.click(button(device, 'Save'));
    expect((await within(device).findByRole('alert')).textContent).toBe(
      'A label can have at most 64 characters; this one has 65.',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(store.count('device.pair.rename')).toBe(0);

    await userEvent.clear(input);
    await userEvent.type(input, '  Office laptop ');
    await userEvent.click(button(device, 'Save'));
    expect(await screen.findByRole('article', { name: 'Office laptop' })).toBeTruthy();
    expect(store.calls['device.pair.rename']).toEqual([{ deviceId: 'c'.repeat(64), label: 'Office laptop' }]);
  });

  it('removing this browser’s own device warns that its connection closes, then goes to the Session page', async () => {
    const vault = createDeviceVault(memoryStore());
    const identity = await vault.ensureIdentity();
    const store = pairingStore({ paired: [paired({ deviceId: identity.deviceId, scopes: ADMIN, connected: true })] });
    installGatewayScenario({
      replies: {
        'device.pair.list': store.list,
        'device.pair.remove': (p) => {
          store.track('device.pair.remove', p);
          return { deviceId: identity.deviceId };
        },
      },
    });
    renderWithGateway(<DevicesPage />, { vault });
    const device = await screen.findByRole('article', { name: 'webchat-ui' });
    expect(within(device).getByText('this browser')).toBeTruthy();
    await userEvent.click(button(device, 'Remove'));
    const dialog = screen.getByRole('dialog', { name: 'Remove “webchat-ui”?' });
    expect(within(dialog).getByTestId('own-device-warning').textContent).toMatch(
      /This browser’s connection will be closed/,
    );
    expect(dialog.textContent).toContain(identity.deviceId);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove device' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(store.calls['device.pair.remove']).toEqual([{ deviceId: identity.deviceId }]);
  });

  it('"Forget this browser" names what it deletes, Esc cancels, confirming deletes the key', async () => {
    const vault = createDeviceVault(memoryStore());
    const identity = await vault.ensureIdentity();
    installGatewayScenario();
    renderWithGateway(<DevicesPage />, { vault });
    // Presenting the stored key, the session pairs and stores a device token for this gateway.
    expect(await screen.findByText('presents this device')).toBeTruthy();
    expect(screen.getByTestId('this-device-id').getAttribute('title')).toBe(identity.deviceId);

    await userEvent.click(screen.getByRole('button', { name: 'Forget this browser' }));
    let dialog = screen.getByRole('dialog', { name: 'Forget this browser?' });
    expect(dialog.textContent).toContain(identity.deviceId);
    expect(dialog.textContent).toMatch(/every device token stored for it/);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await vault.loadIdentity()).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Forget this browser' }));
    dialog = screen.getByRole('dialog', { name: 'Forget this browser?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Forget this browser' }));
    expect(await screen.findByText(/no device key yet/)).toBeTruthy();
    expect(await vault.loadIdentity()).toBeUndefined();
  });
});
