import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import { stringChunksSource } from '#shared/logic/seller-center/csv-stream';
import { importSellerCenterCsv, type ImportReport } from '#shared/logic/seller-center/import';
import {
  largeExportChunks,
  largeExportCounts,
} from '../../../../tests/fixtures/seller-center/large-export';
import type { StationDb } from '../../data/db';
import { stationDbPerTest } from '../../data/test-db';
import { createIntakeRepository } from '../../data/repositories/intake-repository';
import { writeImportedOrders } from './write-orders';

const IMPORTED_AT = 1_795_000_000_000;
const stationDb = stationDbPerTest();
let db: StationDb;

beforeEach(async () => {
  db = stationDb();
});

async function report(rows: number): Promise<ImportReport> {
  const chunks = [...largeExportChunks(rows, 50)];
  const r = await importSellerCenterCsv(stringChunksSource(chunks, null), {
    market: 'US',
    utcOffsetMinutes: -300,
    importedAt: IMPORTED_AT,
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('writeImportedOrders', () => {
  it('writes orders built chunk by chunk, one transaction at a time, with exact counts', async () => {
    const rep = await report(300);
    const expected = largeExportCounts(300);
    const repo = createIntakeRepository(db);
    let inFlight = 0;
    let maxInFlight = 0;
    const sizes: number[] = [];
    const counted = {
      writeImported: async (rows: readonly OrderRow[], opts: { practice: boolean }) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        sizes.push(rows.length);
        try {
          return await repo.writeImported(rows, opts);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const progress: number[] = [];
    const counts = await writeImportedOrders(counted, rep, {
      practice: false,
      chunkSize: 40,
      onProgress: (p) => progress.push(p.done),
    });
    expect(counts).toEqual({
      orders: expected.orders,
      lines: expected.units,
      inserted: expected.orders,
      updated: 0,
    });
    expect(maxInFlight).toBe(1);
    expect(sizes.every((n) => n <= 40)).toBe(true);
    expect(progress.at(-1)).toBe(expected.orders);
    expect(await db.orders.count()).toBe(expected.orders);
    const stored = await db.orders.toArray();
    expect(stored.reduce((n, o) => n + o.lines.length, 0)).toBe(expected.units);
  });

  it('never overwrites a newer stored order, and keeps local flags of the ones it updates', async () => {
    const rep = await report(60);
    const [newer, older] = rep.orders;
    if (!newer || !older) throw new Error('fixture too small');
    await db.orders.bulkPut([
      { ...newer, updatedAt: IMPORTED_AT + 1, buyerMessage: 'newer upstream', source: 'api' },
      {
        ...older,
        updatedAt: IMPORTED_AT - 1,
        buyerMessage: 'older',
        flags: ['address-changed'],
      },
    ]);
    const counts = await writeImportedOrders(createIntakeRepository(db), rep, {
      practice: false,
      chunkSize: 7,
      pause: async () => {},
    });
    expect(counts.orders).toBe(rep.ordersToStore);
    expect(counts.updated).toBe(1);
    expect(counts.inserted).toBe(rep.ordersToStore - 2);
    const keptNewer = await db.orders.get(newer.id);
    expect(keptNewer?.buyerMessage).toBe('newer upstream');
    expect(keptNewer?.updatedAt).toBe(IMPORTED_AT + 1);
    const updated = await db.orders.get(older.id);
    expect(updated?.buyerMessage).toBe(older.buyerMessage);
    expect(updated?.flags).toContain('address-changed');
  });
});
