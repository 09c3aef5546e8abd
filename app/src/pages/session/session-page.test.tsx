import { describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SessionPage } from './session-page';
import { renderWithGateway } from '../../testing/render';
import { installGatewayScenario } from '../../testing/gateway';

const ADMIN = ['operator.read', 'operator.write', 'operator.admin', 'operator.pairing', 'operator.approvals'];

function scopeRow(scope: string) {
  return screen.getByRole('table', { name: 'Scope matrix' }).querySelector(`tr[data-scope="${scope}"]`) as HTMLElement;
}
async function methodResult(method: string) {
  const table = await screen.findByRole('table', { name: 'Method access' });
  return table.querySelector(`tr[data-method="${method}"]`) as HTMLElement;
}

describe('Session page', () => {
  it('shows the limited state of a token-only session and why', async () => {
    installGatewayScenario();
    renderWithGateway(<SessionPage />);
    expect(await screen.findByText('Connected, but the gateway granted no scopes')).toBeTruthy();
    expect(screen.getByTestId('grant-explanation').textContent).toMatch(/no device identity.*clears the scopes/);
    expect(within(scopeRow('operator.read')).getByLabelText('requested: yes')).toBeTruthy();
    expect(within(scopeRow('operator.read')).getByLabelText('granted: no')).toBeTruthy();
    const status = await methodResult('status');
    await waitFor(() => expect(status.textContent).toContain('missing scope: operator.read'));
    expect(screen.getByRole('button', { name: 'Pair this device' })).toBeTruthy();
  });

  it('pairs in one click: reconnects with a signed device and gets the full grant', async () => {
    const gw = installGatewayScenario();
    const { vault } = renderWithGateway(<SessionPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Pair this device' }));
    expect(await screen.findByText('Connected with 5 scopes')).toBeTruthy();
    const second = gw.connections[1]!.params as {
      device?: { id: string; signature: string };
      auth?: Record<string, string>;
    };
    expect(second.device?.signature).toMatch(/^[\w-]{40,}$/);
    expect(second.auth).toEqual({ token: 'shared-token' });
    const id = await vault.loadIdentity();
    expect(second.device?.id).toBe(id?.deviceId);
    expect(await vault.loadToken('ws://gateway.test:18789', id!.deviceId, 'operator')).toMatchObject({
      token: 'device-token-1',
      scopes: ADMIN,
    });
    await waitFor(async () => expect((await methodResult('status')).textContent).toContain('ok'));
    expect(within(scopeRow('operator.talk')).getByLabelText('effective: yes')).toBeTruthy();
  });

  it('reads a 2026.3.x hello without an auth block as granted nothing', async () => {
    installGatewayScenario({ protocol: 3, serverVersion: '2026.3.13', connect: () => ({ scopes: [], auth: null }) });
    renderWithGateway(<SessionPage />);
    expect(await screen.findByText('Connected, but the gateway granted no scopes')).toBeTruthy();
    expect(screen.getByTestId('grant-explanation').textContent).toMatch(/stated no scopes/);
    expect(screen.getByText('2026.3.13')).toBeTruthy();
  });

  it('says a wrong token is the token, and does not retry it', async () => {
    const gw = installGatewayScenario({
      connect: () => ({
        error: {
          code: 'INVALID_REQUEST',
          message: 'unauthorized: gateway token mismatch',
          details: { code: 'AUTH_TOKEN_MISMATCH', recommendedNextStep: 'retry_with_device_token' },
        },
      }),
    });
    renderWithGateway(<SessionPage />, { token: 'wrong' });
    expect(await screen.findByText('The gateway token is wrong')).toBeTruthy();
    expect(screen.getByText(/rejected the shared token \(AUTH_TOKEN_MISMATCH\)/)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1500));
    expect(gw.connections).toHaveLength(1);
  });

  it('shows a pairing request id and the approve command', async () => {
    installGatewayScenario({
      connect: () => ({
        error: {
          code: 'NOT_PAIRED',
          message: 'pairing required: device is not approved yet',
          details: {
            code: 'PAIRING_REQUIRED',
            reason: 'not-paired',
            requestId: 'req-42',
            recommendedNextStep: 'wait_then_retry',
          },
        },
      }),
    });
    renderWithGateway(<SessionPage />);
    expect(await screen.findByTestId('pairing-request-id')).toHaveProperty('textContent', 'req-42');
    // The pairing wait loads on demand (the first time in this file, its module is transformed now).
    const command = await screen.findByTestId('approve-command', {}, { timeout: 5000 });
    expect(command.textContent).toBe('openclaw devices approve req-42');
  });

  it('waits for approval, notices a replaced request, and connects by itself once approved', async () => {
    let attempt = 0;
    const pending = (requestId: string) => ({
      error: {
        code: 'NOT_PAIRED',
        message: 'pairing required: device is asking for more scopes than currently approved',
        details: {
          code: 'PAIRING_REQUIRED',
          reason: 'scope-upgrade',
          requestId,
          recommendedNextStep: 'wait_then_retry',
          requestedScopes: ADMIN,
          approvedScopes: ['operator.read'],
        },
      },
    });
    installGatewayScenario({
      connect: () => {
        attempt++;
        if (attempt === 1) return pending('req-old');
        if (attempt === 2) return pending('req-new');
        return { scopes: ADMIN, auth: { deviceToken: 'dt-2' } };
      },
    });
    renderWithGateway(<SessionPage />);
    expect(await screen.findByText('Waiting for approval')).toBeTruthy();
    expect(screen.getByText(/asks for more scopes than were approved/)).toBeTruthy();
    expect(screen.getByTestId('approve-command').textContent).toBe('openclaw devices approve req-old');
    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() =>
      expect(screen.getByTestId('approve-command').textContent).toBe('openclaw devices approve req-new'),
    );
    expect(screen.getByRole('status').textContent).toMatch(/earlier request req-old expired or was replaced/);
    // No click this time: the poll finds it approved.
    expect(await screen.findByText('Connected with 5 scopes', {}, { timeout: 6000 })).toBeTruthy();
    expect(screen.queryByText('Waiting for approval')).toBeNull();
  });

  it('cancel stops waiting without losing the request', async () => {
    const gw = installGatewayScenario({
      connect: () => ({
        error: {
          code: 'NOT_PAIRED',
          message: 'pairing required',
          details: {
            code: 'PAIRING_REQUIRED',
            reason: 'not-paired',
            requestId: 'req-7',
            recommendedNextStep: 'wait_then_retry',
          },
        },
      }),
    });
    renderWithGateway(<SessionPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/Stopped checking/)).toBeTruthy();
    const seen = gw.connections.length;
    await new Promise((r) => setTimeout(r, 3500));
    expect(gw.connections.length).toBe(seen);
    expect(screen.getByTestId('approve-command').textContent).toBe('openclaw devices approve req-7');
  });

  it('refuses a malformed gateway URL before connecting', async () => {
    installGatewayScenario();
    renderWithGateway(<SessionPage />);
    const input = screen.getByRole('textbox', { name: 'Gateway URL' });
    await userEvent.clear(input);
    await userEvent.type(input, 'not a url');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/is not a URL/);
  });
});
