import { describe, expect, it } from 'vitest';
import { ApiOrder } from '#shared/domain/api-order';
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow, StockRow } from '#shared/domain/product';
import { orderFromApi } from '#shared/logic/order-mapper';
import { practiceCatalog, practiceOrder, practiceStock } from '#shared/logic/practice-data';
import { checkAmounts } from './amounts';
import {
  batchBlockers,
  blockingReasons,
  canBatchConfirm,
  confirmBatch,
  confirmOrder,
  isBatchClean,
} from './confirm';
import type { ConfirmContext } from './confirm';
import { checkShipBy, shipByCountdown } from './shipby';
import { consume, release, reserve } from './stock';

const HOUR = 3_600_000;
const nowSeconds = 1_795_000_000;
const now = nowSeconds * 1000;
const catalog = practiceCatalog();
const products = new Map<string, ProductRow>(catalog.map((s) => [s.product.id, s.product]));
const rows = (i: number): OrderRow =>
  orderFromApi(ApiOrder.parse(practiceOrder(i, { nowSeconds, catalog })), {
    practice: true,
    source: 'practice',
  });
const allOrders = Array.from({ length: 400 }, (_, i) => rows(i));
const plentiful = (): Map<string, StockRow> =>
  new Map(
    catalog.map((s) => [
      s.product.id,
      { skuId: s.product.id, onHand: 1000, reserved: 0, updatedAt: 0 },
    ]),
  );
const ctx = (over: Partial<ConfirmContext> = {}): ConfirmContext => ({
  now,
  products,
  stock: plentiful(),
  ...over,
});
const codes = (order: OrderRow, c: ConfirmContext = ctx()) =>
  confirmOrder(order, c).reasons.map((r) => r.code);

/** A clean, shippable order with a far deadline and SKUs that all carry barcodes. */
function cleanOrder(): OrderRow {
  const found = allOrders.find(
    (o) =>
      o.status === 'AWAITING_SHIPMENT' &&
      !o.isBuyerRequestCancel &&
      new Set(o.lines.map((l) => l.skuId)).size >= 2 &&
      o.lines.every((l) => (products.get(l.skuId)?.barcodes.length ?? 0) > 0),
  );
  if (!found) throw new Error('practice data has no clean multi-SKU order');
  return { ...found, shipBy: now + 24 * HOUR };
}

describe('confirmOrder: a clean order', () => {
  it('passes with no reasons at all', () => {
    expect(confirmOrder(cleanOrder(), ctx())).toEqual({
      orderId: cleanOrder().id,
      ok: true,
      reasons: [],
    });
  });

  it('finds the amount formula true for every practice order', () => {
    for (const o of allOrders) expect(checkAmounts(o.lines, o.payment)).toEqual([]);
  });
});

describe('confirmOrder: status', () => {
  it.each([
    [{ status: 'CANCELLED' }, 'order.cancelled'],
    [{ status: 'ON_HOLD' }, 'order.on-hold'],
    [{ isOnHold: true }, 'order.on-hold'],
    [{ isBuyerRequestCancel: true }, 'order.cancel-requested'],
    [{ flags: ['stop-ship'] }, 'order.stop-ship'],
    [{ status: 'UNPAID' }, 'order.not-paid'],
    [{ status: 'DELIVERED' }, 'order.already-shipped'],
    [
      { lines: [], payment: { ...cleanOrder().payment, subTotal: '0', totalAmount: '0' } },
      'order.no-lines',
    ],
  ] as const)('stops on %o with %s', (change, code) => {
    const result = confirmOrder({ ...cleanOrder(), ...(change as Partial<OrderRow>) }, ctx());
    expect(result.ok).toBe(false);
    expect(result.reasons.find((r) => r.code === code)?.severity).toBe('stop');
  });

  it('warns on an order already arranged for collection and on a changed address', () => {
    const arranged = confirmOrder({ ...cleanOrder(), status: 'AWAITING_COLLECTION' }, ctx());
    expect(arranged.ok).toBe(true);
    expect(arranged.reasons.map((r) => [r.code, r.severity])).toEqual([
      ['order.already-arranged', 'warn'],
    ]);
    expect(codes({ ...cleanOrder(), flags: ['address-changed'] })).toEqual([
      'order.address-changed',
    ]);
  });

  it('does not pile address reasons onto an on-hold order the API sent without one', () => {
    const held = allOrders.find((o) => o.status === 'ON_HOLD');
    expect(held).toBeDefined();
    if (held) expect(codes(held).filter((c) => c.startsWith('recipient.'))).toEqual([]);
  });
});

