/**
 * The Import screen (F7): a 100,000-line Seller Center export through the file input, the per-row
 * error report with "import valid rows only", and the bulk-ship export round trip.
 */
import { createWriteStream, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readBulkShipCsv, readBulkShipXlsx } from '#shared/logic/seller-center/bulk-ship';
import { largeExportChunks, largeExportCounts } from '../fixtures/seller-center/large-export';

const rows = (page: Page) => page.locator('.queue-row[data-order-id]');
const fixtures = join(import.meta.dirname, '../fixtures/seller-center');

async function openImport(page: Page) {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  await page.keyboard.press('F7');
  await expect(page.getByTestId('import-screen')).toBeVisible();
}

function countFileOrders(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('open failed'));
    });
    let orders = 0;
    let lines = 0;
    await new Promise<void>((resolve, reject) => {
      const req = db.transaction('orders').objectStore('orders').openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve();
        const o = c.value as { source: string; lines: unknown[] };
        if (o.source === 'file') {
          orders += 1;
          lines += o.lines.length;
        }
        c.continue();
      };
      req.onerror = () => reject(req.error ?? new Error('cursor failed'));
    });
    db.close();
    return { orders, lines };
  });
}

test('a 100,000-line Seller Center export imports with progress and exact counts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const rowCount = 100_000;
  const path = join(mkdtempSync(join(tmpdir(), 'pb-import-')), 'To Ship order-2025-09-30.csv');
  const out = createWriteStream(path);
  for (const chunk of largeExportChunks(rowCount)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const expected = largeExportCounts(rowCount);

  await openImport(page);
  await page.getByTestId('import-file').setInputFiles(path);
  // The streaming parse shows its progress bar, then the write shows a second one.
  await expect(page.getByTestId('parse-progress').getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('write-progress').getByRole('progressbar')).toBeVisible({
    timeout: 90_000,
  });
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('count-rows')).toHaveText(String(expected.rows));
  await expect(page.getByTestId('count-orders')).toHaveText(String(expected.orders));
  await expect(page.getByTestId('count-lines')).toHaveText(String(expected.units));
  await expect(done).toHaveAttribute('data-orders', String(expected.orders));
  await expect(done).toHaveAttribute('data-lines', String(expected.units));
  // What is in IndexedDB, counted independently of the screen.
  expect(await countFileOrders(page)).toEqual({ orders: expected.orders, lines: expected.units });
});

test('a malformed file is reported row by row and imports only when asked', async ({ page }) => {
  await openImport(page);
  await page.getByTestId('import-file').setInputFiles(join(fixtures, 'malformed.csv'));
  await expect(page.getByTestId('nothing-imported')).toBeVisible();
  const table = page.getByTestId('import-errors');
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await expect(table).toContainText('Quantity');
  await expect(table).toContainText('Created Time');
  expect(await countFileOrders(page)).toEqual({ orders: 0, lines: 0 });

  await page.getByTestId('import-valid-only').click();
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible();
  const written = await countFileOrders(page);
  expect(written.orders).toBeGreaterThan(0);
  await expect(done).toHaveAttribute('data-orders', String(written.orders));
  await expect(done).toHaveAttribute('data-lines', String(written.lines));
});

test('the bulk-ship export round-trips, as CSV and XLSX', async ({ page }) => {
  await openImport(page);
  // What the file must contain: seller-shipped orders with one tracking number, not stopped.
  const expected = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('open failed'));
    });
    type Row = {
      id: string;
      status: string;
      shippingType: string;
      flags: string[];
      packages: { trackingNumber: string; shippingProviderName: string }[];
    };
    const all = await new Promise<Row[]>((resolve) => {
      const req = db.transaction('orders').objectStore('orders').getAll();
      req.onsuccess = () => resolve(req.result as Row[]);
    });
    db.close();
    const shipped = [
      'PARTIALLY_SHIPPING',
      'AWAITING_COLLECTION',
      'IN_TRANSIT',
      'DELIVERED',
      'COMPLETED',
    ];
    return all
      .filter(
        (o) =>
          shipped.includes(o.status) &&
          o.shippingType === 'SELLER' &&
          !o.flags.includes('stop-ship') &&
          o.packages.some((p) => p.trackingNumber !== ''),
      )
      .map((o) => {
        const p = o.packages.find((x) => x.trackingNumber !== '')!;
        return {
          orderId: o.id,
          trackingId: p.trackingNumber,
          providerName: p.shippingProviderName,
        };
      })
      .sort((a, b) => a.orderId.localeCompare(b.orderId));
  });
  expect(expected.length).toBeGreaterThan(0);

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csv = await readFile(await csvDownload.path());
  const fromCsv = readBulkShipCsv(csv.toString('utf8'));
  if (!fromCsv.ok) throw new Error(JSON.stringify(fromCsv.error));
  const pick = (r: { orderId: string; trackingId: string; providerName: string }) => ({
    orderId: r.orderId,
    trackingId: r.trackingId,
    providerName: r.providerName,
  });
  expect(fromCsv.value.map(pick).sort((a, b) => a.orderId.localeCompare(b.orderId))).toEqual(
    expected,
  );

  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Excel (XLSX)' }).click(),
  ]);
  const fromXlsx = await readBulkShipXlsx(
    new Uint8Array(await readFile(await xlsxDownload.path())),
  );
  if (!fromXlsx.ok) throw new Error(JSON.stringify(fromXlsx.error));
  expect(fromXlsx.value).toEqual(fromCsv.value);
  await expect(page.getByTestId('export-note')).toContainText(`${expected.length} rows`);
});
