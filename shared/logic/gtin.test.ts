import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, isValidGtin, withCheckDigit } from './gtin';

describe('GTIN check digits', () => {
  it('matches published examples', () => {
    expect(isValidGtin('036000291452')).toBe(true); // UPC-A from the GS1 US guide
    expect(isValidGtin('4006381333931')).toBe(true); // EAN-13
    expect(isValidGtin('96385074')).toBe(true); // EAN-8
    expect(gtinCheckDigit('03600029145')).toBe(2);
  });

  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidGtin('036000291453')).toBe(false);
    expect(isValidGtin('03600029145')).toBe(false);
    expect(isValidGtin('03600029145A')).toBe(false);
  });

  it('appends the right digit', () => {
    expect(withCheckDigit('400638133393')).toBe('4006381333931');
    expect(() => gtinCheckDigit('12a')).toThrow(/digits/);
  });
});
