import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFieldData,
  escapeFieldData,
  fieldData,
  needsUnicodeFont,
  normalizeFieldText,
} from './zpl-escape';

describe('ZPL field escaping', () => {
  it('hex-escapes command and control prefixes so they never appear literally', () => {
    const escaped = escapeFieldData('A^XZ^XA~JR_\\B');
    expect(escaped).toBe('A_5EXZ_5EXA_7EJR_5F_5CB');
  });

  it('writes non-ASCII text as UTF-8 byte escapes for ^CI28', () => {
    expect(escapeFieldData('é')).toBe('_C3_A9');
    expect(escapeFieldData('北')).toBe('_E5_8C_97');
    expect(escapeFieldData('😀')).toBe('_F0_9F_98_80');
  });

  it('wraps data in ^FH_^FD … ^FS', () => {
    expect(fieldData('a~b')).toBe('^FH_^FDa_7Eb^FS');
  });

  it('round-trips any string and never emits ^, ~ or control bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const escaped = escapeFieldData(text);
        // Only printable ASCII other than ^ ~ and backslash may remain.
        expect([...escaped].every((c) => c >= ' ' && c <= '}' && !'^~\\'.includes(c))).toBe(true);
        expect(decodeFieldData(escaped)).toBe(text);
      }),
    );
  });

  it('turns line breaks, tabs and control characters into single spaces', () => {
    expect(normalizeFieldText('  12 Main St\r\n\tApt\u0000 4 ')).toBe('12 Main St Apt 4');
    expect(normalizeFieldText('a\u202Eb')).toBe('ab');
  });

  it('flags CJK and Arabic text as needing a printer font, not Latin with accents', () => {
    expect(needsUnicodeFont('José Müller, Łódź')).toBe(false);
    expect(needsUnicodeFont('北京市朝阳区')).toBe(true);
    expect(needsUnicodeFont('شارع الملك فهد')).toBe(true);
  });
});
