import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { OrderRow } from '#shared/domain/order';
import { VN_WORKBOOK, vnWorkbookRows } from '../../../tests/fixtures/seller-center/vn-workbook';
import type { ParseProgress } from './csv-stream';
import { importSellerCenterXlsx } from './xlsx';

async function workbook(rows: ReturnType<typeof vnWorkbookRows>): Promise<ArrayBuffer> {
  const blob: unknown = await writeXlsxFile(rows, { sheet: 'OrderSKUList' }).toBlob();
  return (blob as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer();
}

const options = { market: 'VN', utcOffsetMinutes: 420, importedAt: 1_790_000_000_000 } as const;

describe('Seller Center XLSX import', () => {
  it('skips the description row, keeps ids as text and groups SKU rows into orders', async () => {
    const progress: ParseProgress[] = [];
    const result = await importSellerCenterXlsx(await workbook(vnWorkbookRows()), options, (p) =>
      progress.push(p),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.value;
    expect(report.errors).toEqual([]);
    expect(report.rowCount).toBe(VN_WORKBOOK.rows);
    expect(report.orderCount).toBe(VN_WORKBOOK.orders);
    expect(report.lineCount).toBe(VN_WORKBOOK.units);
    const [first, second] = report.orders;
    expect(first!.id).toBe('582000000000000011');
    expect(first!.lines.map((l) => l.skuId)).toEqual([
      '1729000000000000301',
      '1729000000000000301',
      '1729000000000000303',
    ]);
    expect(first!.payment.totalAmount).toBe('250000');
    expect(first!.recipient.phone).toBe('(+84)90****123');
    expect(first!.createdAt).toBe(Date.UTC(2025, 8, 5, 6, 3, 57));
    // A real date cell is read as shop-local wall-clock time, like the text form.
    expect(second!.createdAt).toBe(Date.UTC(2025, 8, 3, 1, 30, 0));
    expect(second!.status).toBe('CANCELLED');
    for (const o of report.orders) expect(OrderRow.safeParse(o).success).toBe(true);
    expect(progress.at(-1)?.fraction).toBe(1);
  });

  it('reads a workbook without the description row the same way', async () => {
    const rows = vnWorkbookRows();
    const withDescription = await importSellerCenterXlsx(await workbook(rows), options);
    const without = await importSellerCenterXlsx(
      await workbook([rows[0]!, ...rows.slice(2)]),
      options,
    );
    expect(without.ok && withDescription.ok).toBe(true);
    if (!without.ok || !withDescription.ok) return;
    expect(without.value.orders).toEqual(withDescription.value.orders);
  });

  it('reports a file that is not a workbook instead of throwing', async () => {
    const bytes = Uint8Array.from('Order ID,SKU ID\n1,2\n', (c) => c.charCodeAt(0));
    const result = await importSellerCenterXlsx(bytes, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unreadable');
  });
});
