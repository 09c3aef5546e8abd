// Helpers for e2e specs: the shared sandbox gateway of this run, app URLs, extra gateways, `openclaw devices`.
//
// The shared gateway is started once per run by e2e/global-setup.ts (fresh state) and stopped by
// e2e/global-teardown.ts. Its coordinates reach the workers through environment variables
// (CLAWSCOPE_E2E_GATEWAY, _HTTP, _TOKEN, _PORT, _STATE, _PID) and .sandbox/e2e/gateway.json.
//
// Do not change the shared gateway's config or stop it from a spec: start your own with
// startExtraGateway() (and stop it in afterAll / finally).

import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import {
  installedOpenclawVersion,
  runCli,
  SANDBOX_TEMP_ROOT,
  startGateway,
  type CliOptions,
  type CliResult,
  type GatewayVersion,
  type SandboxGateway,
  type StartGatewayOptions,
} from '../sandbox/launcher.mjs';

export type { CliResult, GatewayVersion, SandboxGateway, StartGatewayOptions };

/** Where e2e gateways keep their state: .sandbox/e2e/ (wiped by global setup at the start of each run). */
export const E2E_STATE_ROOT = path.join(SANDBOX_TEMP_ROOT, 'e2e');
/** JSON copy of the shared gateway's coordinates (written by global setup). */
export const E2E_INFO_FILE = path.join(E2E_STATE_ROOT, 'gateway.json');

export const ENV = {
  gateway: 'CLAWSCOPE_E2E_GATEWAY',
  http: 'CLAWSCOPE_E2E_HTTP',
  token: 'CLAWSCOPE_E2E_TOKEN',
  port: 'CLAWSCOPE_E2E_PORT',
  state: 'CLAWSCOPE_E2E_STATE',
  pid: 'CLAWSCOPE_E2E_PID',
} as const;

/** The shared sandbox gateway of this run (the "gateway" shape accepted by cliDevices/cli). */
export interface E2EGateway {
  /** ws://127.0.0.1:P */
  url: string;
  /** http://127.0.0.1:P */
  httpUrl: string;
  token: string;
  port: number;
  /** HOME of the gateway; OPENCLAW_STATE_DIR is `${stateDir}/.openclaw`. */
  stateDir: string;
  pid: number;
  /** Which sandbox OpenClaw it runs (the shared one is always 'current'). */
  version?: GatewayVersion;
}

/** Coordinates of the shared gateway started by global setup. Throws if global setup did not run. */
export function e2eGateway(): E2EGateway {
  const env = process.env;
  if (env[ENV.gateway] && env[ENV.token] && env[ENV.state]) {
    return {
      url: env[ENV.gateway]!,
      httpUrl: env[ENV.http] ?? env[ENV.gateway]!.replace(/^ws/, 'http'),
      token: env[ENV.token]!,
      port: Number(env[ENV.port] ?? new URL(env[ENV.gateway]!).port),
      stateDir: env[ENV.state]!,
      pid: Number(env[ENV.pid] ?? -1),
    };
  }
  if (fs.existsSync(E2E_INFO_FILE)) return JSON.parse(fs.readFileSync(E2E_INFO_FILE, 'utf8')) as E2EGateway;
  throw new Error(
    `no e2e gateway: ${ENV.gateway} is unset and ${E2E_INFO_FILE} is missing (run through playwright.config.ts so e2e/global-setup.ts runs)`,
  );
}

/**
 * App URL (relative to the Playwright baseURL) that targets a gateway: `/?gateway=ws://…#token=…`.
 * `pathname` is the app route (default "/"); the token goes in the fragment like `openclaw dashboard` does.
 */
