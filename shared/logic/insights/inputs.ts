/**
 * The small input shapes every insight is computed from. The station's rows are mapped into
 * these (renderer/src/data/repositories/insights-repository.ts), so a metric never depends on a
 * table's layout, and new sources (tracking events, returns, scale readings) only need a mapper.
 * Times are epoch milliseconds.
 */

export interface InsightOrder {
  id: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  /** Latest time to ship (rts_sla_time). */
  shipBy: number;
  /** ISO country (the recipient's region code), e.g. "US". */
  country: string;
  /** State or province (second district), e.g. "Texas"; "" when unknown. */
  region: string;
  /** SKU id of every unit (one entry per unit, as order lines are). */
  skuIds: string[];
  shippingType: 'TIKTOK' | 'SELLER';
}

export interface InsightSession {
  id: string;
  orderId: string;
  packer: string;
  station: string;
  status: 'open' | 'verified' | 'completed' | 'abandoned';
  startedAt: number;
  endedAt: number | null;
  /** Units counted into the parcel. */
  units: number;
  /** True when the parcel was marked packed without scanning (no time per order). */
  manual: boolean;
}

/** Scan outcomes that count as a mis-scan (wrong item, over-scan, unknown, another order's). */
export const MIS_SCAN_OUTCOMES: readonly string[] = [
  'wrong-item',
  'over-scan',
  'unknown-barcode',
  'other-order',
  'invalid',
];

export interface InsightScan {
  orderId: string;
  packer: string;
  station: string;
  outcome: string;
  at: number;
}

export interface InsightAudit {
  kind: string;
  orderId: string;
  actor: string;
  station: string;
  at: number;
}

export interface InsightLabel {
  orderId: string;
  printedAt: number;
  printedBy: string;
  station: string;
  reprint: boolean;
}

/** A shipment intent (outbox) and when the shop applied it. */
export interface InsightShipment {
  orderId: string;
  packageId: string;
  /** Carrier name as the package carries it ("USPS", "TikTok Shipping"). */
  carrier: string;
  trackingNumber: string;
  /** The packer confirmed the shipment at the bench (the dispatch moment). */
  enqueuedAt: number;
  /** The shop applied it; null while it waits. */
  appliedAt: number | null;
  /** Tracking number valid for its carrier (seller shipping); platform labels are valid. */
  trackingValid: boolean;
  /** Cost of the parcel from the rate table (minor units), null when no service fits. */
  costMinor: number | null;
  currency: string | null;
}

/**
 * One parcel's journey after handover. Filled from tracking events (issue 18) when they exist;
 * the practice shop writes its history here directly.
 */
export interface InsightDelivery {
  orderId: string;
  packageId: string;
  carrier: string;
  country: string;
  region: string;
  shippedAt: number;
  /** Promised (estimated) delivery time; null when unknown. */
  promisedAt: number | null;
  deliveredAt: number | null;
  exception: boolean;
  lost: boolean;
}

/** One returned unit (issue 14): the buyer's reason and the inspector's grade. */
export interface InsightReturn {
  orderId: string;
  skuId: string;
  at: number;
  buyerReason: string;
  /** resellable, opened, damaged, wrong-item, missing-parts; null before inspection. */
  grade: string | null;
}

/** A parcel weighed at the bench (issue 6 scale): expected from the catalog, measured. */
export interface InsightWeight {
  orderId: string;
  at: number;
  expectedGrams: number;
  measuredGrams: number;
}

export interface InsightDataset {
  orders: InsightOrder[];
  sessions: InsightSession[];
  scans: InsightScan[];
  audit: InsightAudit[];
  labels: InsightLabel[];
  shipments: InsightShipment[];
  deliveries: InsightDelivery[];
  returns: InsightReturn[];
  weights: InsightWeight[];
}

export function emptyDataset(): InsightDataset {
  return {
    orders: [],
    sessions: [],
    scans: [],
    audit: [],
    labels: [],
    shipments: [],
    deliveries: [],
    returns: [],
    weights: [],
  };
}

/** A period, [from, to) in epoch ms, and the filters the screen offers. */
export interface InsightQuery {
  from: number;
  to: number;
  packer?: string;
  carrier?: string;
  /** Country code of the destination. */
  destination?: string;
  skuId?: string;
}
