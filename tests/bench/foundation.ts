/**
 * Foundation metrics (issue 2): seeding, cold start, order lookup vs raw IndexedDB, queue page,
 * renderer heap. Every in-page timing uses performance.now() in the page.
 */
import type { Page } from 'playwright-core';
import type { Station } from './harness';
import { summarize, type Summary } from './stats';

interface DevHooks {
  seed(target: number, chunkSize?: number): Promise<{ done: number; total: number }>;
  repos: {
    orders: {
      get(id: string): Promise<unknown>;
      page(filter: unknown, offset: number, limit: number): Promise<unknown[]>;
      pageAfter(filter: unknown, after: unknown, limit: number): Promise<unknown[]>;
      count(filter: unknown): Promise<number>;
    };
  };
}
declare global {
  interface Window {
    __packbench?: DevHooks;
  }
}

export async function waitForQueue(page: Page, timeoutMs = 120_000) {
  await page.waitForSelector('.queue-row[data-order-id]', { timeout: timeoutMs });
}

async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return Math.round((used / 1024 / 1024) * 10) / 10;
}

export interface FoundationMetrics {
  orders: number;
  seed_ms: number;
  seed_rows_per_s: number;
  cold_start_to_queue_ms: number;
  lookup_by_id_ms: Summary;
  lookup_by_id_raw_idb_ms: Summary;
  lookup_by_id_p99_ratio_to_raw: number;
  queue_page_50_first_ms: Summary;
  queue_page_50_deep_ms: Summary;
  queue_page_50_next_by_key_ms: Summary;
  queue_count_ms: Summary;
  queue_count_raw_idb_ms: Summary;
  renderer_heap_mb: number;
}

export async function measureFoundation(
  station: Station,
  opts: { orders: number; samples: number; log: (m: string) => void },
): Promise<FoundationMetrics> {
  let { context, page } = await station.launch();
  await page.goto(`${station.host.url}?dev=1`);
  await waitForQueue(page);

  opts.log(`seeding ${opts.orders} orders…`);
  const seed = await page.evaluate(async (target) => {
    const hooks = window.__packbench;
    if (!hooks) throw new Error('dev hooks missing');
    const t0 = performance.now();
    await hooks.seed(target, 1000);
    return performance.now() - t0;
  }, opts.orders);

  // Cold start: a new browser process on the same profile, to the first queue row on screen.
  await context.close();
  opts.log('cold start…');
  const started = performance.now();
  ({ context, page } = await station.launch());
  await page.goto(`${station.host.url}?dev=1`);
  await waitForQueue(page);
  const coldStart = performance.now() - started;

  opts.log('lookups…');
  const lookups = await page.evaluate(async (samples) => {
    const hooks = window.__packbench;
    if (!hooks) throw new Error('dev hooks missing');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
    });
    const keys = await new Promise<string[]>((resolve, reject) => {
      const req = db.transaction('orders').objectStore('orders').getAllKeys();
      req.onsuccess = () => resolve(req.result as string[]);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
    const rawGet = (id: string) =>
      new Promise<unknown>((resolve, reject) => {
        const req = db.transaction('orders').objectStore('orders').get(id);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const id = keys[Math.floor(Math.random() * keys.length)] ?? '';
      // Alternate which goes first, so neither gets the warmer cache.
      if (i % 2 === 0) {
        let t = performance.now();
        await hooks.repos.orders.get(id);
        ours.push(performance.now() - t);
        t = performance.now();
        await rawGet(id);
        raw.push(performance.now() - t);
      } else {
        let t = performance.now();
        await rawGet(id);
        raw.push(performance.now() - t);
        t = performance.now();
        await hooks.repos.orders.get(id);
        ours.push(performance.now() - t);
      }
    }
    db.close();
    const filter = { kind: 'status', status: 'AWAITING_SHIPMENT' };
    const total = await hooks.repos.orders.count(filter);
    const first: number[] = [];
    const deep: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < Math.min(samples, 500); i += 1) {
      const t = performance.now();
      await hooks.repos.orders.page(filter, 0, 50);
      first.push(performance.now() - t);
    }
    // Deep pages and counts walk the index: fewer samples, with a raw IndexedDB count beside.
    const rawCounts: number[] = [];
    const next: number[] = [];
    const db2 = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
    });
    const range = IDBKeyRange.bound(
      ['AWAITING_SHIPMENT', -Infinity],
      ['AWAITING_SHIPMENT', Infinity],
    );
    for (let i = 0; i < 30; i += 1) {
      const offset = Math.floor(Math.random() * Math.max(1, total - 50));
      let t = performance.now();
      const deepRows = await hooks.repos.orders.page(filter, offset, 50);
      deep.push(performance.now() - t);
      // Scrolling on from there: the next page by key, as the queue reads it.
      t = performance.now();
      await hooks.repos.orders.pageAfter(filter, deepRows.at(-1), 50);
      next.push(performance.now() - t);
      t = performance.now();
      await hooks.repos.orders.count(filter);
      counts.push(performance.now() - t);
      t = performance.now();
      await new Promise<number>((resolve, reject) => {
        const req = db2
          .transaction('orders')
          .objectStore('orders')
          .index('[status+shipBy]')
          .count(range);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      rawCounts.push(performance.now() - t);
    }
    db2.close();
    return { ours, raw, first, deep, next, counts, rawCounts, stored: keys.length };
  }, opts.samples);

  // Scroll the queue a little, as a packer would, then measure the heap.
  for (let i = 0; i < 20; i += 1) await page.keyboard.press('PageDown');
  await page.waitForTimeout(300);
  const heap = await heapUsedMb(page);
  await context.close();

  const ours = summarize(lookups.ours);
  const raw = summarize(lookups.raw);
  return {
    orders: lookups.stored,
    seed_ms: Math.round(seed),
    seed_rows_per_s: Math.round((opts.orders / seed) * 1000),
    cold_start_to_queue_ms: Math.round(coldStart),
    lookup_by_id_ms: ours,
    lookup_by_id_raw_idb_ms: raw,
    lookup_by_id_p99_ratio_to_raw: Math.round((ours.p99 / raw.p99) * 100) / 100,
    queue_page_50_first_ms: summarize(lookups.first),
    queue_page_50_deep_ms: summarize(lookups.deep),
    queue_page_50_next_by_key_ms: summarize(lookups.next),
    queue_count_ms: summarize(lookups.counts),
    queue_count_raw_idb_ms: summarize(lookups.rawCounts),
    renderer_heap_mb: heap,
  };
}
