import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
  appUrl,
  approveDevice,
  connectionState,
  navTo,
  scopeRow,
  startExtraGateway,
  type SandboxGateway,
} from './gateway';
import { startTlsProxy, type TlsProxy } from './tls-proxy';

// A remote gateway as people deploy it: a real gateway behind a real TLS reverse proxy (nginx, throwaway
// certificate), reached over wss:// (loopback; the proxy reports a remote client address), with gateway.trustedProxies naming the proxy so
// the gateway sees the browser as remote: its origin is checked, and pairing needs an approval.

// The throwaway certificate: this spec's browser accepts it (and only this spec's).
test.use({ ignoreHTTPSErrors: true });

const REMOTE_HOST = 'gateway.invalid';
let gw: SandboxGateway;
let proxy: TlsProxy;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  gw = await startExtraGateway({ config: { gateway: { trustedProxies: ['127.0.0.1'] } } });
  proxy = await startTlsProxy(gw.port);
});
test.afterAll(async () => {
  await proxy?.stop();
  await gw?.stop();
});

/** `openclaw config set gateway.controlUi.allowedOrigins '["…"]' --strict-json …` as argv (single quotes only). */
function argv(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

test('plain ws:// to a host that is not loopback is refused with the reason, before any socket opens', async ({
  page,
}) => {
  let sockets = 0;
  page.on('websocket', () => (sockets += 1));
  // Never contacted: the page refuses before any socket opens (a name under .invalid never resolves anyway).
  await page.goto(appUrl(`ws://${REMOTE_HOST}:${gw.port}`, gw.token));
  await expect(connectionState(page)).toHaveAttribute('data-state', 'failed');
  await expect(page.getByRole('heading', { name: 'Plain ws:// is refused for a remote gateway' })).toBeVisible();
  await expect(page.getByText(`Plain ws:// to ${REMOTE_HOST} is refused`).first()).toBeVisible();
  await expect(page.getByText(/unencrypted/).first()).toBeVisible();
  expect(sockets).toBe(0);
});

test('over wss://: origin refusal with its fix, remote pairing with approval, then Session and Cron', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;

  const response = await page.goto(appUrl(proxy.url, gw.token));
  // The page's CSP names exactly the gateway in use.
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(
    csp
      .split(';')
      .find((d) => d.trim().startsWith('connect-src'))
      ?.trim(),
  ).toBe(`connect-src 'self' ${proxy.url}`);

  await test.step('the gateway refuses this origin; the page names the entry and the command that adds it', async () => {
    await expect(connectionState(page)).toHaveAttribute('data-state', 'failed');
    const help = page.getByRole('region', { name: "Allow this page's origin on the gateway" });
    await expect(help).toBeVisible();
    await expect(help.getByText(JSON.stringify(origin), { exact: true })).toBeVisible();
    const command = (await help.locator('pre').nth(1).textContent())!;
    expect(command).toContain('openclaw config set gateway.controlUi.allowedOrigins');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // Run exactly what the page says, on the gateway host.
    const args = argv(command);
    expect(args[0]).toBe('openclaw');
    const r = await gw.cli(args.slice(1), { gateway: false });
    expect(r.code, r.stderr).toBe(0);
    expect(gw.readConfig().gateway).toMatchObject({ controlUi: { allowedOrigins: [origin] } });
    // The gateway applies it without a restart; ask again until it has.
    await expect(async () => {
      const retry = connectionState(page).getByRole('button', { name: 'Try again' });
      if (await retry.isVisible()) await retry.click();
      await expect(connectionState(page)).toHaveAttribute('data-state', 'limited', { timeout: 2000 });
    }).toPass({ timeout: 20_000 });
  });

  await test.step('a remote browser is never paired silently: it waits for an approval (the CLI here)', async () => {
    await page.getByRole('button', { name: 'Pair this device' }).click();
    await expect(connectionState(page)).toHaveAttribute('data-state', 'pairing-required');
    await expect(page.getByRole('heading', { name: 'Waiting for approval', exact: true })).toBeVisible();
    const requestId = (await page.getByTestId('approve-command').textContent())!.split(' ').pop()!.trim();
    await approveDevice(gw, requestId);
    await expect(connectionState(page)).toHaveAttribute('data-state', 'full', { timeout: 15_000 });
    await expect(scopeRow(page, 'operator.admin').getByLabel('granted: yes')).toBeVisible();
  });

  await test.step('the Session and Cron pages work over wss://', async () => {
    await page.reload();
    await expect(connectionState(page)).toHaveAttribute('data-state', 'full');
    await navTo(page, 'Cron');
    await expect(page.getByText('Heartbeat (main)').first()).toBeVisible();
    await navTo(page, 'Session');
    await expect(connectionState(page)).toHaveAttribute('data-state', 'full');
  });
});
