import type { CarrierId, RateTable, ShipmentFacts } from '../shipping/index';
import { suggestShipping } from '../shipping/index';

/**
 * What a parcel cost with the carrier it went with, from the rate table: that carrier's cheapest
 * service that takes the parcel. Null when none does (or for platform logistics: the shop pays).
 */
export function parcelCost(
  facts: ShipmentFacts,
  carrier: CarrierId,
  table: RateTable,
): { costMinor: number; currency: string } | null {
  if (carrier === 'tiktok') return null;
  const s = suggestShipping({ ...facts, shippingType: 'SELLER' }, table);
  let best: { costMinor: number; currency: string } | null = null;
  for (const o of [s.suggestion, ...s.alternatives]) {
    if (!o || o.type !== 'seller' || o.carrier !== carrier) continue;
    if (!best || o.priceMinor < best.costMinor) {
      best = { costMinor: o.priceMinor, currency: o.currency };
    }
  }
  return best;
}
