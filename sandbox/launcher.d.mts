// Types for launcher.mjs (imported by e2e/*.ts; tsconfig has no allowJs).

export declare const SANDBOX_DIR: string;
export declare const REPO_ROOT: string;
export declare const SANDBOX_TEMP_ROOT: string;
export declare const NODE_BIN: string;
export declare const OPENCLAW_ENTRY: string;
export declare const LEGACY_DIR: string;
export declare const LEGACY_OPENCLAW_ENTRY: string;

/**
 * Which installed OpenClaw a sandbox gateway runs: 'current' = sandbox/node_modules/openclaw (2026.9.x, protocol 4),
 * 'legacy' = sandbox/legacy/node_modules/openclaw (2026.3.13, protocol 3). Both run on the same Node 24 binary.
 */
export type GatewayVersion = 'current' | 'legacy';
export declare const GATEWAY_VERSIONS: Readonly<
  Record<GatewayVersion, Readonly<{ dir: string; entry: string; binDir: string; pin: string; protocol: number }>>
>;
/** The installed openclaw package version for a sandbox version (e.g. "2026.3.13"), or null if not installed. */
export declare function installedOpenclawVersion(version?: GatewayVersion): string | null;

/** openclaw.json content; only the keys we use are spelled out. */
export interface GatewayConfig {
  gateway?: {
    mode?: 'local' | 'remote';
    nodes?: { pairing?: { autoApproveLocal?: boolean; [k: string]: unknown }; [k: string]: unknown };
    [k: string]: unknown;
  };
  logging?: { file?: string; level?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface StartGatewayOptions {
  /** Which installed OpenClaw to run. Default 'current' (2026.9.x); 'legacy' is 2026.3.13 (protocol 3). */
  version?: GatewayVersion;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** Default: 32 random base64url chars. */
  token?: string;
  /** Relative names go under .sandbox/; absolute paths must be inside .sandbox/. Default: a fresh .sandbox/gw-XXXXXX. */
  stateDir?: string;
  /** Deep-merged into openclaw.json before start (null deletes a key). */
  config?: GatewayConfig;
  /** No "[sandbox] …" progress lines on stderr. Default false. */
  quiet?: boolean;
  /** Default 60000. */
  readyTimeoutMs?: number;
  /** Extra environment for the gateway process. */
  env?: Record<string, string>;
  /** Extra arguments after `gateway run …`. */
  args?: string[];
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Append `--url <ws> --token <T>` (default true). Use false for local-only commands. */
  gateway?: boolean;
  /** Default 60000; the command is SIGKILLed after that. */
  timeoutMs?: number;
}

export interface SandboxGateway {
  readonly version: GatewayVersion;
  /** The openclaw package version this gateway runs, e.g. "2026.9.6" or "2026.3.13". */
  readonly openclawVersion: string | null;
  /** ws://127.0.0.1:P */
  readonly url: string;
  /** http://127.0.0.1:P */
  readonly httpUrl: string;
  readonly port: number;
  readonly token: string;
  /** HOME of the gateway; OPENCLAW_STATE_DIR is `${stateDir}/.openclaw`. */
  readonly stateDir: string;
  readonly openclawDir: string;
  /** `${stateDir}/.openclaw/openclaw.json` (OPENCLAW_CONFIG_PATH). */
  readonly configPath: string;
  /** stdout+stderr of the gateway process. The JSONL file log is `${stateDir}/logs/openclaw.log`. */
  readonly logFile: string;
  /** PID of the current gateway process (also its process group id); -1 before spawn. */
  readonly pid: number;
  readonly running: boolean;
  readonly exitInfo: { code: number | null; signal: NodeJS.Signals | null; error?: Error } | null;

  /** SIGTERM the process group, wait (default 15 s, then SIGKILL). Idempotent. */
  stop(opts?: { timeoutMs?: number; removeState?: boolean }): Promise<void>;
  /** stop(), then start again on the same port/token/state and wait until ready. */
  restart(): Promise<void>;
  /** Start a stopped gateway again (same port/token/state/version). Default waits until ready; { wait: false } only spawns. No-op while running. */
  start(opts?: { wait?: boolean }): Promise<void>;
  /** Wait until the running gateway is ready (GET /readyz); resolves with the ms waited. Throws if it exits or times out. */
  waitUntilReady(): Promise<number>;
  /** Signal the process group (default SIGKILL, i.e. a crash). Waits for exit on SIGKILL/SIGTERM. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  waitForExit(): Promise<void>;
  /** `openclaw <args> --url <ws> --token <T>` with this gateway's HOME/state and version. Never rejects on a non-zero exit. */
  cli(args: string[], opts?: CliOptions): Promise<CliResult>;
  readConfig(): GatewayConfig;
  /** Replace openclaw.json (takes effect on restart(); the running gateway may also hot-reload it). */
  writeConfig(config: GatewayConfig): void;
  /** Deep-merge a patch into openclaw.json (null deletes a key). */
  setConfig(patch: GatewayConfig): void;
  /** Last lines of gateway.log. */
  logTail(lines?: number): string;
}

/** Run `openclaw <args>` against any sandbox gateway (e.g. the e2e global one, started in another process). */
export declare function runCli(
  gw: { url: string; token: string; stateDir: string; version?: GatewayVersion },
  args: string[],
  opts?: CliOptions,
): Promise<CliResult>;
export declare function startGateway(opts?: StartGatewayOptions): Promise<SandboxGateway>;
/** Throws with the fix when the sandbox (of that version, default 'current') is not installed. */
export declare function ensureSandboxInstalled(version?: GatewayVersion): void;
export declare function freePort(): Promise<number>;
export declare function mergeConfig<T extends object>(base: T, patch: object): T;
export declare function reapStaleGateways(dir?: string): Promise<number[]>;
export declare function gatewayHttpUrl(wsUrl: string): string;
