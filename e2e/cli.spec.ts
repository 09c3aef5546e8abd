import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../sandbox/launcher.mjs';
import { connectionState, startExtraGateway, type SandboxGateway } from './gateway';

/**
 * The clawscope command as a user gets it: `npm pack` here, `npm install -g` of that tarball into an empty
 * prefix (offline: the server's dependencies ship inside it), then `clawscope` with a HOME whose OpenClaw config
 * names a real sandbox gateway. The URL it prints must connect with the token it found there.
 */
const ROOT = REPO_ROOT;
let tmp = '';
let bin = '';
let gw: SandboxGateway | null = null;
const running: ChildProcess[] = [];

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A HOME with ~/.openclaw/openclaw.json as given (JSON5, like the real one). */
function home(name: string, config: string) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(path.join(dir, '.openclaw'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.openclaw', 'openclaw.json'), config);
  return dir;
}

/** Run the installed clawscope; resolves with everything it printed up to "Press Ctrl-C" (it keeps serving). */
function clawscope(homeDir: string): Promise<{ url: string; out: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENCLAW_|npm_)/i.test(k)));
  const child = spawn(bin, ['--port', '0'], { env: { ...env, HOME: homeDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = /^clawscope: (http:\/\/\S+)$/m.exec(out)?.[1];
      if (url && out.includes('Press Ctrl-C')) resolve({ url, out });
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('exit', (code) => reject(new Error(`clawscope exited (${code}) before printing a URL:\n${out}`)));
  });
}

test.describe('the clawscope command', () => {
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clawscope-cli-'));
    // prepack builds only if dist/ is older than its sources (npm run test:e2e has just built it).
    const tarball = npm(['pack', '--pack-destination', tmp], ROOT).trim().split('\n').pop()!;
    npm(['install', '-g', '--offline', '--prefix', path.join(tmp, 'prefix'), path.join(tmp, tarball)], tmp);
    bin = path.join(tmp, 'prefix', 'bin', 'clawscope');
    expect(fs.existsSync(bin)).toBe(true);
    gw = await startExtraGateway();
  });

  test.afterAll(async () => {
    for (const child of running) child.kill('SIGTERM');
    await gw?.stop({ removeState: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('finds the gateway and its token in ~/.openclaw/openclaw.json and prints a URL that connects', async ({
    page,
  }) => {
    const config = `{\n  // as openclaw onboard writes it\n  gateway: { mode: 'local', port: ${gw!.port}, auth: { mode: 'token', token: '${gw!.token}' } },\n}\n`;
    const { url, out } = await clawscope(home('home-token', config));
    expect(url).toContain(`?gateway=${gw!.url}#token=`);
    expect(out).toContain('(answers /healthz)');
    expect(out).toContain('Token    from gateway.auth.token');

    await page.goto(url);
    await expect(connectionState(page)).toHaveAttribute('data-state', 'limited');
    expect(page.url()).not.toContain('token='); // stripped on load
    await page.getByRole('button', { name: 'Pair this device' }).click();
    await expect(connectionState(page)).toHaveAttribute('data-state', 'full');
    // A route reloaded on the command's server is the app too (SPA fallback), still connected.
    await page.goto(new URL(`/cron${new URL(url).search}`, url).href);
    await expect(page.getByTestId('status-pill')).toHaveText(/connected/i);
  });

  test('says plainly when the gateway uses a password or has no token to find', async () => {
    const password = await clawscope(
      home('home-password', '{ gateway: { auth: { mode: "password", password: "pw" } } }'),
    );
    expect(password.url).not.toContain('#token=');
    expect(password.out).toContain('this gateway uses a password (gateway.auth.mode: password)');

    const none = await clawscope(home('home-empty', '{ gateway: { port: 1 } }'));
    expect(none.url).toMatch(/\?gateway=ws:\/\/127\.0\.0\.1:1$/);
    expect(none.out).toContain(
      'Token    none found: no gateway.auth.token in the config and no OPENCLAW_GATEWAY_TOKEN',
    );
    expect(none.out).toContain('(not answering yet');
  });
});
