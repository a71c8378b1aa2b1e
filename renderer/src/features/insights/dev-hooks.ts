import { DAY_MS } from '#shared/logic/insights/index';
import type { StationDb } from '../../data/db';
import { seedPracticeHistory } from '../../data/practice-history';
import { createShippingRepository } from '../../data/repositories/shipping-repository';
import { insightsClient } from './client';

/** Bench and test hooks (`?dev=1` builds only): seed a large history, time the worker. */
export function insightsDevHooks(db: StationDb) {
  const client = () => insightsClient(db.name);
  const query = () => {
    const to = Date.now();
    return { from: to - 28 * DAY_MS, to };
  };
  return {
    /** About `orders` orders of history over 42 days, with padding audit rows per order. */
    seedHistory: (orders: number, padAuditPerOrder = 0) =>
      seedPracticeHistory(db, {
        now: Date.now(),
        days: 42,
        perDay: Math.max(1, Math.round(orders / 42 / 0.986)),
        padAuditPerOrder,
      }),
    counts: async () => ({
      orders: await db.orders.count(),
      scans: await db.scanEvents.count(),
      audit: await db.audit.count(),
    }),
    /** Full recompute: reload every row in the worker, then compute every metric. */
    async fullRecompute(): Promise<{ loadMs: number; computeMs: number; totalMs: number }> {
      const t0 = performance.now();
      const loaded = await client().reload();
      const computed = await client().call({ type: 'compute', query: query() });
      return {
        loadMs: loaded.loadMs,
        computeMs: computed.computeMs,
        totalMs: performance.now() - t0,
      };
    },
    /** One pack (marked packed at the ship bench), then the worker's incremental update. */
    async packOneAndUpdate(orderId: string): Promise<{ updateMs: number; totalMs: number }> {
      await createShippingRepository(db).markPacked(orderId, {
        packer: 'bench',
        station: 'bench-1',
        now: Date.now(),
      });
      const t0 = performance.now();
      const updated = await client().ordersChanged([orderId]);
      await client().call({ type: 'compute', query: query() });
      return { updateMs: updated.updateMs, totalMs: performance.now() - t0 };
    },
  };
}

export type InsightsDevHooks = ReturnType<typeof insightsDevHooks>;
