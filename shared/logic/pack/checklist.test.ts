import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiOrder } from '#shared/domain/api-order';
import type { OrderLine, OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import { withCheckDigit } from '#shared/logic/gtin';
import { orderFromApi } from '#shared/logic/order-mapper';
import {
  practiceCatalog,
  practiceOrder,
  practiceOrderId,
  practicePackageId,
  practiceTrackingNumber,
} from '#shared/logic/practice-data';
import { GS } from '#shared/logic/scan/keys';
import { buildBarcodeIndex } from './barcode-index';
import { applyManual, applyScan, createPackState, isVerified, type PackState } from './checklist';
import { outcomeFeedback } from './feedback';
import { applyOverride, resolveAlerts } from './override';

const catalog = practiceCatalog();
const products = catalog.map((s) => s.product);
const index = buildBarcodeIndex(products);
const scannable = products.filter((p) => p.barcodes.some((b) => /^\d{12,13}$/.test(b)));
const manualOnly: ProductRow = {
  ...products[0]!,
  id: 'SKU-NOCODE',
  sellerSku: 'NOCODE',
  barcodes: [],
};
const gtinOf = (p: ProductRow) => p.barcodes.find((b) => /^\d+$/.test(b)) ?? p.sellerSku;

function line(p: ProductRow, n: number): OrderLine {
  return {
    id: `${p.id}-${n}`,
    skuId: p.id,
    sellerSku: p.sellerSku,
    productId: p.productId,
    productName: p.productName,
    skuName: p.skuName,
    salePrice: '1.00',
    originalPrice: '1.00',
    sellerDiscount: '0',
    platformDiscount: '0',
    packageId: practicePackageId(1),
    isDangerousGood: false,
    isGift: false,
  };
}

/** An order with `qty[i]` units of product i (one line per unit, as the API sends them). */
function orderOf(items: ReadonlyArray<[ProductRow, number]>): OrderRow {
  const base = orderFromApi(
    ApiOrder.parse(practiceOrder(1, { nowSeconds: 1_795_000_000, catalog })),
    {
      practice: true,
      source: 'practice',
    },
  );
  const lines = items.flatMap(([p, q]) => Array.from({ length: q }, (_, n) => line(p, n)));
  return {
    ...base,
    id: practiceOrderId(1),
    lines,
    packageIds: [practicePackageId(1)],
    trackingNumbers: [practiceTrackingNumber(1)],
  };
}

const [A, B, C, D] = scannable as [ProductRow, ProductRow, ProductRow, ProductRow];
const fullIndex = buildBarcodeIndex([...products, manualOnly]);
const multi = () =>
  createPackState(
    orderOf([
      [A, 2],
      [B, 1],
      [C, 3],
    ]),
    index,
  );

function scanAll(state: PackState, codes: readonly string[]) {
  const outcomes = [];
  for (const code of codes) {
    const step = applyScan(state, code);
    state = step.state;
    outcomes.push(step.outcome);
  }
  return { state, outcomes };
}

describe('pack checklist: counting', () => {
  it('groups one-line-per-unit lines into expected quantities per SKU', () => {
    const s = multi();
    expect(s.lines.map((l) => [l.skuId, l.expected, l.counted])).toEqual([
      [A.id, 2, 0],
      [B.id, 1, 0],
      [C.id, 3, 0],
    ]);
    expect(s.expectedTotal).toBe(6);
    expect(isVerified(s)).toBe(false);
  });

  it('ticks each unit, completes on the last one and verifies', () => {
    const codes = [gtinOf(A), gtinOf(C), B.sellerSku, gtinOf(C), gtinOf(A), gtinOf(C)];
    const { state, outcomes } = scanAll(multi(), codes);
    expect(outcomes.map((o) => o.kind)).toEqual([
      'ticked',
      'ticked',
      'ticked',
      'ticked',
      'ticked',
      'complete',
    ]);
    expect(outcomes[3]).toEqual({ kind: 'ticked', skuId: C.id, count: 2, of: 3 });
    expect(outcomes[5]).toEqual({ kind: 'complete', skuId: C.id, count: 3, of: 3, verified: true });
    expect(state.countedTotal).toBe(6);
    expect(isVerified(state)).toBe(true);
    expect(outcomeFeedback(outcomes[5]!).sound).toBe('complete');
  });

  it('matches a UPC-A by its EAN-13 and GS1 (01) forms, and seller SKUs in any case', () => {
    const upc =
      A.barcodes.find((b) => /^\d{12}$/.test(b)) ?? B.barcodes.find((b) => /^\d{12}$/.test(b));
    expect(upc).toBeDefined();
    const owner = products.find((p) => p.barcodes.includes(upc ?? ''));
    if (!upc || !owner) return;
    const s = createPackState(orderOf([[owner, 3]]), index);
    const { outcomes } = scanAll(s, [
      `0${upc}`,
      `0100${upc}${GS}10LOT1`,
      owner.sellerSku.toLowerCase(),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ticked', 'ticked', 'complete']);
  });

  it('keeps unchanged lines identical between states (cheap re-render)', () => {
    const s = multi();
    const next = applyScan(s, gtinOf(B)).state;
    expect(next.lines[0]).toBe(s.lines[0]);
    expect(next.lines[1]).not.toBe(s.lines[1]);
    expect(s.lines[1]?.counted).toBe(0); // the old state is untouched
  });

  it('handles a 50-line order', () => {
    const items = Array.from(
      { length: 50 },
      (_, i) => [scannable[i % scannable.length]!, 1] as const,
    );
    const order = orderOf(items.map(([p, q]) => [p, q]));
    let s = createPackState(order, index);
    for (const l of order.lines) s = applyScan(s, gtinOf(index.bySku.get(l.skuId)!)).state;
    expect(s.countedTotal).toBe(50);
    expect(isVerified(s)).toBe(true);
  });
});

describe('pack checklist: scans that never count', () => {
  it('flags a known SKU that is not in the order as a wrong item', () => {
    const step = applyScan(multi(), gtinOf(D));
    expect(step.outcome).toEqual({ kind: 'wrong-item', skuId: D.id, code: gtinOf(D) });
    expect(step.state.countedTotal).toBe(0);
    expect(step.state.alerts.map((a) => a.kind)).toEqual(['wrong-item']);
  });

  it('flags one unit too many as an over-scan', () => {
    const { state, outcomes } = scanAll(multi(), [gtinOf(B), gtinOf(B)]);
    expect(outcomes[1]).toEqual({ kind: 'over-scan', skuId: B.id, count: 1, of: 1 });
    expect(state.lines[1]?.counted).toBe(1);
  });

  it('flags an unknown barcode, and rejects an impossible one', () => {
    const unknown = applyScan(multi(), withCheckDigit('400000000000'));
    expect(unknown.outcome.kind).toBe('unknown-barcode');
    const impossible = applyScan(multi(), '036000291453');
    expect(impossible.outcome).toMatchObject({
      kind: 'invalid',
      reason: { code: 'scan.bad-check-digit' },
    });
    expect(impossible.state.alerts).toEqual([]);
  });

  it('flags another order’s order id, package id or tracking number', () => {
    const lookup = (code: string) =>
      code === practiceTrackingNumber(9) ? practiceOrderId(9) : null;
    const s = multi();
    expect(applyScan(s, practiceOrderId(5)).outcome).toMatchObject({
      kind: 'other-order',
      idKind: 'order-id',
    });
    expect(applyScan(s, practicePackageId(5)).outcome).toMatchObject({
      kind: 'other-order',
      idKind: 'package-id',
    });
    expect(applyScan(s, practiceTrackingNumber(9), { lookupOrder: lookup }).outcome).toEqual({
      kind: 'other-order',
      code: practiceTrackingNumber(9),
      orderId: practiceOrderId(9),
      idKind: 'tracking',
    });
    expect(applyScan(s, practiceTrackingNumber(1)).outcome.kind).toBe('this-order');
    expect(applyScan(s, practiceOrderId(1)).outcome.kind).toBe('this-order');
  });

  it('never changes a count on any non-counting outcome, whatever the sequence', () => {
    const noise = [
      gtinOf(D),
      withCheckDigit('400000000000'),
      '036000291453',
      practiceOrderId(5),
      practicePackageId(5),
      'NOT-A-SKU',
    ];
    const good = [gtinOf(A), gtinOf(B), gtinOf(C)];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...noise, ...good), { maxLength: 40 }), (codes) => {
        let s = multi();
        for (const code of codes) {
          const before = s.lines.map((l) => l.counted);
          const step = applyScan(s, code);
          const after = step.state.lines.map((l) => l.counted);
          const counting = step.outcome.kind === 'ticked' || step.outcome.kind === 'complete';
          const changed = after.reduce((n, c, i) => n + c - (before[i] ?? 0), 0);
          expect(changed).toBe(counting ? 1 : 0);
          expect(step.state.lines.every((l) => l.counted <= l.expected)).toBe(true);
          if (!counting) expect(outcomeFeedback(step.outcome).sound).not.toBe('success');
          s = step.state;
        }
      }),
    );
  });
});

