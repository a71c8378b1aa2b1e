import type { InsightDataset, InsightQuery } from './inputs';

/**
 * Applies the screen's filters to a dataset. Order-level filters (destination, SKU, carrier,
 * packer) choose a set of orders; every record is then kept only for those orders, and records
 * made by a person (sessions, scans, audit, labels) also only for the chosen packer.
 */
export function filterDataset(ds: InsightDataset, q: InsightQuery): InsightDataset {
  const { packer, carrier, destination, skuId } = q;
  if (!packer && !carrier && !destination && !skuId) return ds;
  let orders = ds.orders;
  if (destination) orders = orders.filter((o) => o.country === destination);
  if (skuId) orders = orders.filter((o) => o.skuIds.includes(skuId));
  if (carrier) {
    const ofCarrier = new Set([
      ...ds.shipments.filter((s) => s.carrier === carrier).map((s) => s.orderId),
      ...ds.deliveries.filter((d) => d.carrier === carrier).map((d) => d.orderId),
    ]);
    orders = orders.filter((o) => ofCarrier.has(o.id));
  }
  if (packer) {
    const packed = new Set(ds.sessions.filter((s) => s.packer === packer).map((s) => s.orderId));
    orders = orders.filter((o) => packed.has(o.id));
  }
  const ids = new Set(orders.map((o) => o.id));
  const keep = <T extends { orderId: string }>(rows: T[]) => rows.filter((r) => ids.has(r.orderId));
  const byPacker = <T>(rows: T[], who: (r: T) => string) =>
    packer ? rows.filter((r) => who(r) === packer) : rows;
  return {
    orders,
    sessions: byPacker(keep(ds.sessions), (s) => s.packer),
    scans: byPacker(keep(ds.scans), (s) => s.packer),
    audit: byPacker(keep(ds.audit), (a) => a.actor),
    labels: byPacker(keep(ds.labels), (l) => l.printedBy),
    shipments: keep(ds.shipments).filter((s) => !carrier || s.carrier === carrier),
    deliveries: keep(ds.deliveries).filter((d) => !carrier || d.carrier === carrier),
    returns: keep(ds.returns).filter((r) => !skuId || r.skuId === skuId),
    weights: keep(ds.weights),
  };
}
