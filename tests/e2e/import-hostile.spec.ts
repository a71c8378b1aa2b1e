/**
 * Hostile and foreign-encoded Seller Center files through the Import screen (issue 13 item 4), in
 * Chromium with the real IndexedDB: a GBK CSV imports with correct Chinese names (read back from
 * IndexedDB); invalid UTF-8, a 50 MB cell and an XLSX zip bomb each get a clear error, the station
 * stays usable, and nothing already stored changes.
 */
import { createWriteStream, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import type { OrderRow } from '../../shared/domain/order';
import { CN_ORDERS, cjkExportText } from '../fixtures/seller-center/cjk-export';
import { readStore } from '../support/practice-db';

const fixtures = join(import.meta.dirname, '../fixtures/seller-center');
const work = mkdtempSync(join(tmpdir(), 'pb-hostile-'));

async function openImport(page: Page) {
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 90_000 });
  await page.keyboard.press('F7');
  await expect(page.getByTestId('import-screen')).toBeVisible();
}

/** Every stored order, as stored, in id order: the "nothing changed" oracle. */
async function storedOrders(page: Page): Promise<string> {
  const orders = await readStore<OrderRow>(page, 'orders');
  return JSON.stringify(orders.sort((a, b) => a.id.localeCompare(b.id)));
}

/** Invalid UTF-8 in the second order's Recipient cell (a lone continuation and a 0xFF). */
async function invalidUtf8File(): Promise<string> {
  const text = cjkExportText(CN_ORDERS).replace(/576000000000000/g, '576000000000001');
  const [before, after] = text.split('王芳');
  const path = join(work, 'invalid-utf8.csv');
  await writeFile(
    path,
    Buffer.concat([Buffer.from(before ?? ''), Buffer.from([0x80, 0xff]), Buffer.from(after ?? '')]),
  );
  return path;
}

/** A real export whose second order's Recipient cell is 50 MB. */
async function hugeCellFile(): Promise<string> {
  const text = cjkExportText(CN_ORDERS).replace(/576000000000000/g, '576000000000002');
  const at = text.indexOf('王芳');
  const path = join(work, 'huge-cell.csv');
  const out = createWriteStream(path);
  out.write(text.slice(0, at));
  out.write('"');
  const block = 'A'.repeat(1024 * 1024);
  for (let i = 0; i < 50; i += 1) if (!out.write(block)) await once(out, 'drain');
  out.write(`"${text.slice(at + 2)}`);
  out.end();
  await once(out, 'finish');
  return path;
}

/** An XLSX-named zip whose one sheet inflates to 300 MB (the limit is 256 MB). */
async function zipBombFile(): Promise<string> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((e, data) => {
    if (e) throw e;
    parts.push(data);
  });
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
  zip.add(sheet);
  const block = new Uint8Array(1024 * 1024).fill(0x3c);
  for (let i = 0; i < 300; i += 1) sheet.push(block, i === 299);
  zip.end();
  const path = join(work, 'orders.xlsx');
  await writeFile(path, Buffer.concat(parts));
  return path;
}

test('a GBK export imports with correct Chinese names; hostile files are refused and change nothing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openImport(page);
  const input = page.getByTestId('import-file');

  // 1. GBK (Excel's "CSV" on a Chinese Windows): the names read back from IndexedDB are right.
  await input.setInputFiles(join(fixtures, 'cn-orders.gbk.csv'));
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  const stored = new Map(
    (await readStore<OrderRow>(page, 'orders')).map((o) => [o.id, o] as const),
  );
  for (const expected of CN_ORDERS) {
    const o = stored.get(expected.id);
    expect(o?.recipient.name).toBe(expected.recipient);
    expect(o?.lines[0]?.productName).toBe(expected.product);
    expect(o?.recipient.addressLines[0]).toBe(expected.address);
  }
  await page.screenshot({ path: test.info().outputPath('gbk-imported.png') });

  const before = await storedOrders(page);
  const failure = page.getByTestId('import-failure');

  // 2. Invalid UTF-8: refused with the row and the column of the bad bytes.
  await input.setInputFiles(await invalidUtf8File());
  await expect(failure).toContainText(
    'Row 3, column “Recipient” holds bytes that are not valid UTF-8 text. Nothing was imported.',
  );
  await page.screenshot({ path: test.info().outputPath('invalid-utf8.png') });
  expect(await storedOrders(page)).toBe(before);

  // 3. A 50 MB cell: refused at the record limit, never held whole, never an order's name.
  await input.setInputFiles(await hugeCellFile());
  await expect(failure).toContainText(
    'Row 3, column “Recipient” is longer than 1000000 characters',
    { timeout: 60_000 },
  );
  expect(await storedOrders(page)).toBe(before);

  // 4. A zip bomb named .xlsx: refused by its unzipped size.
  await input.setInputFiles(await zipBombFile());
  await expect(failure).toContainText('This Excel file unpacks to more than 256', {
    timeout: 90_000,
  });
  await expect(failure).toContainText('xl/worksheets/sheet1.xml');
  await page.screenshot({ path: test.info().outputPath('zip-bomb.png') });
  expect(await storedOrders(page)).toBe(before);

  // 5. The station is still usable: a good file imports, and an order opens on the pack screen.
  await input.setInputFiles({
    name: 'again.csv',
    mimeType: 'text/csv',
    buffer: await readFile(join(fixtures, 'us-to-ship.csv')),
  });
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('F3');
  const field = page.getByRole('textbox', { name: 'Your name' });
  await field.fill('Alice');
  await field.press('Enter');
  await page
    .getByRole('textbox', { name: 'Order, package or tracking number' })
    .fill(CN_ORDERS[0]?.id ?? '');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute(
    'data-order-id',
    CN_ORDERS[0]?.id ?? '',
  );
  await expect(page.getByTestId('confirm-panel')).toContainText(CN_ORDERS[0]?.recipient ?? '');
});
