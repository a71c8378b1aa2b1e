/** Pure text rules of the printed documents: item summaries, weight, font-size fitting steps. */
import { quantitiesBySku, type OrderLine } from '../../domain/order';

export interface ItemSummary {
  /** At most `maxLines` entries, largest quantity first, then by seller SKU. */
  lines: Array<{ sku: string; name: string; quantity: number }>;
  /** SKUs left out. */
  more: number;
  /** Units in the whole order. */
  units: number;
}

/** "SKU × qty" lines for a label, first `maxLines` and a count of the rest. */
export function summarizeItems(lines: readonly OrderLine[], maxLines: number): ItemSummary {
  const all = quantitiesBySku(lines)
    .map((q) => ({
      sku: q.sellerSku || q.skuId,
      name: q.skuName ? `${q.productName} — ${q.skuName}` : q.productName,
      quantity: q.quantity,
    }))
    .sort((a, b) => b.quantity - a.quantity || a.sku.localeCompare(b.sku));
  const keep = Math.max(0, Math.floor(maxLines));
  const shown = all.slice(0, keep);
  return { lines: shown, more: all.length - shown.length, units: lines.length };
}

/**
 * Order weight from per-SKU weights, or null when any SKU's weight is unknown: a guessed weight
 * on a label is worse than none.
 */
export function orderWeightGrams(
  lines: readonly OrderLine[],
  gramsBySku: ReadonlyMap<string, number>,
): number | null {
  let total = 0;
  for (const line of lines) {
    const g = gramsBySku.get(line.skuId);
    if (g === undefined || !Number.isFinite(g) || g <= 0) return null;
    total += g;
  }
  return lines.length === 0 ? null : total;
}

/** "0.45 kg" (never "0.450000001"); grams below 1 kg still shown in kg, as carriers expect. */
export function formatWeightKg(grams: number): string {
  return `${(Math.round(grams / 10) / 100).toFixed(2)} kg`;
}

/**
 * Font sizes to try when shrinking a text box to fit, largest first: `max` down to `floor` in
 * `step`, always ending exactly at `floor`. Sizes are in points, rounded to 0.01.
 */
export function fitSteps(max: number, floor: number, step: number): number[] {
  if (!(step > 0) || !(floor > 0) || max < floor) {
    throw new RangeError(`fitSteps(${max}, ${floor}, ${step}): need max ≥ floor > 0 and step > 0`);
  }
  const out: number[] = [];
  for (let s = max; s > floor + 1e-9; s -= step) out.push(Math.round(s * 100) / 100);
  out.push(floor);
  return out;
}

/**
 * The first size of `steps` for which `fits(size)` holds, or null when none does (the caller
 * then reports the box as not fitting instead of clipping it).
 */
export function firstFitting(
  steps: readonly number[],
  fits: (size: number) => boolean,
): number | null {
  for (const s of steps) if (fits(s)) return s;
  return null;
}

/** Printed date "2025-03-14 16:05" in the station's time zone offset (minutes east of UTC). */
export function formatShipBy(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
