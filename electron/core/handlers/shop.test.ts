import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxShop, type SandboxShop } from '../../sandbox-shop/server';
import { createFakeSafeStorage, createMemoryFs, type MemoryFs } from '../ports/fake-secret-store';
import type { SecretStorePort } from '../ports/secret-store';
import type { ShopCredentials } from '../services/shop/provisioning';
import { createShopCredentialStore } from '../services/shop/secrets';
import { createDefaultShopService } from '../services/shop/service';
import { createDispatch } from './dispatch';
import { createShopHandlers } from './shop';
import type { Handlers, Logger } from './types';

const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const PATH = '/userdata/shop-secrets.bin';

const shops: SandboxShop[] = [];
afterEach(async () => {
  await Promise.all(shops.splice(0).map((s) => s.close()));
});

/** Two shops on 127.0.0.1: the one the seller connects, and the embedded practice shop. */
async function twoShops() {
  const real = await startSandboxShop({ port: 0, orderCount: 5 });
  const practice = await startSandboxShop({ port: 0, orderCount: 5 });
  shops.push(real, practice);
  return { real, practice };
}

function credsOf(s: SandboxShop): ShopCredentials {
  return {
    baseUrl: s.baseUrl,
    appKey: s.credentials.appKey,
    appSecret: s.credentials.appSecret,
    accessToken: s.credentials.accessToken,
    shopCipher: s.credentials.shopCipher,
  };
}

function station(opts: { secrets: SecretStorePort | null; practice: SandboxShop }) {
  const service = createDefaultShopService();
  service.connect(credsOf(opts.practice), 'practice');
  const modes: boolean[] = [];
  const handlers = createShopHandlers(service, {
    secrets: opts.secrets,
    practiceShop: async () => credsOf(opts.practice),
    onModeChange: (p) => modes.push(p),
  }) as unknown as Handlers;
  return { dispatch: createDispatch(handlers, silentLog), service, modes };
}

function keychainStore(fs: MemoryFs, backend: string | null = 'gnome_libsecret') {
  return createShopCredentialStore({
    safeStorage: createFakeSafeStorage(backend),
    fs,
    path: PATH,
    dirname,
  });
}

/** The form as the renderer sends it; every secret is a distinctive string. */
function form(real: SandboxShop) {
  return {
    baseUrl: real.baseUrl,
    appKey: real.credentials.appKey,
    appSecret: real.credentials.appSecret,
    accessToken: real.credentials.accessToken,
    refreshToken: 'TTP_refresh_secret_3f9d',
    shopCipher: real.credentials.shopCipher,
  };
}

function secretsOf(f: ReturnType<typeof form>): string[] {
  return [f.appSecret, f.accessToken, f.refreshToken];
}

