import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import { confirmBatch, isBatchClean, unitsBySku } from '#shared/logic/confirm/index';
import type { StationDb } from '../../data/db';
import { stationDbPerTest } from '../../data/test-db';
import { createRepositories, type QueueFilter, type Repositories } from '../../data/repositories';
import { runBatchConfirm, type BatchConfirmOptions, type BatchCounts } from './batch-confirm';

const NOW_S = 1_795_000_000;
const NOW = NOW_S * 1000;
const ORDERS = 400;
const AWAITING: QueueFilter = { kind: 'status', status: 'AWAITING_SHIPMENT' };
const WHO = { packer: 'Alice', station: 'ST-9' };

const stationDb = stationDbPerTest({
  prefix: 'batch',
  seed: { orders: ORDERS, nowSeconds: NOW_S },
});
let db: StationDb;
let repos: Repositories;

beforeEach(async () => {
  db = stationDb();
  repos = createRepositories(db);
});

function run(over: Partial<BatchConfirmOptions> = {}) {
  return runBatchConfirm({
    repos,
    filter: AWAITING,
    who: WHO,
    now: () => NOW,
    chunkSize: 37,
    pause: async () => {},
    ...over,
  });
}

async function summaryOf(over: Partial<BatchConfirmOptions> = {}) {
  const r = await run(over);
  if (!r.ok) throw new Error(`batch refused: ${r.error.code}`);
  return r.value;
}

