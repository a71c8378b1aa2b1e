import type { InsightDataset, InsightQuery } from './inputs';
import { firstShipments } from './fulfilment';
import { groupBy, inRange, rate, type Rate } from './stats';

/** One SKU's after-sales and packaging figures over a period. */
export interface SkuFigures {
  skuId: string;
  /** Units shipped in the period (shipment confirmed in it). */
  unitsShipped: number;
  /** Returned units (returns received in the period) over units shipped. */
  returns: Rate;
  /** Units the inspector graded damaged over units shipped. */
  damaged: Rate;
  /** Buyer's reasons and inspector's grades, with counts. */
  buyerReasons: Record<string, number>;
  grades: Record<string, number>;
  /** Weighed parcels containing the SKU whose weight was off, over weighed parcels with it. */
  weightMismatches: Rate;
}

/** A measured weight is off when it differs by more than 50 g and more than 10 %. */
export function isWeightMismatch(expectedGrams: number, measuredGrams: number): boolean {
  const diff = Math.abs(measuredGrams - expectedGrams);
  return diff > 50 && diff > expectedGrams * 0.1;
}

export function skuFigures(ds: InsightDataset, q: Pick<InsightQuery, 'from' | 'to'>): SkuFigures[] {
  const orders = new Map(ds.orders.map((o) => [o.id, o]));
  const shippedUnits = new Map<string, number>();
  for (const s of firstShipments(ds.shipments).values()) {
    if (!inRange(s.enqueuedAt, q.from, q.to)) continue;
    for (const sku of orders.get(s.orderId)?.skuIds ?? []) {
      shippedUnits.set(sku, (shippedUnits.get(sku) ?? 0) + 1);
    }
  }
  const returns = groupBy(
    ds.returns.filter((r) => inRange(r.at, q.from, q.to)),
    (r) => r.skuId,
  );
  const weighed = new Map<string, { orderId: string; off: boolean }[]>();
  for (const w of ds.weights) {
    if (!inRange(w.at, q.from, q.to)) continue;
    const off = isWeightMismatch(w.expectedGrams, w.measuredGrams);
    for (const sku of new Set(orders.get(w.orderId)?.skuIds ?? [])) {
      const list = weighed.get(sku) ?? [];
      list.push({ orderId: w.orderId, off });
      weighed.set(sku, list);
    }
  }
  const skus = new Set([...shippedUnits.keys(), ...returns.keys(), ...weighed.keys()]);
  return [...skus].sort().map((skuId) => {
    const units = shippedUnits.get(skuId) ?? 0;
    const back = returns.get(skuId) ?? [];
    const tally = (key: (r: (typeof back)[number]) => string | null) => {
      const out: Record<string, number> = {};
      for (const r of back) {
        const k = key(r);
        if (k !== null) out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    };
    const w = weighed.get(skuId) ?? [];
    return {
      skuId,
      unitsShipped: units,
      returns: rate(
        back.map((r) => r.orderId),
        units,
      ),
      damaged: rate(
        back.filter((r) => r.grade === 'damaged').map((r) => r.orderId),
        units,
      ),
      buyerReasons: tally((r) => r.buyerReason),
      grades: tally((r) => r.grade),
      weightMismatches: rate(
        w.filter((x) => x.off).map((x) => x.orderId),
        w.length,
      ),
    };
  });
}