describe('confirmOrder: recipient', () => {
  const withRecipient = (r: Partial<OrderRow['recipient']>) => ({
    ...cleanOrder(),
    recipient: { ...cleanOrder().recipient, ...r },
  });

  it('stops on a missing name, phone or address', () => {
    expect(codes(withRecipient({ name: ' ' }))).toEqual(['recipient.name-missing']);
    expect(codes(withRecipient({ phone: '' }))).toEqual(['recipient.phone-missing']);
    expect(codes(withRecipient({ fullAddress: '', addressLines: [] }))).toEqual([
      'recipient.address-missing',
    ]);
  });

  it('accepts masked values as masked', () => {
    const masked = withRecipient({ name: 'J***n', phone: '(+1)213-***-1234' });
    expect(confirmOrder(masked, ctx()).reasons).toEqual([]);
    expect(codes(withRecipient({ name: '陈***', fullAddress: '***', addressLines: [] }))).toEqual(
      [],
    );
  });

  it('warns on implausible values and keeps CJK and Arabic names', () => {
    expect(codes(withRecipient({ name: '12345' }))).toEqual(['recipient.name-implausible']);
    expect(codes(withRecipient({ phone: 'call me' }))).toEqual(['recipient.phone-implausible']);
    expect(codes(withRecipient({ phone: '12' }))).toEqual(['recipient.phone-implausible']);
    expect(codes(withRecipient({ fullAddress: '1', addressLines: [] }))).toEqual([
      'recipient.address-implausible',
    ]);
    expect(codes(withRecipient({ name: '欧阳娜娜' }))).toEqual([]);
    expect(codes(withRecipient({ name: 'محمد العتيبي', phone: '(+966)501234567' }))).toEqual([]);
  });

  it.each([
    ['US', '90001', true],
    ['US', '90001-1234', true],
    ['US', '9000', false],
    ['GB', 'SW1A 1AA', true],
    ['GB', 'M1 1AE', true],
    ['GB', 'ABC 123', false],
    ['MY', '50450', true],
    ['MY', '5045', false],
    ['SA', '12211', true],
    ['SA', '1221A', false],
    ['CN', '100000', true],
    ['CN', '10000', false],
    ['DE', 'anything', true],
    ['US', '900**', true],
  ])('postal code %s %s valid=%s', (regionCode, postalCode, valid) => {
    const result = confirmOrder(withRecipient({ regionCode, postalCode }), ctx());
    expect(result.ok).toBe(true);
    const reason = result.reasons.find((r) => r.code === 'recipient.postal-invalid');
    expect(reason === undefined).toBe(valid);
    if (reason) expect(reason.params).toMatchObject({ region: regionCode, postalCode });
  });

  it('warns on a missing postal code where one is required', () => {
    expect(codes(withRecipient({ regionCode: 'US', postalCode: '' }))).toEqual([
      'recipient.postal-missing',
    ]);
  });
});

describe('confirmOrder: amounts', () => {
  it('stops on a line total that differs from the subtotal, with both amounts', () => {
    const o = cleanOrder();
    const first = o.lines[0];
    if (!first) throw new Error('no lines');
    const changed = { ...o, lines: [{ ...first, salePrice: '999.99' }, ...o.lines.slice(1)] };
    const r = confirmOrder(changed, ctx()).reasons.find((x) => x.code === 'amount.lines-mismatch');
    expect(r?.severity).toBe('stop');
    expect(r?.params.subTotal).toBe(o.payment.subTotal);
    expect(r?.params.linesTotal).not.toBe(o.payment.subTotal);
  });

  it('stops on a total that does not add up, with the expected and the stated total', () => {
    const o = cleanOrder();
    const r = confirmOrder({ ...o, payment: { ...o.payment, totalAmount: '0.01' } }, ctx());
    expect(r.ok).toBe(false);
    expect(r.reasons[0]?.code).toBe('amount.total-mismatch');
    expect(r.reasons[0]?.params.totalAmount).toBe('0.01');
  });

  it('is decimal-safe and counts the platform discount', () => {
    const o = cleanOrder();
    const line = o.lines[0];
    if (!line) throw new Error('no lines');
    const lines = [
      { ...line, salePrice: '0.10' },
      { ...line, salePrice: '0.20' },
    ];
    const payment = {
      ...o.payment,
      subTotal: '0.30',
      shippingFee: '4.99',
      sellerDiscount: '0.10',
      platformDiscount: '1.00',
      tax: '0.02',
      totalAmount: '4.21',
    };
    expect(checkAmounts(lines, payment)).toEqual([]);
    expect(checkAmounts(lines, { ...payment, subTotal: 'abc' }).map((r) => r.code)).toEqual([
      'amount.unparseable',
    ]);
  });
});

