import type { InsightDataset, InsightDelivery, InsightQuery } from './inputs';
import { firstShipments } from './fulfilment';
import { HOUR_MS, groupBy, inRange, mean, percentile, rate, type Rate } from './stats';

/** One carrier's figures (or one carrier to one destination) over a period. */
export interface CarrierFigures {
  carrier: string;
  /** "" for all destinations, else "US" or "US/Texas". */
  destination: string;
  parcels: number;
  /** Delivered by the promised time, over parcels with a promise that were delivered or lost. */
  onTime: Rate;
  /** The complement: late or lost, over the same parcels. */
  late: Rate;
  transitP50Hours: number | null;
  transitP90Hours: number | null;
  exceptions: Rate;
  losses: Rate;
  /** Mean rate-table cost per parcel, minor units, per currency. */
  costPerParcel: { currency: string; meanMinor: number; parcels: number }[];
}

function figures(
  carrier: string,
  destination: string,
  parcels: readonly InsightDelivery[],
  costs: readonly { costMinor: number | null; currency: string | null }[],
): CarrierFigures {
  const judged = parcels.filter((d) => d.promisedAt !== null && (d.deliveredAt !== null || d.lost));
  const onTime = judged.filter(
    (d) => d.deliveredAt !== null && d.promisedAt !== null && d.deliveredAt <= d.promisedAt,
  );
  const onTimeIds = new Set(onTime.map((d) => d.packageId));
  const transit = parcels
    .filter((d) => d.deliveredAt !== null)
    .map((d) => ((d.deliveredAt ?? 0) - d.shippedAt) / HOUR_MS);
  const byCurrency = groupBy(
    costs.filter((c) => c.costMinor !== null && c.currency !== null),
    (c) => c.currency ?? '',
  );
  return {
    carrier,
    destination,
    parcels: parcels.length,
    onTime: rate(
      onTime.map((d) => d.orderId),
      judged.length,
    ),
    late: rate(
      judged.filter((d) => !onTimeIds.has(d.packageId)).map((d) => d.orderId),
      judged.length,
    ),
    transitP50Hours: percentile(transit, 50),
    transitP90Hours: percentile(transit, 90),
    exceptions: rate(
      parcels.filter((d) => d.exception).map((d) => d.orderId),
      parcels.length,
    ),
    losses: rate(
      parcels.filter((d) => d.lost).map((d) => d.orderId),
      parcels.length,
    ),
    costPerParcel: [...byCurrency].map(([currency, list]) => ({
      currency,
      meanMinor: Math.round(mean(list.map((c) => c.costMinor ?? 0)) ?? 0),
      parcels: list.length,
    })),
  };
}

/**
 * Carriers and destinations: on-time rate, transit p50/p90, exception and loss rates (from
 * parcels shipped in the period) and the cost per parcel from the rate table (from shipments
 * confirmed in the period). `by` 'carrier' gives one row per carrier; 'region' one per carrier
 * and destination state.
 */
export function carrierFigures(
  ds: InsightDataset,
  q: Pick<InsightQuery, 'from' | 'to'>,
  by: 'carrier' | 'country' | 'region' = 'carrier',
): CarrierFigures[] {
  const parcels = ds.deliveries.filter((d) => inRange(d.shippedAt, q.from, q.to));
  const shipments = [...firstShipments(ds.shipments).values()].filter((s) =>
    inRange(s.enqueuedAt, q.from, q.to),
  );
  const destOf = (d: { country: string; region: string }) =>
    by === 'carrier' ? '' : by === 'country' ? d.country : `${d.country}/${d.region}`;
  const orders = new Map(ds.orders.map((o) => [o.id, o]));
  const shipmentDest = (orderId: string) => {
    const o = orders.get(orderId);
    return o ? destOf(o) : '';
  };
  const groups = groupBy(parcels, (d) => `${d.carrier}\u0000${destOf(d)}`);
  const costGroups = groupBy(shipments, (s) => `${s.carrier}\u0000${shipmentDest(s.orderId)}`);
  const keys = new Set([...groups.keys(), ...costGroups.keys()]);
  return [...keys].sort().map((k) => {
    const [carrier = '', destination = ''] = k.split('\u0000');
    return figures(carrier, destination, groups.get(k) ?? [], costGroups.get(k) ?? []);
  });
}