/** Every awaiting-shipment order, in queue order (ship-by, then id), straight from the table. */
async function awaitingInQueueOrder(): Promise<OrderRow[]> {
  const rows = await db.orders.where('status').equals('AWAITING_SHIPMENT').toArray();
  return rows.sort((a, b) => a.shipBy - b.shipBy || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function batchConfirmAudits() {
  return (await db.audit.toArray()).filter(
    (a) => a.kind === 'order.confirmed' && a.detail.batch === true,
  );
}

describe('confirm clean orders (batch)', () => {
  it('confirms exactly the orders one big batch would, chunk by chunk, and flags the rest', async () => {
    const awaiting = await awaitingInQueueOrder();
    // The oracle: one in-memory batch over the whole list against the stock as it was.
    const products = new Map<string, ProductRow>(
      (await db.products.toArray()).map((p) => [p.id, p]),
    );
    const stockBefore = new Map((await db.stock.toArray()).map((s) => [s.skuId, s]));
    const oracle = confirmBatch(awaiting, { now: NOW, products, stock: stockBefore }, isBatchClean);
    const expectedConfirmed = oracle.results.filter(isBatchClean).map((r) => r.orderId);
    expect(expectedConfirmed.length).toBeGreaterThan(0);
    expect(expectedConfirmed.length).toBeLessThan(awaiting.length);

    const summary = await summaryOf();
    expect(summary.cancelled).toBe(false);
    expect(summary.total).toBe(awaiting.length);
    expect(summary.scanned).toBe(awaiting.length);
    expect(summary.checked).toBe(awaiting.length);
    expect(summary.alreadyConfirmed).toBe(0);
    expect(summary.confirmed).toBe(expectedConfirmed.length);
    expect(summary.flagged).toBe(awaiting.length - expectedConfirmed.length);
    expect(summary.flaggedOrders.map((f) => f.orderId)).toEqual(
      oracle.results.filter((r) => !isBatchClean(r)).map((r) => r.orderId),
    );

    // The database agrees: one audited confirmation per confirmed order, by the packer.
    const audits = await batchConfirmAudits();
    expect(audits.map((a) => a.orderId).sort()).toEqual([...expectedConfirmed].sort());
    expect(audits.every((a) => a.actor === 'Alice' && a.station === 'ST-9')).toBe(true);
    for (const id of expectedConfirmed) expect(await repos.packing.isConfirmed(id)).toBe(true);
    for (const f of summary.flaggedOrders) {
      expect(await repos.packing.isConfirmed(f.orderId)).toBe(false);
      expect(f.reasons.length).toBeGreaterThan(0);
    }

    // Stock: reserved grew by exactly the units of the confirmed orders.
    const byId = new Map(awaiting.map((o) => [o.id, o]));
    const units = new Map<string, number>();
    for (const id of expectedConfirmed) {
      for (const [sku, n] of unitsBySku(byId.get(id)?.lines ?? [])) {
        units.set(sku, (units.get(sku) ?? 0) + n);
      }
    }
    for (const row of await db.stock.toArray()) {
      const before = stockBefore.get(row.skuId)?.reserved ?? 0;
      expect(row.reserved - before).toBe(units.get(row.skuId) ?? 0);
      expect(row.reserved).toBeLessThanOrEqual(row.onHand);
    }
  });

  it('flags cancel requests and short stock with their reasons, and confirms none of them', async () => {
    const summary = await summaryOf();
    const codes = new Map(
      summary.flaggedOrders.map((f) => [f.orderId, f.reasons.map((r) => r.code)]),
    );
    const all = [...codes.values()].flat();
    expect(all).toContain('order.cancel-requested');
    expect(all).toContain('stock.short');
    for (const o of await awaitingInQueueOrder()) {
      if (o.isBuyerRequestCancel) expect(codes.get(o.id)).toContain('order.cancel-requested');
    }
    const short = summary.flaggedOrders.find((f) =>
      f.reasons.some((r) => r.code === 'stock.short'),
    );
    expect(short?.reasons.find((r) => r.code === 'stock.short')?.params).toMatchObject({
      needed: expect.any(Number),
      available: expect.any(Number),
    });
  });

  it('holds back an order whose warning needs a person (changed address), though it has no stop', async () => {
    const [first] = await awaitingInQueueOrder();
    if (!first) throw new Error('no awaiting order');
    const { confirmation } = await repos.packing.check(first, NOW);
    if (!confirmation.ok) throw new Error('first order in the queue is not confirmable');
    await db.orders.put({ ...first, flags: ['address-changed'] });
    const summary = await summaryOf();
    const flagged = summary.flaggedOrders.find((f) => f.orderId === first.id);
    expect(flagged?.reasons.map((r) => r.code)).toEqual(['order.address-changed']);
    expect(await repos.packing.isConfirmed(first.id)).toBe(false);
  });

  it('skips orders confirmed before: a second run confirms nothing and reserves nothing more', async () => {
    const first = await summaryOf();
    const stock = await db.stock.toArray();
    const second = await summaryOf({ chunkSize: 50 });
    expect(second.confirmed).toBe(0);
    expect(second.alreadyConfirmed).toBe(first.confirmed);
    expect(second.flaggedOrders.map((f) => f.orderId)).toEqual(
      first.flaggedOrders.map((f) => f.orderId),
    );
    expect(await db.stock.toArray()).toEqual(stock);
    expect(await batchConfirmAudits()).toHaveLength(first.confirmed);
  });

  it('refuses to run without a signed-in packer and writes nothing', async () => {
    for (const who of [null, { packer: '  ', station: 'ST-9' }]) {
      const r = await run({ who });
      expect(r).toEqual({ ok: false, error: { code: 'no-packer' } });
    }
    expect(await db.audit.count()).toBe(0);
  });

  it('reads the queue a chunk at a time and never asks for more rows than a chunk', async () => {
    const limits: number[] = [];
    const orders = repos.orders;
    const spied: Repositories['orders'] = {
      ...orders,
      page: (filter, offset, limit) => {
        limits.push(limit);
        return orders.page(filter, offset, limit);
      },
      pageAfter: (filter, after, limit) => {
        limits.push(limit);
        return orders.pageAfter(filter, after, limit);
      },
    };
    let pauses = 0;
    const progress: BatchCounts[] = [];
    const summary = await summaryOf({
      repos: { orders: spied, packing: repos.packing },
      chunkSize: 25,
      pause: async () => {
        pauses += 1;
      },
      onProgress: (c) => progress.push(c),
    });
    expect(limits.every((l) => l === 25)).toBe(true);
    expect(limits.length).toBe(Math.ceil(summary.total / 25));
    expect(pauses).toBeGreaterThanOrEqual(limits.length - 1);
    const scanned = progress.map((p) => p.scanned);
    expect(scanned[0]).toBe(0);
    expect(scanned.at(-1)).toBe(summary.total);
    expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
  });

  it('stops between chunks when cancelled and keeps what it finished', async () => {
    const controller = new AbortController();
    const summary = await summaryOf({
      chunkSize: 30,
      signal: controller.signal,
      onProgress: (c) => {
        if (c.scanned >= 60) controller.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.scanned).toBe(60);
    expect(summary.checked).toBe(60);
    const audits = await batchConfirmAudits();
    expect(audits).toHaveLength(summary.confirmed);
    const firstSixty = new Set((await awaitingInQueueOrder()).slice(0, 60).map((o) => o.id));
    expect(audits.every((a) => firstSixty.has(a.orderId))).toBe(true);
  });

  it('lists at most maxListed flagged orders but counts them all', async () => {
    const full = await summaryOf();
    await db.audit.clear();
    await db.stock.bulkPut((await db.stock.toArray()).map((s) => ({ ...s, reserved: 0 })));
    const capped = await summaryOf({ maxListed: 3 });
    expect(capped.flagged).toBe(full.flagged);
    expect(capped.flaggedOrders).toEqual(full.flaggedOrders.slice(0, 3));
  });

  it('on the All tab, checks only awaiting-shipment orders', async () => {
    const summary = await summaryOf({ filter: { kind: 'all' } });
    const awaiting = await awaitingInQueueOrder();
    expect(summary.scanned).toBe(ORDERS);
    expect(summary.checked).toBe(awaiting.length);
    const statuses = new Set(
      (await batchConfirmAudits()).map((a) => awaiting.find((o) => o.id === a.orderId)?.status),
    );
    expect([...statuses]).toEqual(['AWAITING_SHIPMENT']);
  });
});
