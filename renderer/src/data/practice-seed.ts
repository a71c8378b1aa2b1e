import { ApiOrder } from '#shared/domain/api-order';
import type { OrderRow } from '#shared/domain/order';
import { orderFromApi } from '#shared/logic/order-mapper';
import {
  PRACTICE_SEED,
  practiceCatalog,
  practiceOrder,
  practiceStock,
} from '#shared/logic/practice-data';
import type { StationDb } from './db';
import { createMetaRepository } from './repositories/meta-repository';

export interface SeedProgress {
  done: number;
  total: number;
}

export interface SeedOptions {
  target: number;
  /** Rows per transaction. Small chunks keep scans responsive while seeding runs. */
  chunkSize?: number;
  nowSeconds: number;
  onProgress?: (p: SeedProgress) => void;
  /** Yields to the event loop between chunks so input and rendering keep going. */
  yieldBetweenChunks?: () => Promise<void>;
}

const defaultYield = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Fills the practice shop's orders and catalog. Resumable: progress is recorded in the same
 * transaction as each chunk, so a crash mid-seed continues where it stopped, without duplicates
 * (ids are deterministic, writes are puts).
 */
export async function seedPracticeShop(db: StationDb, opts: SeedOptions): Promise<SeedProgress> {
  const meta = createMetaRepository(db);
  const chunkSize = opts.chunkSize ?? 500;
  const pause = opts.yieldBetweenChunks ?? defaultYield;
  const existing = await meta.practiceSeed();
  const state =
    existing && existing.target >= opts.target
      ? existing
      : {
          seed: PRACTICE_SEED,
          target: opts.target,
          seededUpTo: existing?.seededUpTo ?? 0,
          nowSeconds: existing?.nowSeconds ?? opts.nowSeconds,
          completedAt: null,
        };
  const catalog = practiceCatalog(state.seed);
  if ((await db.products.count()) === 0) {
    await db.transaction('rw', db.products, db.stock, async () => {
      await db.products.bulkPut(catalog.map((s) => s.product));
      await db.stock.bulkPut(practiceStock(catalog, state.nowSeconds * 1000));
    });
  }
  let done = state.seededUpTo;
  opts.onProgress?.({ done, total: state.target });
  while (done < state.target) {
    const end = Math.min(state.target, done + chunkSize);
    const rows: OrderRow[] = [];
    for (let i = done; i < end; i += 1) {
      const api = ApiOrder.parse(
        practiceOrder(i, { seed: state.seed, nowSeconds: state.nowSeconds, catalog }),
      );
      rows.push(orderFromApi(api, { practice: true, source: 'practice' }));
    }
    const next = {
      ...state,
      seededUpTo: end,
      completedAt: end >= state.target ? Date.now() : null,
    };
    await db.transaction('rw', db.orders, db.meta, async () => {
      await db.orders.bulkPut(rows);
      await db.meta.put({ key: 'practice-seed', value: next });
    });
    done = end;
    opts.onProgress?.({ done, total: state.target });
    if (done < state.target) await pause();
  }
  return { done, total: state.target };
}
