import { describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import type { WeighingRow } from '../rows-devices';
import type { ReturnIntakeRow, ReturnRow } from '../rows-returns';
import type { ParcelRow } from '../rows-tracking';
import { deliveryFromParcel, mergeDeliveries, returnsFrom, weightsFrom } from './insights-sources';

const parcel = (p: Partial<ParcelRow>): ParcelRow => ({
  id: 'p1',
  orderId: 'o1',
  trackingNumber: 'T1',
  carrier: 'USPS',
  destination: 'us',
  buyerName: 'A',
  handedOverAt: 1000,
  promisedAt: 5000,
  events: [],
  status: 'delivered',
  lastEventAt: null,
  lastEventText: null,
  firstScanAt: null,
  deliveredAt: 4000,
  final: true,
  packageStatus: null,
  subStatus: null,
  exceptionReason: null,
  findings: [],
  urgency: 0,
  queue: 'none',
  resolvedCodes: [],
  nextRefreshAt: null,
  lastRefreshAt: null,
  lastError: null,
  updatedAt: 4000,
  ...p,
});

describe('tracking, returns and weighings as metric inputs', () => {
  it('a tracked parcel: region from the order, lost and exceptions from its status', () => {
    const order = { recipient: { districts: ['United States', 'Texas'] } } as unknown as OrderRow;
    expect(deliveryFromParcel(parcel({}), order)).toEqual({
      orderId: 'o1',
      packageId: 'p1',
      carrier: 'USPS',
      country: 'US',
      region: 'Texas',
      shippedAt: 1000,
      promisedAt: 5000,
      deliveredAt: 4000,
      exception: false,
      lost: false,
    });
    const lost = deliveryFromParcel(
      parcel({ status: 'exception', exception: 'lost', deliveredAt: null }),
      undefined,
    );
    expect(lost).toMatchObject({ region: '', deliveredAt: null, exception: true, lost: true });
  });

  it('tracked parcels replace the practice summary of the same package', () => {
    const summary = deliveryFromParcel(parcel({ carrier: 'old' }), undefined);
    const other = { ...summary, packageId: 'p2' };
    const tracked = deliveryFromParcel(parcel({}), undefined);
    expect(
      mergeDeliveries([summary, other], [tracked]).map((d) => [d.packageId, d.carrier]),
    ).toEqual([
      ['p2', 'old'],
      ['p1', 'USPS'],
    ]);
  });

  it('graded units of an opened return, else the request’s lines ungraded', () => {
    const request = (id: string, skus: string[]): ReturnRow =>
      ({
        id,
        orderId: `o-${id}`,
        reasonCode: 'damaged_in_transit',
        createdAt: 100,
        lines: skus.map((skuId) => ({ skuId })),
      }) as unknown as ReturnRow;
    const intake = {
      returnId: 'r1',
      startedAt: 200,
      completedAt: 300,
      units: [
        { skuId: 'MUG', grade: 'damaged' },
        { skuId: null, grade: null },
      ],
    } as unknown as ReturnIntakeRow;
    expect(returnsFrom([request('r1', ['MUG']), request('r2', ['TEE', 'TEE'])], [intake])).toEqual([
      {
        orderId: 'o-r1',
        skuId: 'MUG',
        at: 300,
        buyerReason: 'damaged_in_transit',
        grade: 'damaged',
      },
      { orderId: 'o-r2', skuId: 'TEE', at: 100, buyerReason: 'damaged_in_transit', grade: null },
      { orderId: 'o-r2', skuId: 'TEE', at: 100, buyerReason: 'damaged_in_transit', grade: null },
    ]);
  });

  it('weighings with an expected weight', () => {
    const w = (expectedGrams: number | null) =>
      ({ orderId: 'o1', at: 5, grams: 1200, expectedGrams }) as unknown as WeighingRow;
    expect(weightsFrom([w(1000), w(null)])).toEqual([
      { orderId: 'o1', at: 5, expectedGrams: 1000, measuredGrams: 1200 },
    ]);
  });
});
