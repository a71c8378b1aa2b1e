import { describe, expect, it } from 'vitest';
import { OrderRow } from '#shared/domain/order';
import { US_HEADER } from '../../../tests/fixtures/seller-center/large-export';
import { textSource } from './csv-stream';
import { importSellerCenterCsv, type ImportOptions } from './import';

type Cells = Record<string, string>;
const TABBED = ['Order ID', 'SKU ID', 'Package ID', 'Zipcode', 'Created Time', 'Paid Time'];

function quote(cell: string): string {
  return /[",\n\t]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes rows the way Seller Center does: BOM, quoted cells with a trailing TAB on ids/times. */
function exportCsv(header: readonly string[], rows: Cells[], eol = '\n'): string {
  const line = (cells: string[]) => cells.map(quote).join(',');
  const body = rows.map((r) =>
    line(header.map((h) => (TABBED.includes(h) ? `${r[h] ?? ''}\t` : (r[h] ?? '')))),
  );
  return `\uFEFF${[line([...header]), ...body].join(eol)}${eol}`;
}

const orderA: Cells = {
  'Order ID': '576000000000000001',
  'Order Status': 'To ship',
  'Order Amount': '31.97',
  'Shipping Fee After Discount': '4.99',
  Taxes: '1.50',
  'Created Time': '09/05/2025 7:04:09 AM',
  Recipient: 'Jane Doe',
  'Phone #': '(+1)305****101',
  Country: 'United States',
  State: 'Florida',
  City: 'Miami',
  Zipcode: '33101',
  'Address Line 1': '100 Example St',
  'Package ID': '1150000000000000001',
  'Shipping Information': 'Jane Doe\n(+1)305****101\nMiami, Florida\n33101\nUnited States',
};
const rowsA: Cells[] = [
  { ...orderA, 'SKU ID': '1729000000000000001', Quantity: '2', 'SKU Unit Original Price': '9.99',
    'SKU Seller Discount': '0.98', 'SKU Platform Discount': '1.00', 'SKU Subtotal After Discount': '18.00',
    'Product Name': 'Mug, ceramic "Classic"' },
  { ...orderA, 'SKU ID': '1729000000000000002', Quantity: '1', 'SKU Unit Original Price': '8.99',
    'SKU Subtotal After Discount': '8.49', 'SKU Seller Discount': '0.50', 'Product Name': 'Coaster set' },
]; // prettier-ignore
const rowB: Cells = {
  'Order ID': '576000000000000002',
  'Order Status': 'To ship',
  'SKU ID': '1729000000000000003',
  Quantity: '3',
  'SKU Unit Original Price': '0',
  'Order Amount': '0',
  Recipient: 'Maria  Lopez',
  'Address Line 1': '1 Sample Blvd',
};

const options: ImportOptions = { market: 'US', utcOffsetMinutes: 0, importedAt: 1_790_000_000_000 };

async function importText(text: string, opts: Partial<ImportOptions> = {}, chunkSize = 1 << 16) {
  const result = await importSellerCenterCsv(textSource(text, chunkSize), { ...options, ...opts });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('Seller Center CSV import', () => {
  const usFile = exportCsv(US_HEADER, [rowsA[0]!, rowB, rowsA[1]!]);

  it('strips the BOM and trailing TABs and groups unsorted rows by Order ID', async () => {
    const report = await importText(usFile);
    expect(report.rowCount).toBe(3);
    expect(report.orderCount).toBe(2);
    expect(report.orders.map((o) => o.id)).toEqual(['576000000000000001', '576000000000000002']);
    expect(report.lineCount).toBe(2 + 1 + 3);
    const a = report.orders[0]!;
    expect(a.lines).toHaveLength(3);
    expect(a.lines.map((l) => l.skuId)).toEqual([
      '1729000000000000001',
      '1729000000000000001',
      '1729000000000000002',
    ]);
    expect(a.recipient.postalCode).toBe('33101');
    expect(a.packageIds).toEqual(['1150000000000000001']);
    expect(a.createdAt).toBe(Date.UTC(2025, 8, 5, 7, 4, 9));
    expect(a.source).toBe('file');
    expect(a.practice).toBe(false);
    for (const order of report.orders) expect(OrderRow.safeParse(order).success).toBe(true);
  });

  it('never sums order-level amounts repeated on every row; sums only per-line amounts', async () => {
    const a = (await importText(usFile)).orders[0]!;
    expect(a.payment.totalAmount).toBe('31.97');
    expect(a.payment.shippingFee).toBe('4.99');
    expect(a.payment.tax).toBe('1.50');
    expect(a.payment.subTotal).toBe('26.49');
    expect(a.payment.sellerDiscount).toBe('1.48');
    expect(a.lines[0]!.salePrice).toBe('9');
    expect(a.lines[2]!.salePrice).toBe('8.49');
  });

  it('keeps masked values and double spaces exactly as written', async () => {
    const [a, b] = (await importText(usFile)).orders;
    expect(a!.recipient.phone).toBe('(+1)305****101');
    expect(b!.recipient.name).toBe('Maria  Lopez');
  });

  it('reads a multi-line quoted cell even when chunks cut through it', async () => {
    const whole = await importText(usFile);
    const tiny = await importText(usFile, {}, 7);
    expect(tiny.orders).toEqual(whole.orders);
    expect(whole.orders[0]!.recipient.fullAddress).toContain('100 Example St');
    expect(whole.orders[0]!.lines[0]!.productName).toBe('Mug, ceramic "Classic"');
  });

  it('matches headers by name in a shuffled column order', async () => {
    const shuffled = [...US_HEADER].reverse();
    const report = await importText(exportCsv(shuffled, [rowsA[0]!, rowB, rowsA[1]!], '\r\n'));
    expect(report.orders).toEqual((await importText(usFile)).orders);
  });

  it("reads another market's header variant with its date order", async () => {
    const header = ['Order ID', 'Order Status', 'Cancellation/Return Type', 'SKU ID', 'Quantity',
      'Order Amount', 'Created Time', 'Recipient', 'Phone #', 'Province', 'District', 'Commune',
      'Detail Address', 'Checked Status']; // prettier-ignore
    const row: Cells = {
      'Order ID': '582000000000000001',
      'Order Status': 'Đã hủy',
      'SKU ID': '1729000000000000301',
      Quantity: '2',
      'Order Amount': '250000',
      'Created Time': '05/09/2025 13:03:57',
      Recipient: 'N*** V** A',
      'Phone #': '(+84)90****123',
      Province: 'Hà Nội',
      District: 'Ba Đình',
      Commune: 'Phúc Xá',
      'Detail Address': 'Số 1 Phố Mẫu',
    };
    const report = await importText(exportCsv(header, [row]), {
      market: 'VN',
      utcOffsetMinutes: 420,
    });
    const order = report.orders[0]!;
    expect(report.ignoredColumns).toEqual(['Checked Status']);
    expect(order.createdAt).toBe(Date.UTC(2025, 8, 5, 6, 3, 57));
    expect(order.status).toBe('CANCELLED');
    expect(order.flags).toContain('stop-ship');
    expect(order.payment.currency).toBe('VND');
    expect(order.recipient.districts).toEqual(['Hà Nội', 'Ba Đình', 'Phúc Xá']);
    expect(order.lines).toHaveLength(2);
  });

  it('fails on a missing required column and names it', async () => {
    const result = await importSellerCenterCsv(
      textSource(exportCsv(['Order ID', 'Quantity'], [rowB])),
      options,
    );
    expect(result).toEqual({ ok: false, error: { code: 'missing-columns', missing: ['SKU ID'] } });
    const empty = await importSellerCenterCsv(textSource(''), options);
    expect(empty).toEqual({ ok: false, error: { code: 'empty-file' } });
  });
});

describe('bad rows', () => {
  const header = ['Order ID', 'SKU ID', 'Quantity', 'Created Time', 'Order Amount'];
  const good = (id: string, sku: string): Cells => ({
    'Order ID': id, 'SKU ID': sku, Quantity: '1', 'Created Time': '09/05/2025 7:04:09 AM', 'Order Amount': '5',
  }); // prettier-ignore
  const file = exportCsv(header, [
    good('576000000000000901', '1'),
    { ...good('576000000000000902', '2'), Quantity: 'two' },
    good('576000000000000902', '3'),
    { ...good('576000000000000903', '4'), 'Created Time': '13/05/2025 7:04:09 AM' },
    { ...good('57600000X', '5') },
    { ...good('576000000000000904', '6'), 'Order Amount': 'five' },
    good('576000000000000905', '7'),
  ]);

  it('imports nothing by default and reports every bad row with its row number and column', async () => {
    const report = await importText(file);
    expect(report.imported).toBe(false);
    expect(report.orders).toEqual([]);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Quantity'],
      [5, 'Created Time'],
      [6, 'Order ID'],
      [7, 'Order Amount'],
    ]);
    expect(report.errorCount).toBe(4);
  });

  it('imports only whole valid orders when the user chooses valid rows only', async () => {
    const report = await importText(file, { mode: 'valid-rows-only' });
    expect(report.imported).toBe(true);
    expect(report.orders.map((o) => o.id)).toEqual(['576000000000000901', '576000000000000905']);
    expect(new Set(report.skippedOrderIds)).toEqual(
      new Set(['576000000000000902', '576000000000000903', '576000000000000904']),
    );
  });

  it('reports an unclosed quote and a short row', async () => {
    const broken = `Order ID,SKU ID,Quantity\n576000000000000001,1\n576000000000000002,2,"1\n`;
    const report = await importText(broken);
    expect(report.orders).toEqual([]);
    expect(report.errors.map((e) => e.row)).toEqual([2, 3]);
    expect(report.errors[0]!.message).toMatch(/expected 3 fields/);
  });
});
