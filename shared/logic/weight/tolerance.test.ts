import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkWeight,
  comboKey,
  DEFAULT_WEIGHT_POLICY as P,
  expectedGrams,
  floorFor,
  learnTolerance,
  median,
  robustSigma,
} from './tolerance';

describe('expected weight and SKU combinations', () => {
  it('keys a combination by SKU and quantity, whatever the line order', () => {
    expect(
      comboKey([
        { skuId: 'b', qty: 1 },
        { skuId: 'a', qty: 2 },
      ]),
    ).toBe('a×2|b×1');
    expect(
      comboKey([
        { skuId: 'a', qty: 1 },
        { skuId: 'b', qty: 1 },
        { skuId: 'a', qty: 1 },
      ]),
    ).toBe('a×2|b×1');
  });

  it('sums unit weights and packaging; unknown when a SKU has no weight', () => {
    const grams = new Map([
      ['a', 120],
      ['b', 35],
    ]);
    expect(
      expectedGrams(
        [
          { skuId: 'a', qty: 2 },
          { skuId: 'b', qty: 1 },
        ],
        grams,
        40,
      ),
    ).toBe(315);
    expect(expectedGrams([{ skuId: 'c', qty: 1 }], grams, 40)).toBeNull();
  });

  it('median and robust sigma ignore a wild outlier', () => {
    expect(median([500, 502, 498, 501, 5000])).toBe(501);
    expect(robustSigma([500, 502, 498, 501, 5000])).toBeLessThan(5);
  });
});

describe('the tolerance learner', () => {
  it('uses a wide default until the minimum sample, then the learned band', () => {
    const early = learnTolerance(500, [510, 511, 509]);
    expect(early).toMatchObject({ learned: false, centreGrams: 500, toleranceGrams: 50 });
    const later = learnTolerance(500, [510, 511, 509, 510, 512, 508, 510]);
    expect(later?.learned).toBe(true);
    expect(later?.centreGrams).toBe(510);
    expect(later?.toleranceGrams).toBeLessThan(early?.toleranceGrams ?? 0);
  });

  it('blocks a missing unit once learned, and passes a correct parcel', () => {
    // 2 × 120 g + 35 g + 40 g box = 315 g; a missing 35 g item is 280 g.
    const tol = learnTolerance(315, [318, 316, 319, 317, 318, 316, 320, 318]);
    expect(checkWeight(317, tol).kind).toBe('ok');
    expect(checkWeight(281, tol).kind).toBe('too-light');
    expect(checkWeight(360, tol).kind).toBe('too-heavy');
  });

  it('learns from history alone when the catalog has no weights', () => {
    expect(learnTolerance(null, [400, 401])).toBeNull();
    expect(checkWeight(999, null)).toEqual({ kind: 'unchecked' });
    const tol = learnTolerance(null, [400, 401, 399, 400, 402]);
    expect(checkWeight(401, tol).kind).toBe('ok');
    expect(checkWeight(300, tol).kind).toBe('too-light');
  });

  const grams = fc.integer({ min: 20, max: 30_000 });
  const samples = fc.array(fc.double({ min: 1, max: 40_000, noNaN: true }), { maxLength: 80 });

  it('property: never blocks a weight inside the fixed floor of the expected weight', () => {
    fc.assert(
      fc.property(grams, samples, fc.double({ min: -1, max: 1, noNaN: true }), (exp, s, u) => {
        const tol = learnTolerance(exp, s);
        const measured = exp + u * floorFor(exp, P);
        expect(checkWeight(measured, tol).kind).toBe('ok');
      }),
    );
  });

  it('property: tightens with samples (more of the same never widens the band)', () => {
    fc.assert(
      fc.property(
        grams,
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), {
          minLength: P.minSamples,
          maxLength: 10,
        }),
        (exp, noise) => {
          const base = noise.map((n) => exp + n);
          const untrained = learnTolerance(exp, base.slice(0, P.minSamples - 1));
          const t1 = learnTolerance(exp, base);
          const t2 = learnTolerance(exp, [...base, ...base]);
          const t3 = learnTolerance(exp, [...base, ...base, ...base, ...base]);
          expect(t1?.toleranceGrams).toBeLessThanOrEqual(untrained?.toleranceGrams ?? Infinity);
          expect(t2?.toleranceGrams).toBeLessThanOrEqual(t1?.toleranceGrams ?? Infinity);
          expect(t3?.toleranceGrams).toBeLessThanOrEqual(t2?.toleranceGrams ?? Infinity);
        },
      ),
    );
  });

  it('property: the band never drops below the floor', () => {
    fc.assert(
      fc.property(grams, samples, (exp, s) => {
        const tol = learnTolerance(exp, s);
        expect(tol?.toleranceGrams).toBeGreaterThanOrEqual(P.floorGrams);
      }),
    );
  });
});
