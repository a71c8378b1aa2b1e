import type { InsightDataset, InsightQuery, InsightShipment } from './inputs';
import { inRange, percentile, rate, type Rate } from './stats';

/** Fulfilment health as the shop measures it, over one period. */
export interface FulfilmentFigures {
  /** Shipments confirmed after the order's ship-by, over shipments confirmed in the period. */
  lateDispatch: Rate;
  /** Shipments whose tracking number is valid for their carrier. */
  validTracking: Rate;
  /** Orders due in the period (ship-by inside it, not cancelled by the buyer) shipped in time. */
  shipByCompliance: Rate;
  /**
   * Orders cancelled after their ship-by passed unshipped (the shop cancels them for late
   * dispatch: the seller's fault), over orders created in the period.
   */
  sellerFaultCancellations: Rate;
  /** Enqueue → applied by the shop, ms. */
  syncLagP50Ms: number | null;
  syncLagP90Ms: number | null;
  /** Shipments of the period the shop has not applied yet. */
  syncPending: string[];
}

/** The first shipment intent of each order (a correction does not move the dispatch moment). */
export function firstShipments(
  shipments: readonly InsightShipment[],
): Map<string, InsightShipment> {
  const out = new Map<string, InsightShipment>();
  for (const s of shipments) {
    const seen = out.get(s.orderId);
    if (!seen || s.enqueuedAt < seen.enqueuedAt) out.set(s.orderId, s);
  }
  return out;
}

export function fulfilmentFigures(
  ds: InsightDataset,
  q: Pick<InsightQuery, 'from' | 'to'>,
): FulfilmentFigures {
  const { from, to } = q;
  const orders = new Map(ds.orders.map((o) => [o.id, o]));
  const first = firstShipments(ds.shipments);
  const shipped = [...first.values()].filter((s) => inRange(s.enqueuedAt, from, to));
  const late = shipped.filter((s) => {
    const o = orders.get(s.orderId);
    return o !== undefined && s.enqueuedAt > o.shipBy;
  });
  const valid = shipped.filter((s) => s.trackingValid);

  const due = ds.orders.filter((o) => {
    if (!inRange(o.shipBy, from, to)) return false;
    if (o.status !== 'CANCELLED') return true;
    return !first.has(o.id) && o.updatedAt > o.shipBy; // a seller-fault cancellation counts
  });
  const compliant = due.filter((o) => {
    const s = first.get(o.id);
    return s !== undefined && s.enqueuedAt <= o.shipBy;
  });

  const created = ds.orders.filter((o) => inRange(o.createdAt, from, to));
  const sellerFault = created.filter(
    (o) => o.status === 'CANCELLED' && !first.has(o.id) && o.updatedAt > o.shipBy,
  );

  const lags = shipped
    .filter((s) => s.appliedAt !== null)
    .map((s) => (s.appliedAt ?? 0) - s.enqueuedAt);
  return {
    lateDispatch: rate(
      late.map((s) => s.orderId),
      shipped.length,
    ),
    validTracking: rate(
      valid.map((s) => s.orderId),
      shipped.length,
    ),
    shipByCompliance: rate(
      compliant.map((o) => o.id),
      due.length,
    ),
    sellerFaultCancellations: rate(
      sellerFault.map((o) => o.id),
      created.length,
    ),
    syncLagP50Ms: percentile(lags, 50),
    syncLagP90Ms: percentile(lags, 90),
    syncPending: shipped.filter((s) => s.appliedAt === null).map((s) => s.orderId),
  };
}
