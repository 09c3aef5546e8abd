import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { LogPanel } from './log-panel';
import { DiagnosticsButton } from './diagnostics-button';
import { renderWithGateway } from '../../testing/render';
import { GATEWAY_URL, GatewayReplyError, gatewayLink, server, installGatewayScenario } from '../../testing/gateway';
import { useGateway, useReady } from '../../lib/gateway-context';
import { saveToken } from '../../session/target';
import type { Method } from '../../session/methods';
import { createDeviceVault } from '../../session/device-identity';
import { memoryStore } from '../../session/idb';

/** Makes a few calls once connected, like a page would. */
function Caller({ methods }: { methods: Method[] }) {
  const gw = useGateway();
  const ready = useReady();
  useEffect(() => {
    if (ready) for (const m of methods) gw.call(m, { probe: true }).catch(() => {});
  }, [ready, gw, methods]);
  return null;
}
const CALLS: Method[] = ['health', 'status'];

/** The server side of every socket, to send frames exactly as written (seq gaps included). */
function captureSockets() {
  const sockets: { send: (data: string) => void }[] = [];
  server.use(gatewayLink.addEventListener('connection', ({ client }) => void sockets.push(client)));
  return sockets;
}

const drawer = () => screen.getByRole('dialog', { name: 'Activity log' });
const rows = () => within(drawer()).queryAllByTestId('log-row');
const openLog = () => userEvent.click(screen.getByRole('button', { name: /^Log/ }));

afterEach(() => vi.restoreAllMocks());

