import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OrderRow } from '#shared/domain/order';
import type { ParseProgress } from '#shared/logic/seller-center/csv-stream';
import type { ImportOptions } from '#shared/logic/seller-center/import';
import { VN_WORKBOOK } from '../../../../tests/fixtures/seller-center/vn-workbook';
import { blobTextSource, importSellerCenterFile } from './parse-file';

/** Fixture files on disk, handed over as the browser would: a real `File`. */
async function fixture(name: string): Promise<File> {
  const url = new URL(`../../../../tests/fixtures/seller-center/${name}`, import.meta.url);
  return new File([await readFile(url)], name);
}

const us: ImportOptions = { market: 'US', utcOffsetMinutes: -240, importedAt: 1_790_000_000_000 };

async function importFixture(name: string, options: ImportOptions = us) {
  const progress: ParseProgress[] = [];
  const result = await importSellerCenterFile(await fixture(name), options, (p) =>
    progress.push(p),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { report: result.value, progress };
}

describe('importing Seller Center files from a File', () => {
  it('streams the US export: BOM, tabs, multi-line cells, CJK/Arabic text, exact counts', async () => {
    const { report, progress } = await importFixture('us-to-ship.csv');
    expect(report.errors).toEqual([]);
    expect(report.rowCount).toBe(6);
    expect(report.orderCount).toBe(4);
    expect(report.lineCount).toBe(8);
    const byId = new Map(report.orders.map((o) => [o.id, o]));
    const a = byId.get('576000000000000001')!;
    expect(a.payment.totalAmount).toBe('31.97');
    expect(a.buyerMessage).toBe('Please, no "fragile" sticker.\nLeave at the back door.');
    expect(a.recipient.postalCode).toBe('33101');
    const c = byId.get('576000000000000003')!;
    expect(c.recipient.name).toBe('محمد علي');
    expect(c.lines[0]!.productName).toBe('保温杯 Thermos 500ml');
    expect(c.lines).toHaveLength(3);
    expect(byId.get('576000000000000004')!.status).toBe('CANCELLED');
    expect(byId.get('576000000000000004')!.recipient.phone).toBe('(+1)213-***-1234');
    for (const o of report.orders) expect(OrderRow.safeParse(o).success).toBe(true);
    const file = await fixture('us-to-ship.csv');
    expect(progress.at(-1)).toMatchObject({ processed: file.size, total: file.size, fraction: 1 });
  });

  it('reads the Thai export (CRLF, day-first dates, localised statuses, masked values)', async () => {
    const { report } = await importFixture('th-orders.csv', {
      ...us,
      market: 'TH',
      utcOffsetMinutes: 420,
    });
    expect(report.errors).toEqual([]);
    const [open, cancelled] = report.orders;
    expect(open!.status).toBe('AWAITING_SHIPMENT');
    expect(open!.createdAt).toBe(Date.UTC(2025, 8, 5, 6, 3, 57));
    expect(open!.lines).toHaveLength(4);
    expect(open!.recipient.name).toBe('ส***** ใ*****');
    expect(open!.payment).toMatchObject({
      currency: 'THB',
      totalAmount: '459.00',
      shippingFee: '40.00',
    });
    expect(cancelled!.status).toBe('CANCELLED');
    expect(cancelled!.flags).toContain('stop-ship');
  });

  it('reports the malformed file row by row and imports nothing unless asked', async () => {
    const { report } = await importFixture('malformed.csv');
    expect(report.orders).toEqual([]);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Quantity'],
      [4, 'Created Time'],
      [6, 'Order ID'],
      [7, ''],
      [8, 'SKU Subtotal After Discount'],
    ]);
    const valid = await importFixture('malformed.csv', { ...us, mode: 'valid-rows-only' });
    expect(valid.report.orders.map((o) => o.id)).toEqual([
      '576000000000000501',
      '576000000000000507',
    ]);
    expect(valid.report.lineCount).toBe(1 + 3);
  });

  it('reads the XLSX fixture through the same entry point', async () => {
    const { report } = await importFixture('vn-order-sku-list.xlsx', {
      ...us,
      market: 'VN',
      utcOffsetMinutes: 420,
    });
    expect(report.errors).toEqual([]);
    expect(report.rowCount).toBe(VN_WORKBOOK.rows);
    expect(report.orders).toHaveLength(VN_WORKBOOK.orders);
    expect(report.lineCount).toBe(VN_WORKBOOK.units);
  });

  it('decodes multi-byte characters split across stream chunks', async () => {
    const text = 'ประเทศไทย 保温杯 محمد';
    const bytes = new TextEncoder().encode(text);
    // A Blob made of 1-byte parts streams in pieces that cut every multi-byte character.
    const blob = new Blob(Array.from(bytes, (b) => new Uint8Array([b])));
    let decoded = '';
    let size = 0;
    for await (const chunk of blobTextSource(blob).chunks) {
      decoded += chunk.text;
      size += chunk.size;
    }
    expect(decoded).toBe(text);
    expect(size).toBe(bytes.byteLength);
  });
});
