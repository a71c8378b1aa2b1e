/**
 * The renderer's sync path end to end, without a browser: the engine, the Dexie store (on
 * fake-indexeddb) and the bridge shop adapter, over the real bridge handlers, the real signed
 * client and the sandbox shop on 127.0.0.1 with injected faults. Checks the adapter's mapping of
 * the host's outcome classes (`already-done`, `ambiguous: timeout`, …) to engine outcomes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi } from '#shared/bridge/contract';
import { OutboxEngine, type OutboxRow } from '#shared/logic/outbox/index';
import { practiceCatalog, practiceOrder } from '#shared/logic/practice-data';
import { orderFromApi } from '#shared/logic/order-mapper';
import { ApiOrder } from '#shared/domain/api-order';
import { createDispatch } from '../../electron/core/handlers/dispatch';
import { createShopHandlers } from '../../electron/core/handlers/shop';
import { createShopService } from '../../electron/core/services/shop/service';
import { startSandboxShop, type SandboxShop } from '../../electron/sandbox-shop/server';
import { StationDb } from '../../renderer/src/data/db';
import { createDexieOutboxStore } from '../../renderer/src/data/outbox/dexie-store';
import { enqueueShipment, shippedOrder } from '../../renderer/src/data/outbox/enqueue';
import { createBridgeShop } from '../../renderer/src/features/outbox/shop-adapter';
import { createRepositories } from '../../renderer/src/data/repositories';
import { confirmTrackingCorrection } from '../../renderer/src/features/shipping/tracking-correction';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
const catalog = practiceCatalog();

let sandbox: SandboxShop | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function rig() {
  sandbox = await startSandboxShop({ orderCount: 60, now: () => NOW });
  const service = createShopService({
    fetch: (url, init) => fetch(url, init),
    now: () => NOW,
    random: () => 0.5,
    sleep: async () => {},
    timeoutMs: 400,
  });
  service.connect(
    {
      baseUrl: sandbox.baseUrl,
      appKey: sandbox.credentials.appKey,
      appSecret: sandbox.credentials.appSecret,
      accessToken: sandbox.credentials.accessToken,
      shopCipher: sandbox.credentials.shopCipher,
    },
    'practice',
  );
  const handlers = createShopHandlers(service);
  const dispatch = createDispatch(handlers as never, quiet);
  const api = buildApi(
    (method, args) => dispatch(method, args),
    () => () => {},
  );
  const db = new StationDb(`bridge-sync-${crypto.randomUUID()}`);
  await db.open();
  // The station's copy of the practice orders, as the first pull stores them.
  const orders = Array.from({ length: 60 }, (_, i) =>
    ApiOrder.parse(practiceOrder(i, { nowSeconds: Math.floor(NOW / 1000), catalog })),
  );
  await db.orders.bulkPut(
    orders.map((o) => orderFromApi(o, { practice: true, source: 'practice' })),
  );
  const store = createDexieOutboxStore(db);
  const engine = new OutboxEngine({
    store,
    shop: createBridgeShop(api.shop),
    clock: { now: () => Date.now(), sleep: async () => {} },
    random: () => 0.5,
    options: { backoff: { baseMs: 1, capMs: 5 }, ratePerSecond: 10_000, burst: 100 },
  });
  const pick = (pred: (o: ApiOrder) => boolean, skip = 0) => {
    const found = orders.filter(
      (o) => o.status === 'AWAITING_SHIPMENT' && !o.is_buyer_request_cancel && pred(o),
    )[skip];
    if (!found) throw new Error('no such practice order');
    return found;
  };
  const ship = async (o: ApiOrder, tracking?: { number: string; provider: string }) => {
    const packageId = o.packages[0]?.id ?? '';
    const r = await enqueueShipment(
      db,
      {
        orderId: o.id,
        packageId,
        expected: { statuses: ['AWAITING_SHIPMENT'] },
        intent: {
          kind: 'ship-package',
          payload: tracking
            ? {
                handoverMethod: 'DROP_OFF',
                selfShipment: {
                  trackingNumber: tracking.number,
                  shippingProviderId: tracking.provider,
                },
              }
            : { handoverMethod: 'DROP_OFF' },
        },
      },
      (order) =>
        shippedOrder(order, {
          packageId,
          trackingNumber: tracking?.number ?? null,
          shippingProviderId: tracking?.provider ?? null,
          shippingProviderName: 'X',
          now: NOW,
        }),
      { now: Date.now(), actor: { packer: 't', station: 's' } },
    );
    if (!r.ok) throw new Error(r.error.message);
    return r.value.row;
  };
  const settle = async () => {
    for (let i = 0; i < 100; i += 1) {
      const r = await engine.drain();
      if (r.stop === 'idle' && r.wakeAt === null) return;
      await new Promise((res) => setTimeout(res, 10));
    }
  };
  const writesFor = (row: OutboxRow) =>
    (sandbox?.admin.writes() ?? []).filter((w) => w.idempotencyKey === row.idempotencyKey);
  return { sandbox, api, db, store, engine, pick, ship, settle, writesFor };
}

describe('bridge shop adapter against the sandbox shop', () => {
  it('ships exactly once through 500, 503, timeout, dropped connection and malformed JSON', async () => {
    const r = await rig();
    const platform = (o: ApiOrder) => o.shipping_type === 'TIKTOK';
    const kinds = [
      'http-500',
      'http-503',
      'timeout',
      'drop-after-write',
      'malformed-json',
    ] as const;
    const rows: OutboxRow[] = [];
    const rules = [];
    for (const [i, kind] of kinds.entries()) {
      const o = r.pick(platform, i);
      rules.push({ kind, method: 'POST' as const, path: `/packages/${o.packages[0]?.id}/ship` });
      rows.push(await r.ship(o));
    }
    r.sandbox.admin.faults.set({ rules });
    await r.settle();
    for (const [i, row] of rows.entries()) {
      expect((await r.store.get(row.id))?.state, kinds[i]).toBe('done');
      expect(r.writesFor(row), kinds[i]).toHaveLength(1);
    }
    const codes = await Promise.all(
      rows.map(async (row) => (await r.store.get(row.id))?.lastError?.code),
    );
    // 500 and 503 on a write are ambiguous (read back); timeout and reset are "sent, answer lost".
    expect(codes).toEqual([
      '36009003',
      '36009003',
      'NETWORK_AFTER_SEND',
      'NETWORK_AFTER_SEND',
      'MALFORMED',
    ]);
  });

  it('parks a cancelled order, kills an invalid tracking number, and absorbs an already-shipped answer', async () => {
    const r = await rig();
    const cancelled = r.pick((o) => o.shipping_type === 'TIKTOK');
    const seller = (o: ApiOrder) =>
      o.shipping_type === 'SELLER' && o.recipient_address?.region_code === 'US';
    const bad = r.pick(seller, 0);
    const twice = r.pick(seller, 1);
    r.sandbox.admin.cancelOrder(cancelled.id);
    const cancelRow = await r.ship(cancelled);
    const badRow = await r.ship(bad, { number: 'ZZ', provider: '7117858858072016686' });
    const twiceRow = await r.ship(twice, {
      number: 'PBTWICE0001',
      provider: '7117858858072016686',
    });
    // This very intent already reached the shop (sent before a crash, before its row moved on):
    // the shop answers "already shipped", the read-back finds our number, nothing is applied twice.
    const pre = await r.api.shop.shipPackage({
      packageId: twiceRow.packageId,
      selfShipment: { trackingNumber: 'PBTWICE0001', shippingProviderId: '7117858858072016686' },
      idempotencyKey: twiceRow.idempotencyKey,
    });
    expect(pre.ok).toBe(true);
    await r.settle();
    expect((await r.store.get(cancelRow.id))?.state).toBe('conflict-cancelled');
    expect(r.writesFor(cancelRow)).toHaveLength(0);
    const dead = await r.store.get(badRow.id);
    expect(dead?.state).toBe('dead');
    expect(dead?.attempts).toBe(1);
    expect(dead?.lastError?.message).toMatch(/^invalid-tracking/);
    expect((await r.store.get(twiceRow.id))?.state).toBe('done');
    expect(r.writesFor(twiceRow)).toHaveLength(1);
    expect((await r.db.orders.get(cancelled.id))?.flags).toContain('stop-ship');
  });
});

describe('tracking corrections through the bridge', () => {
  const USPS = '7117858858072016686';
  const FEDEX = { id: '7132708441138333445', name: 'FedEx' };
  const sellerUs = (o: ApiOrder) =>
    o.shipping_type === 'SELLER' && o.recipient_address?.region_code === 'US';

  it('applies one correction exactly once; the second is refused by the shop and parked', async () => {
    const r = await rig();
    const repos = createRepositories(r.db);
    const o = r.pick(sellerUs, 0);
    const shipRow = await r.ship(o, { number: '700000000001', provider: USPS });
    await r.settle();
    expect((await r.store.get(shipRow.id))?.state).toBe('done');

    const correct = async (number: string) => {
      const order = await repos.orders.get(o.id);
      if (!order) throw new Error('order missing');
      const c = await confirmTrackingCorrection(
        repos,
        order,
        { carrier: 'fedex', provider: FEDEX, trackingNumber: number },
        { packer: 'Alice', station: 'BENCH-1' },
      );
      if (!c.ok) throw new Error(c.error.message);
      return c.value.row;
    };

    const fix = await correct('700000000002');
    expect(fix.kind).toBe('update-tracking');
    await r.settle();
    expect((await r.store.get(fix.id))?.state).toBe('done');
    expect(r.writesFor(fix)).toEqual([
      expect.objectContaining({
        kind: 'update-shipping-info',
        orderId: o.id,
        trackingNumber: '700000000002',
        shippingProviderId: FEDEX.id,
      }),
    ]);
    const upstream = await r.api.shop.getOrders({ ids: [o.id] });
    expect(upstream.ok && upstream.value.orders[0]?.line_items[0]?.tracking_number).toBe(
      '700000000002',
    );

    // Once only (G13): the shop refuses the second one; it is parked for a person, not dropped.
    const again = await correct('700000000003');
    await r.settle();
    const parked = await r.store.get(again.id);
    expect(parked?.state).toBe('conflict-window');
    expect(parked?.attempts).toBe(1);
    expect(parked?.conflict?.upstreamTrackingNumber).toBe('700000000002');
    expect(r.writesFor(again)).toEqual([]);
    const updates = r.sandbox.admin.writes().filter((w) => w.kind === 'update-shipping-info');
    expect(updates).toHaveLength(1);
  });

  it('a rate limit the host gave up on holds the queue for the shop’s Retry-After', async () => {
    const r = await rig();
    const repos = createRepositories(r.db);
    const o = r.pick(sellerUs, 1);
    await r.ship(o, { number: '700000000011', provider: USPS });
    await r.settle();
    r.sandbox.admin.faults.set({
      rules: [{ kind: 'http-429', path: '/shipping_info/update', times: 0, retryAfterSeconds: 45 }],
    });
    const order = await repos.orders.get(o.id);
    if (!order) throw new Error('order missing');
    const c = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'fedex', provider: FEDEX, trackingNumber: '700000000012' },
      { packer: 'Alice', station: 'BENCH-1' },
    );
    if (!c.ok) throw new Error(c.error.message);
    const before = Date.now();
    const drained = await r.engine.drain();
    const hold = r.engine.gates().rateLimit.until - before;
    expect(drained.wakeAt).toBe(r.engine.gates().rateLimit.until);
    expect(hold).toBeGreaterThanOrEqual(45_000);
    expect(hold).toBeLessThan(46_000 + (Date.now() - before));
    expect(await r.store.get(c.value.row.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(r.writesFor(c.value.row)).toEqual([]);
  });
});
