import type { OrderPackage, OrderRow, OrderStatus } from '#shared/domain/order';
import {
  isActiveState,
  isParkedState,
  TRACKING_UPDATE_WINDOW_MS,
  type EnqueueInput,
  type OutboxRow,
} from '#shared/logic/outbox/index';
import {
  CARRIER_NAMES,
  CARRIERS,
  normaliseTracking,
  validateTracking,
  type CarrierId,
} from '#shared/logic/shipping/index';
import { err, type Result } from '#shared/utils/result';
import type { EnqueueError, EnqueueReceipt } from '../../data/outbox';
import type { Repositories } from '../../data/repositories';
import { bridge } from '../../platform/bridge';
import { wakeOutboxSync } from '../outbox/sync';

/**
 * Correcting the tracking number of a seller-shipped order after shipping (tiktok-shop-api.md
 * G13: `shipping_info/update`, within 72 h of shipping, once). The order change and its
 * `update-tracking` intent commit in one transaction, so it works offline; when the shipment
 * itself has not synced yet, the outbox folds the new number into that unsent intent instead
 * (shared/logic/outbox/schedule.ts), so one write reaches the shop, not two.
 */

/** Statuses in which the package has left: only then is a correction a tracking update. */
export const CORRECTABLE_STATUSES: readonly OrderStatus[] = [
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
];

/** The package whose number can be corrected: seller shipping, shipped, with a number. */
export function correctablePackage(order: OrderRow): OrderPackage | null {
  if (order.shippingType !== 'SELLER') return null;
  if (!CORRECTABLE_STATUSES.includes(order.status)) return null;
  return order.packages.find((p) => p.trackingNumber !== '') ?? null;
}

/** The rate-table carrier of a shop provider name ("DHL eCommerce" → dhl); null if none. */
export function carrierOfProvider(name: string): CarrierId | null {
  const n = name.trim().toLowerCase();
  if (n === '') return null;
  return (
    CARRIERS.filter((c) => c !== 'tiktok').find((c) => {
      const want = CARRIER_NAMES[c].toLowerCase();
      return n === want || n.startsWith(want) || want.startsWith(n);
    }) ?? null
  );
}

export interface CorrectionChoice {
  carrier: CarrierId;
  provider: { id: string; name: string };
  /** As scanned or typed; normalised here. */
  trackingNumber: string;
}

/** The outbox intent: order scope for a one-package order, package scope for a split one. */
export function correctionInput(
  order: OrderRow,
  pkg: OrderPackage,
  trackingNumber: string,
  providerId: string,
): EnqueueInput {
  return {
    orderId: order.id,
    packageId: pkg.id,
    expected: { statuses: [order.status], previousTrackingNumber: pkg.trackingNumber },
    intent: {
      kind: 'update-tracking',
      payload: {
        trackingNumber: normaliseTracking(trackingNumber),
        shippingProviderId: providerId,
        scope: order.packages.length > 1 ? 'package' : 'order',
      },
    },
  };
}

/** The order with the package's new number (status and flags unchanged; index updated). */
export function correctedOrder(
  order: OrderRow,
  change: {
    packageId: string;
    trackingNumber: string;
    shippingProviderId: string;
    shippingProviderName: string;
    now: number;
  },
): OrderRow {
  const tracking = normaliseTracking(change.trackingNumber);
  const packages = order.packages.map((p) =>
    p.id === change.packageId
      ? {
          ...p,
          trackingNumber: tracking,
          shippingProviderId: change.shippingProviderId,
          shippingProviderName: change.shippingProviderName,
        }
      : p,
  );
  const trackingNumbers = [
    ...new Set(packages.map((p) => p.trackingNumber.toUpperCase()).filter((t) => t !== '')),
  ];
  return { ...order, packages, trackingNumbers, updatedAt: Math.max(order.updatedAt, change.now) };
}

