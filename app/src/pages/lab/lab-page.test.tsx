import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LabPage } from './lab-page';
import { renderWithGateway } from '../../testing/render';
import { GATEWAY_URL, installGatewayScenario, type Scenario } from '../../testing/gateway';
import { saveToken } from '../../session/target';

const SESSION = ['operator.read', 'operator.write', 'operator.admin', 'operator.pairing', 'operator.approvals'];
type Params = Parameters<NonNullable<Scenario['connect']>>[0] & { client?: { id: string; mode?: string } };

/** The gateway's known answers for browser clients on loopback (PROTOCOL.md §2.2, §6). */
function loopbackGateway(sessionScopes: string[]) {
  const removed: string[] = [];
  const rejected: string[] = [];
  const gw = installGatewayScenario({
    connect: (p: Params) => {
      const id = p.client?.id;
      if (id === 'openclaw-control-ui' && !p.device) {
        return {
          error: {
            code: 'INVALID_REQUEST',
            message: 'control ui requires device identity (use HTTPS or localhost secure context)',
            details: { code: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED' },
          },
        };
      }
      if (id === 'cli' && p.device) {
        return {
          error: {
            code: 'NOT_PAIRED',
            message: 'pairing required: device is not approved yet',
            details: {
              code: 'PAIRING_REQUIRED',
              reason: 'not-paired',
              requestId: 'req-trial-1',
              deviceId: p.device.id,
            },
          },
        };
      }
      if (p.device) return { scopes: p.scopes ?? [], auth: { deviceToken: 'trial-device-token', issuedAtMs: 1 } };
      // The dashboard's own session (webchat-ui, no device) gets `sessionScopes`; other device-less clients nothing.
      return { scopes: id === 'webchat-ui' ? sessionScopes : [] };
    },
    replies: {
      'device.pair.remove': (params) => (removed.push((params as { deviceId: string }).deviceId), params),
      'device.pair.reject': (params) => (
        rejected.push((params as { requestId: string }).requestId),
        { ...(params as object), deviceId: 'x' }
      ),
    },
  });
  return { ...gw, removed, rejected, trials: () => gw.connections.slice(1).map((c) => c.params as Params) };
}

const result = () => screen.getByRole('region', { name: 'Trial result' });
const method = (m: string) =>
  within(result())
    .getByRole('table', { name: 'Methods with this grant' })
    .querySelector(`tr[data-method="${m}"]`) as HTMLElement;
const scope = (s: string) =>
  within(result())
    .getByRole('table', { name: 'Trial scope matrix' })
    .querySelector(`tr[data-scope="${s}"]`) as HTMLElement;

async function ready() {
  // The session's own hello first, so useCan reflects its grant.
  await waitFor(() => expect(screen.getByRole('button', { name: 'Run trial' })).toBeTruthy());
  await new Promise((r) => setTimeout(r, 50));
}

describe('Scope lab', () => {
  it('runs the three presets: granted nothing, paired then removed, refused', async () => {
    saveToken(sessionStorage, GATEWAY_URL, 'shared-token');
    const gw = loopbackGateway(SESSION);
    renderWithGateway(<LabPage />);
    await ready();

    await userEvent.click(screen.getByRole('button', { name: 'CLI with token, no device' }));
    await waitFor(() => expect(result().dataset.outcome).toBe('granted'));
    expect(within(result()).getByText('granted nothing')).toBeTruthy();
    expect(screen.getByTestId('trial-explanation').textContent).toMatch(/Admitted with no scopes.*Origin header/);
    expect(screen.getByTestId('trial-verdict').dataset.verdict).toBe('matches');
    expect(within(scope('operator.read')).getByLabelText('requested: yes')).toBeTruthy();
    expect(within(scope('operator.read')).getByLabelText('granted: no')).toBeTruthy();
    expect(method('status').dataset.passes).toBe('false');
    expect(method('status').textContent).toContain('missing operator.read');
    expect(method('health').dataset.passes).toBe('true');

    await userEvent.click(screen.getByRole('button', { name: 'Browser with device' }));
    await waitFor(() => expect(screen.getByTestId('trial-cleanup').dataset.state).toBe('removed'));
    expect(screen.getByTestId('trial-cleanup').textContent).toBe('trial device removed');
    const deviceId = result().dataset.deviceId!;
    expect(gw.removed).toEqual([deviceId]);
    expect(within(result()).getByText('granted 3')).toBeTruthy();
    expect(method('cron.add').dataset.passes).toBe('true');
    expect(method('device.pair.list').textContent).toContain('via operator.admin');
    expect(screen.getByTestId('trial-verdict').dataset.verdict).toBe('matches');

    await userEvent.click(screen.getByRole('button', { name: 'Control UI without device' }));
    await waitFor(() => expect(result().dataset.outcome).toBe('refused'));
    expect(
      within(result()).getByText('CONTROL_UI_DEVICE_IDENTITY_REQUIRED', { selector: '[data-field="details.code"]' }),
    ).toBeTruthy();
    expect(screen.getByTestId('trial-methods-none').textContent).toMatch(/none would pass/);

    // What went over the wire: a fresh key per device trial, never this browser's; only the session's token.
    const trials = gw.trials();
    expect(trials.map((t) => t.client?.id)).toEqual(['cli', 'webchat-ui', 'openclaw-control-ui']);
    expect(trials.map((t) => t.auth)).toEqual([
      { token: 'shared-token' },
      { token: 'shared-token' },
      { token: 'shared-token' },
    ]);
    expect(trials[1]!.device?.id).toBe(deviceId);
    expect(trials[0]!.device).toBeUndefined();
    expect(screen.getByRole('list', { name: 'Earlier trials' }).children).toHaveLength(3);
  });

  it('leaves a paired trial device and says so when the session lacks operator.pairing', async () => {
    saveToken(sessionStorage, GATEWAY_URL, 'shared-token');
    const gw = loopbackGateway(['operator.read']);
    renderWithGateway(<LabPage />);
    await ready();
    expect(
      screen.getByText(/This session lacks operator.pairing: a trial device the gateway pairs would be left behind/),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Browser with device' }));
    await waitFor(() => expect(screen.getByTestId('trial-cleanup').dataset.state).toBe('left'));
    expect(screen.getByTestId('trial-cleanup').textContent).toMatch(
      /^left paired: this session lacks operator.pairing; remove it on the Devices page/,
    );
    expect(gw.removed).toEqual([]);
  });

  it('rejects the pairing request a device trial left pending', async () => {
    saveToken(sessionStorage, GATEWAY_URL, 'shared-token');
    const gw = loopbackGateway(SESSION);
    renderWithGateway(<LabPage />);
    await ready();
    await userEvent.click(screen.getByLabelText('Present a throwaway device identity'));
    await userEvent.click(screen.getByRole('button', { name: 'Run trial' }));
    await waitFor(() => expect(screen.getByTestId('trial-cleanup').dataset.state).toBe('rejected'));
    expect(gw.rejected).toEqual(['req-trial-1']);
    expect(result().dataset.outcome).toBe('refused');
    expect(screen.getByTestId('trial-verdict').dataset.verdict).toBe('matches');
  });

  it('builds a custom trial from the form and predicts the known outcome', async () => {
    saveToken(sessionStorage, GATEWAY_URL, 'shared-token');
    const gw = loopbackGateway(SESSION);
    renderWithGateway(<LabPage />);
    await ready();
    await userEvent.selectOptions(screen.getByLabelText('Client id'), 'gateway-client');
    await userEvent.selectOptions(screen.getByLabelText('Mode'), 'ui');
    await userEvent.click(screen.getByRole('button', { name: 'none' }));
    await userEvent.click(screen.getByLabelText('operator.pairing'));
    expect(screen.getByTestId('trial-known').textContent).toMatch(/Admitted with no scopes/);
    await userEvent.click(screen.getByRole('button', { name: 'Run trial' }));
    await waitFor(() => expect(result().dataset.outcome).toBe('granted'));
    const sent = gw.trials()[0]!;
    expect(sent.client).toMatchObject({ id: 'gateway-client', mode: 'ui' });
    expect(sent.scopes).toEqual(['operator.pairing']);
  });

  it('cannot send a token the session does not have, and says why', async () => {
    loopbackGateway(SESSION);
    renderWithGateway(<LabPage />, { token: '' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Run trial' })).toBeTruthy());
    const box = screen.getByLabelText("Send this session's shared token") as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    expect(screen.getByText(/This session has no shared token/)).toBeTruthy();
    for (const p of ['CLI with token, no device', 'Browser with device', 'Control UI without device']) {
      expect((screen.getByRole('button', { name: p }) as HTMLButtonElement).disabled).toBe(true);
    }
    // And it warns that a token-less trial counts toward the lockout.
    expect(screen.getByTestId('trial-known').textContent).toMatch(/AUTH_TOKEN_MISSING/);
  });
});
