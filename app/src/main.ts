import './styles.css';
import { bridgeEventsToCache } from './lib/event-bridge';
import { createQueryClient } from './lib/query-client';
import { preload, startReads, warm } from './routes';
import { createGateway } from './session/gateway';
import { createDeviceVault } from './session/device-identity';
import { indexedDbStore } from './session/idb';
import { createSessionStore, type SessionState } from './session/session-store';
import { readTarget } from './session/target';
import { OPERATOR_SCOPES, type OperatorScope } from './session/scopes';

// The entry holds the session and no React: the socket opens as soon as this small chunk runs, and the
// handshake, the React chunk and the URL's page chunk all load at once. The page's first reads start at
// hello-ok, so they are in flight (or done) before it mounts.

// Theme before first paint: stored choice, else the system's.
const theme = localStorage.getItem('clawscope.theme');
const dark = theme ? theme === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
document.documentElement.classList.toggle('dark', dark);

const target = readTarget(window.location, window.history, window.sessionStorage);
// `?scopes=operator.read,operator.pairing` asks for a narrower set (for debugging grants); unknown names are dropped.
const scopesParam = new URLSearchParams(window.location.search).get('scopes');
const scopes = scopesParam
  ?.split(',')
  .filter((s): s is OperatorScope => (OPERATOR_SCOPES as readonly string[]).includes(s));
const store = createSessionStore(target.gatewayUrl);
const gateway = createGateway({
  url: target.gatewayUrl,
  token: target.token,
  vault: createDeviceVault(indexedDbStore()),
  store,
  ...(scopes?.length ? { scopes } : {}),
  ...(target.error ? { targetError: target.error } : {}),
});
const queryClient = createQueryClient();

bridgeEventsToCache(gateway, queryClient);
gateway.onHello(() => startReads(window.location.pathname + window.location.search, gateway, queryClient));
if (!target.error) void gateway.start();
warm(window.location.pathname);
/**
 * Settles once the first connect request is on the wire (or the attempt ended, or 150 ms passed). React loads
 * after it: evaluating and first rendering the app takes the main thread for tens of ms on a slow machine, and
 * the handshake's own steps (the challenge, the signed connect) must not wait behind it.
 */
const connectSent = new Promise<void>((resolve) => {
  const settled = (s: SessionState) => s.status !== 'connecting' || s.timeline.some((t) => t.phase === 'connect-sent');
  if (settled(store.getState())) return resolve();
  const unsubscribe = store.subscribe((s) => settled(s) && done());
  const timer = setTimeout(() => done(), 150);
  const done = () => (unsubscribe(), clearTimeout(timer), resolve());
});

// The app chunk downloads meanwhile (index.html preloads it). The URL's page chunk is asked for then too (it
// evaluates React with it), and the first render waits for it, so that page renders at once (no skeleton).
void connectSent
  .then(() => Promise.all([import('./root'), preload(window.location.pathname)]))
  .then(([{ mount }]) => mount(document.getElementById('root')!, { gateway, store, queryClient }));
