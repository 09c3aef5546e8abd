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
import {
  runCli,
  SANDBOX_TEMP_ROOT,
  startGateway,
  type CliOptions,
  type CliResult,
  type SandboxGateway,
  type StartGatewayOptions,
} from '../sandbox/launcher.mjs';

export type { CliResult, SandboxGateway, StartGatewayOptions };

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
  throw new Error(`no e2e gateway: ${ENV.gateway} is unset and ${E2E_INFO_FILE} is missing (run through playwright.config.ts so e2e/global-setup.ts runs)`);
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
 * or to stop()/kill() it for a "not reachable" test). State goes to .sandbox/e2e/extra-*. About 5-20 s; call it
 * in beforeAll with a longer timeout (test.setTimeout / { timeout }). Always `await gw.stop()` in afterAll.
 */
export function startExtraGateway(opts: StartGatewayOptions = {}): Promise<SandboxGateway> {
  extraCount += 1;
  return startGateway({
    quiet: true,
    ...opts,
    stateDir: opts.stateDir ?? path.join(E2E_STATE_ROOT, `extra-${process.pid}-${Date.now().toString(36)}-${extraCount}`),
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
  gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir'>,
  args: string[],
  opts?: CliOptions,
): Promise<CliJsonResult<T>> {
  const full = ['devices', ...args, ...(args.includes('--json') ? [] : ['--json'])];
  const r = await runCli(gw, full, opts);
  return { ...r, json: parseJson<T>(r.stdout) };
}

/** Any `openclaw <args>` against a gateway (adds --url/--token unless opts.gateway === false). */
export function cli(gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir'>, args: string[], opts?: CliOptions): Promise<CliResult> {
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
export async function listDevices(gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir'>): Promise<DeviceList> {
  const r = await cliDevices<DeviceList>(gw, ['list']);
  if (r.code !== 0 || !r.json) throw new Error(`openclaw devices list failed (${r.code}): ${r.stderr || r.stdout}`);
  return r.json;
}

/** Polls `devices list` until a pending request matches (default: any), or throws after timeoutMs. */
export async function waitForPendingDevice(
  gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir'>,
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
export async function approveDevice(gw: Pick<E2EGateway, 'url' | 'token' | 'stateDir'>, requestId: string): Promise<unknown> {
  const r = await cliDevices(gw, ['approve', requestId]);
  if (r.code !== 0) throw new Error(`openclaw devices approve ${requestId} failed (${r.code}): ${r.stderr || r.stdout}`);
  return r.json;
}
