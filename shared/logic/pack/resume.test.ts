import { describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import { buildBarcodeIndex } from './barcode-index';
import { applyScan, createPackState, isVerified } from './checklist';
import { resumePackState } from './resume';

function product(id: string, gtin: string): ProductRow {
  return {
    id,
    productId: `P-${id}`,
    sellerSku: `SKU-${id}`,
    productName: `Product ${id}`,
    skuName: '',
    barcodes: [gtin],
    handling: [],
  } as unknown as ProductRow;
}

function order(lines: string[]): OrderRow {
  return {
    id: '576000000000000001',
    packageIds: [],
    trackingNumbers: [],
    lines: lines.map((skuId, i) => ({
      id: `l${i}`,
      skuId,
      sellerSku: `SKU-${skuId}`,
      productId: `P-${skuId}`,
      productName: `Product ${skuId}`,
      skuName: '',
    })),
  } as unknown as OrderRow;
}

const products = [product('a', '4006381333931'), product('b', '4006381333948')];
const index = buildBarcodeIndex(products);

describe('resuming a pack from stored counts', () => {
  it('rebuilds the checklist a scan-by-scan pack had reached', () => {
    const o = order(['a', 'a', 'b']);
    let live = createPackState(o, index);
    live = applyScan(live, '4006381333931').state;
    live = applyScan(live, '4006381333948').state;
    const resumed = resumePackState(o, index, { a: 1, b: 1 });
    expect(resumed.lines.map((l) => [l.skuId, l.counted])).toEqual(
      live.lines.map((l) => [l.skuId, l.counted]),
    );
    expect(resumed.countedTotal).toBe(2);
    expect(resumed.remaining).toBe(1);
    // The next scan completes it, as it would have before the interruption.
    const step = applyScan(resumed, '4006381333931');
    expect(step.outcome.kind).toBe('complete');
    expect(isVerified(step.state)).toBe(true);
  });

  it('caps counts at what the order needs and ignores SKUs not in the order', () => {
    const resumed = resumePackState(order(['a']), index, { a: 5, b: 2, zz: 1 });
    expect(resumed.lines.map((l) => l.counted)).toEqual([1]);
    expect(resumed.remaining).toBe(0);
    expect(isVerified(resumed)).toBe(true);
  });

  it('treats missing or broken counts as nothing scanned', () => {
    const resumed = resumePackState(order(['a', 'b']), index, { a: Number.NaN, b: -3 });
    expect(resumed.countedTotal).toBe(0);
    expect(resumed.remaining).toBe(2);
  });
});
