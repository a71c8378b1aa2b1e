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
  return { sandbox, api, db, store, pick, ship, settle, writesFor };
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
