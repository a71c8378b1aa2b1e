/**
 * Insights (issue 15): every metric over a large history — 100,000 orders and about 1,000,000
 * audit events (scan events plus audit rows) by default — computed in the insights worker.
 * Full recompute (reload every row + compute) and the incremental update after one pack
 * (re-read that order's rows + compute), p50/p99; main-thread long tasks while the worker
 * recomputes (the bench must not stutter); the renderer heap with the Insights screen open.
 */
import type { Page } from 'playwright-core';
import type { InsightsDevHooks } from '../../renderer/src/features/insights/dev-hooks';
import { waitForQueue } from './foundation';
import type { Station } from './harness';
import { summarize, type Summary } from './stats';

type HookWindow = { __packbench?: { insights?: InsightsDevHooks; db?: unknown } };

export interface InsightsMetrics {
  orders: number;
  scan_events: number;
  audit_rows: number;
  seed_ms: number;
  full_recompute_ms: Summary;
  full_recompute_load_ms: Summary;
  full_recompute_compute_ms: Summary;
  incremental_after_pack_ms: Summary;
  main_thread_longest_task_during_recompute_ms: number;
  renderer_heap_insights_open_mb: number;
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

export async function measureInsights(
  station: Station,
  opts: { orders: number; samples: number; log: (m: string) => void },
): Promise<InsightsMetrics> {
  const { page } = await station.launch();
  await page.goto(`${station.host.url}?dev=1`);
  await waitForQueue(page);
  await page.waitForFunction(() => (window as HookWindow).__packbench?.insights !== undefined);

  // Scans (~1.7 per order) + audit rows (~3 per order) + padding: ~10 events per order.
  const pad = 5;
  opts.log(`insights: seeding ${opts.orders} orders of history…`);
  const seeded = await page.evaluate(
    async ([orders, padding]) => {
      const hooks = (window as HookWindow).__packbench?.insights;
      if (!hooks) throw new Error('insights dev hooks missing');
      const t0 = performance.now();
      await hooks.seedHistory(orders, padding);
      return { ms: performance.now() - t0, counts: await hooks.counts() };
    },
    [opts.orders, pad] as const,
  );
  opts.log(`insights: ${JSON.stringify(seeded.counts)}; full recomputes…`);

  const full = await page.evaluate(
    async (n) => {
      const hooks = (window as HookWindow).__packbench?.insights;
      if (!hooks) throw new Error('insights dev hooks missing');
      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const runs: { loadMs: number; computeMs: number; totalMs: number }[] = [];
      for (let i = 0; i < n; i += 1) runs.push(await hooks.fullRecompute());
      observer.disconnect();
      return { runs, longest };
    },
    Math.max(3, Math.round(opts.samples / 10)),
  );

  opts.log('insights: incremental updates after one pack…');
  const ids = await page.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
    });
    const keys = await new Promise<string[]>((resolve, reject) => {
      const req = db
        .transaction('orders')
        .objectStore('orders')
        .index('status')
        .getAllKeys('AWAITING_SHIPMENT', n);
      req.onsuccess = () => resolve(req.result as string[]);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
    db.close();
    return keys;
  }, opts.samples);
  const incremental = await page.evaluate(async (orderIds) => {
    const hooks = (window as HookWindow).__packbench?.insights;
    if (!hooks) throw new Error('insights dev hooks missing');
    const out: number[] = [];
    for (const id of orderIds) out.push((await hooks.packOneAndUpdate(id)).totalMs);
    return out;
  }, ids);

  opts.log('insights: heap with the screen open…');
  await page.keyboard.press('F1');
  await page.waitForSelector('[data-testid="insights-screen"][data-ready="true"]', {
    timeout: 600_000,
  });
  const heap = await heapUsedMb(page);
  return {
    orders: seeded.counts.orders,
    scan_events: seeded.counts.scans,
    audit_rows: seeded.counts.audit,
    seed_ms: Math.round(seeded.ms),
    full_recompute_ms: summarize(full.runs.map((r) => r.totalMs)),
    full_recompute_load_ms: summarize(full.runs.map((r) => r.loadMs)),
    full_recompute_compute_ms: summarize(full.runs.map((r) => r.computeMs)),
    incremental_after_pack_ms: summarize(incremental),
    main_thread_longest_task_during_recompute_ms: Math.round(full.longest),
    renderer_heap_insights_open_mb: heap,
  };
}
