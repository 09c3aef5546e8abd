import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { SessionPage } from './session-page';
import { allowOriginCommands } from './origin-help';
import { renderWithGateway } from '../../testing/render';
import { installGatewayScenario } from '../../testing/gateway';

const REFUSED = {
  error: {
    code: 'INVALID_REQUEST',
    message:
      'origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)',
    details: { code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED', reason: 'origin not allowed' },
  },
};

describe('origin refusal guidance', () => {
  it('names the exact allowedOrigins entry and the command that adds it without replacing a list', async () => {
    const gw = installGatewayScenario({ connect: () => REFUSED });
    renderWithGateway(<SessionPage />);
    const help = await screen.findByRole('region', { name: "Allow this page's origin on the gateway" });
    const origin = window.location.origin;
    expect(within(help).getByText(JSON.stringify(origin))).toBeTruthy();
    const command = `openclaw config set gateway.controlUi.allowedOrigins '["${origin}"]' --strict-json --expect-current-absent`;
    expect(within(help).getByText(command)).toBeTruthy();
    expect(gw.connections).toHaveLength(1);
  });

  it('is not shown for other failures', async () => {
    installGatewayScenario({
      connect: () => ({
        error: { code: 'INVALID_REQUEST', message: 'unauthorized', details: { code: 'AUTH_TOKEN_MISMATCH' } },
      }),
    });
    renderWithGateway(<SessionPage />);
    await screen.findByText(/rejected the shared token/);
    expect(screen.queryByRole('region', { name: "Allow this page's origin on the gateway" })).toBeNull();
  });

  it('quotes the origin as JSON inside single quotes', () => {
    expect(allowOriginCommands('https://dash.example.com').first).toBe(
      `openclaw config set gateway.controlUi.allowedOrigins '["https://dash.example.com"]' --strict-json --expect-current-absent`,
    );
  });
});
