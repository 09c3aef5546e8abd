import { Suspense, lazy, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { load, loadedPage, preload, startReads, type PageModule } from './routes';
import { Link, matchPath, usePath } from './lib/router';
import { useGateway, useSession } from './lib/gateway-context';
import { missingScopes } from './session/scopes';
import { SessionPage } from './pages/session/session-page';
import { LogPanel } from './pages/log/log-panel';
import { GatewaySwitcher } from './shell/gateway-switcher';
import { Button } from './ui/button';
import { PageBoundary } from './ui/page-boundary';
import { Skeleton } from './ui/states';

/**
 * A page component from its chunk. When the chunk has already arrived (preloaded with the entry for the URL's
 * page, or on hover), it renders at once: no suspending, so no skeleton flash and no reveal delay.
 */
function page<P extends object>(key: string, name: string) {
  const from = (m: PageModule) => ({ default: m[name] as ComponentType<P> });
  return lazy(() => {
    const ready = loadedPage(key);
    // A thenable that resolves synchronously: React.lazy then renders the component in the same pass.
    if (ready) return { then: (ok: (m: { default: ComponentType<P> }) => void) => ok(from(ready)) } as never;
    return load(key).then(from);
  });
}
const CronPage = page('cron', 'CronPage');
const CronJobPage = page<{ id: string | null }>('cron/:id', 'CronJobPage');
const PresencePage = page('presence', 'PresencePage');
const ConfigPage = page('config', 'ConfigPage');
const DevicesPage = page('devices', 'DevicesPage');
const NodesPage = page('nodes', 'NodesPage');
const LabPage = page('lab', 'LabPage');
const FleetPage = page('fleet', 'FleetPage');
const ApprovalsBadge = lazy(() =>
  import('./pages/devices/approvals-badge').then((m) => ({ default: m.ApprovalsBadge })),
);

const NAV = [
  { to: '/', label: 'Session' },
  { to: '/cron', label: 'Cron' },
  { to: '/presence', label: 'Presence' },
  { to: '/config', label: 'Config' },
  { to: '/devices', label: 'Devices' },
  { to: '/nodes', label: 'Nodes' },
  { to: '/lab', label: 'Lab' },
  { to: '/fleet', label: 'Fleet' },
] as const;

function route(path: string): ReactNode {
  if (path === '/') return <SessionPage />;
  if (path === '/cron') return <CronPage />;
  if (path === '/cron/new') return <CronJobPage id={null} />;
  const job = matchPath('/cron/:id', path);
  if (job) return <CronJobPage id={job.id!} />;
  if (path === '/presence') return <PresencePage />;
  if (path === '/config') return <ConfigPage />;
  if (path === '/devices') return <DevicesPage />;
  if (path === '/nodes') return <NodesPage />;
  if (path === '/lab') return <LabPage />;
  if (path === '/fleet') return <FleetPage />;
  return (
    <div className="py-16 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Nothing lives at <code className="font-mono">{path}</code>.{' '}
        <Link to="/" className="underline">
          Go to the Session page
        </Link>
        .
      </p>
    </div>
  );
}

export function App() {
  const path = usePath();
  const gw = useGateway();
  const qc = useQueryClient();
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2.5">
          <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" className="h-6 w-6" />
            clawscope
          </Link>
          <nav aria-label="Main" className="flex gap-1 text-sm">
            {NAV.map((n) => {
              const active = n.to === '/' ? path === '/' : path.startsWith(n.to);
              return (
                <Link
                  key={n.to}
                  to={n.to}
                  onPointerEnter={() => void preload(n.to)}
                  onFocus={() => void preload(n.to)}
                  onClick={() => startReads(n.to, gw, qc)}
                  aria-current={active ? 'page' : undefined}
                  className={`rounded-md px-3 py-1.5 ${active ? 'bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-white' : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white'}`}
                >
                  {n.label}
                </Link>
              );
            })}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <GatewaySwitcher />
            <Suspense fallback={null}>
              <ApprovalsBadge />
            </Suspense>
            <LogPanel />
            <StatusPill />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        {path !== '/' && <LimitedBanner />}
        {/* One Suspense outside the per-page boundary: a navigation (a transition) keeps the current page
            until the next one can render; only a first load shows the skeleton. */}
        <Suspense fallback={<Skeleton rows={6} />}>
          <PageBoundary key={path}>{route(path)}</PageBoundary>
        </Suspense>
      </main>
    </div>
  );
}

/** On every page but Session: a scope-less, device-less session gets the one-click fix right where it fails. */
function LimitedBanner() {
  const gw = useGateway();
  const show = useSession((s) => s.status === 'ready' && !s.presented.device && (s.hello?.scopes.length ?? 0) === 0);
  const [busy, setBusy] = useState(false);
  if (!show) return null;
  return (
    <div
      role="region"
      aria-label="Limited session"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p>
        <span className="font-semibold">This session was granted no scopes.</span> It has no device identity, so the
        gateway cleared them: nothing here can be read.{' '}
        <Link to="/" className="underline">
          Why?
        </Link>
      </p>
      {gw.hasToken() && (
        <Button
          variant="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void gw.pair().finally(() => setBusy(false));
          }}
        >
          {busy ? 'Pairing…' : 'Pair this device'}
        </Button>
      )}
    </div>
  );
}

function StatusPill() {
  const status = useSession((s) => s.status);
  const limited = useSession((s) => (s.hello ? missingScopes(s.requestedScopes, s.hello.scopes).length > 0 : false));
  const url = useSession((s) => s.gatewayUrl);
  const [label, dot] =
    status === 'ready'
      ? limited
        ? ['limited', 'bg-amber-500']
        : ['connected', 'bg-emerald-500']
      : status === 'connecting' || status === 'reconnecting'
        ? [status, 'bg-sky-500 animate-pulse']
        : status === 'unreachable'
          ? ['not reachable', 'bg-red-500']
          : status === 'pairing-required'
            ? ['pairing required', 'bg-amber-500']
            : status === 'failed'
              ? ['failed', 'bg-red-500']
              : ['idle', 'bg-zinc-400'];
  return (
    <Link
      to="/"
      title={url}
      data-testid="status-pill"
      className="flex items-center gap-2 rounded-full border border-zinc-200 px-3 py-1 text-xs dark:border-zinc-800"
    >
      <span className={`h-2 w-2 rounded-full ${dot}`} aria-hidden />
      <span className="hidden max-w-48 truncate font-mono text-zinc-500 2xl:inline">
        {url.replace(/^wss?:\/\//, '')}
      </span>
      <span className="font-medium">{label}</span>
    </Link>
  );
}

function ThemeToggle() {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains('dark'));
  useEffect(() => {
    document.documentElement.classList.toggle('dark', dark);
    document.documentElement.classList.toggle('light', !dark);
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
    localStorage.setItem('clawscope.theme', dark ? 'dark' : 'light');
  }, [dark]);
  return (
    <button
      type="button"
      onClick={() => setDark((d) => !d)}
      aria-label={dark ? 'Switch to light theme' : 'Switch to dark theme'}
      className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-white"
    >
      {dark ? '☀' : '☾'}
    </button>
  );
}