/** What the station knows that makes a refusal likely; shown as warnings, never a block. */
export interface CorrectionHistory {
  /** A correction of this order already reached the shop (TikTok accepts one). */
  alreadyCorrected: boolean;
  /** When the shop accepted the shipment, as far as this station saw it. */
  shippedAt: number | null;
  /** More than 72 hours since then: the order-level update is closed. */
  pastWindow: boolean;
  /** An earlier correction still on its way; a new one replaces it or waits behind it. */
  inFlight: OutboxRow | null;
}

export function correctionHistory(rows: readonly OutboxRow[], now: number): CorrectionHistory {
  const corrections = rows.filter((r) => r.kind === 'update-tracking');
  const shipped = rows
    .filter((r) => r.kind !== 'update-tracking' && r.state === 'done')
    .map((r) => r.updatedAt);
  const shippedAt = shipped.length > 0 ? Math.min(...shipped) : null;
  return {
    alreadyCorrected: corrections.some((r) => r.state === 'done'),
    shippedAt,
    pastWindow: shippedAt !== null && now - shippedAt > TRACKING_UPDATE_WINDOW_MS,
    inFlight:
      [...corrections].sort((a, b) => b.seq - a.seq).find((r) => isActiveState(r.state)) ?? null,
  };
}

export type SyncStage = 'waiting' | 'sent' | 'refused';

/** An outbox row as the order detail shows it: what it changes and how far it got. */
export function syncStage(row: OutboxRow): SyncStage | null {
  if (isActiveState(row.state)) return 'waiting';
  if (row.state === 'done') return 'sent';
  if (isParkedState(row.state)) return 'refused';
  return null; // superseded: replaced by a later edit
}

export type CorrectionError =
  | EnqueueError
  | { code: 'not-correctable'; message: string }
  | { code: 'invalid-tracking'; message: string }
  | { code: 'same-number'; message: string };

/**
 * Records the correction: the order's new number, the `update-tracking` intent and the audit row
 * (who, which station, old and new number) in one transaction; then the journal copy and a nudge
 * to the sync worker. Rejects only on a database failure, which the caller must show.
 */
export async function confirmTrackingCorrection(
  repos: Repositories,
  order: OrderRow,
  choice: CorrectionChoice,
  actor: { packer: string; station: string },
): Promise<Result<EnqueueReceipt, CorrectionError>> {
  const pkg = correctablePackage(order);
  if (!pkg) {
    return err({
      code: 'not-correctable',
      message: `Order ${order.id} is not a shipped seller-shipping order`,
    });
  }
  const check = validateTracking(choice.trackingNumber, choice.carrier);
  if (!check.ok) {
    return err({
      code: 'invalid-tracking',
      message: `${check.normalised || '(empty)'} is not a valid ${CARRIER_NAMES[choice.carrier]} number (${check.reason})`,
    });
  }
  if (check.normalised === normaliseTracking(pkg.trackingNumber)) {
    return err({ code: 'same-number', message: `${check.normalised} is already the number` });
  }
  const now = Date.now();
  const input = correctionInput(order, pkg, check.normalised, choice.provider.id);
  const r = await repos.outbox.enqueueShipment(
    input,
    (current) =>
      correctedOrder(current, {
        packageId: pkg.id,
        trackingNumber: check.normalised,
        shippingProviderId: choice.provider.id,
        shippingProviderName: CARRIER_NAMES[choice.carrier],
        now,
      }),
    {
      now,
      actor,
      journal: async (entries) => bridge().journal.append({ entries }),
      audit: {
        kind: 'tracking.corrected',
        detail: {
          packageId: pkg.id,
          previousTrackingNumber: pkg.trackingNumber,
          trackingNumber: check.normalised,
          previousProviderId: pkg.shippingProviderId,
          shippingProviderId: choice.provider.id,
          carrier: choice.carrier,
        },
      },
    },
  );
  if (r.ok) wakeOutboxSync();
  return r;
}
