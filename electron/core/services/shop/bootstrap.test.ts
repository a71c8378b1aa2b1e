import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../handlers/types';
import { createFakeSafeStorage, createMemoryFs } from '../../ports/fake-secret-store';
import { startShopConnection, type ShopConnection } from './bootstrap';
import { createShopCredentialStore } from './secrets';

const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const noFile = () => Promise.reject(new Error('no config file'));
const STORED = {
  baseUrl: 'https://open-api.tiktokglobalshop.com',
  appKey: 'stored-key',
  appSecret: 'stored-secret',
  accessToken: 'stored-token',
  shopCipher: 'stored-cipher',
};

const open: ShopConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function storeWith(backend = 'kwallet5') {
  return createShopCredentialStore({
    safeStorage: createFakeSafeStorage(backend),
    fs: createMemoryFs(),
    path: '/u/shop-secrets.bin',
    dirname,
  });
}

describe('startShopConnection', () => {
  it('connects to stored credentials when nothing is provisioned (no practice shop started)', async () => {
    const secrets = storeWith();
    await secrets.save(STORED);
    const c = await startShopConnection({ env: {}, readFile: noFile, log: silentLog, secrets });
    open.push(c);
    expect(c.source).toBe('stored');
    expect(c.practice).toBe(false);
    expect(c.sandbox).toBeNull();
    expect(c.service.status()).toMatchObject({
      mode: 'connected',
      host: 'open-api.tiktokglobalshop.com',
    });
    // Back to practice starts the embedded shop on demand.
    const practice = await c.practiceCredentials();
    expect(new URL(practice.baseUrl).hostname).toBe('127.0.0.1');
    expect(c.sandbox).not.toBeNull();
  });

  it('prefers environment provisioning over stored credentials', async () => {
    const secrets = storeWith();
    await secrets.save(STORED);
    const env = {
      PACKBENCH_SHOP_BASE_URL: 'https://shop.example.com',
      PACKBENCH_APP_KEY: 'k',
      PACKBENCH_APP_SECRET: 's',
      PACKBENCH_ACCESS_TOKEN: 't',
      PACKBENCH_SHOP_CIPHER: 'c',
    };
    const c = await startShopConnection({ env, readFile: noFile, log: silentLog, secrets });
    open.push(c);
    expect(c.source).toBe('provisioned');
    expect(c.service.status().host).toBe('shop.example.com');
  });

  it('starts the practice shop when nothing is stored, or the store cannot be read', async () => {
    const empty = await startShopConnection({
      env: {},
      readFile: noFile,
      log: silentLog,
      secrets: storeWith(),
    });
    open.push(empty);
    expect(empty.source).toBe('practice');
    expect(empty.service.status().mode).toBe('practice');

    // Sealed under another keychain (another account): practice mode, logged.
    const fs = createMemoryFs();
    const path = '/u/shop-secrets.bin';
    const first = createShopCredentialStore({
      safeStorage: createFakeSafeStorage('kwallet5'),
      fs,
      path,
      dirname,
    });
    await first.save(STORED);
    const warnings: string[] = [];
    const other = await startShopConnection({
      env: {},
      readFile: noFile,
      log: { ...silentLog, warn: (m) => warnings.push(m) },
      secrets: createShopCredentialStore({
        safeStorage: createFakeSafeStorage('kwallet5'),
        fs,
        path,
        dirname,
      }),
    });
    open.push(other);
    expect(other.source).toBe('practice');
    expect(warnings.join('\n')).toMatch(/stored credentials not usable/);
  });
});
