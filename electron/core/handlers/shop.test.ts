import { dirname } from 'node:path';
import type { OkOf } from '#shared/bridge/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxShop, type SandboxShop } from '../../sandbox-shop/server';
import { createFakeSafeStorage, createMemoryFs, type MemoryFs } from '../ports/fake-secret-store';
import type { SecretStorePort } from '../ports/secret-store';
import type { ShopCredentials } from '../services/shop/provisioning';
import { createShopCredentialStore } from '../services/shop/secrets';
import { createDefaultShopService, createShopService } from '../services/shop/service';
import { findPracticeOrder, sellerUs, T0 } from '../../sandbox-shop/test-support';
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

/* ---------------- seller-shipping writes: mark shipped, tracking correction ---------------- */

const USPS_ID = '7117858858072016686';
const UPS_ID = '7117859084333745966';

/** A station on one sandbox shop with a movable clock; sleeps are recorded, never waited. */
async function sellerStation() {
  const clock = { ms: T0 };
  const shop = await startSandboxShop({ port: 0, orderCount: 60, now: () => clock.ms });
  shops.push(shop);
  const sleeps: number[] = [];
  const service = createShopService({
    fetch: (url, init) => fetch(url, init),
    now: () => clock.ms,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timeoutMs: 2000,
  });
  service.connect(credsOf(shop), 'practice');
  const dispatch = createDispatch(createShopHandlers(service) as unknown as Handlers, silentLog);
  return { shop, dispatch, clock, sleeps };
}

