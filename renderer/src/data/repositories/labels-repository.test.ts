import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import type { StationDb } from '../db';
import { stationDbPerTest } from '../test-db';
import { enqueueForTest, testOrder } from '../outbox/test-support';
import { createLabelsRepository } from './labels-repository';

const stationDb = stationDbPerTest();
let db: StationDb;

beforeEach(async () => {
  db = stationDb();
});

function arranged(n: number, over: Partial<OrderRow> = {}): OrderRow {
  const id = `5760000000000${String(n).padStart(5, '0')}`;
  return {
    ...testOrder(id, [`115${id}`]),
    status: 'AWAITING_COLLECTION',
    shippingType: 'TIKTOK',
    ...over,
  };
}

describe('labels repository: platform label candidates', () => {
  it('names arranged TikTok-shipped packages without a stored label, at most `limit`', async () => {
    await db.orders.bulkPut([
      ...Array.from({ length: 30 }, (_, i) => arranged(i)),
      arranged(100, { shippingType: 'SELLER' }),
      arranged(101, { status: 'AWAITING_SHIPMENT' }),
    ]);
    const stored = arranged(0).packageIds[0] ?? '';
    await db.documents.put({
      id: 'doc-1',
      orderId: arranged(0).id,
      packageId: stored,
      trackingNumber: 'T1',
      kind: 'SHIPPING_LABEL',
      format: 'pdf',
      dataBase64: '',
      fetchedAt: 1,
    });
    const repo = createLabelsRepository(db);
    const all = await repo.documentCandidates(100);
    expect(all).toHaveLength(29);
    expect(all.map((c) => c.packageId)).not.toContain(stored);
    expect(all.every((c) => c.order.shippingType === 'TIKTOK')).toBe(true);
    expect(all.every((c) => c.order.status === 'AWAITING_COLLECTION')).toBe(true);
    expect(await repo.documentCandidates(5)).toHaveLength(5);
  });

  it('skipped packages (in backoff) do not crowd out the ones that are due', async () => {
    await db.orders.bulkPut(Array.from({ length: 30 }, (_, i) => arranged(i)));
    const repo = createLabelsRepository(db);
    const first = await repo.documentCandidates(30);
    const waiting = new Set(first.slice(0, 25).map((c) => c.packageId));
    const due = await repo.documentCandidates(5, (p) => waiting.has(p));
    expect(due).toHaveLength(5);
    expect(due.every((c) => !waiting.has(c.packageId))).toBe(true);
  });

  it('leaves out an order whose Ship Package has not reached the shop yet', async () => {
    const order = { ...arranged(7), status: 'AWAITING_SHIPMENT' as const };
    await db.orders.put(order);
    const row = await enqueueForTest(
      db,
      {
        orderId: order.id,
        packageId: order.packageIds[0] ?? '',
        expected: { statuses: ['AWAITING_SHIPMENT'] },
        intent: { kind: 'ship-package', payload: { handoverMethod: 'PICKUP' } },
      },
      1_000,
    );
    const repo = createLabelsRepository(db);
    const local = await db.orders.get(order.id);
    expect(local?.status).toBe('AWAITING_COLLECTION');
    expect(await repo.documentCandidates(10)).toHaveLength(0);
    await db.outbox.update(row.id, { state: 'done' });
    expect((await repo.documentCandidates(10)).map((c) => c.order.id)).toEqual([order.id]);
  });
});