describe('confirmOrder: SKUs and stock', () => {
  it('stops on an unknown SKU and warns on one without a barcode', () => {
    const o = cleanOrder();
    const skuId = o.lines[0]?.skuId ?? '';
    const without = new Map(products);
    without.delete(skuId);
    expect(codes(o, ctx({ products: without }))).toContain('sku.unknown');
    const bare = new Map(products);
    const p = products.get(skuId);
    if (p) bare.set(skuId, { ...p, barcodes: [] });
    const r = confirmOrder(o, ctx({ products: bare }));
    expect(r.ok).toBe(true);
    expect(r.reasons.map((x) => [x.code, x.params.skuId])).toEqual([['sku.no-barcode', skuId]]);
  });

  it('stops when on hand minus reserved is less than needed, and counts own reservation', () => {
    const o = cleanOrder();
    const line = o.lines[0];
    if (!line) throw new Error('no lines');
    const needed = o.lines.filter((l) => l.skuId === line.skuId).length;
    const stock = plentiful();
    stock.set(line.skuId, { skuId: line.skuId, onHand: needed + 3, reserved: 4, updatedAt: 0 });
    const r = confirmOrder(o, ctx({ stock }));
    expect(r.ok).toBe(false);
    expect(r.reasons.find((x) => x.code === 'stock.short')?.params).toMatchObject({
      skuId: line.skuId,
      needed,
      available: needed - 1,
    });
    stock.set(line.skuId, {
      skuId: line.skuId,
      onHand: needed + 3,
      reserved: 3 + needed,
      updatedAt: 0,
    });
    expect(confirmOrder(o, ctx({ stock, alreadyReserved: true })).ok).toBe(true);
  });

  it('warns when a SKU has no local stock row', () => {
    const o = cleanOrder();
    expect(codes(o, ctx({ stock: new Map() })).every((c) => c === 'stock.untracked')).toBe(true);
  });

  it('reserves on confirm, releases on cancel and consumes on ship, as new rows', () => {
    const o = cleanOrder();
    const stock = new Map(practiceStock(catalog, 0).map((r) => [r.skuId, r]));
    const reserved = reserve(stock, o, 5);
    for (const row of reserved) {
      const units = o.lines.filter((l) => l.skuId === row.skuId).length;
      expect(row.reserved).toBe((stock.get(row.skuId)?.reserved ?? 0) + units);
      expect(row.updatedAt).toBe(5);
    }
    const after = new Map(reserved.map((r) => [r.skuId, r]));
    expect(release(after, o, 6).map((r) => r.reserved)).toEqual(reserved.map(() => 0));
    const shipped = consume(after, o, 7);
    expect(
      shipped.map((r) => r.onHand + o.lines.filter((l) => l.skuId === r.skuId).length),
    ).toEqual(reserved.map((r) => r.onHand));
    expect(stock.get(reserved[0]?.skuId ?? '')?.reserved).toBe(0); // input untouched
  });
});

