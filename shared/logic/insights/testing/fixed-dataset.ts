import type { InsightDataset, InsightOrder } from '../inputs';

/** Monday 2 November 2026, 00:00 UTC: the start of the fixed dataset's period. */
export const D0 = Date.UTC(2026, 10, 2);
export const H = 3_600_000;
export const M = 60_000;

function order(p: Partial<InsightOrder> & Pick<InsightOrder, 'id'>): InsightOrder {
  return {
    status: 'DELIVERED',
    createdAt: D0,
    updatedAt: D0,
    shipBy: D0 + 10 * H,
    country: 'US',
    region: 'Texas',
    skuIds: [],
    shippingType: 'SELLER',
    ...p,
  };
}

/**
 * A small dataset whose every metric is worked out by hand in the tests (insights.test.ts):
 * two packers (ann at st1, bob at st2), six orders, USPS and UPS to Texas.
 */
export function fixedDataset(): InsightDataset {
  return {
    orders: [
      order({ id: 'o1', skuIds: ['A', 'A', 'B'] }),
      order({ id: 'o2', shipBy: D0 + 5 * H, skuIds: ['B'] }),
      order({
        id: 'o3',
        status: 'AWAITING_SHIPMENT',
        country: 'GB',
        region: 'England',
        createdAt: D0 + H,
        shipBy: D0 + 20 * H,
        skuIds: ['A'],
      }),
      order({
        id: 'o4',
        status: 'CANCELLED',
        region: 'California',
        createdAt: D0 + H,
        updatedAt: D0 + 30 * H,
        shipBy: D0 + 8 * H,
        skuIds: ['C'],
      }),
      order({
        id: 'o5',
        status: 'CANCELLED',
        region: 'California',
        createdAt: D0 + 2 * H,
        updatedAt: D0 + 3 * H,
        shipBy: D0 + 30 * H,
        skuIds: ['C'],
      }),
      order({ id: 'o6', status: 'IN_TRANSIT', skuIds: ['C'] }),
    ],
    sessions: [
      {
        id: 's1',
        orderId: 'o1',
        packer: 'ann',
        station: 'st1',
        status: 'completed',
        startedAt: D0 + 2 * H,
        endedAt: D0 + 2 * H + 10 * M,
        units: 3,
        manual: false,
      },
      {
        id: 's2',
        orderId: 'o2',
        packer: 'ann',
        station: 'st1',
        status: 'completed',
        startedAt: D0 + 2 * H + 20 * M,
        endedAt: D0 + 2 * H + 25 * M,
        units: 1,
        manual: false,
      },
      {
        id: 's3',
        orderId: 'o3',
        packer: 'bob',
        station: 'st2',
        status: 'completed',
        startedAt: D0 + 3 * H,
        endedAt: D0 + 3 * H + 6 * M,
        units: 1,
        manual: false,
      },
      {
        id: 's4',
        orderId: 'o4',
        packer: 'bob',
        station: 'st2',
        status: 'abandoned',
        startedAt: D0 + 4 * H,
        endedAt: D0 + 4 * H + M,
        units: 0,
        manual: false,
      },
      {
        id: 's5',
        orderId: 'o5',
        packer: 'bob',
        station: 'st2',
        status: 'completed',
        startedAt: D0 + 5 * H,
        endedAt: D0 + 5 * H,
        units: 1,
        manual: true,
      },
    ],
    scans: [
      ...['ticked', 'ticked', 'wrong-item', 'ticked'].map((outcome, i) => ({
        orderId: 'o1',
        packer: 'ann',
        station: 'st1',
        outcome,
        at: D0 + 2 * H + i * M,
      })),
      {
        orderId: 'o2',
        packer: 'ann',
        station: 'st1',
        outcome: 'complete',
        at: D0 + 2 * H + 24 * M,
      },
      ...['ticked', 'unknown-barcode', 'over-scan'].map((outcome, i) => ({
        orderId: 'o3',
        packer: 'bob',
        station: 'st2',
        outcome,
        at: D0 + 3 * H + i * M,
      })),
      { orderId: 'o4', packer: 'bob', station: 'st2', outcome: 'other-order', at: D0 + 4 * H },
      // Outside the period: not counted.
      { orderId: 'o3', packer: 'bob', station: 'st2', outcome: 'wrong-item', at: D0 + 72 * H },
    ],
    audit: [
      {
        kind: 'pack.override',
        orderId: 'o1',
        actor: 'ann',
        station: 'st1',
        at: D0 + 2 * H + 5 * M,
      },
      { kind: 'pack.stop-ship', orderId: 'o4', actor: 'bob', station: 'st2', at: D0 + 4 * H + M },
      { kind: 'pack.override', orderId: 'o3', actor: 'bob', station: 'st2', at: D0 - H },
    ],
    labels: [
      {
        orderId: 'o1',
        printedAt: D0 + 2 * H + 11 * M,
        printedBy: 'ann',
        station: 'st1',
        reprint: false,
      },
      {
        orderId: 'o1',
        printedAt: D0 + 2 * H + 30 * M,
        printedBy: 'ann',
        station: 'st1',
        reprint: true,
      },
      {
        orderId: 'o2',
        printedAt: D0 + 2 * H + 26 * M,
        printedBy: 'ann',
        station: 'st1',
        reprint: false,
      },
    ],
    shipments: [
      {
        orderId: 'o1',
        packageId: 'p1',
        carrier: 'USPS',
        trackingNumber: 'T1',
        enqueuedAt: D0 + 9 * H,
        appliedAt: D0 + 9 * H + 2 * M,
        trackingValid: true,
        costMinor: 690,
        currency: 'USD',
      },
      {
        orderId: 'o2',
        packageId: 'p2',
        carrier: 'USPS',
        trackingNumber: 'T2',
        enqueuedAt: D0 + 6 * H,
        appliedAt: D0 + 6 * H + 10 * M,
        trackingValid: false,
        costMinor: 550,
        currency: 'USD',
      },
      {
        orderId: 'o6',
        packageId: 'p6',
        carrier: 'UPS',
        trackingNumber: 'T6',
        enqueuedAt: D0 + 7 * H,
        appliedAt: null,
        trackingValid: true,
        costMinor: 1150,
        currency: 'USD',
      },
      // A later tracking correction of o1: not a second dispatch.
      {
        orderId: 'o1',
        packageId: 'p1',
        carrier: 'USPS',
        trackingNumber: 'T1B',
        enqueuedAt: D0 + 12 * H,
        appliedAt: D0 + 12 * H + M,
        trackingValid: true,
        costMinor: 690,
        currency: 'USD',
      },
    ],
    deliveries: [
      {
        orderId: 'o1',
        packageId: 'p1',
        carrier: 'USPS',
        country: 'US',
        region: 'Texas',
        shippedAt: D0 + 9 * H,
        promisedAt: D0 + 40 * H,
        deliveredAt: D0 + 30 * H,
        exception: false,
        lost: false,
      },
      {
        orderId: 'o2',
        packageId: 'p2',
        carrier: 'USPS',
        country: 'US',
        region: 'Texas',
        shippedAt: D0 + 6 * H,
        promisedAt: D0 + 30 * H,
        deliveredAt: D0 + 45 * H,
        exception: true,
        lost: false,
      },
      {
        orderId: 'o6',
        packageId: 'p6',
        carrier: 'UPS',
        country: 'US',
        region: 'Texas',
        shippedAt: D0 + 7 * H,
        promisedAt: D0 + 30 * H,
        deliveredAt: null,
        exception: false,
        lost: true,
      },
    ],
    returns: [
      { orderId: 'o1', skuId: 'A', at: D0 + 35 * H, buyerReason: 'broken', grade: 'damaged' },
      { orderId: 'o2', skuId: 'B', at: D0 + 40 * H, buyerReason: 'no-longer-needed', grade: null },
      { orderId: 'o1', skuId: 'A', at: D0 + 72 * H, buyerReason: 'broken', grade: 'damaged' },
    ],
    weights: [
      { orderId: 'o1', at: D0 + 2 * H + 10 * M, expectedGrams: 1000, measuredGrams: 1200 },
      { orderId: 'o2', at: D0 + 2 * H + 25 * M, expectedGrams: 300, measuredGrams: 330 },
    ],
  };
}

/** The fixed dataset's period: two days from D0. */
export const PERIOD = { from: D0, to: D0 + 48 * H };
