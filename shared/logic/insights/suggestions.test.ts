import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_TABLE, suggestShipping, type ShipmentFacts } from '../shipping/index';
import { applyCarrierRules, type CarrierRule } from './carrier-rules';
import { emptyDataset, type InsightDataset, type InsightDelivery } from './inputs';
import { DAY_MS } from './stats';
import {
  DEFAULT_THRESHOLDS,
  carrierLateRule,
  packerMisScanRule,
  skuDamageRule,
  suggest,
} from './suggestions';

const TO = Date.UTC(2026, 10, 30);

/** `n` parcels of `carrier` to US/Texas in the window, the first `late` of them late. */
function parcels(carrier: string, n: number, late: number, region = 'Texas'): InsightDelivery[] {
  return Array.from({ length: n }, (_, i) => {
    const shippedAt = TO - 20 * DAY_MS + i * 1000;
    return {
      orderId: `${carrier}-${region}-${i}`,
      packageId: `${carrier}-${region}-p${i}`,
      carrier,
      country: 'US',
      region,
      shippedAt,
      promisedAt: shippedAt + 3 * DAY_MS,
      deliveredAt: shippedAt + (i < late ? 5 : 2) * DAY_MS,
      exception: false,
      lost: false,
    };
  });
}

function withDeliveries(...lists: InsightDelivery[][]): InsightDataset {
  return { ...emptyDataset(), deliveries: lists.flat() };
}

describe('carrier late to a region → prefer another carrier there', () => {
  it('fires at the thresholds: 14 of 100 parcels late, the other 1 of 30', () => {
    const ds = withDeliveries(parcels('USPS', 100, 14), parcels('UPS', 30, 1));
    const [s] = carrierLateRule(ds, TO);
    expect(s?.action).toEqual({
      kind: 'carrier-rule',
      country: 'US',
      region: 'Texas',
      prefer: 'ups',
      avoid: 'usps',
    });
    expect(s?.evidence).toMatchObject({ numerator: 14, sample: 100, compareSample: 30 });
    expect(s?.evidence.value).toBeCloseTo(0.14);
  });

  it('does not fire on 99 parcels, nor with a 29-parcel alternative, nor under 10 % late', () => {
    expect(
      carrierLateRule(withDeliveries(parcels('USPS', 99, 14), parcels('UPS', 30, 1)), TO),
    ).toEqual([]);
    expect(
      carrierLateRule(withDeliveries(parcels('USPS', 100, 14), parcels('UPS', 29, 0)), TO),
    ).toEqual([]);
    expect(
      carrierLateRule(withDeliveries(parcels('USPS', 100, 9), parcels('UPS', 30, 0)), TO),
    ).toEqual([]);
  });

  it('does not propose a carrier that is not clearly better, nor look past the window', () => {
    // UPS 3/30 = 10 %: less than 5 points better than USPS's 14 %.
    expect(
      carrierLateRule(withDeliveries(parcels('USPS', 100, 14), parcels('UPS', 30, 3)), TO),
    ).toEqual([]);
    const old = parcels('USPS', 100, 14).map((d) => ({
      ...d,
      shippedAt: d.shippedAt - 30 * DAY_MS,
    }));
    expect(carrierLateRule(withDeliveries(old, parcels('UPS', 30, 0)), TO)).toEqual([]);
  });
});

describe('SKU damaged → packing note', () => {
  function skuData(units: number, damaged: number): InsightDataset {
    const ds = emptyDataset();
    for (let i = 0; i < units; i += 1) {
      ds.orders.push({
        id: `o${i}`,
        status: 'DELIVERED',
        createdAt: TO - 10 * DAY_MS,
        updatedAt: TO - 10 * DAY_MS,
        shipBy: TO - 9 * DAY_MS,
        country: 'US',
        region: 'Texas',
        skuIds: ['MUG'],
        shippingType: 'SELLER',
      });
      ds.shipments.push({
        orderId: `o${i}`,
        packageId: `p${i}`,
        carrier: 'USPS',
        trackingNumber: '',
        enqueuedAt: TO - 9.5 * DAY_MS,
        appliedAt: null,
        trackingValid: true,
        costMinor: null,
        currency: null,
      });
      if (i < damaged) {
        ds.returns.push({
          orderId: `o${i}`,
          skuId: 'MUG',
          at: TO - DAY_MS,
          buyerReason: 'broken',
          grade: 'damaged',
        });
      }
    }
    return ds;
  }

  it('fires at 3 damaged of 50 units (6 %)', () => {
    const [s] = skuDamageRule(skuData(50, 3), TO);
    expect(s?.action).toEqual({ kind: 'packing-note', skuId: 'MUG' });
    expect(s?.evidence).toMatchObject({ numerator: 3, sample: 50 });
  });

  it('does not fire on 49 units, nor at 2 of 50 (4 %)', () => {
    expect(skuDamageRule(skuData(49, 3), TO)).toEqual([]);
    expect(skuDamageRule(skuData(50, 2), TO)).toEqual([]);
  });
});

