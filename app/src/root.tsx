import { startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import type { QueryClient } from '@tanstack/react-query';
import { App } from './app';
import { GatewayProvider } from './lib/gateway-context';
import type { Gateway } from './session/gateway';
import type { SessionStore } from './session/session-store';

/** Render the app on a gateway the entry already started (and whose events it already bridges). */
export function mount(el: HTMLElement, { gateway, store, queryClient }: Mount) {
  // A transition: the first render yields to the socket's events every few ms instead of holding them back.
  startTransition(() =>
    createRoot(el).render(
      <GatewayProvider gateway={gateway} store={store} queryClient={queryClient} autoStart={false} bridge={false}>
        <App />
      </GatewayProvider>,
    ),
  );
}

type Mount = { gateway: Gateway; store: SessionStore; queryClient: QueryClient };
