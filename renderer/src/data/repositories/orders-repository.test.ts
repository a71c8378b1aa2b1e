import { beforeEach, describe, expect, it } from 'vitest';
import { StationDb } from '../db';
import { stationDbPerTest } from '../test-db';
import { seedPracticeShop } from '../practice-seed';
import { createOrdersRepository, type OrdersRepository } from './orders-repository';

const stationDb = stationDbPerTest({
  prefix: 'test',
  seed: { orders: 400, nowSeconds: 1_795_000_000 },
});
let db: StationDb;
let repo: OrdersRepository;

beforeEach(async () => {
  db = stationDb();
  repo = createOrdersRepository(db);
});

describe('orders repository', () => {
  it('pages the queue by status sorted by ship-by, without overlap', async () => {
    const filter = { kind: 'status', status: 'AWAITING_SHIPMENT' } as const;
    const total = await repo.count(filter);
    const all = [];
    for (let offset = 0; offset < total; offset += 50)
      all.push(...(await repo.page(filter, offset, 50)));
    expect(all).toHaveLength(total);
    expect(new Set(all.map((o) => o.id)).size).toBe(total);
    expect(all.every((o) => o.status === 'AWAITING_SHIPMENT')).toBe(true);
    const shipBys = all.map((o) => o.shipBy);
    expect(shipBys).toEqual([...shipBys].sort((a, b) => a - b));
  });

  it('pages by key after a row exactly as by offset, including ship-by ties', async () => {
    // Give a run of orders the same ship-by, so the id breaks the tie.
    const some = await repo.page({ kind: 'all' }, 100, 30);
    await db.orders.bulkPut(some.map((o) => ({ ...o, shipBy: some[0]?.shipBy ?? 0 })));
    for (const filter of [
      { kind: 'all' },
      { kind: 'status', status: 'AWAITING_SHIPMENT' },
      { kind: 'stop-ship' },
    ] as const) {
      const total = await repo.count(filter);
      const byOffset = (await repo.page(filter, 0, total)).map((o) => o.id);
      const byKey: string[] = [];
      let page = await repo.page(filter, 0, 17);
      while (page.length > 0) {
        byKey.push(...page.map((o) => o.id));
        const last = page.at(-1);
        if (!last) break;
        page = await repo.pageAfter(filter, last, 17);
      }
      expect(byKey).toEqual(byOffset);
    }
  });

  it('finds an order by id, package id and tracking number', async () => {
    const shipped = (await repo.page({ kind: 'status', status: 'AWAITING_COLLECTION' }, 0, 1))[0];
    expect(shipped).toBeDefined();
    if (!shipped) return;
    const tracking = shipped.trackingNumbers[0] ?? '';
    const pkg = shipped.packageIds[0] ?? '';
    expect((await repo.findByAnyId(shipped.id))?.matchedBy).toBe('order-id');
    expect((await repo.findByAnyId(` ${pkg} `))?.order.id).toBe(shipped.id);
    expect(await repo.findByAnyId(tracking)).toMatchObject({ matchedBy: 'tracking-number' });
    expect((await repo.findByAnyId(tracking.toLowerCase()))?.order.id).toBe(shipped.id);
    expect(await repo.findByAnyId('000')).toBeUndefined();
  });

  it('searches recipients by name prefix, case-insensitively', async () => {
    const some = (await repo.page({ kind: 'all' }, 0, 50)).find((o) => o.recipient.name.length > 3);
    if (!some) throw new Error('no named order');
    const prefix = some.recipient.name.slice(0, 3).toUpperCase();
    const hits = await repo.search(prefix);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.order.searchName.startsWith(prefix.toLowerCase()))).toBe(true);
  });

  it('lists stop-ship orders and counts by status', async () => {
    const stop = await repo.page({ kind: 'stop-ship' }, 0, 1000);
    expect(stop.length).toBe(await repo.count({ kind: 'stop-ship' }));
    expect(stop.every((o) => o.flags.includes('stop-ship'))).toBe(true);
    const counts = await repo.countsByStatus(['AWAITING_SHIPMENT', 'ON_HOLD', 'CANCELLED']);
    const sum = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum).toBeLessThanOrEqual(400);
    expect(counts.ON_HOLD).toBeGreaterThan(0);
  });

  it('refuses an invalid row and writes nothing of the batch', async () => {
    const good = (await repo.page({ kind: 'all' }, 0, 1))[0];
    if (!good) throw new Error('no order');
    const before = await repo.total();
    await expect(
      repo.upsert([
        { ...good, id: 'new-1' },
        { ...good, id: 'bad', status: 'NOPE' as never },
      ]),
    ).rejects.toThrow();
    expect(await repo.total()).toBe(before);
    expect(await repo.get('new-1')).toBeUndefined();
  });
});

describe('practice seeding', () => {
  it('resumes after an interruption without duplicates or gaps', async () => {
    const fresh = new StationDb(`test-${crypto.randomUUID()}`);
    await fresh.open();
    let chunks = 0;
    await expect(
      seedPracticeShop(fresh, {
        target: 1000,
        chunkSize: 100,
        nowSeconds: 1_795_000_000,
        yieldBetweenChunks: async () => {
          chunks += 1;
          if (chunks === 4) throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    expect(await fresh.orders.count()).toBe(400);
    const progress: number[] = [];
    await seedPracticeShop(fresh, {
      target: 1000,
      chunkSize: 100,
      nowSeconds: 1_795_000_000,
      onProgress: (p) => progress.push(p.done),
      yieldBetweenChunks: async () => {},
    });
    expect(await fresh.orders.count()).toBe(1000);
    expect(progress[0]).toBe(400);
    expect(progress.at(-1)).toBe(1000);
    fresh.close();
    await fresh.delete();
  });
});