describe('packer mis-scans doubled → packer check', () => {
  function scans(thisWeek: [number, number], lastWeek: [number, number]): InsightDataset {
    const ds = emptyDataset();
    const add = (n: number, mis: number, base: number) => {
      for (let i = 0; i < n; i += 1) {
        ds.scans.push({
          orderId: `o${base}-${i}`,
          packer: 'ann',
          station: 'st1',
          outcome: i < mis ? 'wrong-item' : 'ticked',
          at: base + i * 1000,
        });
      }
    };
    add(thisWeek[0], thisWeek[1], TO - 3 * DAY_MS);
    add(lastWeek[0], lastWeek[1], TO - 10 * DAY_MS);
    return ds;
  }

  it('fires when 300 scans this week have 15 mis-scans (5 %) against 6 of 300 (2 %)', () => {
    const [s] = packerMisScanRule(scans([300, 15], [300, 6]), TO);
    expect(s?.action).toEqual({ kind: 'packer-check', packer: 'ann' });
    expect(s?.evidence).toMatchObject({ numerator: 15, sample: 300, compareSample: 300 });
  });

  it('does not fire on 199 scans, nor when the rate is less than double', () => {
    expect(packerMisScanRule(scans([199, 15], [300, 6]), TO)).toEqual([]);
    expect(packerMisScanRule(scans([300, 15], [199, 6]), TO)).toEqual([]);
    expect(packerMisScanRule(scans([300, 11], [300, 6]), TO)).toEqual([]);
  });

  it('thresholds are the documented defaults and suggest() runs every rule', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      carrierMinParcels: 100,
      skuMinUnits: 50,
      packerMinScans: 200,
    });
    expect(suggest(scans([300, 15], [300, 6]), TO).map((s) => s.rule)).toEqual([
      'packer-mis-scans',
    ]);
  });
});

describe('carrier rules at the ship step', () => {
  const facts = (region: string): ShipmentFacts => ({
    goods: { battery: false, liquid: false, fragile: false },
    weightGrams: 500,
    dimensionsCm: { length: 22, width: 16, height: 6 },
    destination: { country: 'US', region, postalCode: '77001' },
    shippingType: 'SELLER',
  });
  const rule: CarrierRule = {
    id: 'r1',
    country: 'US',
    region: 'Texas',
    prefer: 'ups',
    avoid: 'usps',
    suggestionId: 's1',
    createdAt: 0,
    createdBy: 'ann',
  };

  it('puts the preferred carrier first for the rule’s destination, with its reason', () => {
    const plain = suggestShipping(facts('Texas'), DEFAULT_RATE_TABLE);
    expect(plain.suggestion?.type === 'seller' && plain.suggestion.carrier).toBe('usps');
    const ruled = applyCarrierRules(plain, [rule], facts('Texas').destination);
    expect(ruled.suggestion?.type === 'seller' && ruled.suggestion.carrier).toBe('ups');
    expect(ruled.suggestion?.reasons[0]).toEqual({
      code: 'carrier-rule',
      params: { avoid: 'usps', place: 'US/Texas' },
    });
    expect(ruled.alternatives).toHaveLength(plain.alternatives.length);
  });

  it('leaves other destinations alone', () => {
    const plain = suggestShipping(facts('California'), DEFAULT_RATE_TABLE);
    expect(applyCarrierRules(plain, [rule], facts('California').destination)).toBe(plain);
  });
});
