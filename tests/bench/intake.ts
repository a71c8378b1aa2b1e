/**
 * Intake metrics (issue 3): pull throughput against the practice shop at its rate limit, as a
 * ratio to that limit; Seller Center import throughput and peak JS heap, with a raw IndexedDB
 * bulk write of the same orders in the same run as the denominator; the longest main-thread gap
 * while each runs (background writers must yield). Timings are taken in the page.
 *
 * The station must be started with a rate-limited practice shop:
 *   startStation({ sandbox: { orderCount: 5000, faults: { rateLimitPerSecond: 5 } } })
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { largeExportChunks, largeExportCounts } from '../fixtures/seller-center/large-export';
import type { Station } from './harness';

/** Orders per search page the intake asks for (the API maximum). */
const PAGE_SIZE = 100;

interface IntakeHooks {
  intake: {
    pullNow(): Promise<{ ok: boolean; pulled?: number; message?: string } | null>;
    resetForBench(): Promise<void>;
    importFile(
      file: File,
      chunkSize?: number,
    ): Promise<{ rows: number; orders: number; lines: number; parseMs: number; writeMs: number }>;
    lastImportedOrders(): unknown[];
    clearLastImport(): void;
  };
}

export interface IntakeMetrics {
  rate_limit_requests_per_s: number;
  rate_limit_orders_per_s: number;
  pull_orders: number;
  pull_ms: number;
  pull_orders_per_s: number;
  pull_ratio_to_rate_limit: number;
  pull_max_main_thread_gap_ms: number;
  import_rows: number;
  import_orders: number;
  import_lines: number;
  import_parse_ms: number;
  import_write_ms: number;
  import_lines_per_s: number;
  import_write_orders_per_s: number;
  raw_idb_write_orders_per_s: number;
  import_write_ratio_to_raw: number;
  import_max_main_thread_gap_ms: number;
  import_peak_heap_mb: number;
}

/** Starts an in-page watcher of main-thread gaps (timer lateness); returns a stop function name. */
async function startGapWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __gap?: { max: number; stop: boolean } };
    const state = { max: 0, stop: false };
    w.__gap = state;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      state.max = Math.max(state.max, now - last);
      last = now;
      if (!state.stop) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
}

async function stopGapWatch(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __gap?: { max: number; stop: boolean } };
    if (!w.__gap) return Number.NaN;
    w.__gap.stop = true;
    return Math.round(w.__gap.max * 10) / 10;
  });
}

async function heapMb(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return used / 1024 / 1024;
}

