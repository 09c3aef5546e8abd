import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithGateway } from '../testing/render';
import { installGatewayScenario } from '../testing/gateway';
import { SessionPage } from '../pages/session/session-page';

const rateLimited = (retryAfterMs: number) => ({
  error: {
    code: 'INVALID_REQUEST',
    message: 'unauthorized: too many failed authentication attempts (retry later)',
    retryable: true,
    retryAfterMs,
    details: {
      code: 'AUTH_RATE_LIMITED',
      authReason: 'rate_limited',
      canRetryWithDeviceToken: false,
      recommendedNextStep: 'wait_then_retry',
    },
  },
});

describe('auth abuse on the Session page', () => {
  it('AUTH_RATE_LIMITED counts down from retryAfterMs, refuses to connect meanwhile, then allows one retry', async () => {
    let attempts = 0;
    const gw = installGatewayScenario({ connect: () => (++attempts === 1 ? rateLimited(1200) : { scopes: [] }) });
    const { store } = renderWithGateway(<SessionPage />);
    expect(await screen.findByRole('heading', { name: 'Locked out for a while' })).toBeTruthy();
    expect(screen.getByTestId('lockout-countdown').textContent).toMatch(/^Try again in 0:0[12]$/);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();

    // The Connect button (same gateway) goes through reconnect(): refused locally, nothing sent.
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(store.getState()).toMatchObject({ status: 'failed', error: { detailCode: 'AUTH_RATE_LIMITED' } });
    expect(gw.connections).toHaveLength(1);

    const retry = await screen.findByRole('button', { name: 'Try again' }, { timeout: 3000 });
    expect(screen.queryByTestId('lockout-countdown')).toBeNull();
    expect(gw.connections).toHaveLength(1); // the end of the lockout does not reconnect by itself
    await userEvent.click(retry);
    await waitFor(() => expect(store.getState().status).toBe('ready'));
    expect(gw.connections).toHaveLength(2);
  });
});
