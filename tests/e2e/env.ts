/** Shared settings for e2e tests and benchmarks: Debian's Chromium, nothing downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const E2E_PORT = Number(process.env.PACKBENCH_E2E_PORT ?? 4411);
export const E2E_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

/** The practice shop embedded in the e2e web host, at a fixed address so tests can reach its admin API. */
export const E2E_SANDBOX_PORT = Number(process.env.PACKBENCH_E2E_SANDBOX_PORT ?? 4412);
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
export const E2E_SANDBOX_ADMIN_TOKEN = 'e2e-admin-token';
