/**
 * `npm run sandbox`: the sandbox shop on its own. Port from SANDBOX_PORT (default 4318); prints
 * the base URL, credentials and admin token, one per line, and runs until stopped.
 */
import { startSandboxShop } from './server';

export const DEFAULT_SANDBOX_PORT = 4318;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}

async function main(): Promise<void> {
  const port = intFromEnv('SANDBOX_PORT', DEFAULT_SANDBOX_PORT, 0, 65535);
  const orderCount = intFromEnv('SANDBOX_ORDERS', 500, 1, 1_000_000);
  const rate = intFromEnv('SANDBOX_RATE_LIMIT', 0, 0, 100_000);
  const shop = await startSandboxShop({
    port,
    orderCount,
    faults: { rateLimitPerSecond: rate },
    ...(process.env.PACKBENCH_APP_KEY ? { appKey: process.env.PACKBENCH_APP_KEY } : {}),
    ...(process.env.PACKBENCH_APP_SECRET ? { appSecret: process.env.PACKBENCH_APP_SECRET } : {}),
    ...(process.env.PACKBENCH_ACCESS_TOKEN
      ? { accessToken: process.env.PACKBENCH_ACCESS_TOKEN }
      : {}),
    ...(process.env.PACKBENCH_SHOP_CIPHER ? { shopCipher: process.env.PACKBENCH_SHOP_CIPHER } : {}),
  });
  const c = shop.credentials;
  const lines = [
    'Packbench sandbox shop (practice data, not a real TikTok Shop)',
    `PACKBENCH_SHOP_BASE_URL=${shop.baseUrl}`,
    `PACKBENCH_APP_KEY=${c.appKey}`,
    `PACKBENCH_APP_SECRET=${c.appSecret}`,
    `PACKBENCH_ACCESS_TOKEN=${c.accessToken}`,
    `PACKBENCH_SHOP_CIPHER=${c.shopCipher}`,
    `SANDBOX_REFRESH_TOKEN=${c.refreshToken}`,
    `SANDBOX_ADMIN_TOKEN=${c.adminToken}`,
    `orders: ${orderCount}; admin: ${shop.baseUrl}/__admin/writes (header x-admin-token)`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = () => {
    void shop.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((cause: unknown) => {
  const code = (cause as { code?: string }).code;
  process.stderr.write(
    code === 'EADDRINUSE'
      ? 'The sandbox port is in use: is another sandbox shop running? Set SANDBOX_PORT.\n'
      : `${cause instanceof Error ? cause.message : String(cause)}\n`,
  );
  process.exit(1);
});