describe('Log panel', () => {
  it('lists requests (scope, size, latency, outcome) and events (seq, size), newest first', async () => {
    const gw = installGatewayScenario();
    renderWithGateway(
      <>
        <LogPanel />
        <Caller methods={CALLS} />
      </>,
    );
    // The limited session's denied call shows up as an unseen error on the button.
    expect(await screen.findByRole('button', { name: /^Log 1 new error/ })).toBeTruthy();
    gw.push('tick', { ts: 1 });
    await openLog();
    await waitFor(() => expect(rows()).toHaveLength(3));
    const [tick, status, health] = rows();
    expect(tick!.dataset.kind).toBe('event');
    expect(tick!.textContent).toMatch(/tick.*seq 1/);
    expect(status!.dataset.error).toBe('true');
    expect(status!.textContent).toMatch(/statusMISSING_SCOPE\d+ ms/);
    expect(status!.textContent).toContain('missing scope: operator.read');
    expect(health!.textContent).toMatch(/healthok\d+ ms/);
    expect(health!.textContent).toContain('needs no scope · params 14 B');
    expect(screen.getByTestId('log-count').textContent).toMatch(/^3 entries, newest first/);
    // Opened: the badge is gone.
    expect(screen.getByRole('button', { name: 'Log' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('filters by kind, text and errors only', async () => {
    const gw = installGatewayScenario();
    renderWithGateway(
      <>
        <LogPanel />
        <Caller methods={CALLS} />
      </>,
    );
    await openLog();
    await waitFor(() => expect(rows()).toHaveLength(2));
    gw.push('presence', { presence: [] });
    await waitFor(() => expect(rows()).toHaveLength(3));

    await userEvent.click(within(drawer()).getByRole('button', { name: /^Events/ }));
    expect(rows().map((r) => r.dataset.kind)).toEqual(['event']);
    await userEvent.click(within(drawer()).getByRole('button', { name: /^All/ }));
    await userEvent.click(within(drawer()).getByLabelText(/Errors only/));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('status');
    await userEvent.click(within(drawer()).getByLabelText(/Errors only/));
    await userEvent.type(within(drawer()).getByLabelText('Filter the log'), 'HEAL');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('health');
    expect(screen.getByTestId('log-count').textContent).toMatch(/^1 of 3 entries/);
    await userEvent.clear(within(drawer()).getByLabelText('Filter the log'));
    await userEvent.type(within(drawer()).getByLabelText('Filter the log'), 'nothing-like-this');
    await userEvent.click(await within(drawer()).findByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it('flags a gap in event seq', async () => {
    installGatewayScenario();
    const sockets = captureSockets();
    renderWithGateway(<LogPanel />);
    await waitFor(() => expect(sockets).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    const send = (event: string, seq: number) =>
      sockets[0]!.send(JSON.stringify({ type: 'event', event, payload: {}, seq }));
    send('tick', 1);
    send('cron', 2);
    send('cron', 6);
    await openLog();
    await waitFor(() => expect(rows()).toHaveLength(4));
    const [gapEvent, notice] = rows();
    expect(gapEvent!.textContent).toMatch(/cron.*seq 6.*seq gap: expected 3, missed 3/);
    expect(gapEvent!.dataset.error).toBe('true');
    expect(notice!.dataset.kind).toBe('problem');
    expect(notice!.textContent).toContain('event seq gap: expected 3, got 6');
    expect(notice!.textContent).toContain('re-read their data');
  });

  it('stays capped at 1000 entries and renders only the rows in view', async () => {
    // happy-dom lays nothing out: give the scroll box a height so the virtualizer has a window.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(700);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(560);
    const gw = installGatewayScenario();
    renderWithGateway(<LogPanel />);
    await screen.findByRole('button', { name: 'Log' });
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 1050; i++) gw.push('tick', { i });
    await openLog();
    await waitFor(() => expect(screen.getByTestId('log-count').textContent).toMatch(/^1000 entries/));
    const list = within(drawer()).getByRole('list', { name: 'Log entries' });
    expect(list.dataset.virtual).toBe('true');
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(100);
    expect(rows()[0]!.textContent).toContain('seq 1050');
  });

  it('closes with Esc and gives focus back to the Log button', async () => {
    installGatewayScenario();
    renderWithGateway(
      <>
        <LogPanel />
        <input aria-label="A field of the page" />
      </>,
    );
    await openLog();
    // Esc in a field of the page belongs to that field.
    await userEvent.click(screen.getByLabelText('A field of the page'));
    await userEvent.keyboard('{Escape}');
    expect(drawer()).toBeTruthy();
    await userEvent.click(within(drawer()).getByLabelText('Filter the log'));
    expect(drawer()).toBeTruthy();
    expect(document.activeElement).toBe(within(drawer()).getByLabelText('Filter the log'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Activity log' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log' }));
  });
});

describe('Diagnostics export', () => {
  it('downloads a JSON file without the shared token, the device token or redacted values', async () => {
    const DEVICE_TOKEN = 'dev-tok-Zx9kQ2mPn7vR4tLw8yB3cF6hJ1sD5gA0eU';
    const SHARED = 'shared-token-5f0c1d2e3a4b5c6d7e8f9a0b';
    saveToken(sessionStorage, GATEWAY_URL, SHARED);
    const vault = createDeviceVault(memoryStore());
    const identity = await vault.ensureIdentity();
    await vault.storeToken(GATEWAY_URL, identity.deviceId, 'operator', {
      token: DEVICE_TOKEN,
      scopes: ['operator.read'],
    });
    installGatewayScenario({
      replies: {
        // A gateway error that echoes secrets back: the export must not carry them on.
        health: () =>
          new GatewayReplyError({
            code: 'INVALID_REQUEST',
            message: `bad credential ${SHARED} / ${DEVICE_TOKEN} near "__OPENCLAW_REDACTED__"`,
          }),
      },
    });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:diagnostics'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderWithGateway(
      <>
        <DiagnosticsButton />
        <Caller methods={CALLS} />
      </>,
      { token: SHARED, vault },
    );
    await waitFor(() => expect(screen.getByRole('button', { name: /Export diagnostics/ })).toBeTruthy());
    await new Promise((r) => setTimeout(r, 150));
    await userEvent.click(screen.getByRole('button', { name: /Export diagnostics/ }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(clicked[0]!.download).toMatch(/^clawscope-diagnostics-gateway\.test-18789-.*\.json$/);
    const text = await blobs[0]!.text();
    expect(text).not.toContain(SHARED);
    expect(text).not.toContain(DEVICE_TOKEN);
    expect(text).not.toContain('__OPENCLAW_REDACTED__');
    const report = JSON.parse(text);
    expect(report).toMatchObject({
      format: 'clawscope-diagnostics/1',
      gateway: { url: GATEWAY_URL, version: '2026.9.6', protocol: 4 },
    });
    expect(report.log.entries.map((e: { method?: string }) => e.method).filter(Boolean)).toEqual(['health', 'status']);
    expect(report.log.entries[0]).toMatchObject({ method: 'health', ok: false, errorMessage: '[removed]' });
    expect(report.timeline.map((t: { phase: string }) => t.phase)).toContain('hello-ok');
  });
});
