import { carrierFigures, type CarrierFigures } from './carriers';
import { filterDataset } from './filter';
import { firstShipments, fulfilmentFigures, type FulfilmentFigures } from './fulfilment';
import { MIS_SCAN_OUTCOMES, type InsightDataset, type InsightQuery } from './inputs';
import { packingFigures, type PackingFigures } from './packing';
import { skuFigures, type SkuFigures } from './skus';
import { DAY_MS, percentile } from './stats';

/** One day of the period, for the charts. */
export interface DayPoint {
  day: number;
  ordersPacked: number;
  scans: number;
  misScans: number;
  shipped: number;
  lateDispatch: number;
  syncLagP50Ms: number | null;
}

export interface Insights {
  query: InsightQuery;
  packers: PackingFigures[];
  stations: PackingFigures[];
  fulfilment: FulfilmentFigures;
  carriers: CarrierFigures[];
  carrierRegions: CarrierFigures[];
  skus: SkuFigures[];
  days: DayPoint[];
  /** What the filters can choose from (over the whole dataset). */
  choices: { packers: string[]; carriers: string[]; destinations: string[]; skus: string[] };
}

/** Midnight (UTC) of the day `at` falls in. */
export function dayOf(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

function dailySeries(ds: InsightDataset, q: InsightQuery): DayPoint[] {
  const points = new Map<number, DayPoint & { lags: number[] }>();
  for (let d = dayOf(q.from); d < q.to; d += DAY_MS) {
    points.set(d, {
      day: d,
      ordersPacked: 0,
      scans: 0,
      misScans: 0,
      shipped: 0,
      lateDispatch: 0,
      syncLagP50Ms: null,
      lags: [],
    });
  }
  const at = (t: number) => (t >= q.from && t < q.to ? points.get(dayOf(t)) : undefined);
  for (const s of ds.sessions) {
    if (s.status !== 'completed' || s.endedAt === null) continue;
    const p = at(s.endedAt);
    if (p) p.ordersPacked += 1;
  }
  for (const s of ds.scans) {
    const p = at(s.at);
    if (!p) continue;
    p.scans += 1;
    if (MIS_SCAN_OUTCOMES.includes(s.outcome)) p.misScans += 1;
  }
  const shipBy = new Map(ds.orders.map((o) => [o.id, o.shipBy]));
  for (const s of firstShipments(ds.shipments).values()) {
    const p = at(s.enqueuedAt);
    if (!p) continue;
    p.shipped += 1;
    if (s.enqueuedAt > (shipBy.get(s.orderId) ?? Infinity)) p.lateDispatch += 1;
    if (s.appliedAt !== null) p.lags.push(s.appliedAt - s.enqueuedAt);
  }
  return [...points.values()].map(({ lags, ...p }) => ({
    ...p,
    syncLagP50Ms: percentile(lags, 50),
  }));
}

function choices(ds: InsightDataset): Insights['choices'] {
  const sorted = (values: Iterable<string>) => [...new Set(values)].filter((v) => v !== '').sort();
  return {
    packers: sorted(ds.sessions.map((s) => s.packer)),
    carriers: sorted([
      ...ds.shipments.map((s) => s.carrier),
      ...ds.deliveries.map((d) => d.carrier),
    ]),
    destinations: sorted(ds.orders.map((o) => o.country)),
    skus: sorted(ds.orders.flatMap((o) => o.skuIds)),
  };
}

/** Every metric of the Insights screen for one period and set of filters. */
export function computeInsights(all: InsightDataset, q: InsightQuery): Insights {
  const ds = filterDataset(all, q);
  return {
    query: q,
    packers: packingFigures(ds, q, 'packer'),
    stations: packingFigures(ds, q, 'station'),
    fulfilment: fulfilmentFigures(ds, q),
    carriers: carrierFigures(ds, q, 'carrier'),
    carrierRegions: carrierFigures(ds, q, 'region'),
    skus: skuFigures(ds, q),
    days: dailySeries(ds, q),
    choices: choices(all),
  };
}
