import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ws } from 'msw';
import { FleetPage } from './fleet-page';
import { renderWithGateway } from '../../testing/render';
import { GATEWAY_URL, server, installGatewayScenario } from '../../testing/gateway';
import { GATEWAYS_KEY } from '../../session/gateways-list';
import { saveToken } from '../../session/target';

// A second gateway on loopback (a saved entry must be one this page could really reach).
const OTHER = 'ws://127.0.0.1:18001';
const other = ws.link(OTHER);

/** The other gateway: challenge, then refuse every connect with a token mismatch; counts connects. */
function refusingGateway() {
  let connects = 0;
  server.use(
    other.addEventListener('connection', ({ client }) => {
      client.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } }));
      client.addEventListener('message', (e) => {
        const req = JSON.parse(String(e.data)) as { id: string; method: string };
        if (req.method !== 'connect') return;
        connects += 1;
        client.send(
          JSON.stringify({
            type: 'res',
            id: req.id,
            ok: false,
            error: { code: 'INVALID_REQUEST', message: 'unauthorized', details: { code: 'AUTH_TOKEN_MISMATCH' } },
          }),
        );
      });
    }),
  );
  return { connects: () => connects };
}

beforeEach(() => {
  localStorage.setItem(GATEWAYS_KEY, JSON.stringify([{ label: 'lab box', url: OTHER }]));
  // The address the app server would have given this page (its CSP names the probes).
  window.history.replaceState(null, '', `/fleet?probe=${encodeURIComponent(OTHER)}`);
});
afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

const row = (name: RegExp) => screen.getAllByRole('row').find((r) => name.test(r.textContent ?? ''))!;

describe('Fleet page', () => {
  it('shows each gateway from its own probe; a refused token is not sent again until asked', async () => {
    installGatewayScenario();
    saveToken(sessionStorage, OTHER, 'wrong-token-123456');
    saveToken(sessionStorage, GATEWAY_URL, 'shared-token');
    const other = refusingGateway();
    const { queryClient } = renderWithGateway(<FleetPage />);

    await waitFor(() => expect(within(row(/^lab box/)).getByText('token refused')).toBeTruthy());
    // The gateway in use, token only and unpaired: limited.
    await waitFor(() => expect(within(row(/^not saved/)).getByText('limited: no scopes')).toBeTruthy());
    expect(other.connects()).toBe(1);

    // A reconnect elsewhere invalidates every query: the refusal stands, nothing is sent.
    await queryClient.invalidateQueries();
    await waitFor(() => expect(within(row(/^lab box/)).getByText(/checked/)).toBeTruthy());
    expect(other.connects()).toBe(1);

    await userEvent.click(within(row(/^lab box/)).getByRole('button', { name: /Check again/ }));
    await waitFor(() => expect(other.connects()).toBe(2));
  });

  it('without any credential it only checks that the gateway answers', async () => {
    installGatewayScenario();
    const other = refusingGateway();
    renderWithGateway(<FleetPage />);
    await waitFor(() => expect(within(row(/^lab box/)).getByText('needs pairing / token')).toBeTruthy());
    expect(within(row(/^lab box/)).getByText('reachable')).toBeTruthy();
    expect(other.connects()).toBe(0);
  });

  it('adds a gateway by name and URL, and refuses one it could not reach safely', async () => {
    installGatewayScenario();
    refusingGateway();
    renderWithGateway(<FleetPage />);
    await userEvent.type(screen.getByLabelText('Name'), 'vps');
    await userEvent.type(screen.getByLabelText('Gateway URL'), 'ws://192.0.2.7:18789');
    await userEvent.click(screen.getByRole('button', { name: 'Save gateway' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Plain ws:// to 192.0.2.7 is refused');
    expect(localStorage.getItem(GATEWAYS_KEY)).not.toContain('192.0.2.7');
  });
});
