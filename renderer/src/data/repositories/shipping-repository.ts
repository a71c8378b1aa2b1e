import Dexie from 'dexie';
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import { parseStoredRow } from '../outbox';
import { DEFAULT_RATE_TABLE, RateTable, normaliseTracking } from '#shared/logic/shipping/index';
import type { StationDb } from '../db';
import type { AuditRow, HandoverRow, PackSessionRow } from '../rows';

/**
 * What the Ship and Handover screens read and write besides the outbox: packed orders, products
 * for the goods facts, the tracking-number index, cached shipping providers (so seller shipping
 * works offline), the editable rate table, and carrier handover batches.
 */

export interface ShippingActor {
  packer: string;
  station: string;
  now: number;
}

export interface ProviderCache {
  providers: { id: string; name: string }[];
  fetchedAt: number;
}

export interface HandoverParcel {
  orderId: string;
  packageId: string;
  trackingNumber: string;
  carrier: string;
}

const PROVIDERS_KEY = (deliveryOptionId: string) => `shipping.providers.${deliveryOptionId}`;
export const RATE_TABLE_KEY = 'shipping.rateTable';

function audit(
  kind: string,
  orderId: string,
  actor: ShippingActor,
  detail: Record<string, unknown>,
): AuditRow {
  return {
    id: crypto.randomUUID(),
    at: actor.now,
    kind,
    orderId,
    actor: actor.packer,
    station: actor.station,
    detail,
  };
}

/** The carrier a shipped package is handed to, as the handover screen groups parcels. */
export function carrierOfPackage(pkg: OrderRow['packages'][number]): string {
  return pkg.shippingProviderName.trim() || 'Unknown carrier';
}

