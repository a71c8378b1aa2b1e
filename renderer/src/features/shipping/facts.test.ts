import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_TABLE, suggestShipping } from '#shared/logic/shipping/index';
import { testOrder } from '../../data/outbox/test-support';
import { PACKAGING_GRAMS, providerForCarrier, shipmentFacts } from './facts';

const product = (id: string, grams: number, handling: ('fragile' | 'liquid' | 'battery')[]) => ({
  id,
  productId: 'p',
  sellerSku: id,
  productName: id,
  skuName: '',
  barcodes: [],
  handling,
  weightGrams: grams,
  practice: true,
});

const line = (skuId: string, isDangerousGood = false) => ({
  id: `l-${skuId}-${Math.random()}`,
  skuId,
  sellerSku: skuId,
  productId: 'p',
  productName: skuId,
  skuName: '',
  salePrice: '1',
  originalPrice: '1',
  sellerDiscount: '0',
  platformDiscount: '0',
  packageId: 'pk',
  isDangerousGood,
  isGift: false,
});

describe('shipmentFacts', () => {
  it('sums unit weights plus packaging and collects the goods flags', () => {
    const order = { ...testOrder('o1', ['pk']), lines: [line('a'), line('a'), line('b')] };
    const facts = shipmentFacts(order, [
      product('a', 100, ['fragile']),
      product('b', 200, ['battery']),
    ]);
    expect(facts.weightGrams).toBe(400 + PACKAGING_GRAMS);
    expect(facts.goods).toEqual({ battery: true, liquid: false, fragile: true });
    expect(facts.destination).toMatchObject({ country: 'US', postalCode: '10001' });
    // The rules engine takes the facts as they are: a battery parcel gets the hazmat reason.
    const suggestion = suggestShipping(facts, DEFAULT_RATE_TABLE);
    expect(suggestion.parcelReasons.map((r) => r.code)).toContain('hazmat-label');
  });

  it('matches a carrier to the shop provider by name', () => {
    const providers = [
      { id: '1', name: 'USPS' },
      { id: '2', name: 'DHL eCommerce' },
    ];
    expect(providerForCarrier('usps', providers)?.id).toBe('1');
    expect(providerForCarrier('dhl', providers)?.id).toBe('2');
    expect(providerForCarrier('ups', providers)).toBeNull();
  });
});
