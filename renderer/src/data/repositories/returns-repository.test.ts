import { describe, expect, it } from 'vitest';
import type { ApiReturn } from '#shared/domain/api-return';
import { ApiReturn as ApiReturnSchema } from '#shared/domain/api-return';
import { stationDbPerTest } from '../test-db';
import { createReturnIntakeRepository } from './return-intake-repository';
import { createReturnsRepository } from './returns-repository';

/**
 * Returns on the station database (fake-indexeddb): pulled requests, lookup by what the bench
 * scans, decisions queued in the outbox with their audit, and intake with restocks that happen
 * exactly once — also when the completing transaction dies and is run again.
 */
const NOW_S = 1_780_000_000;
const NOW = NOW_S * 1000;
const stationDb = stationDbPerTest({ prefix: 'returns', seed: { orders: 300, nowSeconds: NOW_S } });
const actor = { packer: 'Mei', station: 'bench-1' };

async function shippedOrder() {
  const db = stationDb();
  const order = await db.orders.where('status').equals('AWAITING_COLLECTION').first();
  if (!order) throw new Error('no shipped practice order');
  return order;
}

function apiReturn(
  orderId: string,
  lines: Array<{ id: string; sku: string }>,
  over: Partial<ApiReturn> = {},
): ApiReturn {
  return ApiReturnSchema.parse({
    return_id: '4035000000000000001',
    order_id: orderId,
    return_type: 'RETURN_AND_REFUND',
    return_status: 'BUYER_SHIPPED_ITEM',
    return_reason: 'ecom_order_delivered_refund_and_return_reason_damaged',
    return_reason_text: '<b>damaged</b>',
    return_tracking_number: 'rt 1234 5678 us',
    create_time: NOW_S - 3600,
    update_time: NOW_S - 60,
    seller_next_action_response: [{ action: 'SELLER_RECEIVE_PACKAGE', deadline: NOW_S + 3600 }],
    return_line_items: lines.map((l, i) => ({
      return_line_item_id: `rl${i}`,
      order_line_item_id: l.id,
      sku_id: l.sku,
      seller_sku: l.sku,
      product_name: 'Item',
    })),
    ...over,
  });
}

describe('returns repository', () => {
  it('stores pulled requests and finds them by return tracking, return id and the original order', async () => {
    const db = stationDb();
    const repo = createReturnsRepository(db);
    const order = await shippedOrder();
    const r = apiReturn(
      order.id,
      order.lines.map((l) => ({ id: l.id, sku: l.skuId })),
    );
    expect(await repo.upsertFromShop([r], { now: NOW, practice: true })).toEqual({
      added: 1,
      updated: 0,
    });
    const stored = await repo.get(r.return_id);
    expect(stored).toMatchObject({
      returnTracking: 'RT12345678US',
      nextAction: 'receive-package',
      nextDeadline: (NOW_S + 3600) * 1000,
      reasonText: '<b>damaged</b>',
    });
    expect(await repo.findByScan('RT12345678US')).toMatchObject({
      kind: 'return',
      matchedBy: 'return-tracking',
    });
    expect(await repo.findByScan(r.return_id)).toMatchObject({
      kind: 'return',
      matchedBy: 'return-id',
    });
    expect(await repo.findByScan(order.id)).toMatchObject({ kind: 'return', matchedBy: 'order' });
    expect(await repo.findByScan(order.trackingNumbers[0] ?? '')).toMatchObject({
      kind: 'return',
      matchedBy: 'order',
    });
    const other = await db.orders.where('status').equals('AWAITING_SHIPMENT').first();
    expect(await repo.findByScan(other?.id ?? '')).toMatchObject({ kind: 'order-only' });
    expect(await repo.findByScan('NOPE0000')).toEqual({ kind: 'none' });
  });

  it('queues a decision in the outbox with its audit; a second one waits until the first is sent', async () => {
    const db = stationDb();
    const repo = createReturnsRepository(db);
    const order = await shippedOrder();
    const r = apiReturn(order.id, [], {
      return_status: 'RETURN_OR_REFUND_REQUEST_PENDING',
      return_tracking_number: '',
    });
    await repo.upsertFromShop([r], { now: NOW, practice: true });
    const rejectWithout = await repo.decide({
      returnId: r.return_id,
      decision: 'REJECT_RETURN',
      actor,
      now: NOW,
    });
    expect(rejectWithout).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const made = await repo.decide({
      returnId: r.return_id,
      decision: 'APPROVE_RETURN',
      actor,
      now: NOW,
    });
    expect(made.ok).toBe(true);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'return-decision', state: 'pending', orderId: order.id });
    expect(await db.audit.where('kind').equals('return.decided').toArray()).toHaveLength(1);
    const again = await repo.decide({
      returnId: r.return_id,
      decision: 'APPROVE_RETURN',
      actor,
      now: NOW,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already-pending' } });
  });
});

