import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { GatewayProvider } from '../lib/gateway-context';
import { createQueryClient } from '../lib/query-client';
import { createGateway } from '../session/gateway';
import { createDeviceVault } from '../session/device-identity';
import { memoryStore } from '../session/idb';
import { createSessionStore } from '../session/session-store';
import { GATEWAY_URL } from './gateway';

/** Render with a real gateway client talking to the MSW gateway; a fresh store, vault and cache (production defaults) per test. */
export function renderWithGateway(
  ui: ReactNode,
  { token = 'shared-token' as string | undefined, vault = createDeviceVault(memoryStore()) } = {},
) {
  const store = createSessionStore(GATEWAY_URL);
  const gateway = createGateway({ url: GATEWAY_URL, token, vault, store });
  // The production defaults, so tests see the retry and staleness the app has.
  const queryClient = createQueryClient();
  const result = render(
    <GatewayProvider gateway={gateway} store={store} queryClient={queryClient}>
      {ui}
    </GatewayProvider>,
  );
  return { ...result, gateway, store, vault, queryClient };
}
