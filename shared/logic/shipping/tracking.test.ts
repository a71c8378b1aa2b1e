import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '#shared/logic/gtin';
import {
  detectCarriers,
  isTrackingUsedElsewhere,
  normaliseTracking,
  s10CheckDigit,
  upsCheckDigit,
  validateTracking,
} from './tracking';

describe('tracking numbers', () => {
  it('computes the UPU S10 check digit', () => {
    // By hand: 4·8 + 7·6 + 3·4 + 1·2 + 2·3 + 4·5 + 8·9 + 2·7 = 200; 11 − (200 mod 11) = 9.
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(s10CheckDigit('12345678')).toBe(5); // RR123456785GB, the common Royal Mail sample
  });

  it('accepts a Royal Mail S10 number and rejects a wrong check digit', () => {
    expect(validateTracking('RR 1234 5678 5 GB', 'royal-mail')).toMatchObject({
      ok: true,
      normalised: 'RR123456785GB',
    });
    expect(validateTracking('RR123456784GB', 'royal-mail')).toMatchObject({
      ok: false,
      reason: 'check-digit',
    });
    expect(validateTracking('1Z999AA10123456784', 'royal-mail')).toMatchObject({
      ok: false,
      reason: 'pattern',
    });
  });

  it('checks the UPS 1Z check digit of the published sample, warning on a mismatch', () => {
    expect(upsCheckDigit('999AA1012345678')).toBe(4);
    expect(validateTracking('1Z999AA10123456784', 'ups')).toMatchObject({ ok: true, warnings: [] });
    expect(validateTracking('1Z999AA10123456785', 'ups')).toMatchObject({
      ok: true,
      warnings: ['check-digit-mismatch'],
    });
  });

  it('validates USPS IMpb with the GS1 mod-10 check digit and strips the 420+ZIP prefix', () => {
    const impb = withCheckDigit('940011189922319742849');
    expect(validateTracking(impb, 'usps')).toMatchObject({ ok: true, format: 'IMpb' });
    const wrong = impb.slice(0, -1) + String((Number(impb.at(-1)) + 1) % 10);
    expect(validateTracking(wrong, 'usps')).toMatchObject({ ok: false, reason: 'check-digit' });
    expect(normaliseTracking(`42090210${impb}`)).toBe(impb);
    expect(normaliseTracking(`420902101234${impb}`)).toBe(impb);
  });

  it('detects carriers from the number shape', () => {
    expect(detectCarriers('1Z999AA10123456784')).toEqual(['ups']);
    expect(detectCarriers('RR123456785GB')).toEqual(['royal-mail']);
    expect(detectCarriers('123456789012')).toEqual(['fedex']);
    expect(detectCarriers('JJD0001234567890123456')).toEqual(['dhl']);
    expect(validateTracking('', 'tiktok')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('reports another order that already uses the number, ignoring the current one', async () => {
    const index = new Map([['RR123456785GB', ['order-a', 'order-b']]]);
    const lookup = (n: string) => index.get(n) ?? [];
    await expect(isTrackingUsedElsewhere('rr123456785gb', 'order-a', lookup)).resolves.toEqual({
      used: true,
      orderIds: ['order-b'],
    });
    await expect(
      isTrackingUsedElsewhere('RR123456785GB', 'order-c', async (n) => lookup(n)),
    ).resolves.toEqual({ used: true, orderIds: ['order-a', 'order-b'] });
    await expect(isTrackingUsedElsewhere('1Z999AA10123456784', 'order-a', lookup)).resolves.toEqual(
      {
        used: false,
        orderIds: [],
      },
    );
  });
});