describe('return intake', () => {
  async function setUp() {
    const db = stationDb();
    const returns = createReturnsRepository(db);
    const intake = createReturnIntakeRepository(db);
    const order = await shippedOrder();
    const lines = order.lines.slice(0, 2);
    const r = apiReturn(
      order.id,
      lines.map((l) => ({ id: l.id, sku: l.skuId })),
    );
    await returns.upsertFromShop([r], { now: NOW, practice: true });
    const products = await db.products.bulkGet(lines.map((l) => l.skuId));
    const wrong = await db.products.filter((p) => !lines.some((l) => l.skuId === p.id)).first();
    const opened = await intake.open({
      returnId: r.return_id,
      orderId: order.id,
      openedBy: 'RT12345678US',
      actor,
      now: NOW,
    });
    return { db, returns, intake, r, lines, products, wrong, opened };
  }

  it('scans units back (one wrong item), grades them, restocks and quarantines: stock changes exactly once', async () => {
    const { db, intake, products, wrong, opened } = await setUp();
    const first = products[0];
    if (!first || !wrong) throw new Error('catalog');
    const u1 = await intake.scanUnit(opened.id, first.barcodes[0] ?? first.sellerSku);
    const u2 = await intake.scanUnit(opened.id, wrong.barcodes[0] ?? wrong.sellerSku);
    expect([u1.match, u2.match]).toEqual(['expected', 'wrong']);
    await intake.gradeUnit(opened.id, u1.id, { grade: 'resellable' });
    await intake.gradeUnit(opened.id, u2.id, {
      grade: 'wrong-item',
      note: 'buyer sent <i>another</i> item',
    });
    const before = await db.stock.bulkGet([first.id, wrong.id]);
    const done = await intake.complete(opened.id, {
      actor,
      now: NOW,
      decision: { decision: 'APPROVE_RECEIVED_PACKAGE' },
    });
    expect(done.ok).toBe(true);
    const after = await db.stock.bulkGet([first.id, wrong.id]);
    expect(after[0]?.onHand).toBe((before[0]?.onHand ?? 0) + 1);
    expect(after[1]?.onHand).toBe(before[1]?.onHand ?? 0);
    expect((await db.outbox.toArray()).filter((r) => r.kind === 'return-decision')).toHaveLength(1);
    // Completing again (a double click, a resumed run) restocks nothing more.
    const again = await intake.complete(opened.id, { actor, now: NOW });
    expect(again.ok && again.value.restocked).toEqual([]);
    expect((await db.stock.get(first.id))?.onHand).toBe((before[0]?.onHand ?? 0) + 1);
    expect(await db.restocks.count()).toBe(1);
  });

  it('a kill in the completing transaction leaves nothing half-done; the rerun restocks once', async () => {
    const { db, intake, products, opened } = await setUp();
    const first = products[0];
    const second = products[1] ?? first;
    if (!first || !second) throw new Error('catalog');
    for (const p of [first, second]) {
      const u = await intake.scanUnit(opened.id, p.barcodes[0] ?? p.sellerSku);
      await intake.gradeUnit(opened.id, u.id, { grade: 'resellable' });
    }
    const before = await db.stock.bulkGet([first.id, second.id]);
    await expect(
      intake.complete(opened.id, {
        actor,
        now: NOW,
        beforeCommit: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await db.restocks.count()).toBe(0);
    expect(await db.stock.bulkGet([first.id, second.id])).toEqual(before);
    expect((await intake.get(opened.id))?.status).toBe('open');
    const rerun = await intake.complete(opened.id, { actor, now: NOW });
    expect(rerun.ok && rerun.value.restocked).toHaveLength(2);
    const after = await db.stock.bulkGet([first.id, second.id]);
    const delta = first.id === second.id ? [2, 2] : [1, 1];
    expect(after.map((s, i) => (s?.onHand ?? 0) - (before[i]?.onHand ?? 0))).toEqual(delta);
  });

  it('refuses to complete while a unit is ungraded', async () => {
    const { intake, products, opened } = await setUp();
    await intake.scanUnit(opened.id, products[0]?.sellerSku ?? '');
    expect(await intake.complete(opened.id, { actor, now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
  });

  it('resumes the open intake of a request instead of opening a second one', async () => {
    const { intake, r, opened } = await setUp();
    const again = await intake.open({
      returnId: r.return_id,
      orderId: null,
      openedBy: 'x',
      actor,
      now: NOW,
    });
    expect(again.id).toBe(opened.id);
  });
});
