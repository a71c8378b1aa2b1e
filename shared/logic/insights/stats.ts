/** Small statistics the metrics share: rates that carry their evidence, percentiles. */

/** A ratio with its sample, and the orders behind the numerator (for drill-down). */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when there is no sample. */
  value: number | null;
  /** The orders counted in the numerator. */
  orderIds: string[];
}

export function rate(numeratorIds: readonly string[], denominator: number): Rate {
  return {
    numerator: numeratorIds.length,
    denominator,
    value: denominator === 0 ? null : numeratorIds.length / denominator,
    orderIds: [...numeratorIds],
  };
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function inRange(at: number, from: number, to: number): boolean {
  return at >= from && at < to;
}

/** Groups items by a key, keeping insertion order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
