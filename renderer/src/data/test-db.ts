/**
 * Tests only: a fresh station database for every test (fake-indexeddb, installed by
 * tests/setup.ts), optionally seeded with practice orders, closed and deleted after the test.
 * Call it at the top level of a test file; it returns the current test's database.
 */
import { afterEach, beforeEach } from 'vitest';
import { StationDb } from './db';
import { seedPracticeShop } from './practice-seed';

export interface TestStationDbOptions {
  /** Database name prefix, so a failing test's database is recognisable. */
  prefix?: string;
  /** Practice orders to seed, generated as of `nowSeconds`. */
  seed?: { orders: number; nowSeconds: number };
}

export function stationDbPerTest(opts: TestStationDbOptions = {}): () => StationDb {
  let db: StationDb | null = null;
  beforeEach(async () => {
    db = new StationDb(`${opts.prefix ?? 'test'}-${crypto.randomUUID()}`);
    await db.open();
    if (opts.seed) {
      await seedPracticeShop(db, {
        target: opts.seed.orders,
        nowSeconds: opts.seed.nowSeconds,
        yieldBetweenChunks: async () => {},
      });
    }
  });
  afterEach(async () => {
    const open = db;
    db = null;
    if (!open) return;
    open.close();
    await open.delete();
  });
  return () => {
    if (!db) throw new Error('the test station database exists only inside a test');
    return db;
  };
}
