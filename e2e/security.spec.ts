import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { appUrl, e2eGateway } from './gateway';

// Secrets and the page's own defences, against the real gateway and the built app as served in production.

const summary = (page: Page) => page.getByRole('region', { name: 'Connection state' });

/** Every IndexedDB database and store, dumped as text; CryptoKeys and bytes are described, not exported. */
function dumpIndexedDb(page: Page) {
  return page.evaluate(async () => {
    const describe = (v: unknown): unknown => {
      if (v instanceof CryptoKey)
        return { cryptoKey: v.type, extractable: v.extractable, algorithm: v.algorithm, usages: v.usages };
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v))
        return { bytes: Array.from(new Uint8Array(v instanceof ArrayBuffer ? v : v.buffer)) };
      if (Array.isArray(v)) return v.map(describe);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x)]));
      return v;
    };
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
    const out: Record<string, Record<string, unknown>> = {};
    for (const info of await indexedDB.databases()) {
      const open = indexedDB.open(info.name!);
      const db = await req(open);
      out[info.name!] = {};
      for (const store of Array.from(db.objectStoreNames)) {
        const s = db.transaction(store).objectStore(store);
        const [keys, values] = await Promise.all([req(s.getAllKeys()), req(s.getAll())]);
        out[info.name!]![store] = { keys: describe(keys), values: describe(values) };
      }
      db.close();
    }
    return JSON.stringify(out);
  });
}

test('the shared token never reaches localStorage, IndexedDB, the URL or the console; the device key cannot be exported', async ({
  browser,
}) => {
  const gw = e2eGateway();
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleMessages: string[] = [];
  const record = (m: ConsoleMessage) => consoleMessages.push(`${m.type()}: ${m.text()}`);
  page.on('console', record);
  page.on('pageerror', (e) => consoleMessages.push(`pageerror: ${e.message}\n${e.stack ?? ''}`));
  const urls: string[] = [];
  page.on('framenavigated', (f) => void (f === page.mainFrame() && urls.push(f.url())));

  await page.goto(appUrl(gw.url, gw.token));
  await expect(summary(page)).toHaveAttribute('data-state', 'limited');
  expect(page.url()).not.toContain(gw.token);
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(summary(page)).toHaveAttribute('data-state', 'full');

  // Every page in the main navigation, waiting for each to show its data or state.
  const nav = page.getByRole('navigation', { name: 'Main' });
  const labels = await nav.getByRole('link').allTextContents();
  expect(labels).toEqual(expect.arrayContaining(['Session', 'Cron', 'Presence', 'Config', 'Devices']));
  for (const label of labels) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expect(page.getByLabel('Loading')).toHaveCount(0);
    expect(page.url(), `URL on ${label}`).not.toContain(gw.token);
  }
  await nav.getByRole('link', { name: 'Config', exact: true }).click();
  await expect(page.getByTestId('config-path')).toBeVisible();
  await nav.getByRole('link', { name: 'Presence', exact: true }).click();
  await expect(page.getByTestId('presence-online-count')).toBeVisible();

  // A real gateway's ordinary frames are never flagged: the frame and result checks have no false positives here.
  await page.getByRole('button', { name: /^Log\b/ }).click();
  const log = page.getByRole('dialog', { name: 'Activity log' });
  const problems = log.getByRole('group', { name: 'Entry kind' }).getByRole('button', { name: /^Problems/ });
  await problems.click();
  await expect(problems).toHaveAttribute('aria-pressed', 'true');
  expect(await log.locator('[data-kind="problem"]').allTextContents()).toEqual([]);
  await expect(problems).toHaveText(/^Problems\s*0$/);
  await page.getByRole('button', { name: 'Close the log' }).click();

  // The address bar and every URL the tab was at after the link it was opened with (whose fragment carried
  // the token, and whose history entry was replaced at once).
  expect(urls[0]).toContain('#token=');
  for (const u of [page.url(), ...urls.slice(1)]) {
    expect(u).not.toContain(gw.token);
    expect(u).not.toContain(encodeURIComponent(gw.token));
  }

  // localStorage and cookies.
  const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(local).not.toContain(gw.token);
  expect(await page.evaluate(() => document.cookie)).not.toContain(gw.token);

  // IndexedDB: every database, every store. It does hold the identity and the device token (by design).
  const idb = await dumpIndexedDb(page);
  expect(idb).toContain('device-identity');
  expect(idb).toMatch(/"token\|ws:\/\/127\.0\.0\.1:\d+\|[0-9a-f]{64}\|operator"/);
  expect(idb).not.toContain(gw.token);

  // The device private key: a non-extractable CryptoKey that no format exports.
  const key = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('clawscope');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const identity = await new Promise<{ privateKey: CryptoKey; publicKey: string }>((res, rej) => {
      const g = db.transaction('kv').objectStore('kv').get('device-identity');
      g.onsuccess = () => res(g.result);
      g.onerror = () => rej(g.error);
    });
    const k = identity.privateKey;
    const attempts: Record<string, string> = {};
    for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
      try {
        await crypto.subtle.exportKey(format, k);
        attempts[format] = 'exported';
      } catch (e) {
        attempts[format] = (e as Error).name;
      }
    }
    return { isKey: k instanceof CryptoKey, type: k.type, extractable: k.extractable, usages: k.usages, attempts };
  });
  expect(key).toEqual({
    isKey: true,
    type: 'private',
    extractable: false,
    usages: ['sign'],
    attempts: { pkcs8: 'InvalidAccessError', jwk: 'InvalidAccessError', raw: 'InvalidAccessError' },
  });

  // Nothing the page logged mentions the token; and the CSP was never violated along the way.
  await page.evaluate(() => console.info('clawscope console probe'));
  await expect.poll(() => consoleMessages.some((m) => m.includes('clawscope console probe'))).toBe(true);
  expect(consoleMessages.filter((m) => m.includes(gw.token))).toEqual([]);
  expect(consoleMessages.filter((m) => /Content Security Policy|Refused to|TrustedHTML|pageerror/i.test(m))).toEqual(
    [],
  );
  await context.close();
});