describe('shop.markShipped / shop.updateShippingInfo', () => {
  it('marks a seller-shipped order shipped with its tracking, once; a repeat is already-done', async () => {
    const { shop, dispatch } = await sellerStation();
    const o = findPracticeOrder(60, sellerUs);
    const args = {
      orderId: o.id,
      trackingNumber: 'PBMARK00001',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'mark-1',
    };
    const first = await dispatch('shop.markShipped', args);
    expect(first).toEqual({
      ok: true,
      value: { packageId: o.packages?.[0]?.id ?? null, warning: null },
    });
    const again = await dispatch('shop.markShipped', args);
    expect(again.ok ? null : again.error.code).toBe('already-done');
    expect(again.ok ? '' : again.error.message).toMatch(/^already-shipped: .*\(code \d+\)$/);
    const writes = shop.admin.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      kind: 'mark-package-shipped',
      orderId: o.id,
      trackingNumber: 'PBMARK00001',
      idempotencyKey: 'mark-1',
    });
  });

  it('refuses a platform-logistics order with the shop code, as a permanent error', async () => {
    const { shop, dispatch } = await sellerStation();
    const o = findPracticeOrder(
      60,
      (x) => x.shipping_type === 'TIKTOK' && x.status === 'AWAITING_SHIPMENT',
    );
    const r = await dispatch('shop.markShipped', {
      orderId: o.id,
      trackingNumber: 'PBMARK00002',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'mark-2',
    });
    expect(r.ok ? null : r.error.code).toBe('permanent');
    expect(r.ok ? '' : r.error.message).toMatch(/\(code 21011004\)$/);
    expect(shop.admin.writes()).toEqual([]);
  });

  it('corrects tracking once at order scope; the second correction is refused (update window)', async () => {
    const { shop, dispatch } = await sellerStation();
    const o = findPracticeOrder(60, sellerUs);
    const shipped = await dispatch('shop.markShipped', {
      orderId: o.id,
      trackingNumber: 'PBFIX000001',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'ship-fix',
    });
    expect(shipped.ok).toBe(true);
    const fix = await dispatch('shop.updateShippingInfo', {
      scope: 'order',
      orderId: o.id,
      trackingNumber: 'PBFIX000002',
      shippingProviderId: UPS_ID,
      idempotencyKey: 'fix-1',
    });
    expect(fix).toEqual({ ok: true, value: null });
    const second = await dispatch('shop.updateShippingInfo', {
      scope: 'order',
      orderId: o.id,
      trackingNumber: 'PBFIX000003',
      shippingProviderId: UPS_ID,
      idempotencyKey: 'fix-2',
    });
    expect(second.ok ? null : second.error).toEqual({
      code: 'permanent',
      message: 'update-window: Shipping info can only be updated once. (code 21011051)',
    });
    const updates = shop.admin.writes().filter((w) => w.kind === 'update-shipping-info');
    expect(updates).toEqual([
      expect.objectContaining({
        orderId: o.id,
        trackingNumber: 'PBFIX000002',
        shippingProviderId: UPS_ID,
        idempotencyKey: 'fix-1',
      }),
    ]);
    const read = await dispatch('shop.getOrders', { ids: [o.id] });
    const page = read.ok ? (read.value as OkOf<'shop.getOrders'>) : null;
    const lines = page?.orders[0]?.line_items ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((li) => li.tracking_number)).toEqual(lines.map(() => 'PBFIX000002'));
  });

  it('corrects at package scope, and refuses an unshipped package', async () => {
    const { shop, dispatch } = await sellerStation();
    const [a, b] = [findPracticeOrder(60, sellerUs, 0), findPracticeOrder(60, sellerUs, 1)];
    const packageA = a.packages?.[0]?.id ?? '';
    const packageB = b.packages?.[0]?.id ?? '';
    const ship = await dispatch('shop.shipPackage', {
      packageId: packageA,
      selfShipment: { trackingNumber: 'PBPKG000001', shippingProviderId: USPS_ID },
      idempotencyKey: 'ship-a',
    });
    expect(ship.ok).toBe(true);
    const fix = await dispatch('shop.updateShippingInfo', {
      scope: 'package',
      packageId: packageA,
      trackingNumber: 'PBPKG000002',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'fix-a',
    });
    expect(fix).toEqual({ ok: true, value: null });
    const pkg = await dispatch('shop.getPackage', { packageId: packageA });
    expect(pkg.ok && (pkg.value as OkOf<'shop.getPackage'>).tracking_number).toBe('PBPKG000002');
    const early = await dispatch('shop.updateShippingInfo', {
      scope: 'package',
      packageId: packageB,
      trackingNumber: 'PBPKG000003',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'fix-b',
    });
    expect(early.ok ? '' : early.error.message).toMatch(/\(code 21011030\)$/);
    expect(shop.admin.writes().map((w) => w.idempotencyKey)).toEqual(['ship-a', 'fix-a']);
  });

  it('checks arguments with the contract: strict objects, a scope, digits-only ids', async () => {
    const { shop, dispatch } = await sellerStation();
    const base = {
      trackingNumber: 'PBARGS00001',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'args',
    };
    const cases = [
      ['shop.updateShippingInfo', { ...base, orderId: '123456789' }],
      ['shop.updateShippingInfo', { ...base, scope: 'order', packageId: '123456789' }],
      ['shop.updateShippingInfo', { ...base, scope: 'order', orderId: 'abc' }],
      ['shop.markShipped', { ...base, orderId: '123456789', extra: true }],
      ['shop.markShipped', { ...base, orderId: '123456789', orderLineItemIds: [] }],
      ['shop.markShipped', { ...base, orderId: '123456789', idempotencyKey: '' }],
    ] as const;
    for (const [method, args] of cases) {
      const r = await dispatch(method, args);
      expect(r.ok ? null : r.error.code, JSON.stringify(args)).toBe('invalid-args');
    }
    expect(shop.admin.writes()).toEqual([]);
  });

  it('a rate limit that outlasts the retries carries the shop’s Retry-After', async () => {
    const { shop, dispatch, sleeps } = await sellerStation();
    const o = findPracticeOrder(60, sellerUs);
    shop.admin.faults.set({
      rules: [
        { kind: 'http-429', path: '/shipping_info/update', times: 0, retryAfterSeconds: 7 },
        { kind: 'http-429', path: `/orders/${o.id}/packages`, times: 0 },
      ],
    });
    const limited = await dispatch('shop.updateShippingInfo', {
      scope: 'order',
      orderId: o.id,
      trackingNumber: 'PBRATE00001',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'rate-1',
    });
    expect(limited.ok ? null : limited.error).toMatchObject({
      code: 'rate-limited',
      retryAfterMs: 7000,
    });
    // The host honoured it between its own attempts before giving up.
    expect(sleeps.length).toBeGreaterThan(0);
    expect(new Set(sleeps)).toEqual(new Set([7000]));

    // The sandbox's own default Retry-After (1 s) comes through the same way.
    const other = await dispatch('shop.markShipped', {
      orderId: o.id,
      trackingNumber: 'PBRATE00002',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'rate-2',
    });
    expect(other.ok ? null : other.error).toMatchObject({
      code: 'rate-limited',
      retryAfterMs: 1000,
    });
    expect(shop.admin.writes()).toEqual([]);
  });
});

describe('rate-limited without Retry-After', () => {
  it('has no retryAfterMs at all (not a made-up number)', async () => {
    // A 429 without the header, at the process edge: the client's fetch.
    const service = createShopService({
      fetch: async () =>
        new Response(JSON.stringify({ code: 36009002, message: 'Too many requests.' }), {
          status: 429,
          headers: { 'content-type': 'application/json' },
        }),
      now: () => T0,
      random: () => 0.5,
      sleep: async () => {},
      timeoutMs: 2000,
    });
    service.connect(
      {
        baseUrl: 'http://127.0.0.1:9',
        appKey: 'k',
        appSecret: 's',
        accessToken: 't',
        shopCipher: 'c',
      },
      'practice',
    );
    const dispatch = createDispatch(createShopHandlers(service) as unknown as Handlers, silentLog);
    const r = await dispatch('shop.updateShippingInfo', {
      scope: 'package',
      packageId: '1152921504606846976',
      trackingNumber: 'PBRATE00003',
      shippingProviderId: USPS_ID,
      idempotencyKey: 'rate-3',
    });
    expect(r.ok ? null : r.error.code).toBe('rate-limited');
    expect(r.ok ? true : 'retryAfterMs' in r.error).toBe(false);
  });
});