export function createShippingRepository(db: StationDb) {
  return {
    /** Orders whose pack session is completed and that are not shipped yet, oldest ship-by first. */
    async packedAwaitingShipment(limit = 200): Promise<OrderRow[]> {
      const sessions = await db.packSessions.where('status').equals('completed').toArray();
      const ids = [...new Set(sessions.map((s) => s.orderId))];
      const orders = (await db.orders.bulkGet(ids)).filter(
        (o): o is OrderRow => o !== undefined && o.status === 'AWAITING_SHIPMENT',
      );
      return orders.sort((a, b) => a.shipBy - b.shipBy).slice(0, limit);
    },

    async isPacked(orderId: string): Promise<boolean> {
      const sessions = await db.packSessions.where('orderId').equals(orderId).toArray();
      return sessions.some((s) => s.status === 'completed');
    },

    /**
     * The packer confirms at the ship bench that the parcel is packed (no scan-verified session):
     * a completed session marked manual, audited. Used when the pack screen was not used.
     */
    async markPacked(orderId: string, actor: ShippingActor): Promise<void> {
      await db.transaction('rw', [db.packSessions, db.audit], async () => {
        // Never a second pack of one order (another window may have packed it meanwhile).
        const sessions = await db.packSessions.where('orderId').equals(orderId).toArray();
        if (sessions.some((s) => s.status === 'completed')) return;
        const session: PackSessionRow = {
          id: crypto.randomUUID(),
          orderId,
          packer: actor.packer,
          station: actor.station,
          status: 'completed',
          startedAt: actor.now,
          endedAt: actor.now,
          counts: {},
        };
        await db.packSessions.add(session);
        await db.audit.add(audit('ship.marked-packed', orderId, actor, { sessionId: session.id }));
      });
    },

    async products(skuIds: readonly string[]): Promise<ProductRow[]> {
      const rows = await db.products.bulkGet([...new Set(skuIds)]);
      return rows.filter((p): p is ProductRow => p !== undefined);
    },

    /** Orders that already carry this tracking number (the `*trackingNumbers` index). */
    async trackingOwners(raw: string): Promise<string[]> {
      const n = normaliseTracking(raw);
      if (n === '') return [];
      const owners: string[] = await db.orders.where('trackingNumbers').equals(n).primaryKeys();
      return owners;
    },

    /** Delivery options of seller-shipped orders waiting to ship (for the provider cache). */
    async sellerDeliveryOptions(sample = 1000): Promise<string[]> {
      const rows = await db.orders
        .where('[status+shipBy]')
        .between(['AWAITING_SHIPMENT', Dexie.minKey], ['AWAITING_SHIPMENT', Dexie.maxKey])
        .limit(sample)
        .toArray();
      return [
        ...new Set(
          rows
            .filter((o) => o.shippingType === 'SELLER' && o.deliveryOptionId !== '')
            .map((o) => o.deliveryOptionId),
        ),
      ];
    },

    async cachedProviders(deliveryOptionId: string): Promise<ProviderCache | null> {
      const v = (await db.meta.get(PROVIDERS_KEY(deliveryOptionId)))?.value as
        ProviderCache | undefined;
      return v && Array.isArray(v.providers) ? v : null;
    },

    async saveProviders(deliveryOptionId: string, cache: ProviderCache): Promise<void> {
      await db.meta.put({ key: PROVIDERS_KEY(deliveryOptionId), value: cache });
    },

    /** The seller's rate table from settings, or the example table when none (or invalid). */
    async rateTable(): Promise<RateTable> {
      const raw = (await db.settings.get(RATE_TABLE_KEY))?.value;
      const parsed = RateTable.safeParse(raw);
      return parsed.success ? parsed.data : DEFAULT_RATE_TABLE;
    },

    /* ---- handover ---- */

    /**
     * Parcels recorded as shipped on this station (an outbox ship intent that was not superseded)
     * for `carrier`, not yet in a closed handover. Looks at the newest `scan` intents only.
     */
    async handoverExpected(carrier: string, scan = 3000): Promise<HandoverParcel[]> {
      const recent = await db.outbox.orderBy('seq').reverse().limit(scan).toArray();
      const intents = recent
        .map(parseStoredRow)
        .filter(
          (r): r is NonNullable<typeof r> =>
            r !== null &&
            r.kind !== 'update-tracking' &&
            r.state !== 'superseded' &&
            r.state !== 'conflict-cancelled',
        );
      const closed = await db.handovers.where('status').equals('closed').toArray();
      const handedOver = new Set(closed.flatMap((h) => h.scannedPackageIds));
      const orders = await db.orders.bulkGet([...new Set(intents.map((r) => r.orderId))]);
      const out = new Map<string, HandoverParcel>();
      for (const order of orders) {
        if (!order || order.status === 'CANCELLED') continue;
        for (const pkg of order.packages) {
          if (handedOver.has(pkg.id) || carrierOfPackage(pkg) !== carrier) continue;
          if (!intents.some((r) => r.packageId === pkg.id)) continue;
          out.set(pkg.id, {
            orderId: order.id,
            packageId: pkg.id,
            trackingNumber: pkg.trackingNumber,
            carrier,
          });
        }
      }
      return [...out.values()];
    },

    /** Carriers with parcels recorded as shipped in the recent intents. */
    async handoverCarriers(scan = 3000): Promise<string[]> {
      const recent = await db.outbox.orderBy('seq').reverse().limit(scan).toArray();
      const orderIds = [...new Set(recent.map((r) => r.orderId))];
      const orders = await db.orders.bulkGet(orderIds);
      const names = new Set<string>();
      for (const o of orders) {
        for (const p of o?.packages ?? []) {
          if (p.shippingProviderName) names.add(carrierOfPackage(p));
        }
      }
      return [...names].sort();
    },

    async packagesInfo(
      packageIds: readonly string[],
    ): Promise<Map<string, { orderId: string; trackingNumber: string }>> {
      const out = new Map<string, { orderId: string; trackingNumber: string }>();
      if (packageIds.length === 0) return out;
      const orders = await db.orders
        .where('packageIds')
        .anyOf([...packageIds])
        .toArray();
      for (const o of orders) {
        for (const p of o.packages) {
          if (packageIds.includes(p.id)) {
            out.set(p.id, { orderId: o.id, trackingNumber: p.trackingNumber });
          }
        }
      }
      return out;
    },

    async openHandover(carrier: string, actor: ShippingActor): Promise<HandoverRow> {
      return db.transaction('rw', [db.handovers, db.audit], async () => {
        const existing = await db.handovers
          .where('status')
          .equals('open')
          .filter((h) => h.carrier === carrier)
          .first();
        if (existing) return existing;
        const row: HandoverRow = {
          id: crypto.randomUUID(),
          carrier,
          status: 'open',
          createdAt: actor.now,
          closedAt: null,
          expectedPackageIds: [],
          scannedPackageIds: [],
          createdBy: actor.packer,
        };
        await db.handovers.add(row);
        await db.audit.add(audit('handover.opened', '', actor, { handoverId: row.id, carrier }));
        return row;
      });
    },

    getHandover(id: string): Promise<HandoverRow | undefined> {
      return db.handovers.get(id);
    },

    recentHandovers(limit = 10): Promise<HandoverRow[]> {
      return db.handovers.orderBy('createdAt').reverse().limit(limit).toArray();
    },

    /** Adds a scanned package to an open batch; a repeat scan changes nothing. */
    async scanIntoHandover(id: string, packageId: string): Promise<HandoverRow | null> {
      return db.transaction('rw', db.handovers, async () => {
        const h = await db.handovers.get(id);
        if (!h || h.status !== 'open') return null;
        if (h.scannedPackageIds.includes(packageId)) return h;
        const next = { ...h, scannedPackageIds: [...h.scannedPackageIds, packageId] };
        await db.handovers.put(next);
        return next;
      });
    },

    async removeFromHandover(id: string, packageId: string): Promise<void> {
      await db.transaction('rw', db.handovers, async () => {
        const h = await db.handovers.get(id);
        if (!h || h.status !== 'open') return;
        await db.handovers.put({
          ...h,
          scannedPackageIds: h.scannedPackageIds.filter((p) => p !== packageId),
        });
      });
    },

    /** Closes the batch with the expected list frozen beside what was scanned. */
    async closeHandover(
      id: string,
      expectedPackageIds: readonly string[],
      actor: ShippingActor,
    ): Promise<HandoverRow | null> {
      return db.transaction('rw', [db.handovers, db.audit], async () => {
        const h = await db.handovers.get(id);
        if (!h || h.status !== 'open') return null;
        const next: HandoverRow = {
          ...h,
          status: 'closed',
          closedAt: actor.now,
          expectedPackageIds: [...expectedPackageIds],
        };
        await db.handovers.put(next);
        const scanned = new Set(h.scannedPackageIds);
        await db.audit.add(
          audit('handover.closed', '', actor, {
            handoverId: id,
            carrier: h.carrier,
            scanned: h.scannedPackageIds.length,
            expected: expectedPackageIds.length,
            missing: expectedPackageIds.filter((p) => !scanned.has(p)),
          }),
        );
        return next;
      });
    },
  };
}

export type ShippingRepository = ReturnType<typeof createShippingRepository>;
