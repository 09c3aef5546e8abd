import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { QueryClient } from '@tanstack/react-query';
import { GatewayProvider } from '../lib/gateway-context';
import { createGateway } from '../session/gateway';
import { createDeviceVault } from '../session/device-identity';
import { memoryStore } from '../session/idb';
import { createSessionStore } from '../session/session-store';
import { GATEWAY_URL } from './gateway';

/** Render with a real gateway client talking to the MSW gateway; a fresh store, vault and cache per test. */
export function renderWithGateway(
  ui: ReactNode,
  { token = 'shared-token' as string | undefined, vault = createDeviceVault(memoryStore()) } = {},
) {
  const store = createSessionStore(GATEWAY_URL);
  const gateway = createGateway({ url: GATEWAY_URL, token, vault, store });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <GatewayProvider gateway={gateway} store={store} queryClient={queryClient}>
      {ui}
    </GatewayProvider>,
  );
  return { ...result, gateway, store, vault, queryClient };
}
