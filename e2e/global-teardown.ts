// Stops the shared sandbox gateway started by e2e/global-setup.ts (its state stays in .sandbox/e2e/main
// for post-mortem logs: gateway.log and logs/openclaw.log; the next run wipes it).

import type { FullConfig } from '@playwright/test';
import { reapStaleGateways, type SandboxGateway } from '../sandbox/launcher.mjs';
import { E2E_STATE_ROOT } from './gateway';

export default async function globalTeardown(_config: FullConfig): Promise<void> {
  const holder = globalThis as { __clawscopeE2EGateway?: SandboxGateway };
  const gw = holder.__clawscopeE2EGateway;
  if (gw) {
    await gw.stop({ timeoutMs: 10_000 });
    holder.__clawscopeE2EGateway = undefined;
  }
  // Anything else still running under .sandbox/e2e (the shared gateway if the handle was lost, or an extra
  // gateway a spec forgot to stop) is stopped here, by pid, after checking it is really ours.
  const reaped = await reapStaleGateways(E2E_STATE_ROOT);
  if (reaped.length)
    console.log(`[e2e] stopped ${reaped.length} sandbox gateway(s) left running: ${reaped.join(', ')}`);
}
