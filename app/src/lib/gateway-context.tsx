import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useStore } from 'zustand';
import type { Gateway } from '../session/gateway';
import type { SessionState, SessionStore } from '../session/session-store';
import { satisfies } from '../session/scopes';
import { bridgeEventsToCache } from './event-bridge';

type Ctx = { gateway: Gateway; store: SessionStore };
const GatewayContext = createContext<Ctx | null>(null);

/** The only glue between session/ and React: one gateway, its store, and the query cache. */
export function GatewayProvider({
  gateway,
  store,
  queryClient,
  autoStart = true,
  bridge = true,
  children,
}: Ctx & {
  queryClient: QueryClient;
  /** Off when the caller started the gateway (and bridged its events) before the first render. */
  autoStart?: boolean;
  bridge?: boolean;
  children: ReactNode;
}) {
  const [value] = useState(() => ({ gateway, store }));
  useEffect(() => (bridge ? bridgeEventsToCache(gateway, queryClient) : undefined), [gateway, queryClient, bridge]);
  useEffect(() => {
    if (autoStart) void gateway.start();
    return () => gateway.stop();
  }, [gateway, autoStart]);
  return (
    <GatewayContext.Provider value={value}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </GatewayContext.Provider>
  );
}

function useCtx() {
  const ctx = useContext(GatewayContext);
  if (!ctx) throw new Error('GatewayProvider is missing');
  return ctx;
}

export const useGateway = () => useCtx().gateway;
export const useSession = <T,>(selector: (s: SessionState) => T) => useStore(useCtx().store, selector);
export const useStatus = () => useSession((s) => s.status);
export const useReady = () => useSession((s) => s.status === 'ready');
const EMPTY: string[] = [];
export const useGranted = () => useSession((s) => s.hello?.scopes ?? EMPTY);
export const useCan = (scope: string | null) =>
  useSession((s) => scope === null || satisfies(s.hello?.scopes ?? EMPTY, scope));
