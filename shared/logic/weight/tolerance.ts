/**
 * The weight check: what an order should weigh, and how far off a correct parcel may be.
 *
 * - **Expected** = Σ unit weight × quantity of its SKUs + packaging (box, filler, label).
 * - **Tolerance**, per SKU combination (the same SKUs in the same quantities), learned from the
 *   weights of parcels accepted before: robust statistics (median, and the median absolute
 *   deviation scaled to a standard deviation), widened for few samples, never below a fixed
 *   **floor** and never trusted before a **minimum sample**. Until then a wide default applies.
 * - A weight within the floor of the expected weight is **never** blocked, whatever was learned.
 *
 * Pure: no clock, no I/O.
 */

export interface WeightPolicy {
  /** The fixed floor in grams: a weight this close to the expected one always passes. */
  floorGrams: number;
  /** The floor as a share of the expected weight (the larger of the two applies). */
  floorShare: number;
  /** Before enough samples: ± this share of the expected weight (at least the floor). */
  defaultShare: number;
  /** Accepted parcels of the combination before the learned tolerance is trusted. */
  minSamples: number;
  /** Robust standard deviations either side. */
  k: number;
  /** Only the newest this many samples are used (packaging changes over time). */
  maxSamples: number;
}

export const DEFAULT_WEIGHT_POLICY: WeightPolicy = {
  floorGrams: 10,
  floorShare: 0.02,
  defaultShare: 0.1,
  minSamples: 5,
  k: 4,
  maxSamples: 50,
};

export interface OrderLineQty {
  skuId: string;
  qty: number;
}

/** One key per SKU combination: sorted `sku×qty` pairs, so line order does not matter. */
export function comboKey(lines: readonly OrderLineQty[]): string {
  const qty = new Map<string, number>();
  for (const l of lines) qty.set(l.skuId, (qty.get(l.skuId) ?? 0) + l.qty);
  return [...qty.entries()]
    .filter(([, q]) => q > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, q]) => `${sku}×${q}`)
    .join('|');
}

/** Σ unit weight × qty + packaging; null when a SKU's weight is unknown (no catalog weight). */
export function expectedGrams(
  lines: readonly OrderLineQty[],
  unitGrams: ReadonlyMap<string, number>,
  packagingGrams: number,
): number | null {
  let sum = packagingGrams;
  for (const l of lines) {
    const g = unitGrams.get(l.skuId);
    if (g === undefined || !Number.isFinite(g) || g <= 0) return null;
    sum += g * l.qty;
  }
  return sum;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median absolute deviation × 1.4826 (a standard deviation for normal data). */
export function robustSigma(values: readonly number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

export interface Tolerance {
  /** What a correct parcel weighs: learned median, or the expected weight. */
  centreGrams: number;
  /** ± grams around the centre. */
  toleranceGrams: number;
  /** The always-pass band around the expected weight. */
  floorGrams: number;
  expectedGrams: number | null;
  samples: number;
  learned: boolean;
}

export function floorFor(expected: number | null, p: WeightPolicy): number {
  return Math.max(p.floorGrams, expected === null ? 0 : expected * p.floorShare);
}

/**
 * The tolerance for a combination from its accepted weights (oldest first). Null when there is
 * nothing to check against: no expected weight and too few samples.
 */
export function learnTolerance(
  expected: number | null,
  acceptedGrams: readonly number[],
  p: WeightPolicy = DEFAULT_WEIGHT_POLICY,
): Tolerance | null {
  const samples = acceptedGrams.filter((g) => Number.isFinite(g) && g > 0).slice(-p.maxSamples);
  const floor = floorFor(expected, p);
  if (samples.length < p.minSamples) {
    if (expected === null) return null;
    return {
      centreGrams: expected,
      toleranceGrams: Math.max(floor, expected * p.defaultShare),
      floorGrams: floor,
      expectedGrams: expected,
      samples: samples.length,
      learned: false,
    };
  }
  const centre = median(samples);
  const n = samples.length;
  // Few samples understate the spread: widen by 1 + 2/√n (→ 1 as samples accumulate).
  const learnedBand = p.k * robustSigma(samples) * (1 + 2 / Math.sqrt(n));
  const ceiling = Math.max(floor, (expected ?? centre) * p.defaultShare);
  return {
    centreGrams: centre,
    toleranceGrams: Math.min(ceiling, Math.max(floorFor(centre, p), learnedBand)),
    floorGrams: floor,
    expectedGrams: expected,
    samples: n,
    learned: true,
  };
}

const EPS = 1e-6;

export type WeightVerdict =
  | { kind: 'ok'; diffGrams: number }
  | { kind: 'too-light' | 'too-heavy'; diffGrams: number }
  /** Nothing to check against: no catalog weight and no history. */
  | { kind: 'unchecked' };

export function checkWeight(measured: number, tol: Tolerance | null): WeightVerdict {
  if (tol === null) return { kind: 'unchecked' };
  const diff = measured - tol.centreGrams;
  if (Math.abs(diff) <= tol.toleranceGrams) return { kind: 'ok', diffGrams: diff };
  // Within the floor of the expected weight always passes, whatever was learned.
  // (EPS: float rounding of measured − expected, far below any scale's resolution)
  if (
    tol.expectedGrams !== null &&
    Math.abs(measured - tol.expectedGrams) <= tol.floorGrams + EPS
  ) {
    return { kind: 'ok', diffGrams: diff };
  }
  return { kind: diff < 0 ? 'too-light' : 'too-heavy', diffGrams: diff };
}
