// Starts the one shared sandbox gateway for this Playwright run (fresh state in .sandbox/e2e/main) and
// publishes its coordinates to the workers via process.env (inherited by workers) and .sandbox/e2e/gateway.json.
// The shared gateway is always the current OpenClaw (2026.9.x); specs that need 2026.3.13 start their own with
// startExtraGateway({ version: 'legacy' }).

import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { ensureSandboxInstalled, reapStaleGateways, startGateway } from '../sandbox/launcher.mjs';
import { E2E_INFO_FILE, E2E_STATE_ROOT, ENV, type E2EGateway } from './gateway';

export default async function globalSetup(_config: FullConfig): Promise<void> {
  ensureSandboxInstalled();
  // compat.spec.ts and restart.spec.ts also run OpenClaw 2026.3.13 (sandbox/legacy): fail now, with the fix, not mid-run.
  ensureSandboxInstalled('legacy');
  // A previous run that was SIGKILLed may have left gateways behind; stop them, then start from scratch.
  const reaped = await reapStaleGateways(E2E_STATE_ROOT);
  if (reaped.length) console.log(`[e2e] stopped ${reaped.length} leftover sandbox gateway(s): ${reaped.join(', ')}`);
  fs.rmSync(E2E_STATE_ROOT, { recursive: true, force: true });
  fs.mkdirSync(E2E_STATE_ROOT, { recursive: true });

  const gw = await startGateway({ stateDir: path.join(E2E_STATE_ROOT, 'main') });
  const info: E2EGateway = {
    url: gw.url,
    httpUrl: gw.httpUrl,
    token: gw.token,
    port: gw.port,
    stateDir: gw.stateDir,
    pid: gw.pid,
    version: gw.version,
  };
  fs.writeFileSync(E2E_INFO_FILE, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });

  process.env[ENV.gateway] = info.url;
  process.env[ENV.http] = info.httpUrl;
  process.env[ENV.token] = info.token;
  process.env[ENV.port] = String(info.port);
  process.env[ENV.state] = info.stateDir;
  process.env[ENV.pid] = String(info.pid);

  // Same process as global teardown: hand the handle over so teardown can stop it gracefully.
  (globalThis as { __clawscopeE2EGateway?: unknown }).__clawscopeE2EGateway = gw;
}
