import { beforeEach, describe, expect, it } from 'vitest';
import type { StationDb } from '../db';
import { stationDbPerTest } from '../test-db';
import { createOrdersRepository } from './orders-repository';
import { createReplacementOrder, replacementsOf } from './replacement-repository';

const stationDb = stationDbPerTest({
  prefix: 'replacement',
  seed: { orders: 60, nowSeconds: 1_795_000_000 },
});
let db: StationDb;
const actor = { packer: 'Mei', station: 'bench-1' };
const NOW = 1_795_100_000_000;

beforeEach(() => {
  db = stationDb();
});

async function shippedOrder() {
  const repo = createOrdersRepository(db);
  const [order] = await repo.page({ kind: 'status', status: 'AWAITING_COLLECTION' }, 0, 1);
  if (!order) throw new Error('the seed has no shipped order');
  return order;
}

describe('replacement orders', () => {
  it('creates a linked replacement that enters the pack queue, audited on both orders', async () => {
    const original = await shippedOrder();
    const r = await createReplacementOrder(db, {
      originalOrderId: original.id,
      reason: 'Parcel lost <b>in transit</b>',
      origin: 'exception',
      actor,
      now: NOW,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toBe(`R${original.id}-1`);
    expect(r.value.replacementOf).toBe(original.id);
    expect(r.value.replacementReason).toBe('Parcel lost <b>in transit</b>');
    expect(r.value.status).toBe('AWAITING_SHIPMENT');
    expect(r.value.trackingNumbers).toEqual([]);
    expect(r.value.lines).toHaveLength(original.lines.length);
    expect(r.value.recipient).toEqual(original.recipient);

    const queue = await createOrdersRepository(db).page(
      { kind: 'status', status: 'AWAITING_SHIPMENT' },
      0,
      10_000,
    );
    expect(queue.map((o) => o.id)).toContain(r.value.id);
    const audits = await db.audit.where('kind').equals('replacement.created').toArray();
    expect(audits.map((a) => a.orderId).sort()).toEqual([original.id, r.value.id].sort());
    expect(audits.every((a) => a.actor === 'Mei' && a.at === NOW)).toBe(true);
    expect(await replacementsOf(db, original.id)).toHaveLength(1);
  });

  it('refuses a second replacement while the first waits to ship, then numbers the next', async () => {
    const original = await shippedOrder();
    const input = {
      originalOrderId: original.id,
      reason: 'lost',
      origin: 'return' as const,
      actor,
    };
    const first = await createReplacementOrder(db, { ...input, now: NOW });
    expect(first.ok).toBe(true);
    const second = await createReplacementOrder(db, { ...input, now: NOW + 1 });
    expect(second.ok ? null : second.error.code).toBe('is-replacement-pending');
    if (first.ok) await db.orders.update(first.value.id, { status: 'AWAITING_COLLECTION' });
    const third = await createReplacementOrder(db, { ...input, now: NOW + 2 });
    expect(third.ok ? third.value.id : null).toBe(`R${original.id}-2`);
  });

  it('copies only the chosen lines and refuses bad input without writing', async () => {
    const original = await shippedOrder();
    const line = original.lines[0];
    if (!line) throw new Error('no line');
    const some = await createReplacementOrder(db, {
      originalOrderId: original.id,
      reason: 'damaged',
      origin: 'exception',
      lineIds: [line.id],
      actor,
      now: NOW,
    });
    expect(some.ok ? some.value.lines.map((l) => l.skuId) : null).toEqual([line.skuId]);
    const before = await db.orders.count();
    const missing = await createReplacementOrder(db, {
      originalOrderId: 'nope',
      reason: 'x',
      origin: 'exception',
      actor,
      now: NOW,
    });
    expect(missing.ok ? null : missing.error.code).toBe('order-not-found');
    const blank = await createReplacementOrder(db, {
      originalOrderId: original.id,
      reason: '   ',
      origin: 'exception',
      actor,
      now: NOW,
    });
    expect(blank.ok ? null : blank.error.code).toBe('invalid-reason');
    expect(await db.orders.count()).toBe(before);
  });
});