describe('shop.connect / shop.disconnect', () => {
  it('stores encrypted, connects, and answers with a status that holds no secret', async () => {
    const { real, practice } = await twoShops();
    const fs = createMemoryFs();
    const store = keychainStore(fs);
    const { dispatch, modes } = station({ secrets: store, practice });
    const f = form(real);

    const connected = await dispatch('shop.connect', f);
    expect(connected.ok).toBe(true);
    const status = await dispatch('shop.status', {});
    // The same snapshot as shop.status, in connected mode on the shop's host.
    expect(connected.ok && connected.value).toEqual(status.ok && status.value);
    expect(connected.ok && connected.value).toMatchObject({
      mode: 'connected',
      host: new URL(real.baseUrl).host,
    });
    expect(modes).toEqual([false]);

    // The service really signs with the new credentials: the connected shop (which has its own
    // app secret and token) accepts them, so Test connection succeeds against it.
    const test = await dispatch('shop.testConnection', {});
    expect(test).toMatchObject({ ok: true, value: { result: 'ok' } });

    // Nothing secret comes back, and the file on disk holds no plaintext.
    const answers = JSON.stringify([connected, status, test, await dispatch('shop.status', {})]);
    for (const secret of secretsOf(f)) {
      expect(answers).not.toContain(secret);
      for (const w of fs.writes) expect(w.data.toString('latin1')).not.toContain(secret);
    }
    expect([...fs.files.keys()]).toEqual([PATH]);
    // The next start reads the same connection back from the sealed file.
    expect(await store.load()).toEqual({ ok: true, value: f });
  });

  it('refuses the basic_text backend, writes nothing and points at the environment variables', async () => {
    const { real, practice } = await twoShops();
    const fs = createMemoryFs();
    const { dispatch, service } = station({ secrets: keychainStore(fs, 'basic_text'), practice });
    const f = form(real);
    const r = await dispatch('shop.connect', f);
    expect(r.ok ? null : r.error.code).toBe('secure-storage-unavailable');
    expect(r.ok ? '' : r.error.message).toMatch(/basic_text/);
    expect(r.ok ? '' : r.error.message).toMatch(/PACKBENCH_APP_SECRET/);
    expect(fs.writes).toEqual([]);
    expect(fs.files.size).toBe(0);
    expect(service.status().mode).toBe('practice');
    for (const secret of secretsOf(f)) expect(JSON.stringify(r)).not.toContain(secret);
  });

  it('answers secure-storage-unavailable where the host has no secret store (web host)', async () => {
    const { real, practice } = await twoShops();
    const { dispatch, service } = station({ secrets: null, practice });
    const r = await dispatch('shop.connect', form(real));
    expect(r.ok ? null : r.error.code).toBe('secure-storage-unavailable');
    expect(r.ok ? '' : r.error.message).toMatch(/environment variables/);
    expect(service.status()).toMatchObject({
      mode: 'practice',
      host: new URL(practice.baseUrl).host,
    });
  });

  it('rejects invalid credentials by field, without echoing values, and stores nothing', async () => {
    const { real, practice } = await twoShops();
    const fs = createMemoryFs();
    const { dispatch } = station({ secrets: keychainStore(fs), practice });
    const f = { ...form(real), baseUrl: 'http://shop.example.com' };
    const r = await dispatch('shop.connect', f);
    expect(r.ok ? null : r.error.code).toBe('invalid-credentials');
    expect(r.ok ? '' : r.error.message).toMatch(/baseUrl/);
    for (const secret of secretsOf(f)) expect(JSON.stringify(r)).not.toContain(secret);
    expect(fs.writes).toEqual([]);

    // An empty secret is refused by the contract before the handler runs.
    const empty = await dispatch('shop.connect', { ...form(real), appSecret: '  ' });
    expect(empty.ok ? null : empty.error.code).toBe('invalid-args');
  });

  it('uses the official API host when a region is chosen instead of an address', async () => {
    const { real, practice } = await twoShops();
    const { dispatch } = station({ secrets: keychainStore(createMemoryFs()), practice });
    const { baseUrl: _unused, ...rest } = form(real);
    const r = await dispatch('shop.connect', { ...rest, region: 'global' });
    expect(r).toMatchObject({ ok: true, value: { host: 'open-api.tiktokglobalshop.com' } });
  });

  it('disconnect forgets the stored credentials and returns to the practice shop', async () => {
    const { real, practice } = await twoShops();
    const fs = createMemoryFs();
    const store = keychainStore(fs);
    const { dispatch, modes } = station({ secrets: store, practice });
    await dispatch('shop.connect', form(real));
    const r = await dispatch('shop.disconnect', {});
    expect(r.ok && r.value).toMatchObject({
      mode: 'practice',
      host: new URL(practice.baseUrl).host,
    });
    expect(fs.files.size).toBe(0);
    expect(await store.load()).toEqual({ ok: true, value: null });
    expect(modes).toEqual([false, true]);
    const test = await dispatch('shop.testConnection', {});
    expect(test).toMatchObject({ ok: true, value: { result: 'ok' } });
  });
});
