import type { Transaction } from 'dexie';
import { runV2 } from './upgrades/v02-order-flags';
import { runV4 } from './upgrades/v04-parcels';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs for this version (tables not named are kept as they were). */
  stores: Record<string, string | null>;
  /** Name of the upgrade file, for the "every upgrade has a test" check. */
  upgradeFile?: string;
  upgrade?: (tx: Transaction) => Promise<void>;
  why: string;
}

/** Append only. Never edit a shipped entry; never reuse a retired table or field name. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    why: 'Initial station schema.',
    stores: {
      orders: 'id, status, shipBy, [status+shipBy], *packageIds, *trackingNumbers, searchName',
      products: 'id, sellerSku, *barcodes',
      stock: 'skuId',
      packSessions: 'id, orderId, status, startedAt',
      scanEvents: 'id, sessionId, orderId, at',
      labels: 'id, orderId, trackingNumber, printedAt',
      outbox: 'id, &idempotencyKey, &seq, orderId, [orderId+seq], state, nextAttemptAt',
      audit: 'id, at, kind, orderId',
      settings: 'key',
      meta: 'key',
    },
  },
  {
    version: 2,
    why: 'Order flags (stop-ship, on-hold…) with a multi-entry index for the stop-ship filter.',
    stores: {
      orders:
        'id, status, shipBy, [status+shipBy], *packageIds, *trackingNumbers, searchName, *flags',
    },
    upgradeFile: 'v02-order-flags',
    upgrade: runV2,
  },
  {
    version: 3,
    why: 'Platform label documents kept for offline printing, carrier handover batches, labels by package, and due outbox rows by state.',
    stores: {
      documents: 'id, packageId, orderId, fetchedAt',
      handovers: 'id, carrier, status, createdAt',
      labels: 'id, orderId, packageId, trackingNumber, printedAt',
      outbox:
        'id, &idempotencyKey, &seq, orderId, [orderId+seq], state, nextAttemptAt, [state+nextAttemptAt]',
    },
  },
  {
    version: 4,
    why: 'Tracking: one parcel row per shipped package (its events in order, status, delay findings, next refresh, exceptions queue by urgency) and the messages sent to buyers.',
    stores: {
      parcels: 'id, orderId, nextRefreshAt, [queue+urgency], updatedAt',
      messages: 'id, orderId, createdAt',
    },
    upgradeFile: 'v04-parcels',
    upgrade: runV4,
  },
  {
    version: 5,
    why: 'After-sales: return, refund and replacement requests (by order, status, return tracking number and deadline), return intakes at the bench, and one restock row per returned unit (exactly once).',
    stores: {
      returns: 'id, orderId, status, updatedAt, returnTracking, nextDeadline',
      returnIntakes: 'id, returnId, orderId, status, startedAt',
      restocks: 'id, intakeId, skuId, at',
    },
  },
  {
    version: 6,
    why: 'Bench devices: parcel weighings (weight check and learned tolerance per SKU combination) and camera evidence photos per order.',
    stores: {
      weighings: 'id, orderId, [comboKey+at], at',
      evidence: 'id, orderId, at',
    },
  },
  {
    version: 7,
    why: 'Insights: one delivery outcome per parcel (carrier on-time, transit, exceptions, losses).',
    stores: {
      deliveries: 'id, orderId, shippedAt, carrier',
    },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 1;

/** The final store spec, as a later version sees it: used by the schema snapshot test. */
export function finalStores(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of SCHEMA_VERSIONS) {
    for (const [table, spec] of Object.entries(v.stores)) {
      if (spec === null) delete out[table];
      else out[table] = spec;
    }
  }
  return out;
}
