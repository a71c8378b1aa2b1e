import type { Transaction } from 'dexie';
import type { OrderRow } from '#shared/domain/order';
import type { ParcelRow } from '../../rows-tracking';

/**
 * v4: a parcel row per shipped package, so tracking starts for parcels already shipped before
 * this version. Pure: an order in, its parcels out (none while it has no tracking number); the
 * adapter adds only parcels that do not exist yet, so it is idempotent.
 */
export const TRACKED_STATUSES = ['AWAITING_COLLECTION', 'IN_TRANSIT'] as const;

export function parcelsOfOrder(order: OrderRow, now: number): ParcelRow[] {
  if (!(TRACKED_STATUSES as readonly string[]).includes(order.status)) return [];
  return order.packages
    .filter((p) => p.trackingNumber.trim() !== '')
    .map((p) => ({
      id: p.id,
      orderId: order.id,
      trackingNumber: p.trackingNumber,
      carrier: p.shippingProviderName,
      destination: order.recipient.regionCode,
      buyerName: order.recipient.name,
      handedOverAt: order.updatedAt,
      promisedAt: null,
      events: [],
      status: 'info-received',
      lastEventAt: null,
      lastEventText: null,
      firstScanAt: null,
      deliveredAt: null,
      final: false,
      packageStatus: null,
      subStatus: null,
      exceptionReason: null,
      findings: [],
      urgency: 0,
      queue: 'none',
      resolvedCodes: [],
      nextRefreshAt: now,
      lastRefreshAt: null,
      lastError: null,
      updatedAt: now,
    }));
}

export async function runV4(tx: Transaction): Promise<void> {
  const now = Date.now();
  const orders = await tx
    .table<OrderRow>('orders')
    .where('status')
    .anyOf([...TRACKED_STATUSES])
    .toArray();
  const parcels = tx.table<ParcelRow>('parcels');
  const wanted = orders.flatMap((o) => parcelsOfOrder(o, now));
  const existing = new Set(
    await parcels
      .bulkGet(wanted.map((p) => p.id))
      .then((rows) => rows.filter((r): r is ParcelRow => r !== undefined).map((r) => r.id)),
  );
  await parcels.bulkAdd(wanted.filter((p) => !existing.has(p.id)));
}