describe('pack checklist: alerts, manual entry and override', () => {
  it('blocks verification while a wrong item is open, until it is resolved', () => {
    const { state, outcomes } = scanAll(multi(), [
      gtinOf(D),
      gtinOf(A),
      gtinOf(A),
      gtinOf(B),
      gtinOf(C),
      gtinOf(C),
      gtinOf(C),
    ]);
    expect(outcomes.at(-1)).toMatchObject({ kind: 'complete', verified: false });
    expect(outcomeFeedback(outcomes.at(-1)!).message).toBe('pack.complete-blocked');
    expect(isVerified(state)).toBe(false);
    const { state: resolved, resolved: cleared } = resolveAlerts(state);
    expect(cleared.map((a) => a.kind)).toEqual(['wrong-item']);
    expect(isVerified(resolved)).toBe(true);
  });

  it('enters quantities by hand only for SKUs without a barcode, within bounds', () => {
    const s = createPackState(
      orderOf([
        [A, 1],
        [manualOnly, 2],
      ]),
      fullIndex,
    );
    expect(s.lines[1]?.manualOnly).toBe(true);
    const tooMany = applyManual(s, manualOnly.id, 3);
    expect(tooMany.ok ? null : tooMany.error.code).toBe('pack.qty-out-of-range');
    expect(applyManual(s, manualOnly.id, -1).ok).toBe(false);
    expect(applyManual(s, manualOnly.id, 1.5).ok).toBe(false);
    const scanned = applyManual(s, A.id, 1);
    expect(scanned.ok ? null : scanned.error.code).toBe('pack.manual-not-allowed');
    expect(applyManual(s, 'nope', 1).ok).toBe(false);
    const manual = applyManual(s, manualOnly.id, 2);
    if (!manual.ok) throw new Error('manual entry refused');
    expect(manual.value.outcome).toEqual({ kind: 'ticked', skuId: manualOnly.id, count: 2, of: 2 });
    expect(manual.value.state.lines[1]).toMatchObject({ counted: 2, manual: true });
    const done = applyScan(manual.value.state, gtinOf(A));
    expect(done.outcome).toMatchObject({ kind: 'complete', verified: true });
  });

  it('lets a supervisor force-verify a line, with an audit record', () => {
    const s = applyScan(multi(), gtinOf(C)).state;
    const noReason = applyOverride(s, C.id, 'sup-1', '  ', 99);
    expect(noReason.ok ? null : noReason.error.code).toBe('pack.reason-required');
    expect(applyOverride(s, C.id, '', 'x', 99).ok).toBe(false);
    const r = applyOverride(s, C.id, 'sup-1', 'label torn', 99);
    if (!r.ok) throw new Error('override refused');
    expect(r.value.audit).toEqual({
      kind: 'pack.override',
      orderId: s.orderId,
      supervisorId: 'sup-1',
      reason: 'label torn',
      at: 99,
      lines: [{ skuId: C.id, counted: 1, expected: 3 }],
      clearedAlerts: [],
    });
    expect(r.value.state.lines[2]).toMatchObject({ counted: 3, overriddenBy: 'sup-1' });
    expect(r.value.state.remaining).toBe(2);
  });

  it('force-verifies the whole order, clearing open alerts', () => {
    const s = scanAll(multi(), [gtinOf(D), gtinOf(A)]).state;
    const r = applyOverride(s, null, 'sup-2', 'customer collecting in person', 5);
    if (!r.ok) throw new Error('override refused');
    expect(r.value.audit.lines.map((l) => l.skuId)).toEqual([A.id, B.id, C.id]);
    expect(r.value.audit.clearedAlerts.map((a) => a.kind)).toEqual(['wrong-item']);
    expect(isVerified(r.value.state)).toBe(true);
    expect(r.value.state.countedTotal).toBe(6);
  });
});

describe('barcode index', () => {
  it('reports barcodes two SKUs claim and impossible ones, and indexes neither', () => {
    const a: ProductRow = { ...A, id: 'x1', barcodes: ['036000291452', 'DUP'] };
    const b: ProductRow = { ...B, id: 'x2', barcodes: ['0036000291452', 'dup', '036000291453'] };
    const built = buildBarcodeIndex([a, b]);
    expect(built.problems.map((p) => [p.barcode, p.problem])).toEqual([
      ['036000291453', 'invalid'],
      ['036000291452', 'conflict'],
      ['DUP', 'conflict'],
    ]);
    expect(built.byKey.size).toBe(0);
    expect(built.scannable.size).toBe(0);
  });
});
