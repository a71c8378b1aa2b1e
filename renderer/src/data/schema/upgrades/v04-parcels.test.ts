import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { practiceCatalog, practiceOrder } from '#shared/logic/practice-data';
import { ApiOrder } from '#shared/domain/api-order';
import { orderFromApi } from '#shared/logic/order-mapper';
import { StationDb } from '../../db';
import { parcelsOfOrder } from './v04-parcels';

const NOW = 1_795_000_000_000;

function orders(n: number) {
  const catalog = practiceCatalog();
  return Array.from({ length: n }, (_, i) =>
    orderFromApi(ApiOrder.parse(practiceOrder(i, { nowSeconds: NOW / 1000, catalog })), {
      practice: true,
      source: 'practice',
    }),
  );
}

describe('v4 parcels', () => {
  it('a shipped order with tracking gets one parcel per package; others none', () => {
    const all = orders(200);
    const shipped = all.find((o) => o.status === 'AWAITING_COLLECTION' && o.trackingNumbers.length);
    const waiting = all.find((o) => o.status === 'AWAITING_SHIPMENT');
    if (!shipped || !waiting) throw new Error('seed lacks the cases');
    const [p] = parcelsOfOrder(shipped, NOW);
    expect(p).toMatchObject({
      id: shipped.packages[0]?.id,
      orderId: shipped.id,
      trackingNumber: shipped.packages[0]?.trackingNumber,
      events: [],
      queue: 'none',
      final: false,
      nextRefreshAt: NOW,
      buyerName: shipped.recipient.name,
    });
    expect(parcelsOfOrder(waiting, NOW)).toEqual([]);
    expect(parcelsOfOrder({ ...shipped, status: 'DELIVERED' }, NOW)).toEqual([]);
  });

  it('upgrading a v3 station backfills parcels for shipped orders, idempotently', async () => {
    const name = `test-v4-${crypto.randomUUID()}`;
    const rows = orders(150);
    const v3 = new StationDb(name, 3);
    await v3.open();
    await v3.table('orders').bulkPut(rows);
    v3.close();

    const v4 = new StationDb(name, 4);
    await v4.open();
    const expected = rows.flatMap((o) => parcelsOfOrder(o, NOW)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    const parcels = await v4.parcels.toArray();
    expect(parcels.map((p) => p.id).sort()).toEqual([...expected].sort());
    expect(await v4.orders.count()).toBe(rows.length);
    v4.close();
    await Dexie.delete(name);
  });
});