test('the served page has no inline script and a CSP naming only itself and this gateway', async ({ page }) => {
  const gw = e2eGateway();
  const gatewayOrigin = new URL(gw.url).origin.replace(/^http/, 'ws');
  const res = await page.request.get(appUrl(gw.url));
  expect(res.status()).toBe(200);
  const body = await res.text();
  for (const tag of body.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
    expect(tag).toMatch(/^<script\b[^>]*\ssrc="[^"]+"[^>]*><\/script>$/);
  expect(body).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src &#39;self&#39;;/);
  const header = res.headers()['content-security-policy'] ?? '';
  const connect = header
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('connect-src '));
  expect(connect).toBe(`connect-src 'self' ${gw.url}`);
  expect(gw.url).toBe(gatewayOrigin);
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).toContain("script-src 'self';");
  expect(header).not.toContain('unsafe-');
});

test('the CSP is enforced: no injected script runs, no HTML sink takes a string, no socket to another origin opens', async ({
  page,
}) => {
  const gw = e2eGateway();
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => void violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
        `${e.effectiveDirective} ${e.blockedURI}`,
      ),
    ),
  );
  await page.goto(appUrl(gw.url, gw.token));
  await expect(summary(page)).toHaveAttribute('data-state', /limited|full/);
  expect(violations).toEqual([]);

  const result = await page.evaluate(async (gatewayUrl) => {
    const w = window as unknown as { __ran?: boolean };
    const out: Record<string, string> = {};
    // An inline script element: script-src 'self' (and Trusted Types) refuse it.
    try {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.head.append(s);
      out.inline = w.__ran ? 'ran' : 'blocked';
    } catch (e) {
      out.inline = `threw ${(e as Error).name}`;
    }
    // innerHTML with a plain string: Trusted Types make it throw.
    try {
      document.createElement('div').innerHTML = '<img src=x onerror="window.__ran=true">';
      out.innerHTML = 'accepted';
    } catch (e) {
      out.innerHTML = `threw ${(e as Error).name}`;
    }
    // A socket to another loopback port: allowed by the meta (ws://127.0.0.1:*), refused by the header.
    const other = new URL(gatewayUrl);
    other.port = String(Number(other.port) === 1 ? 2 : 1);
    await new Promise((r) => setTimeout(r, 100)); // the violation reports above arrive as tasks
    out.socket = await new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => {
        if (e.effectiveDirective === 'connect-src') resolve(`blocked connect-src ${e.blockedURI}`);
      });
      try {
        const ws = new WebSocket(other.toString());
        ws.onopen = () => resolve('opened');
        setTimeout(() => resolve('no violation'), 3000);
      } catch (e) {
        resolve(`threw ${(e as Error).name}`);
      }
    });
    // The gateway's own origin is still allowed.
    out.gateway = await new Promise<string>((resolve) => {
      const ws = new WebSocket(gatewayUrl);
      ws.onopen = () => (ws.close(), resolve('opened'));
      ws.onerror = () => resolve('error');
    });
    return { ...out, ran: String(Boolean(w.__ran)) } as Record<string, string>;
  }, gw.url);
  expect(result.inline).not.toBe('ran');
  expect(result.innerHTML).toBe('threw TypeError');
  expect(result.socket).toMatch(/^(blocked connect-src ws:\/\/127\.0\.0\.1:[12]\/?|threw SecurityError)$/);
  expect(result.inline).toMatch(/^(blocked|threw TypeError)$/);
  expect(result.gateway).toBe('opened');
  expect(result.ran).toBe('false');
});