export async function measureIntake(
  station: Station,
  opts: { rateLimitPerSecond: number; importRows: number; log: (m: string) => void },
): Promise<IntakeMetrics> {
  const { context, page } = await station.launch();
  try {
    await page.goto(`${station.host.url}?dev=1`);
    await page.waitForSelector('.queue-row[data-order-id]', { timeout: 300_000 });
    await page.waitForFunction(
      () => 'intake' in ((window as unknown as { __packbench?: object }).__packbench ?? {}),
    );

    // --- pull: a full first pull from an empty station, timed in the page ---
    opts.log('intake: full pull against the rate-limited practice shop…');
    await startGapWatch(page);
    const pull = await page.evaluate(async () => {
      const hooks = (window as unknown as { __packbench: IntakeHooks }).__packbench;
      await hooks.intake.resetForBench();
      const t0 = performance.now();
      const out = await hooks.intake.pullNow();
      const ms = performance.now() - t0;
      if (!out?.ok) throw new Error(`pull failed: ${out?.message ?? 'no controller'}`);
      return { ms, pulled: out.pulled ?? 0 };
    });
    const pullGap = await stopGapWatch(page);
    const limitOrders = opts.rateLimitPerSecond * PAGE_SIZE;
    const pullRate = pull.pulled / (pull.ms / 1000);

    // --- import: a generated Seller Center export through a real File ---
    opts.log(`intake: import of a ${opts.importRows}-row export…`);
    const dir = await mkdtemp(join(tmpdir(), 'packbench-bench-import-'));
    const path = join(dir, 'export.csv');
    const out = createWriteStream(path);
    for (const chunk of largeExportChunks(opts.importRows)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const expected = largeExportCounts(opts.importRows);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-import-file';
      input.style.display = 'none';
      document.body.append(input);
    });
    await page.setInputFiles('#bench-import-file', path);
    // Imports run from the Import screen (F7), as a seller does it.
    await page.keyboard.press('F7');
    await page.waitForSelector('[data-testid="import-screen"]');

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    let peak = await heapMb(cdp);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await heapMb(cdp).catch(() => 0));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await startGapWatch(page);
    const imported = await page.evaluate(async () => {
      const hooks = (window as unknown as { __packbench: IntakeHooks }).__packbench;
      const input = document.getElementById('bench-import-file') as HTMLInputElement;
      const file = input.files?.[0];
      if (!file) throw new Error('no file');
      return hooks.intake.importFile(file);
    });
    const importGap = await stopGapWatch(page);
    sampling = false;
    await sampler;
    if (imported.orders !== expected.orders || imported.lines !== expected.units) {
      throw new Error(`import counts differ: ${JSON.stringify({ imported, expected })}`);
    }

    // --- denominator: the same orders, raw IndexedDB puts in 1,000-row transactions ---
    opts.log('intake: raw IndexedDB write of the same orders…');
    const rawMs = await page.evaluate(async () => {
      const hooks = (window as unknown as { __packbench: IntakeHooks }).__packbench;
      const orders = hooks.intake.lastImportedOrders();
      const name = `packbench-bench-raw-${Date.now()}`;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name, 1);
        r.onupgradeneeded = () => {
          const s = r.result.createObjectStore('orders', { keyPath: 'id' });
          s.createIndex('status', 'status');
          s.createIndex('shipBy', 'shipBy');
          s.createIndex('status_shipBy', ['status', 'shipBy']);
          s.createIndex('packageIds', 'packageIds', { multiEntry: true });
          s.createIndex('trackingNumbers', 'trackingNumbers', { multiEntry: true });
          s.createIndex('searchName', 'searchName');
          s.createIndex('flags', 'flags', { multiEntry: true });
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('open failed'));
      });
      const t0 = performance.now();
      for (let i = 0; i < orders.length; i += 1000) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('orders', 'readwrite', { durability: 'strict' });
          const store = tx.objectStore('orders');
          for (const o of orders.slice(i, i + 1000)) store.put(o);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('tx failed'));
        });
      }
      const ms = performance.now() - t0;
      db.close();
      hooks.intake.clearLastImport();
      await new Promise<void>((resolve) => {
        const d = indexedDB.deleteDatabase(name);
        d.onsuccess = () => resolve();
        d.onerror = () => resolve();
      });
      return ms;
    });
    await cdp.detach().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });

    const writeRate = imported.orders / (imported.writeMs / 1000);
    const rawRate = imported.orders / (rawMs / 1000);
    const r1 = (n: number) => Math.round(n * 10) / 10;
    const r3 = (n: number) => Math.round(n * 1000) / 1000;
    return {
      rate_limit_requests_per_s: opts.rateLimitPerSecond,
      rate_limit_orders_per_s: limitOrders,
      pull_orders: pull.pulled,
      pull_ms: Math.round(pull.ms),
      pull_orders_per_s: r1(pullRate),
      pull_ratio_to_rate_limit: r3(pullRate / limitOrders),
      pull_max_main_thread_gap_ms: pullGap,
      import_rows: imported.rows,
      import_orders: imported.orders,
      import_lines: imported.lines,
      import_parse_ms: Math.round(imported.parseMs),
      import_write_ms: Math.round(imported.writeMs),
      import_lines_per_s: r1(imported.rows / ((imported.parseMs + imported.writeMs) / 1000)),
      import_write_orders_per_s: r1(writeRate),
      raw_idb_write_orders_per_s: r1(rawRate),
      import_write_ratio_to_raw: r3(writeRate / rawRate),
      import_max_main_thread_gap_ms: importGap,
      import_peak_heap_mb: r1(peak),
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}
