/**
 * Starts the whole station in browser mode for benchmarks: the web host in this process (serving
 * out/renderer) and Debian's Chromium on a persistent on-disk profile, as a bench PC has.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createDispatch } from '../../electron/core/handlers/dispatch';
import { createHandlers } from '../../electron/core/handlers/index';
import { createLogger } from '../../electron/core/services/logger';
import {
  startShopConnection,
  type ShopConnection,
} from '../../electron/core/services/shop/bootstrap';
import type { SandboxOptions } from '../../electron/sandbox-shop/server';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/env';

const root = join(import.meta.dirname, '../..');

export interface StationOptions {
  /**
   * The practice shop embedded in the bench's web host, as `npm run web` embeds it (first start
   * pulls its orders). For example `{ orderCount: 5000, faults: { rateLimitPerSecond: 5 } }`.
   */
  sandbox?: SandboxOptions;
}

export interface Station {
  host: WebHost;
  /** The embedded practice shop (admin API at `shop.sandbox.baseUrl`). */
  shop: ShopConnection;
  profileDir: string;
  dataDir: string;
  launch(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startStation(opts: StationOptions = {}): Promise<Station> {
  const base = await mkdtemp(join(tmpdir(), 'packbench-bench-'));
  const dataDir = join(base, 'data');
  const profileDir = join(base, 'profile');
  const log = createLogger({ level: 'warn' });
  // An empty environment: the bench always runs the practice shop, never a provisioned one.
  const shop = await startShopConnection({
    env: {},
    readFile: () => Promise.reject(new Error('no config file in the bench')),
    log,
    sandbox: opts.sandbox ?? {},
  });
  const dispatch = createDispatch(
    createHandlers({
      dataDir,
      log,
      shop: shop.service,
      info: {
        appName: 'Packbench',
        version: '0.0.0-bench',
        host: 'web',
        practice: true,
        platform: process.platform,
        dataDir,
      },
    }),
    log,
  );
  const host = await startWebHost({
    port: 0,
    rendererDir: process.env.PACKBENCH_RENDERER_DIR ?? join(root, 'out', 'renderer'),
    dispatch,
    log,
  });
  let context: BrowserContext | null = null;
  return {
    host,
    shop,
    profileDir,
    dataDir,
    async launch() {
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
        headless: true,
        viewport: { width: 1600, height: 900 },
      });
      // tsx keeps function names by wrapping them in __name(); functions we send to the page
      // through page.evaluate carry that call, so the page needs a no-op __name.
      await context.addInitScript('globalThis.__name ??= (f) => f;');
      const page = context.pages()[0] ?? (await context.newPage());
      return { context, page };
    },
    async close() {
      await context?.close().catch(() => undefined);
      await host.close();
      await shop.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}
