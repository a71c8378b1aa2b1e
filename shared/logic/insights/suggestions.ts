import { CARRIERS, CARRIER_NAMES, type CarrierId } from '../shipping/rates';
import { carrierFigures } from './carriers';
import type { InsightDataset } from './inputs';
import { packingFigures } from './packing';
import { skuFigures } from './skus';
import { DAY_MS } from './stats';

/**
 * Rules that read the numbers and propose one concrete change each. Every rule needs a minimum
 * sample before it says anything: a rate over a few parcels is noise, not evidence.
 */
export interface SuggestionThresholds {
  /** Window the carrier and SKU rules look back over. */
  windowDays: number;
  carrierMinParcels: number;
  carrierLateRate: number;
  /** The carrier proposed instead needs this many parcels to the same place … */
  altMinParcels: number;
  /** … and a late rate at least this much lower. */
  altMargin: number;
  skuMinUnits: number;
  skuDamageRate: number;
  packerMinScans: number;
  /** This week's mis-scan rate at least this many times last week's … */
  packerFactor: number;
  /** … and at least this high. */
  packerMinRate: number;
}

export const DEFAULT_THRESHOLDS: SuggestionThresholds = {
  windowDays: 28,
  carrierMinParcels: 100,
  carrierLateRate: 0.1,
  altMinParcels: 30,
  altMargin: 0.05,
  skuMinUnits: 50,
  skuDamageRate: 0.05,
  packerMinScans: 200,
  packerFactor: 2,
  packerMinRate: 0.02,
};

export type SuggestionAction =
  | { kind: 'carrier-rule'; country: string; region: string; prefer: CarrierId; avoid: CarrierId }
  | { kind: 'packing-note'; skuId: string }
  | { kind: 'packer-check'; packer: string };

export interface Evidence {
  /** Which metric, e.g. "late" or "damaged" or "misScans". */
  metric: string;
  value: number;
  numerator: number;
  sample: number;
  /** The comparison: the other carrier's rate, or last week's. */
  compareValue?: number;
  compareSample?: number;
  from: number;
  to: number;
  orderIds: string[];
}

export interface Suggestion {
  /** Stable for the same finding in the same window end (day). */
  id: string;
  rule: 'carrier-late-region' | 'sku-damage' | 'packer-mis-scans';
  evidence: Evidence;
  action: SuggestionAction;
}

export function carrierIdOf(name: string): CarrierId | null {
  const n = name.trim().toLowerCase();
  return CARRIERS.find((id) => CARRIER_NAMES[id].toLowerCase() === n || id === n) ?? null;
}

/** "carrier X was late to region Y in 14 % of 230 parcels over 4 weeks: prefer carrier Z there". */
export function carrierLateRule(
  ds: InsightDataset,
  to: number,
  t: SuggestionThresholds = DEFAULT_THRESHOLDS,
): Suggestion[] {
  const from = to - t.windowDays * DAY_MS;
  const rows = carrierFigures(ds, { from, to }, 'region');
  const out: Suggestion[] = [];
  for (const row of rows) {
    const avoid = carrierIdOf(row.carrier);
    const late = row.late.value;
    if (avoid === null || avoid === 'tiktok' || late === null) continue;
    if (row.late.denominator < t.carrierMinParcels || late < t.carrierLateRate) continue;
    const alts = rows
      .filter((r) => r.destination === row.destination && r.carrier !== row.carrier)
      .filter((r) => r.late.denominator >= t.altMinParcels && r.late.value !== null)
      .filter((r) => (r.late.value ?? 1) <= late - t.altMargin)
      .filter((r) => {
        const id = carrierIdOf(r.carrier);
        return id !== null && id !== 'tiktok';
      })
      .sort((a, b) => (a.late.value ?? 1) - (b.late.value ?? 1));
    const best = alts[0];
    const prefer = best ? carrierIdOf(best.carrier) : null;
    if (!best || prefer === null) continue;
    const [country = '', region = ''] = row.destination.split('/');
    out.push({
      id: `carrier-late-region:${avoid}:${row.destination}:${new Date(to).toISOString().slice(0, 10)}`,
      rule: 'carrier-late-region',
      evidence: {
        metric: 'late',
        value: late,
        numerator: row.late.numerator,
        sample: row.late.denominator,
        compareValue: best.late.value ?? 0,
        compareSample: best.late.denominator,
        from,
        to,
        orderIds: row.late.orderIds,
      },
      action: { kind: 'carrier-rule', country, region, prefer, avoid },
    });
  }
  return out;
}

/** "SKU S came back damaged 6 % of the time: add a packing note / change the box". */
export function skuDamageRule(
  ds: InsightDataset,
  to: number,
  t: SuggestionThresholds = DEFAULT_THRESHOLDS,
): Suggestion[] {
  const from = to - t.windowDays * DAY_MS;
  return skuFigures(ds, { from, to })
    .filter((s) => s.unitsShipped >= t.skuMinUnits && (s.damaged.value ?? 0) >= t.skuDamageRate)
    .map((s) => ({
      id: `sku-damage:${s.skuId}:${new Date(to).toISOString().slice(0, 10)}`,
      rule: 'sku-damage' as const,
      evidence: {
        metric: 'damaged',
        value: s.damaged.value ?? 0,
        numerator: s.damaged.numerator,
        sample: s.unitsShipped,
        from,
        to,
        orderIds: s.damaged.orderIds,
      },
      action: { kind: 'packing-note' as const, skuId: s.skuId },
    }));
}

/** "Packer P's mis-scan rate doubled this week." */
export function packerMisScanRule(
  ds: InsightDataset,
  to: number,
  t: SuggestionThresholds = DEFAULT_THRESHOLDS,
): Suggestion[] {
  const week = 7 * DAY_MS;
  const now = packingFigures(ds, { from: to - week, to }, 'packer');
  const before = new Map(
    packingFigures(ds, { from: to - 2 * week, to: to - week }, 'packer').map((p) => [p.key, p]),
  );
  const out: Suggestion[] = [];
  for (const p of now) {
    const prev = before.get(p.key);
    const cur = p.misScans.value;
    const old = prev?.misScans.value;
    if (!prev || cur === null || old === null || old === undefined) continue;
    if (p.misScans.denominator < t.packerMinScans) continue;
    if (prev.misScans.denominator < t.packerMinScans) continue;
    if (cur < t.packerMinRate || cur < old * t.packerFactor) continue;
    out.push({
      id: `packer-mis-scans:${p.key}:${new Date(to).toISOString().slice(0, 10)}`,
      rule: 'packer-mis-scans',
      evidence: {
        metric: 'misScans',
        value: cur,
        numerator: p.misScans.numerator,
        sample: p.misScans.denominator,
        compareValue: old,
        compareSample: prev.misScans.denominator,
        from: to - week,
        to,
        orderIds: p.misScans.orderIds,
      },
      action: { kind: 'packer-check', packer: p.key },
    });
  }
  return out;
}

/** Every rule, strongest evidence first. */
export function suggest(
  ds: InsightDataset,
  to: number,
  t: SuggestionThresholds = DEFAULT_THRESHOLDS,
): Suggestion[] {
  return [
    ...carrierLateRule(ds, to, t),
    ...skuDamageRule(ds, to, t),
    ...packerMisScanRule(ds, to, t),
  ].sort((a, b) => b.evidence.numerator - a.evidence.numerator);
}
