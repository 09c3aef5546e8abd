import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// The app is served from the built dist/ (npm run test:e2e builds it first) by scripts/serve.mjs.
const appPort = Number(process.env.CLAWSCOPE_E2E_APP_PORT ?? 5190);
const appOrigin = `http://127.0.0.1:${appPort}`;

// Debian's chromium (apt-get install chromium); CLAWSCOPE_CHROMIUM overrides, and without either
// Playwright's own browser is used (needs `npx playwright install chromium`).
const chromium =
  process.env.CLAWSCOPE_CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // One worker: every spec talks to real gateways (a gateway takes ~1 CPU while starting; the CI box has 2 cores).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    baseURL: appOrigin,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // `exec` so the server's parent is the runner itself: --exit-with-parent then stops it if the run is killed.
    command: `exec node scripts/serve.mjs --dir dist --host 127.0.0.1 --port ${appPort} --strict-port --exit-with-parent`,
    url: `${appOrigin}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