describe('ship-by', () => {
  it('warns loudly when overdue and plainly under two hours', () => {
    expect(checkShipBy(now - 30 * 60_000, now)).toEqual([
      { code: 'shipby.overdue', severity: 'warn', params: { minutes: 30 }, loud: true },
    ]);
    expect(checkShipBy(now + 90 * 60_000, now)).toEqual([
      { code: 'shipby.soon', severity: 'warn', params: { minutes: 90 } },
    ]);
    expect(checkShipBy(now + 3 * HOUR, now)).toEqual([]);
    expect(confirmOrder({ ...cleanOrder(), shipBy: now - HOUR }, ctx()).ok).toBe(true);
  });

  it('counts down and past the deadline', () => {
    expect(shipByCountdown(now + 26 * HOUR + 61_000, now)).toMatchObject({
      state: 'ok',
      label: '26:01:01',
    });
    expect(shipByCountdown(now + 59_000, now)).toMatchObject({ state: 'urgent', label: '0:00:59' });
    expect(shipByCountdown(now - 3_600_500, now)).toMatchObject({
      state: 'overdue',
      label: '−1:00:00',
    });
    expect(shipByCountdown(0, now).state).toBe('none');
  });
});

describe('batch confirmation', () => {
  it('allows a batch of clean orders, with time-pressure warnings', () => {
    const a = cleanOrder();
    const b = { ...cleanOrder(), id: 'other', shipBy: now + HOUR };
    const results = [a, b].map((o) => confirmOrder(o, ctx()));
    expect(canBatchConfirm(results)).toBe(true);
  });

  it('names the orders and reasons that block a batch', () => {
    const a = cleanOrder();
    const b = { ...cleanOrder(), id: 'bad', recipient: { ...a.recipient, phone: 'x' } };
    const c = { ...cleanOrder(), id: 'gone', status: 'CANCELLED' as const };
    const results = [a, b, c].map((o) => confirmOrder(o, ctx()));
    expect(canBatchConfirm(results)).toBe(false);
    expect(batchBlockers(results)).toEqual([
      { orderId: 'bad', codes: ['recipient.phone-implausible'] },
      { orderId: 'gone', codes: ['order.cancelled'] },
    ]);
    expect(canBatchConfirm([])).toBe(false);
  });

  it('never lets two orders take the same last units', () => {
    const o = cleanOrder();
    const sku = o.lines[0]?.skuId ?? '';
    const needed = o.lines.filter((l) => l.skuId === sku).length;
    const stock = plentiful();
    stock.set(sku, { skuId: sku, onHand: 2 * needed - 1, reserved: 0, updatedAt: 0 });
    const batch = confirmBatch([o, { ...o, id: 'second' }], ctx({ stock }));
    expect(batch.results.map((r) => r.ok)).toEqual([true, false]);
    expect(batch.results[1]?.reasons.map((r) => r.code)).toEqual(['stock.short']);
    expect(batch.stock.get(sku)?.reserved).toBe(needed);
    expect(stock.get(sku)?.reserved).toBe(0);
  });

  it('tells blocking reasons from warnings a batch may carry', () => {
    const late = confirmOrder({ ...cleanOrder(), shipBy: now - HOUR }, ctx());
    expect(late.reasons.map((r) => r.code)).toEqual(['shipby.overdue']);
    expect(blockingReasons(late)).toEqual([]);
    expect(isBatchClean(late)).toBe(true);
    const moved = confirmOrder({ ...cleanOrder(), flags: ['address-changed'] }, ctx());
    expect(moved.ok).toBe(true);
    expect(blockingReasons(moved).map((r) => r.code)).toEqual(['order.address-changed']);
    expect(isBatchClean(moved)).toBe(false);
    const held = confirmOrder({ ...cleanOrder(), isOnHold: true }, ctx());
    expect(isBatchClean(held)).toBe(false);
  });

  it('reserves nothing for an order the caller does not accept, so the next one gets the units', () => {
    const o = cleanOrder();
    const sku = o.lines[0]?.skuId ?? '';
    const needed = o.lines.filter((l) => l.skuId === sku).length;
    const stock = plentiful();
    stock.set(sku, { skuId: sku, onHand: needed, reserved: 0, updatedAt: 0 });
    const flagged = { ...o, id: 'moved', flags: ['address-changed' as const] };
    const batch = confirmBatch([flagged, { ...o, id: 'next' }], ctx({ stock }), isBatchClean);
    expect(batch.results.map((r) => [r.orderId, r.ok])).toEqual([
      ['moved', true],
      ['next', true],
    ]);
    expect(batch.reserved[0]).toEqual([]);
    expect(batch.reserved[1]?.find((r) => r.skuId === sku)?.reserved).toBe(needed);
    expect(batch.stock.get(sku)?.reserved).toBe(needed);
  });
});
