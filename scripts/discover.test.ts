import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverGateway, profilePort } from './discover.mjs';

/**
 * The gateway the local openclaw CLI would talk to, found from a fake home: files are a map from absolute path
 * to content, the environment is only what each test gives.
 */
const HOME = '/home/ada';
const at = (...parts: string[]) => path.join(HOME, ...parts);

function discover(files: Record<string, string>, env: Record<string, string> = {}, profile?: string) {
  return discoverGateway({
    env: { HOME, ...env },
    homedir: () => HOME,
    readFile: (file) => files[file] ?? null,
    ...(profile ? { profile } : {}),
  });
}

describe('config discovery', () => {
  it('without a config: the default local gateway, no token, said as not found', () => {
    const d = discover({});
    expect(d).toMatchObject({ url: 'ws://127.0.0.1:18789', auth: 'token', configFound: false, remote: false });
    expect(d.configPath).toBe(at('.openclaw', 'openclaw.json'));
    expect(d.token).toBeUndefined();
    expect(d.problem).toBeUndefined();
  });

  it('reads gateway.port and gateway.auth.token from ~/.openclaw/openclaw.json (JSON5)', () => {
    const d = discover({
      [at('.openclaw', 'openclaw.json')]: `{
        // written by openclaw onboard
        gateway: { port: 19999, auth: { mode: 'token', token: 'tok-1', }, },
      }`,
    });
    expect(d).toMatchObject({ url: 'ws://127.0.0.1:19999', token: 'tok-1', tokenFrom: 'gateway.auth.token' });
    expect(d.configFound).toBe(true);
  });

  it('OPENCLAW_STATE_DIR (with ~) replaces ~/.openclaw, and OPENCLAW_CONFIG_PATH replaces both', () => {
    const files = {
      [at('.openclaw', 'openclaw.json')]: '{ gateway: { port: 1111, auth: { token: "home" } } }',
      [at('state', 'openclaw.json')]: '{ gateway: { port: 2222, auth: { token: "state" } } }',
      '/etc/oc.json5': '{ gateway: { port: 3333, auth: { token: "explicit" } } }',
    };
    expect(discover(files, { OPENCLAW_STATE_DIR: '~/state' })).toMatchObject({
      url: 'ws://127.0.0.1:2222',
      token: 'state',
      configPath: at('state', 'openclaw.json'),
    });
    expect(discover(files, { OPENCLAW_STATE_DIR: '~/state', OPENCLAW_CONFIG_PATH: '/etc/oc.json5' })).toMatchObject({
      url: 'ws://127.0.0.1:3333',
      token: 'explicit',
    });
  });

  it('OPENCLAW_HOME moves the home the state dir is found in', () => {
    const d = discover(
      { '/srv/oc/.openclaw/openclaw.json': '{ gateway: { port: 4444, auth: { token: "srv" } } }' },
      { OPENCLAW_HOME: '/srv/oc' },
    );
    expect(d).toMatchObject({ url: 'ws://127.0.0.1:4444', token: 'srv' });
  });

  it('a profile reads ~/.openclaw-<name> and gets its own default port', () => {
    const files = { [at('.openclaw-work', 'openclaw.json')]: '{ gateway: { auth: { token: "w" } } }' };
    expect(discover(files, {}, 'work')).toMatchObject({ url: `ws://127.0.0.1:${profilePort('work')}`, token: 'w' });
    expect(discover(files, { OPENCLAW_PROFILE: 'work' })).toMatchObject({ token: 'w' });
    expect(profilePort('work')).toBeGreaterThanOrEqual(20000);
    expect(profilePort('work')).toBeLessThan(60000);
  });

  it('falls back to a legacy ~/.clawdbot/clawdbot.json only when ~/.openclaw has no config', () => {
    const legacy = { [at('.clawdbot', 'clawdbot.json')]: '{ gateway: { port: 5555 } }' };
    expect(discover(legacy)).toMatchObject({ url: 'ws://127.0.0.1:5555', configFound: true });
    expect(discover({ ...legacy, [at('.openclaw', 'openclaw.json')]: '{}' }).url).toBe('ws://127.0.0.1:18789');
  });

  it('env overrides: OPENCLAW_GATEWAY_PORT beats gateway.port; the config token beats OPENCLAW_GATEWAY_TOKEN', () => {
    const files = { [at('.openclaw', 'openclaw.json')]: '{ gateway: { port: 1000, auth: { token: "cfg" } } }' };
    const env = { OPENCLAW_GATEWAY_PORT: '127.0.0.1:2000', OPENCLAW_GATEWAY_TOKEN: 'env' };
    expect(discover(files, env)).toMatchObject({ url: 'ws://127.0.0.1:2000', token: 'cfg' });
    expect(discover({}, env)).toMatchObject({ token: 'env', tokenFrom: 'OPENCLAW_GATEWAY_TOKEN' });
    expect(discover({}, { OPENCLAW_GATEWAY_PORT: 'nope' }).url).toBe('ws://127.0.0.1:18789');
  });

  it('resolves ${VAR}, $VAR and env SecretRefs from the shell, <state dir>/.env and env.vars, in that order', () => {
    const cfg = (token: string) => ({
      [at('.openclaw', 'openclaw.json')]:
        `{ env: { vars: { FROM_VARS: "v", SHARED: "vars" } }, gateway: { auth: { token: ${token} } } }`,
      [at('.openclaw', '.env')]: 'export FROM_DOTENV="d"\nSHARED=dotenv # comment\n',
    });
    expect(discover(cfg('"${FROM_DOTENV}"')).token).toBe('d');
    expect(discover(cfg('"$FROM_VARS"')).token).toBe('v');
    expect(discover(cfg('"${SHARED}"')).token).toBe('dotenv');
    expect(discover(cfg('"${SHARED}"'), { SHARED: 'shell' }).token).toBe('shell');
    expect(discover(cfg('{ source: "env", provider: "default", id: "FROM_VARS" }'))).toMatchObject({
      token: 'v',
      tokenFrom: 'gateway.auth.token (env FROM_VARS)',
    });
    expect(discover(cfg('"pre-${FROM_VARS}-$${LITERAL}"')).token).toBe('pre-v-${LITERAL}');
  });

  it('a token it cannot resolve is a problem in words, never a made-up token', () => {
    const cfg = (token: string) => ({
      [at('.openclaw', 'openclaw.json')]: `{ gateway: { auth: { token: ${token} } } }`,
    });
    const missing = discover(cfg('"${NOT_SET}"'));
    expect(missing.token).toBeUndefined();
    expect(missing.problem).toBe('gateway.auth.token names ${NOT_SET}, which is not set');
    const fileRef = discover(cfg('{ source: "file", provider: "vault", id: "/gateway/token" }'));
    expect(fileRef.token).toBeUndefined();
    expect(fileRef.problem).toBe('gateway.auth.token is a file secret reference');
    // The env token still works, with the reason it was used.
    const withEnv = discover(cfg('"${NOT_SET}"'), { OPENCLAW_GATEWAY_TOKEN: 'env' });
    expect(withEnv.token).toBe('env');
    expect(withEnv.problem).toBeUndefined();
    expect(withEnv.notes).toContain(
      'gateway.auth.token names ${NOT_SET}, which is not set; using OPENCLAW_GATEWAY_TOKEN',
    );
  });

  it('password mode (explicit, implied by a password, or by OPENCLAW_GATEWAY_PASSWORD) carries no token', () => {
    const cfg = (auth: string) => ({ [at('.openclaw', 'openclaw.json')]: `{ gateway: { auth: ${auth} } }` });
    expect(discover(cfg('{ mode: "password", password: "pw", token: "t" }'))).toMatchObject({ auth: 'password' });
    expect(discover(cfg('{ mode: "password", token: "t" }')).token).toBeUndefined();
    expect(discover(cfg('{ password: "pw" }')).auth).toBe('password');
    expect(discover(cfg('{ password: "${PW}" }')).auth).toBe('token');
    const envPassword = discover({}, { OPENCLAW_GATEWAY_PASSWORD: 'pw', OPENCLAW_GATEWAY_TOKEN: 't' });
    expect(envPassword.auth).toBe('password');
    expect(envPassword.token).toBeUndefined();
    const none = discover(cfg('{ mode: "none" }'), { OPENCLAW_GATEWAY_TOKEN: 't' });
    expect(none.auth).toBe('none');
    expect(none.token).toBeUndefined();
    expect(discover(cfg('{ mode: "trusted-proxy" }')).auth).toBe('trusted-proxy');
  });

  it('gateway.tls.enabled means wss://; remote mode uses gateway.remote.url and its token', () => {
    const tls = { [at('.openclaw', 'openclaw.json')]: '{ gateway: { port: 8443, tls: { enabled: true } } }' };
    expect(discover(tls).url).toBe('wss://127.0.0.1:8443');
    const remote = {
      [at('.openclaw', 'openclaw.json')]:
        '{ gateway: { mode: "remote", auth: { token: "local" }, remote: { url: "wss://gw.example.com", token: "far" } } }',
    };
    expect(discover(remote)).toMatchObject({ url: 'wss://gw.example.com', token: 'far', remote: true });
  });

  it('a config that does not parse is reported, and the defaults are used', () => {
    const d = discover({ [at('.openclaw', 'openclaw.json')]: '{ gateway: ' });
    expect(d.url).toBe('ws://127.0.0.1:18789');
    expect(d.problem).toMatch(/openclaw\.json is not valid JSON5/);
  });
});
