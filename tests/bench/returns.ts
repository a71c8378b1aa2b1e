/**
 * Returns metrics (issue 14): a return parcel's tracking number scanned at the bench → its request
 * (the repository's `findByScan`: the return-tracking index, then the order), on a station with
 * `orders` orders and `returns` requests, against a raw IndexedDB get on the same index in the
 * same run. Every in-page timing uses performance.now() in the page.
 */
import type { Station } from './harness';
import { waitForQueue } from './foundation';
import { summarize, type Summary } from './stats';

export interface ReturnsMetrics {
  orders: number;
  returns: number;
  return_lookup_by_tracking_ms: Summary;
  return_lookup_by_tracking_raw_idb_ms: Summary;
  return_lookup_by_tracking_p99_ratio_to_raw: number;
}

type ReturnsHooks = {
  seed(target: number, chunkSize?: number): Promise<unknown>;
  db: {
    orders: { toCollection(): { primaryKeys(): Promise<string[]> } };
    returns: { bulkPut(rows: unknown[]): Promise<unknown> };
  };
  repos: { returns: { findByScan(code: string): Promise<{ kind: string }> } };
};
type HookWindow = { __packbench?: ReturnsHooks };

export async function measureReturns(
  station: Station,
  opts: { orders: number; returns: number; samples: number; log: (m: string) => void },
): Promise<ReturnsMetrics> {
  const { context, page } = await station.launch();
  try {
    await page.goto(`${station.host.url}?dev=1`);
    await waitForQueue(page);
    opts.log(`returns: seeding ${opts.orders} orders…`);
    await page.evaluate(async (target) => {
      const hooks = (window as unknown as HookWindow).__packbench;
      if (!hooks) throw new Error('dev hooks missing');
      await hooks.seed(target, 1000);
    }, opts.orders);
    opts.log(`returns: writing ${opts.returns} requests…`);
    await page.evaluate(async (count) => {
      const hooks = (window as unknown as HookWindow).__packbench;
      if (!hooks) throw new Error('dev hooks missing');
      const orderIds = await hooks.db.orders.toCollection().primaryKeys();
      const now = Date.now();
      for (let start = 0; start < count; start += 1000) {
        const rows = [];
        for (let i = start; i < Math.min(count, start + 1000); i += 1) {
          rows.push({
            id: `40350${String(i).padStart(14, '0')}`,
            orderId: orderIds[i % orderIds.length] ?? '',
            type: 'RETURN_AND_REFUND',
            status: 'BUYER_SHIPPED_ITEM',
            reasonCode: 'ecom_order_delivered_refund_and_return_reason_damaged',
            reasonText: 'damaged',
            returnTracking: `RT${String(i).padStart(10, '0')}US`,
            returnCarrier: 'USPS',
            nextAction: 'receive-package',
            nextDeadline: now + 72 * 3_600_000,
            lines: [],
            refundTotal: '0',
            currency: 'USD',
            createdAt: now,
            updatedAt: now,
            pendingDecision: null,
            replacementOrderId: null,
            practice: true,
            pulledAt: now,
          });
        }
        await hooks.db.returns.bulkPut(rows);
      }
    }, opts.returns);

    opts.log('returns: lookups…');
    const timings = await page.evaluate(
      async ({ samples, count }) => {
        const hooks = (window as unknown as HookWindow).__packbench;
        if (!hooks) throw new Error('dev hooks missing');
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('packbench-practice');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
        });
        const rawGet = (code: string) =>
          new Promise<unknown>((resolve, reject) => {
            const req = db
              .transaction('returns')
              .objectStore('returns')
              .index('returnTracking')
              .get(code);
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
          });
        const ours: number[] = [];
        const raw: number[] = [];
        let misses = 0;
        for (let i = 0; i < samples; i += 1) {
          const code = `RT${String(Math.floor(Math.random() * count)).padStart(10, '0')}US`;
          // Alternate which goes first, so neither gets the warmer cache.
          const runOurs = async () => {
            const t = performance.now();
            const hit = await hooks.repos.returns.findByScan(code);
            ours.push(performance.now() - t);
            if (hit.kind !== 'return') misses += 1;
          };
          const runRaw = async () => {
            const t = performance.now();
            await rawGet(code);
            raw.push(performance.now() - t);
          };
          if (i % 2 === 0) {
            await runOurs();
            await runRaw();
          } else {
            await runRaw();
            await runOurs();
          }
        }
        db.close();
        return { ours, raw, misses };
      },
      { samples: opts.samples, count: opts.returns },
    );
    if (timings.misses > 0) throw new Error(`${timings.misses} lookups found no request`);
    const ours = summarize(timings.ours);
    const raw = summarize(timings.raw);
    return {
      orders: opts.orders,
      returns: opts.returns,
      return_lookup_by_tracking_ms: ours,
      return_lookup_by_tracking_raw_idb_ms: raw,
      return_lookup_by_tracking_p99_ratio_to_raw: Math.round((ours.p99 / raw.p99) * 100) / 100,
    };
  } finally {
    await context.close();
  }
}