export function appUrl(gatewayUrl: string, token?: string, pathname = '/'): string {
  const q = encodeURIComponent(gatewayUrl).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  return `${pathname}?gateway=${q}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}

let extraCount = 0;

/**
 * Start a private gateway for one spec (e.g. `{ config: { gateway: { nodes: { pairing: { autoApproveLocal: false } } } } }`,
 * `{ version: 'legacy' }` for OpenClaw 2026.3.13, or to stop()/kill()/restart() it for a "not reachable" test). State goes to .sandbox/e2e/extra-*. About 5-20 s; call it
 * in beforeAll with a longer timeout (test.setTimeout / { timeout }). Always `await gw.stop()` in afterAll.
 */
export function startExtraGateway(opts: StartGatewayOptions = {}): Promise<SandboxGateway> {
  extraCount += 1;
  return startGateway({
    quiet: true,
    ...opts,
    stateDir:
      opts.stateDir ?? path.join(E2E_STATE_ROOT, `extra-${process.pid}-${Date.now().toString(36)}-${extraCount}`),
  });
}

export interface CliJsonResult<T = unknown> extends CliResult {
  /** Parsed stdout when it is JSON (`--json` is added unless present), else undefined. */
  json: T | undefined;
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * `openclaw devices <args> --json --url <gw.url> --token <gw.token>` with the gateway's HOME/state.
 * Examples: cliDevices(gw, ['list']) -> json {pending[], paired[]}; cliDevices(gw, ['approve', requestId]);
 * cliDevices(gw, ['reject', requestId]); cliDevices(gw, ['remove', deviceId]);
 * cliDevices(gw, ['rotate', '--device', id, '--role', 'operator']).
 */
export async function cliDevices<T = unknown>(
  gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir' | 'version'>,
  args: string[],
  opts?: CliOptions,
): Promise<CliJsonResult<T>> {
  const full = ['devices', ...args, ...(args.includes('--json') ? [] : ['--json'])];
  const r = await runCli(gw, full, opts);
  return { ...r, json: parseJson<T>(r.stdout) };
}

/** Any `openclaw <args>` against a gateway (adds --url/--token unless opts.gateway === false). */
export function cli(
  gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir' | 'version'>,
  args: string[],
  opts?: CliOptions,
): Promise<CliResult> {
  return runCli(gw, args, opts);
}

export interface PendingDevice {
  requestId: string;
  deviceId: string;
  clientId?: string;
  clientMode?: string;
  role?: string;
  roles?: string[];
  scopes?: string[];
  isRepair?: boolean;
  ts?: number;
  [k: string]: unknown;
}
export interface DeviceList {
  pending: PendingDevice[];
  paired: Array<{ deviceId: string; clientId?: string; scopes?: string[]; [k: string]: unknown }>;
}

/** `openclaw devices list --json`; throws with the CLI's stderr on failure. */
export async function listDevices(gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir' | 'version'>): Promise<DeviceList> {
  const r = await cliDevices<DeviceList>(gw, ['list']);
  if (r.code !== 0 || !r.json) throw new Error(`openclaw devices list failed (${r.code}): ${r.stderr || r.stdout}`);
  return r.json;
}

/** Polls `devices list` until a pending request matches (default: any), or throws after timeoutMs. */
export async function waitForPendingDevice(
  gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir' | 'version'>,
  match: (p: PendingDevice) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<PendingDevice> {
  const t0 = Date.now();
  for (;;) {
    const found = (await listDevices(gw)).pending.find(match);
    if (found) return found;
    if (Date.now() - t0 > timeoutMs) throw new Error(`no matching pending device request after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `openclaw devices approve <requestId>`; throws with the CLI's output on failure. */
export async function approveDevice(
  gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir' | 'version'>,
  requestId: string,
): Promise<unknown> {
  const r = await cliDevices(gw, ['approve', requestId]);
  if (r.code !== 0)
    throw new Error(`openclaw devices approve ${requestId} failed (${r.code}): ${r.stderr || r.stdout}`);
  return r.json;
}

// ---------------------------------------------------------------------------------------------------
// Gateway versions (compat specs run the same flows against each).

/** Every sandbox gateway version with its installed openclaw version and protocol, for `describe` titles. */
export const GATEWAY_VERSIONS: ReadonlyArray<{ version: GatewayVersion; openclaw: string; protocol: number }> = (
  [
    ['current', 4],
    ['legacy', 3],
  ] as const
).map(([version, protocol]) => ({
  version,
  openclaw: installedOpenclawVersion(version) ?? `${version} (not installed)`,
  protocol,
}));

// ---------------------------------------------------------------------------------------------------
// Page helpers shared by specs (selectors as in session.spec.ts).

/** The Session page's "Connection state" region; its data-state is connecting|limited|full|reconnecting|not-reachable|failed|pairing-required. */
export const connectionState = (page: Page): Locator => page.getByRole('region', { name: 'Connection state' });
export const scopeRow = (page: Page, scope: string): Locator =>
  page.getByRole('table', { name: 'Scope matrix' }).locator(`tr[data-scope="${scope}"]`);
export const methodRow = (page: Page, method: string): Locator =>
  page.getByRole('table', { name: 'Method access' }).locator(`tr[data-method="${method}"]`);
/** The header's status pill (on every page): connected | limited | connecting | reconnecting | not reachable | ... */
export const statusPill = (page: Page): Locator => page.getByTestId('status-pill');

/** Open the app on `gw` with the shared token (stripped from the URL at once), click "Pair this device", wait for "full". */
export async function openAndPair(page: Page, gw: { url: string; token: string }): Promise<void> {
  await page.goto(appUrl(gw.url, gw.token));
  await expect(connectionState(page)).toHaveAttribute('data-state', 'limited');
  await page.getByRole('button', { name: 'Pair this device' }).click();
  await expect(connectionState(page)).toHaveAttribute('data-state', 'full');
}

/** This browser's device id, from the app's IndexedDB (null before it paired). */
export function browserDeviceId(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('clawscope', 1);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    return new Promise<string | null>((res) => {
      const g = db.transaction('kv').objectStore('kv').get('device-identity');
      g.onsuccess = () => res((g.result as { deviceId?: string } | undefined)?.deviceId ?? null);
      g.onerror = () => res(null);
    });
  });
}

