// Find the local OpenClaw gateway's URL and shared token the way the openclaw CLI does (OpenClaw 2026.9.x,
// src/config/paths.ts, src/gateway/credential-planner.ts, src/commands/dashboard.ts), without running it:
//
//   home       OPENCLAW_HOME (a leading ~ is HOME), else HOME
//   state dir  OPENCLAW_STATE_DIR, else ~/.openclaw-<profile> (--profile / OPENCLAW_PROFILE), else ~/.openclaw
//              (~/.clawdbot when only that exists)
//   config     OPENCLAW_CONFIG_PATH, else <state dir>/openclaw.json (JSON5; clawdbot.json when only that exists)
//   env        this process, then <state dir>/.env, then the config's env.vars (none overrides an earlier one)
//   port       OPENCLAW_GATEWAY_PORT, else gateway.port, else a per-profile port, else 18789
//   url        ws://127.0.0.1:<port> (wss:// with gateway.tls.enabled); gateway.remote.url in remote mode
//   auth       gateway.auth.mode, else password when a password is configured, else token
//   token      gateway.auth.token (a string, ${VAR}, $VAR or an env SecretRef), else OPENCLAW_GATEWAY_TOKEN
//
// File and exec SecretRefs are not resolved here: `openclaw gateway auth-token --show` resolves them, but it
// refuses to print outside an interactive terminal, so clawscope says how to paste the token instead.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSON5 from 'json5';

export const DEFAULT_PORT = 18789;
const PROFILE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const ENV_REF_RE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$|^\$([A-Z][A-Z0-9_]{0,127})$/;

/**
 * @typedef {'token' | 'password' | 'none' | 'trusted-proxy'} AuthMode
 * @typedef {{
 *   url: string,
 *   auth: AuthMode,
 *   token?: string,
 *   tokenFrom?: string,
 *   remote: boolean,
 *   configPath: string,
 *   configFound: boolean,
 *   notes: string[],
 *   problem?: string,
 * }} Discovery
 * @typedef {{
 *   env?: NodeJS.ProcessEnv,
 *   homedir?: () => string,
 *   profile?: string,
 *   readFile?: (file: string) => string | null,
 * }} DiscoverOptions
 */

