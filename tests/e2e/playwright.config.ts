import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_PORT,
  E2E_SANDBOX_ADMIN_TOKEN,
  E2E_SANDBOX_PORT,
} from './env';

const dataDir = mkdtempSync(join(tmpdir(), 'packbench-e2e-'));

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI: scanner-timing tests can starve on a loaded 2-core machine. A test that
  // passes only on retry is reported as flaky in the summary line, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['json', { outputFile: join(import.meta.dirname, '../../test-results/e2e.json') }],
  ],
  outputDir: join(tmpdir(), 'packbench-e2e-results'),
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    headless: true,
    viewport: { width: 1600, height: 900 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'npx tsx electron/web-host/main.ts',
    cwd: join(import.meta.dirname, '../..'),
    env: {
      PORT: String(E2E_PORT),
      PACKBENCH_DATA_DIR: dataDir,
      PACKBENCH_LOG: 'warn',
      PACKBENCH_SANDBOX_PORT: String(E2E_SANDBOX_PORT),
      PACKBENCH_SANDBOX_ADMIN_TOKEN: E2E_SANDBOX_ADMIN_TOKEN,
    },
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  metadata: { dataDir },
  // One web host and one practice shop serve the whole run, and later specs change the shop
  // (returns deliver orders, tracking moves parcels). The first-start specs therefore run first,
  // on the shop as a new station finds it.
  projects: [
    { name: 'first-start', testMatch: /station\.spec\.ts$/ },
    { name: 'station', testIgnore: /station\.spec\.ts$/, dependencies: ['first-start'] },
  ],
});