/** Go to an app route by clicking the main nav (keeps the socket: no reload). */
export async function navTo(page: Page, label: 'Session' | 'Cron' | 'Presence' | 'Config' | 'Devices'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

/**
 * Records what the page's gateway sockets saw: connect requests (and whether they carried a device / which
 * credential), close codes, and error frames. Attach before page.goto.
 */
export function recordSockets(page: Page) {
  const rec = {
    sockets: 0,
    connects: [] as Array<{
      credential: 'token' | 'device-token' | 'none';
      device: boolean;
      minProtocol?: number;
      maxProtocol?: number;
    }>,
    hellos: [] as Array<Record<string, unknown>>,
    /** Requests sent per method (all sockets of the page). */
    requests: {} as Record<string, number>,
    errors: [] as Array<{ method?: string; code?: string; message?: string; details?: unknown; retryAfterMs?: number }>,
    events: [] as string[],
    /** Payloads of `shutdown` events (the gateway stopping). */
    shutdowns: [] as unknown[],
    closes: 0,
  };
  page.on('websocket', (ws) => {
    rec.sockets += 1;
    const pending = new Map<string, string>();
    ws.on('framesent', (f) => {
      try {
        const m = JSON.parse(String(f.payload)) as {
          type?: string;
          id?: string;
          method?: string;
          params?: Record<string, unknown>;
        };
        if (m.type !== 'req') return;
        if (m.id && m.method) pending.set(m.id, m.method);
        if (m.method) rec.requests[m.method] = (rec.requests[m.method] ?? 0) + 1;
        if (m.method === 'connect') {
          const auth = (m.params?.auth ?? {}) as Record<string, unknown>;
          rec.connects.push({
            credential: auth.token ? 'token' : auth.deviceToken ? 'device-token' : 'none',
            device: Boolean(m.params?.device),
            minProtocol: m.params?.minProtocol as number | undefined,
            maxProtocol: m.params?.maxProtocol as number | undefined,
          });
        }
      } catch {
        /* not JSON */
      }
    });
    ws.on('framereceived', (f) => {
      try {
        const m = JSON.parse(String(f.payload)) as Record<string, unknown>;
        if (m.type === 'hello-ok') rec.hellos.push(m);
        else if (m.type === 'event') {
          rec.events.push(String(m.event));
          if (m.event === 'shutdown') rec.shutdowns.push(m.payload);
        } else if (m.type === 'res' && m.ok === false) {
          const e = (m.error ?? {}) as Record<string, unknown>;
          rec.errors.push({
            method: pending.get(String(m.id)),
            code: e.code as string,
            message: e.message as string,
            details: e.details,
            retryAfterMs: e.retryAfterMs as number | undefined,
          });
        } else if (
          m.type === 'res' &&
          m.id &&
          typeof (m.payload as { type?: string } | undefined)?.type === 'string' &&
          (m.payload as { type: string }).type === 'hello-ok'
        ) {
          rec.hellos.push(m.payload as Record<string, unknown>);
        }
      } catch {
        /* not JSON */
      }
    });
    ws.on('close', () => void (rec.closes += 1));
  });
  return rec;
}

/**
 * Records every value the connection shows, as it changes (a MutationObserver in the page, installed before the
 * app loads): the Session page's data-state (when that page is shown) and the header's status pill. Polling
 * with expect() can miss a short state; this cannot. Call before page.goto; read with `states()`.
 */
export async function watchConnection(
  page: Page,
): Promise<{ states: () => Promise<string[]>; pills: () => Promise<string[]> }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cs: { states: string[]; pills: string[] } };
    w.__cs = { states: [], pills: [] };
    const read = () => {
      const state = document.querySelector('section[aria-label="Connection state"]')?.getAttribute('data-state');
      const pill = document.querySelector('[data-testid="status-pill"]')?.lastElementChild?.textContent?.trim();
      if (state && w.__cs.states.at(-1) !== state) w.__cs.states.push(state);
      if (pill && w.__cs.pills.at(-1) !== pill) w.__cs.pills.push(pill);
    };
    const start = () => {
      read();
      new MutationObserver(read).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    };
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
  });
  const get = (key: 'states' | 'pills') => () =>
    page.evaluate((k) => [...((window as unknown as { __cs?: Record<string, string[]> }).__cs?.[k] ?? [])], key);
  return { states: get('states'), pills: get('pills') };
}
