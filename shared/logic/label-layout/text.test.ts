import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../domain/order';
import {
  firstFitting,
  fitSteps,
  formatShipBy,
  formatWeightKg,
  orderWeightGrams,
  summarizeItems,
} from './text';

function line(skuId: string, sellerSku: string, n: number): OrderLine {
  return {
    id: `${skuId}-${n}`,
    skuId,
    sellerSku,
    productId: `p-${skuId}`,
    productName: `Product ${skuId}`,
    skuName: '',
    salePrice: '1.00',
    originalPrice: '1.00',
    sellerDiscount: '0.00',
    platformDiscount: '0.00',
    packageId: 'pkg',
    isDangerousGood: false,
    isGift: false,
  };
}

function units(skuId: string, sellerSku: string, qty: number): OrderLine[] {
  return Array.from({ length: qty }, (_, i) => line(skuId, sellerSku, i));
}

describe('summarizeItems', () => {
  const lines = [
    ...units('1', 'MUG-RED', 1),
    ...units('2', 'TEE-L', 3),
    ...units('3', 'CAP', 2),
    ...units('4', 'BAG', 1),
  ];

  it('counts units per SKU, largest first, and counts what it leaves out', () => {
    const s = summarizeItems(lines, 2);
    expect(s.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['TEE-L', 3],
      ['CAP', 2],
    ]);
    expect(s.more).toBe(2);
    expect(s.units).toBe(lines.length);
  });

  it('shows everything when it fits', () => {
    const s = summarizeItems(lines, 10);
    expect(s.lines).toHaveLength(4);
    expect(s.more).toBe(0);
    expect(s.lines.reduce((n, l) => n + l.quantity, 0)).toBe(lines.length);
  });
});

describe('orderWeightGrams', () => {
  const lines = [...units('1', 'A', 2), ...units('2', 'B', 1)];
  it('sums per-unit weights', () => {
    const w = new Map([
      ['1', 120],
      ['2', 300],
    ]);
    expect(orderWeightGrams(lines, w)).toBe(2 * 120 + 300);
  });
  it('is unknown when any SKU weight is missing or zero', () => {
    expect(orderWeightGrams(lines, new Map([['1', 120]]))).toBeNull();
    expect(
      orderWeightGrams(
        lines,
        new Map([
          ['1', 120],
          ['2', 0],
        ]),
      ),
    ).toBeNull();
    expect(orderWeightGrams([], new Map())).toBeNull();
  });
  it('formats kilograms with two decimals', () => {
    expect(formatWeightKg(540)).toBe('0.54 kg');
    expect(formatWeightKg(1234)).toBe('1.23 kg');
  });
});

describe('fitSteps and firstFitting', () => {
  it('goes from max down to exactly the floor', () => {
    const steps = fitSteps(12, 7, 0.5);
    expect(steps[0]).toBe(12);
    expect(steps.at(-1)).toBe(7);
    for (let i = 1; i < steps.length; i += 1) {
      expect(steps[i]).toBeLessThan(steps[i - 1] ?? Infinity);
    }
    expect(fitSteps(9, 7, 1.5)).toEqual([9, 7.5, 7]);
    expect(() => fitSteps(5, 7, 1)).toThrow(RangeError);
  });

  it('picks the largest size that fits, or null when even the floor overflows', () => {
    const steps = fitSteps(12, 6, 1);
    // A box that holds 60 "units" of text of height size × 8.
    expect(firstFitting(steps, (s) => s * 8 <= 60)).toBe(7);
    expect(firstFitting(steps, () => false)).toBeNull();
  });
});

describe('formatShipBy', () => {
  it('prints in the given offset', () => {
    const t = Date.UTC(2025, 2, 14, 23, 30);
    expect(formatShipBy(t, 0)).toBe('2025-03-14 23:30');
    expect(formatShipBy(t, 480)).toBe('2025-03-15 07:30');
  });
});
