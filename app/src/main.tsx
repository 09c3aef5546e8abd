import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app';
import { GatewayProvider } from './lib/gateway-context';
import { createQueryClient } from './lib/query-client';
import { createGateway } from './session/gateway';
import { createDeviceVault } from './session/device-identity';
import { indexedDbStore } from './session/idb';
import { createSessionStore } from './session/session-store';
import { readTarget } from './session/target';
import { OPERATOR_SCOPES, type OperatorScope } from './session/scopes';

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

createRoot(document.getElementById('root')!).render(
  <GatewayProvider gateway={gateway} store={store} queryClient={createQueryClient()} autoStart={!target.error}>
    <App />
  </GatewayProvider>,
);
