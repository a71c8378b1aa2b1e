import { describe, expect, it } from 'vitest';
import { carrierFigures } from './carriers';
import { computeInsights } from './compute';
import { filterDataset } from './filter';
import { fulfilmentFigures } from './fulfilment';
import { packingFigures } from './packing';
import { headlines, problems, reportRows, reviewReport } from './report';
import { isWeightMismatch, skuFigures } from './skus';
import { percentile } from './stats';
import { D0, H, M, PERIOD, fixedDataset } from './testing/fixed-dataset';

// Every expected value below is worked out by hand from testing/fixed-dataset.ts.

describe('percentile (nearest rank)', () => {
  it('takes the value at rank ceil(p/100 · n)', () => {
    expect(percentile([10, 5, 6], 50)).toBe(6);
    expect(percentile([120, 600], 50)).toBe(120);
    expect(percentile([120, 600], 90)).toBe(600);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('packers and stations', () => {
  const [ann, bob] = packingFigures(fixedDataset(), PERIOD, 'packer');

  it('counts orders and units packed per active hour and the median time per order', () => {
    expect(ann?.key).toBe('ann');
    expect(ann?.ordersPacked).toEqual({ count: 2, orderIds: ['o1', 'o2'] });
    expect(ann?.unitsPacked).toBe(4);
    expect(ann?.activeHours).toBe(1);
    expect(ann?.ordersPerHour).toBe(2);
    expect(ann?.unitsPerHour).toBe(4);
    expect(ann?.timePerOrderP50Ms).toBe(5 * M);
    // bob: one scanned pack (6 min) and one manual one (no time), in two different hours.
    expect(bob?.ordersPacked.count).toBe(2);
    expect(bob?.activeHours).toBe(2);
    expect(bob?.ordersPerHour).toBe(1);
    expect(bob?.timePerOrderP50Ms).toBe(6 * M);
  });

  it('rates mis-scans and counts overrides, reprints and stop-ships inside the period only', () => {
    expect(ann?.misScans).toMatchObject({ numerator: 1, denominator: 5, value: 0.2 });
    expect(bob?.misScans).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    expect(bob?.misScans.orderIds).toEqual(['o3', 'o3', 'o4']);
    expect(ann?.overrides).toEqual({ count: 1, orderIds: ['o1'] });
    expect(bob?.overrides.count).toBe(0); // bob's override is before the period
    expect(ann?.reprints).toEqual({ count: 1, orderIds: ['o1'] });
    expect(bob?.stopShips).toEqual({ count: 1, orderIds: ['o4'] });
  });

  it('groups the same way by station', () => {
    const stations = packingFigures(fixedDataset(), PERIOD, 'station');
    expect(stations.map((s) => [s.key, s.ordersPacked.count, s.misScans.numerator])).toEqual([
      ['st1', 2, 1],
      ['st2', 2, 3],
    ]);
  });
});

describe('fulfilment health', () => {
  const f = fulfilmentFigures(fixedDataset(), PERIOD);

  it('late dispatch and valid tracking over the first shipment of each order', () => {
    expect(f.lateDispatch).toMatchObject({ numerator: 1, denominator: 3, orderIds: ['o2'] });
    expect(f.validTracking).toMatchObject({ numerator: 2, denominator: 3, orderIds: ['o1', 'o6'] });
  });

  it('ship-by compliance counts a seller-fault cancellation as due, a buyer cancellation not', () => {
    expect(f.shipByCompliance).toMatchObject({
      numerator: 2,
      denominator: 5,
      value: 0.4,
      orderIds: ['o1', 'o6'],
    });
    expect(f.sellerFaultCancellations).toMatchObject({
      numerator: 1,
      denominator: 6,
      orderIds: ['o4'],
    });
  });

  it('sync lag from enqueue to applied, and what still waits', () => {
    expect(f.syncLagP50Ms).toBe(2 * M);
    expect(f.syncLagP90Ms).toBe(10 * M);
    expect(f.syncPending).toEqual(['o6']);
  });
});

describe('carriers and destinations', () => {
  it('on-time, transit p50/p90, exceptions, losses and cost per parcel', () => {
    const [ups, usps] = carrierFigures(fixedDataset(), PERIOD, 'carrier');
    expect(ups).toMatchObject({
      carrier: 'UPS',
      parcels: 1,
      onTime: { numerator: 0, denominator: 1 },
      late: { numerator: 1, denominator: 1, orderIds: ['o6'] },
      transitP50Hours: null,
      losses: { numerator: 1, denominator: 1 },
      costPerParcel: [{ currency: 'USD', meanMinor: 1150, parcels: 1 }],
    });
    expect(usps).toMatchObject({
      carrier: 'USPS',
      parcels: 2,
      onTime: { numerator: 1, denominator: 2, value: 0.5, orderIds: ['o1'] },
      late: { numerator: 1, denominator: 2, orderIds: ['o2'] },
      transitP50Hours: 21,
      transitP90Hours: 39,
      exceptions: { numerator: 1, denominator: 2, orderIds: ['o2'] },
      losses: { numerator: 0, denominator: 2 },
      // The o1 tracking correction is not a second parcel: (690 + 550) / 2.
      costPerParcel: [{ currency: 'USD', meanMinor: 620, parcels: 2 }],
    });
  });

  it('splits by destination state', () => {
    const rows = carrierFigures(fixedDataset(), PERIOD, 'region');
    expect(rows.map((r) => [r.carrier, r.destination, r.parcels])).toEqual([
      ['UPS', 'US/Texas', 1],
      ['USPS', 'US/Texas', 2],
    ]);
  });
});

describe('SKUs and packaging', () => {
  it('return and damage rates over units shipped, reasons, weight mismatches', () => {
    const [a, b, c] = skuFigures(fixedDataset(), PERIOD);
    expect(a).toMatchObject({
      skuId: 'A',
      unitsShipped: 2,
      returns: { numerator: 1, denominator: 2 },
      damaged: { numerator: 1, denominator: 2, value: 0.5 },
      buyerReasons: { broken: 1 },
      grades: { damaged: 1 },
      weightMismatches: { numerator: 1, denominator: 1 },
    });
    expect(b).toMatchObject({
      skuId: 'B',
      unitsShipped: 2,
      returns: { numerator: 1, denominator: 2, orderIds: ['o2'] },
      damaged: { numerator: 0, denominator: 2 },
      buyerReasons: { 'no-longer-needed': 1 },
      grades: {},
      weightMismatches: { numerator: 1, denominator: 2, orderIds: ['o1'] },
    });
    expect(c).toMatchObject({ skuId: 'C', unitsShipped: 1, weightMismatches: { value: null } });
  });

  it('a weight is off by more than 50 g and more than 10 %', () => {
    expect(isWeightMismatch(1000, 1200)).toBe(true);
    expect(isWeightMismatch(1000, 1090)).toBe(false); // 9 %
    expect(isWeightMismatch(300, 360)).toBe(true);
    expect(isWeightMismatch(300, 340)).toBe(false); // 40 g
  });
});

describe('filters, daily series and drill-down', () => {
  it('a packer filter keeps that packer’s orders and records', () => {
    const ds = filterDataset(fixedDataset(), { ...PERIOD, packer: 'ann' });
    expect(ds.orders.map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(ds.scans.every((s) => s.packer === 'ann')).toBe(true);
  });

  it('a carrier filter keeps the orders that carrier took', () => {
    const ds = filterDataset(fixedDataset(), { ...PERIOD, carrier: 'UPS' });
    expect(ds.orders.map((o) => o.id)).toEqual(['o6']);
  });

  it('computes the day points and the filter choices', () => {
    const all = computeInsights(fixedDataset(), PERIOD);
    expect(all.days).toEqual([
      {
        day: D0,
        ordersPacked: 4,
        scans: 9,
        misScans: 4,
        shipped: 3,
        lateDispatch: 1,
        syncLagP50Ms: 2 * M,
      },
      {
        day: D0 + 24 * H,
        ordersPacked: 0,
        scans: 0,
        misScans: 0,
        shipped: 0,
        lateDispatch: 0,
        syncLagP50Ms: null,
      },
    ]);
    expect(all.choices).toEqual({
      packers: ['ann', 'bob'],
      carriers: ['UPS', 'USPS'],
      destinations: ['GB', 'US'],
      skus: ['A', 'B', 'C'],
    });
  });
});

describe('review report', () => {
  it('headline numbers of the period', () => {
    const h = Object.fromEntries(headlines(fixedDataset(), PERIOD).map((f) => [f.id, f]));
    expect(h.ordersPacked?.value).toBe(4);
    expect(h.unitsPacked?.value).toBe(6);
    expect(h.timePerOrderP50Min?.value).toBe(6);
    expect(h.misScanRate).toMatchObject({ numerator: 4, denominator: 9 });
    expect(h.overrides?.value).toBe(1);
    expect(h.reprints?.value).toBe(1);
    expect(h.stopShips?.value).toBe(1);
    expect(h.lateDispatchRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(h.shipByCompliance).toMatchObject({ numerator: 2, denominator: 5 });
    expect(h.sellerFaultCancellationRate).toMatchObject({ numerator: 1, denominator: 6 });
    expect(h.syncLagP50Min?.value).toBe(2);
    expect(h.onTimeRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(h.lossRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(h.returnRate).toMatchObject({ numerator: 2, denominator: 5 });
    expect(h.damageRate).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it('compares with the previous period and ranks problems by orders hurt', () => {
    const r = reviewReport(fixedDataset(), { kind: 'custom', ...PERIOD });
    expect(r.previous).toMatchObject({ from: D0 - 48 * H, to: D0 });
    expect(r.previous.figures.find((f) => f.id === 'ordersPacked')?.value).toBe(0);
    expect(problems(fixedDataset(), PERIOD).map((p) => [p.kind, p.impact])).toEqual([
      ['late-dispatch', 1],
      ['seller-fault-cancellation', 1],
      ['sync-pending', 1],
    ]);
    const rows = reportRows(r);
    expect(rows[0]).toEqual([
      'section',
      'name',
      'current',
      'previous',
      'change',
      'count',
      'sample',
    ]);
    expect(rows).toContainEqual(['figure', 'ordersPacked', 4, 0, 4, null, null]);
  });
});
