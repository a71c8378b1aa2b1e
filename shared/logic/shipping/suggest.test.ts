import { describe, expect, it } from 'vitest';
import type { RateTable } from './rates';
import { DEFAULT_RATE_TABLE, RateTable as RateTableSchema } from './rates';
import type { ShipmentFacts, ShippingOption } from './suggest';
import { chargeableGrams, findRemoteArea, suggestShipping } from './suggest';

function facts(over: Partial<ShipmentFacts> = {}): ShipmentFacts {
  return {
    goods: { battery: false, liquid: false, fragile: false },
    weightGrams: 400,
    dimensionsCm: { length: 20, width: 15, height: 5 },
    destination: { country: 'US', region: 'CA', postalCode: '90210' },
    shippingType: 'SELLER',
    ...over,
  };
}

function ids(options: readonly (ShippingOption | null)[]): string[] {
  return options.map((o) => (o?.type === 'seller' ? o.serviceId : String(o?.handoverMethod)));
}

describe('suggestShipping', () => {
  it('parses the default table with its own schema', () => {
    expect(RateTableSchema.safeParse(DEFAULT_RATE_TABLE).success).toBe(true);
  });

  it('suggests the cheapest eligible service and ranks the rest by price', () => {
    const s = suggestShipping(facts(), DEFAULT_RATE_TABLE);
    const all = [s.suggestion, ...s.alternatives];
    const prices = all.map((o) => (o?.type === 'seller' ? o.priceMinor : NaN));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(s.suggestion?.reasons.map((r) => r.code)).toContain('cheapest');
    expect(all.every((o) => o?.type === 'seller' && o.currency === 'USD')).toBe(true);
    // UK services are rejected for a US address, with the reason.
    const rm = s.rejected.find((x) => x.serviceId === 'royal-mail-tracked-48');
    expect(rm?.reasons.map((r) => r.code)).toContain('wrong-country');
  });

  it('prices by the weight bracket of the chargeable weight', () => {
    const s = suggestShipping(facts({ weightGrams: 1_500 }), DEFAULT_RATE_TABLE);
    for (const o of [s.suggestion, ...s.alternatives]) {
      if (o?.type !== 'seller') throw new Error('seller option expected');
      const service = DEFAULT_RATE_TABLE.services.find((x) => x.id === o.serviceId);
      const bracket = service?.brackets.find((b) => o.chargeableGrams <= b.upToGrams);
      expect(o.priceMinor).toBe(bracket?.priceMinor);
    }
  });

  it('keeps batteries and liquids off services that refuse them', () => {
    const battery = suggestShipping(
      facts({ goods: { battery: true, liquid: false, fragile: false } }),
      DEFAULT_RATE_TABLE,
    );
    const offered = ids([battery.suggestion, ...battery.alternatives]);
    expect(offered).not.toContain('usps-priority');
    expect(battery.parcelReasons.map((r) => r.code)).toContain('hazmat-label');
    const liquid = suggestShipping(
      facts({
        goods: { battery: false, liquid: true, fragile: false },
        destination: { country: 'GB', region: '', postalCode: 'SW1A 1AA' },
      }),
      DEFAULT_RATE_TABLE,
    );
    expect(ids([liquid.suggestion, ...liquid.alternatives])).not.toContain('evri-48');
    expect(
      liquid.rejected.find((x) => x.serviceId === 'evri-48')?.reasons.map((r) => r.code),
    ).toContain('liquid-not-allowed');
  });

  it('prefers a service with fragile care for fragile goods, even when dearer', () => {
    const plain = suggestShipping(facts(), DEFAULT_RATE_TABLE);
    const fragile = suggestShipping(
      facts({ goods: { battery: false, liquid: false, fragile: true } }),
      DEFAULT_RATE_TABLE,
    );
    const top = fragile.suggestion;
    expect(top?.reasons.map((r) => r.code)).toContain('fragile-care');
    expect(ids([top])).not.toEqual(ids([plain.suggestion]));
    if (plain.suggestion?.type !== 'seller' || top?.type !== 'seller') throw new Error('seller');
    expect(top.priceMinor).toBeGreaterThanOrEqual(plain.suggestion.priceMinor);
  });

  it('flags oversize and overweight parcels and rejects services over their limits', () => {
    const big = suggestShipping(
      facts({ weightGrams: 25_000, dimensionsCm: { length: 120, width: 40, height: 40 } }),
      DEFAULT_RATE_TABLE,
    );
    expect(big.parcelReasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['oversize', 'overweight']),
    );
    expect(ids([big.suggestion, ...big.alternatives])).toEqual(['ups-ground']);
    const usps = big.rejected.find((x) => x.serviceId === 'usps-ground-advantage');
    expect(usps?.reasons.map((r) => r.code)).toContain('too-long');
  });

  it('handles remote postcodes: surcharge or no service', () => {
    const dest = { country: 'US', region: 'AK', postalCode: '99501' };
    expect(findRemoteArea(dest, DEFAULT_RATE_TABLE)?.country).toBe('US');
    expect(
      findRemoteArea({ country: 'GB', region: '', postalCode: 'hs1 2ab' }, DEFAULT_RATE_TABLE),
    ).not.toBeNull();
    const s = suggestShipping(facts({ destination: dest }), DEFAULT_RATE_TABLE);
    expect(
      s.rejected.find((x) => x.serviceId === 'fedex-home')?.reasons.map((r) => r.code),
    ).toContain('remote-not-served');
    const ups = [s.suggestion, ...s.alternatives].find(
      (o) => o?.type === 'seller' && o.serviceId === 'ups-ground',
    );
    const mainland = suggestShipping(facts(), DEFAULT_RATE_TABLE);
    const upsMainland = [mainland.suggestion, ...mainland.alternatives].find(
      (o) => o?.type === 'seller' && o.serviceId === 'ups-ground',
    );
    const surcharge =
      DEFAULT_RATE_TABLE.services.find((x) => x.id === 'ups-ground')?.remoteSurchargeMinor ?? NaN;
    if (ups?.type !== 'seller' || upsMainland?.type !== 'seller') throw new Error('ups expected');
    expect(ups.priceMinor - upsMainland.priceMinor).toBe(surcharge);
  });

  it('uses volumetric weight where the service charges it', () => {
    const light = { weightGrams: 200, dimensionsCm: { length: 40, width: 30, height: 30 } };
    expect(chargeableGrams(light, null)).toBe(200);
    expect(chargeableGrams(light, 5_000)).toBe((40 * 30 * 30 * 1_000) / 5_000);
  });

  it('reads an edited table: a cheaper contract price changes the suggestion', () => {
    const edited: RateTable = structuredCloneTable(DEFAULT_RATE_TABLE);
    const fedex = edited.services.find((s) => s.id === 'fedex-home');
    if (!fedex) throw new Error('fedex');
    fedex.brackets = fedex.brackets.map((b) => ({ ...b, priceMinor: 1 }));
    const s = suggestShipping(facts(), RateTableSchema.parse(edited));
    expect(s.suggestion?.type === 'seller' && s.suggestion.serviceId).toBe('fedex-home');
  });

  it('returns no suggestion when nothing can take the parcel', () => {
    const s = suggestShipping(
      facts({ destination: { country: 'JP', region: '', postalCode: '100-0001' } }),
      DEFAULT_RATE_TABLE,
    );
    expect(s.suggestion).toBeNull();
    expect(s.rejected).toHaveLength(DEFAULT_RATE_TABLE.services.length);
  });

  it('suggests platform logistics handover: drop-off by default, pickup for heavy parcels', () => {
    const normal = suggestShipping(facts({ shippingType: 'TIKTOK' }), DEFAULT_RATE_TABLE);
    expect(ids([normal.suggestion, ...normal.alternatives])).toEqual(['DROP_OFF', 'PICKUP']);
    const heavy = suggestShipping(
      facts({ shippingType: 'TIKTOK', weightGrams: 12_000 }),
      DEFAULT_RATE_TABLE,
    );
    expect(ids([heavy.suggestion, ...heavy.alternatives])).toEqual(['PICKUP', 'DROP_OFF']);
    const pickupOnly = suggestShipping(
      facts({ shippingType: 'TIKTOK', handover: { canPickup: true, canDropOff: false } }),
      DEFAULT_RATE_TABLE,
    );
    expect(ids([pickupOnly.suggestion, ...pickupOnly.alternatives])).toEqual(['PICKUP']);
    expect(pickupOnly.suggestion?.reasons.map((r) => r.code)).toContain('pickup-only');
  });
});

function structuredCloneTable(table: RateTable): RateTable {
  return JSON.parse(JSON.stringify(table)) as RateTable;
}
