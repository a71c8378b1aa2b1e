/**
 * `npm run web`: the whole station in browser mode. Serves the built renderer and the bridge on
 * http://127.0.0.1:<PORT>/ (default 4317) and prints the URL on a line of its own.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatch } from '../core/handlers/dispatch';
import { createHandlers } from '../core/handlers/index';
import { createLogger } from '../core/services/logger';
import { startShopConnection } from '../core/services/shop/bootstrap';
import { DEFAULT_PORT, startWebHost } from './server';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function dataDirFromEnv(): string {
  if (process.env.PACKBENCH_DATA_DIR) return process.env.PACKBENCH_DATA_DIR;
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'packbench');
}

function portFromEnv(): number {
  const raw = process.env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  }
  return port;
}

/** Test and demo knobs for the embedded practice shop (see README). */
function sandboxOptionsFromEnv() {
  const env = process.env;
  const num = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
    return n;
  };
  const port = num('PACKBENCH_SANDBOX_PORT');
  const orders = num('PACKBENCH_PRACTICE_ORDERS');
  const rate = num('PACKBENCH_SANDBOX_RATE_LIMIT');
  return {
    ...(port !== undefined ? { port } : {}),
    ...(orders !== undefined ? { orderCount: orders } : {}),
    ...(env.PACKBENCH_SANDBOX_ADMIN_TOKEN ? { adminToken: env.PACKBENCH_SANDBOX_ADMIN_TOKEN } : {}),
    ...(rate !== undefined ? { faults: { rateLimitPerSecond: rate } } : {}),
  };
}

async function main() {
  const level = process.env.PACKBENCH_LOG;
  const log = createLogger({
    level: level === 'debug' || level === 'warn' || level === 'error' ? level : 'info',
  });
  const dataDir = dataDirFromEnv();
  const port = portFromEnv();
  const version = process.env.npm_package_version ?? '0.0.0';
  const shop = await startShopConnection({
    env: process.env,
    readFile: (p) => readFile(p, 'utf8'),
    log,
    sandbox: sandboxOptionsFromEnv(),
  });
  const dispatch = createDispatch(
    createHandlers({
      dataDir,
      log,
      shop: shop.service,
      // No secrets store: browser mode has no keychain, so Settings › Connect answers
      // secure-storage-unavailable and points at the environment variables.
      practiceShop: () => shop.practiceCredentials(),
      info: {
        appName: 'Packbench',
        version,
        host: 'web',
        practice: shop.practice,
        platform: process.platform,
        dataDir,
      },
    }),
    log,
  );
  const host = await startWebHost({
    port,
    rendererDir: process.env.PACKBENCH_RENDERER_DIR ?? join(repoRoot, 'out', 'renderer'),
    dispatch,
    log,
  }).catch((cause: unknown) => {
    const code = (cause as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} is in use: is another Packbench already running? Open it, or set PORT.`,
      );
    }
    throw cause;
  });
  if (port !== DEFAULT_PORT) {
    process.stderr.write(
      `Note: the browser keeps station data per address. Port ${host.port} is a different ` +
        `station database from the default port ${DEFAULT_PORT}.\n`,
    );
  }
  process.stdout.write(`Packbench is running in browser mode. Open:\n${host.url}\n`);
  if (shop.sandbox) {
    process.stderr.write(`Practice shop (sandbox) at ${shop.sandbox.baseUrl}\n`);
  }
  const stop = () => {
    void Promise.all([host.close(), shop.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((cause: unknown) => {
  process.stderr.write(
    `packbench web: ${cause instanceof Error ? cause.message : String(cause)}\n`,
  );
  process.exit(1);
});
