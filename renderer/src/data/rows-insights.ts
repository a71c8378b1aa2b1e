/** Rows of the Insights feature (schema v7). Plain JSON-safe data. */

/**
 * One parcel's delivery outcome after handover, the per-parcel summary the carrier metrics read.
 * The practice shop writes its history here; tracking (issue 18) can write the same summary from
 * its events, or the insights repository can map its rows to `InsightDelivery` directly.
 */
export interface DeliveryRow {
  /** The package id. */
  id: string;
  orderId: string;
  /** Carrier name as the package carries it ("USPS"). */
  carrier: string;
  country: string;
  region: string;
  shippedAt: number;
  promisedAt: number | null;
  deliveredAt: number | null;
  exception: boolean;
  lost: boolean;
  source: 'practice' | 'tracking';
}
