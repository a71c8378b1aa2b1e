import { describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import { US_HEADER } from '../../../tests/fixtures/seller-center/large-export';
import {
  bulkShipCsv,
  bulkShipRowsFromOrders,
  bulkShipXlsx,
  readBulkShipCsv,
  readBulkShipXlsx,
} from './bulk-ship';
import { textSource } from './csv-stream';
import { importSellerCenterCsv } from './import';
import { readXlsxSheets } from './xlsx';

/** Orders as the import makes them, then "shipped at the bench" with a tracking number each. */
async function shippedOrders(): Promise<OrderRow[]> {
  const rows = [0, 1, 2, 3, 4].map((i) => {
    const cells: Record<string, string> = {
      'Order ID': `57600000000000010${i}\t`,
      'SKU ID': `17290000000000000${i}1\t`,
      Quantity: String(i + 1),
      'Order Status': i === 3 ? 'Cancelled' : 'To ship',
      'Delivery Option Type': 'Seller Shipping',
      'Package ID': `11500000000000001${i}\t`,
    };
    return US_HEADER.map((h) => cells[h] ?? '').join(',');
  });
  const text = `\uFEFF${US_HEADER.join(',')}\n${rows.join('\n')}\n`;
  const result = await importSellerCenterCsv(textSource(text), {
    market: 'US',
    utcOffsetMinutes: 0,
    importedAt: 0,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const carriers = ['USPS', 'UPS', 'FedEx', 'USPS', 'OnTrac'];
  return result.value.orders.map((order, i) => {
    const pkg = order.packages[0]!;
    const packages =
      i === 4
        ? [
            { ...pkg, trackingNumber: '1Z999AA10123456784', shippingProviderName: 'UPS' },
            {
              ...pkg,
              id: 'second',
              trackingNumber: '1Z999AA10123456785',
              shippingProviderName: 'UPS',
            },
          ]
        : [
            {
              ...pkg,
              trackingNumber: `9400111899223${i}00000000${i}`,
              shippingProviderName: carriers[i]!,
            },
          ];
    return { ...order, packages, trackingNumbers: packages.map((p) => p.trackingNumber) };
  });
}

describe('bulk-ship upload file', () => {
  it('selects whole single-package seller-shipped orders and says why others are left out', async () => {
    const { rows, excluded } = bulkShipRowsFromOrders(await shippedOrders());
    expect(rows.map((r) => r.orderId)).toEqual([
      '576000000000000100',
      '576000000000000101',
      '576000000000000102',
    ]);
    expect(excluded).toEqual([
      { orderId: '576000000000000103', reason: 'cancelled' },
      { orderId: '576000000000000104', reason: 'split-order' },
    ]);
  });

  for (const layout of ['seven', 'four'] as const) {
    it(`round-trips through CSV in the ${layout}-column layout`, async () => {
      const orders = await shippedOrders();
      const { rows } = bulkShipRowsFromOrders(orders);
      const csv = bulkShipCsv(rows, layout);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const back = readBulkShipCsv(csv);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.value.map((r) => [r.orderId, r.trackingId, r.providerName])).toEqual(
        orders
          .slice(0, 3)
          .map((o) => [o.id, o.packages[0]!.trackingNumber, o.packages[0]!.shippingProviderName]),
      );
    });

    it(`round-trips through XLSX in the ${layout}-column layout with ids kept as text`, async () => {
      const orders = await shippedOrders();
      const { rows } = bulkShipRowsFromOrders(orders);
      const back = await readBulkShipXlsx(await bulkShipXlsx(rows, layout));
      expect(back).toEqual({ ok: true, value: rows });
    });
  }

  it('rejects a filled template with a row that has no tracking number', () => {
    const text = 'Order ID,Tracking ID,Shipping Provider Name\r\n576000000000000100,,USPS\r\n';
    expect(readBulkShipCsv(text)).toEqual({
      ok: false,
      error: { code: 'bad-rows', rows: [{ row: 2, message: 'Tracking ID is empty' }] },
    });
  });

  it('neutralises formula cells in the CSV and XLSX it writes', async () => {
    const [first] = bulkShipRowsFromOrders(await shippedOrders()).rows;
    const hostile = {
      ...first!,
      providerName: '=HYPERLINK("http://x","y")',
      trackingId: '@SUM(1)',
    };
    const csv = bulkShipCsv([hostile]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain(`'@SUM(1)`);
    expect(csv).not.toMatch(/(^|,)[=@]/m);
    const sheets = await readXlsxSheets(await bulkShipXlsx([hostile]));
    expect(sheets.ok).toBe(true);
    if (!sheets.ok) return;
    const cells = sheets.value[0]!.data.flat().map(String);
    expect(cells).toContain(`'=HYPERLINK("http://x","y")`);
    expect(cells).toContain(`'@SUM(1)`);
    expect(cells.some((c) => /^[=+@]/.test(c))).toBe(false);
  });
});
