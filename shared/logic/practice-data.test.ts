import { describe, expect, it } from 'vitest';
import { ApiOrder } from '../domain/api-order';
import { OrderRow, quantitiesBySku } from '../domain/order';
import { isValidGtin } from './gtin';
import { orderFromApi } from './order-mapper';
import { practiceCatalog, practiceOrder, practiceOrderId } from './practice-data';

const nowSeconds = 1_795_000_000;
const catalog = practiceCatalog();
const gen = (i: number) => ApiOrder.parse(practiceOrder(i, { nowSeconds, catalog }));

describe('practice data', () => {
  it('is deterministic per index', () => {
    expect(practiceOrder(42, { nowSeconds, catalog })).toEqual(
      practiceOrder(42, { nowSeconds, catalog }),
    );
    expect(practiceOrder(42, { nowSeconds, catalog })).not.toEqual(
      practiceOrder(43, { nowSeconds, catalog }),
    );
  });

  it('gives 18-digit order ids that never collide', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) ids.add(practiceOrderId(i));
    expect(ids.size).toBe(20_000);
    expect(practiceOrderId(0)).toMatch(/^\d{18}$/);
  });

  it('produces valid API orders that map to valid rows, with the mix a bench sees', () => {
    const orders = Array.from({ length: 2000 }, (_, i) => gen(i));
    const rows = orders.map((o) =>
      OrderRow.parse(orderFromApi(o, { practice: true, source: 'practice' })),
    );
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses).toContain('AWAITING_SHIPMENT');
    expect(statuses).toContain('ON_HOLD');
    expect(rows.some((r) => r.isBuyerRequestCancel && r.flags.includes('stop-ship'))).toBe(true);
    expect(rows.some((r) => /[\u4e00-\u9fff]/.test(r.recipient.fullAddress))).toBe(true);
    expect(rows.some((r) => /[\u0600-\u06ff]/.test(r.recipient.fullAddress))).toBe(true);
    expect(rows.some((r) => /\*\*\*/.test(r.recipient.phone))).toBe(true);
    expect(rows.some((r) => quantitiesBySku(r.lines).length > 1)).toBe(true);
    expect(rows.some((r) => quantitiesBySku(r.lines).some((q) => q.quantity > 1))).toBe(true);
    // ON_HOLD orders carry no address, exactly as the API sends them.
    for (const r of rows.filter((x) => x.status === 'ON_HOLD')) {
      expect(r.recipient.fullAddress).toBe('');
      expect(r.flags).toContain('on-hold');
    }
  });

  it('keeps one line item per unit and amounts that add up in cents', () => {
    for (let i = 0; i < 500; i += 1) {
      const o = gen(i);
      const cents = (s: string) => Math.round(Number(s) * 100);
      const sub = o.line_items.reduce((acc, li) => acc + cents(li.sale_price), 0);
      expect(cents(o.payment.sub_total)).toBe(sub);
      expect(cents(o.payment.total_amount)).toBe(
        sub +
          cents(o.payment.shipping_fee) -
          cents(o.payment.seller_discount) +
          cents(o.payment.tax),
      );
    }
  });

  it('gives most SKUs a valid GTIN and every SKU a seller SKU barcode', () => {
    for (const { product } of catalog) {
      expect(product.barcodes).toContain(product.sellerSku);
      for (const code of product.barcodes.filter((b) => /^\d+$/.test(b))) {
        expect(isValidGtin(code)).toBe(true);
      }
    }
    expect(catalog.filter((s) => s.product.barcodes.length === 1).length).toBeGreaterThan(0);
  });
});
