/**
 * Label metrics (issue 5): print route → PDF time per label, and a 100-label batch to one PDF,
 * in Debian's Chromium against the web host, as browser mode prints. Times are wall-clock on
 * the Node side from navigation to the PDF bytes, so they include what a print job waits for.
 * One label of the run is also rasterised at 203 dpi and decoded, so a fast but unreadable label
 * cannot pass unnoticed.
 */
import type { Page } from 'playwright-core';
import { decodePdfBarcodes, pdfPageSizesMm } from '../support/pdf-barcodes';
import type { Station } from './harness';
import { summarize, type Summary } from './stats';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LabelMetrics {
  labels: number;
  /** Navigation to the route until `data-print-ready`. */
  label_render_ms: Summary;
  /** Navigation until the PDF bytes are back: what one label print costs. */
  label_route_to_pdf_ms: Summary;
  batch_size: number;
  batch_route_to_pdf_ms: number;
  batch_pages: number;
  /** The first label decoded to exactly its tracking number and order id at 203 dpi. */
  label_scan_ok: boolean;
}

/** Gives `count` orders with an address a tracking number (as shipping would); returns them. */
async function prepareOrders(page: Page, count: number) {
  return page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    });
    type Row = {
      id: string;
      recipient: { fullAddress: string };
      packages: Array<{ trackingNumber: string; shippingProviderName: string }>;
      trackingNumbers: string[];
    };
    const rows = await new Promise<Row[]>((resolve, reject) => {
      const req = db
        .transaction('orders')
        .objectStore('orders')
        .getAll(null, count * 2);
      req.onsuccess = () => resolve(req.result as Row[]);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
    const picked = rows.filter((r) => r.recipient.fullAddress.length > 0).slice(0, count);
    const tx = db.transaction('orders', 'readwrite');
    const out: Array<{ id: string; tracking: string }> = [];
    for (const row of picked) {
      const tracking =
        row.packages.find((p) => p.trackingNumber)?.trackingNumber ?? `BN${row.id.slice(-12)}`;
      row.packages = row.packages.map((p) => ({
        ...p,
        trackingNumber: tracking,
        shippingProviderName: p.shippingProviderName || 'Bench Express',
      }));
      row.trackingNumbers = [tracking];
      tx.objectStore('orders').put(row);
      out.push({ id: row.id, tracking });
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB request failed'));
    });
    db.close();
    return out;
  }, count);
}

async function routeToPdf(page: Page, url: string, timeoutMs: number) {
  const t0 = performance.now();
  await page.goto(url);
  await page.waitForSelector('body[data-print-ready="true"], body[data-print-error]', {
    timeout: timeoutMs,
  });
  const error = await page.locator('body').getAttribute('data-print-error');
  if (error) throw new Error(`print route ${url} failed: ${error}`);
  const rendered = performance.now() - t0;
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  return { rendered, total: performance.now() - t0, pdf };
}

export async function measureLabels(
  station: Station,
  opts: { labels?: number; batch?: number; log: (m: string) => void },
): Promise<LabelMetrics> {
  const labels = opts.labels ?? 20;
  const batch = opts.batch ?? 100;
  const { context, page } = await station.launch();
  const work = await mkdtemp(join(tmpdir(), 'pb-bench-labels-'));
  try {
    await page.goto(station.host.url);
    // First start seeds the practice shop; a profile seeded before is reused as is.
    await page.waitForSelector('.queue-row[data-order-id]', { timeout: 180_000 });
    const orders = await prepareOrders(page, Math.max(labels, batch));
    if (orders.length < Math.max(labels, batch)) {
      throw new Error(
        `only ${orders.length} orders with an address; need ${Math.max(labels, batch)}`,
      );
    }
    const base = station.host.url.replace(/\/$/, '');

    opts.log(`labels: ${labels} single labels…`);
    const render: number[] = [];
    const total: number[] = [];
    let scanOk = false;
    // One warm-up, not counted: the first navigation compiles the bundle.
    await routeToPdf(page, `${base}/print/label/${orders[0]?.id ?? ''}?size=4x6&dpi=203`, 30_000);
    for (let i = 0; i < labels; i += 1) {
      const o = orders[i];
      if (!o) break;
      const r = await routeToPdf(page, `${base}/print/label/${o.id}?size=4x6&dpi=203`, 30_000);
      render.push(r.rendered);
      total.push(r.total);
      if (i === 0) {
        const scan = await decodePdfBarcodes(r.pdf, 203);
        scanOk =
          JSON.stringify([...(scan.decoded[0] ?? [])].sort()) ===
          JSON.stringify([o.id, o.tracking].sort());
        await scan.cleanup();
      }
    }

    opts.log(`labels: batch of ${batch}…`);
    const ids = orders.slice(0, batch).map((o) => o.id);
    const b = await routeToPdf(
      page,
      `${base}/print/batch?ids=${ids.join(',')}&doc=label&size=4x6&dpi=203`,
      120_000,
    );
    const pdfPath = join(work, 'batch.pdf');
    await writeFile(pdfPath, b.pdf);
    const pages = (await pdfPageSizesMm(pdfPath)).length;

    return {
      labels: total.length,
      label_render_ms: summarize(render),
      label_route_to_pdf_ms: summarize(total),
      batch_size: ids.length,
      batch_route_to_pdf_ms: Math.round(b.total * 10) / 10,
      batch_pages: pages,
      label_scan_ok: scanOk,
    };
  } finally {
    await context.close();
    await rm(work, { recursive: true, force: true });
  }
}