/** @param {string} file */
function readFileOrNull(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {unknown} v */
const str = (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** KEY=value lines of a .env file (export prefix, quotes and # comments allowed). @param {string | null} text */
export function parseDotEnv(text) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const line of (text ?? '').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || !m[1]) continue;
    let value = m[2] ?? '';
    const quoted = /^(["'])(.*)\1$/.exec(value);
    value = quoted ? (quoted[2] ?? '') : value.replace(/\s+#.*$/, '');
    out[m[1]] = value;
  }
  return out;
}

/** The gateway the local openclaw CLI would talk to, and what to sign in with. @param {DiscoverOptions} [opts] */
export function discoverGateway(opts = {}) {
  const procEnv = opts.env ?? process.env;
  const readFile = opts.readFile ?? readFileOrNull;
  /** @type {string[]} */
  const notes = [];

  const osHome = str(procEnv.HOME) ?? str(procEnv.USERPROFILE) ?? (opts.homedir ?? os.homedir)();
  /** @param {string} p */
  const expand = (p) => path.resolve(p.replace(/^~(?=$|[\\/])/, osHome));
  const home = str(procEnv.OPENCLAW_HOME) ? expand(/** @type {string} */ (str(procEnv.OPENCLAW_HOME))) : osHome;
  /** @param {string} p */
  const fromHome = (p) => path.resolve(p.replace(/^~(?=$|[\\/])/, home));

  const profileRaw = str(opts.profile) ?? str(procEnv.OPENCLAW_PROFILE);
  const profile =
    profileRaw && profileRaw.toLowerCase() !== 'default' && PROFILE_RE.test(profileRaw) ? profileRaw : null;
  if (profileRaw && !profile && profileRaw.toLowerCase() !== 'default')
    notes.push(`ignored the profile name ${JSON.stringify(profileRaw)} (letters, digits, - and _ only)`);

  const exists = (/** @type {string} */ p) => readFile(p) !== null;
  let stateDir;
  const stateOverride = str(procEnv.OPENCLAW_STATE_DIR);
  if (stateOverride) stateDir = fromHome(stateOverride);
  else if (profile) stateDir = path.join(home, `.openclaw-${profile}`);
  else {
    const modern = path.join(home, '.openclaw');
    const legacy = path.join(home, '.clawdbot');
    const hasAny = (/** @type {string} */ d) =>
      exists(path.join(d, 'openclaw.json')) || exists(path.join(d, 'clawdbot.json'));
    stateDir = !hasAny(modern) && hasAny(legacy) ? legacy : modern;
  }

  const configOverride = str(procEnv.OPENCLAW_CONFIG_PATH);
  const candidates = configOverride
    ? [fromHome(configOverride)]
    : [path.join(stateDir, 'openclaw.json'), path.join(stateDir, 'clawdbot.json')];
  let configPath = /** @type {string} */ (candidates[0]);
  let text = null;
  for (const c of candidates) {
    text = readFile(c);
    if (text !== null) {
      configPath = c;
      break;
    }
  }

  /** @type {Record<string, unknown>} */
  let config = {};
  let problem;
  if (text !== null) {
    try {
      const parsed = JSON5.parse(text);
      if (isObject(parsed)) config = parsed;
      else problem = `${configPath} is not a JSON object`;
    } catch (err) {
      problem = `${configPath} is not valid JSON5 (${err instanceof Error ? err.message : String(err)}); run \`openclaw config validate\``;
    }
  }

  // Earlier sources win: the shell, then <state dir>/.env, then the config's env.vars (OpenClaw's order).
  const envBlock = isObject(config.env) ? config.env : {};
  const configVars = isObject(envBlock.vars) ? envBlock.vars : {};
  /** @type {Record<string, string | undefined>} */
  const env = {
    ...Object.fromEntries(Object.entries(configVars).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))),
    ...parseDotEnv(readFile(path.join(stateDir, '.env'))),
    ...Object.fromEntries(Object.entries(procEnv).filter(([, v]) => v !== undefined && v !== '')),
  };

  const gateway = isObject(config.gateway) ? config.gateway : {};
  const auth = isObject(gateway.auth) ? gateway.auth : {};
  const tls = isObject(gateway.tls) ? gateway.tls : {};
  const remoteBlock = isObject(gateway.remote) ? gateway.remote : {};

  /**
   * A secret input: a literal string (with ${VAR} substituted), $VAR / ${VAR}, or { source: 'env', id }.
   * @param {unknown} value @param {string} where
   * @returns {{ value?: string, from?: string, unresolved?: string }}
   */
  const secret = (value, where) => {
    if (value === undefined || value === null || value === '') return {};
    if (typeof value === 'string') {
      const ref = ENV_REF_RE.exec(value.trim());
      const name = ref?.[1] ?? ref?.[2];
      if (name)
        return env[name]
          ? { value: env[name], from: `${where} (\${${name}})` }
          : { unresolved: `${where} names \${${name}}, which is not set` };
      /** @type {string[]} */
      const missing = [];
      const out = value.replace(/(\$?)\$\{([A-Z_][A-Z0-9_]*)\}/g, (m, escape, n) => {
        if (escape) return m.slice(1);
        if (env[n] === undefined) missing.push(n);
        return env[n] ?? m;
      });
      if (missing.length) return { unresolved: `${where} uses \${${missing[0]}}, which is not set` };
      return out.trim() ? { value: out.trim(), from: where } : {};
    }
    if (isObject(value) && typeof value.id === 'string') {
      if (value.source === 'env')
        return env[value.id]
          ? { value: env[value.id], from: `${where} (env ${value.id})` }
          : { unresolved: `${where} names the env var ${value.id}, which is not set` };
      return { unresolved: `${where} is a ${String(value.source)} secret reference` };
    }
    return { unresolved: `${where} has an unexpected value` };
  };

  const remote = gateway.mode === 'remote';
  let url;
  if (remote && str(remoteBlock.url)) {
    url = /** @type {string} */ (str(remoteBlock.url));
    notes.push(`the config is in remote mode: using gateway.remote.url`);
  } else {
    if (remote) notes.push('the config is in remote mode but has no gateway.remote.url: using the local gateway');
    const envPort = str(env.OPENCLAW_GATEWAY_PORT);
    const envPortNum = envPort && /^(?:\d+|.*:\d+)$/.test(envPort) ? Number(envPort.split(':').pop()) : NaN;
    let port = DEFAULT_PORT;
    if (envPortNum > 0 && envPortNum <= 65535) port = envPortNum;
    else if (typeof gateway.port === 'number' && gateway.port > 0) port = gateway.port;
    else if (profile) port = profilePort(profile);
    const secure = tls.enabled === true;
    const custom = str(gateway.customBindHost);
    const host =
      secure && gateway.bind === 'custom' && custom && /^\d{1,3}(\.\d{1,3}){3}$/.test(custom) && custom !== '0.0.0.0'
        ? custom
        : '127.0.0.1';
    url = `${secure ? 'wss' : 'ws'}://${host}:${port}`;
  }

  const envToken = str(env.OPENCLAW_GATEWAY_TOKEN);
  const envPassword = str(env.OPENCLAW_GATEWAY_PASSWORD);
  const configToken = secret(
    remote && str(remoteBlock.url) ? remoteBlock.token : auth.token,
    remote ? 'gateway.remote.token' : 'gateway.auth.token',
  );
  // As `openclaw dashboard` decides: an explicit mode, else password when a literal one (or the env's) exists.
  const literalPassword =
    typeof auth.password === 'string' && !!auth.password.trim() && !ENV_REF_RE.test(auth.password.trim());
  const modes = ['token', 'password', 'none', 'trusted-proxy'];
  /** @type {AuthMode} */
  const mode = modes.includes(/** @type {string} */ (auth.mode))
    ? /** @type {AuthMode} */ (auth.mode)
    : literalPassword || envPassword
      ? 'password'
      : 'token';

  /** @type {Discovery} */
  const result = { url, auth: mode, remote, configPath, configFound: text !== null, notes };
  if (problem) result.problem = problem;
  if (mode !== 'token') return result;
  if (configToken.value) {
    result.token = configToken.value;
    result.tokenFrom = configToken.from;
  } else if (envToken) {
    result.token = envToken;
    result.tokenFrom = 'OPENCLAW_GATEWAY_TOKEN';
    if (configToken.unresolved) notes.push(`${configToken.unresolved}; using OPENCLAW_GATEWAY_TOKEN`);
  } else if (configToken.unresolved) {
    result.problem ??= configToken.unresolved;
  }
  return result;
}

/** OpenClaw's default port for a named profile (FNV-1a of the name into 20000..59999). @param {string} profile */
export function profilePort(profile) {
  let hash = 2166136261;
  for (const byte of Buffer.from(profile, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return 20000 + (hash % 40000);
}
