import { describe, expect, it } from 'vitest';
import { cleanCell, cleanIdCell, parseExportDate, parseMoney } from './values';

describe('cell cleaning', () => {
  it('strips the trailing TAB, the BOM and outer spaces but keeps inner newlines', () => {
    expect(cleanCell('577000000000000001\t')).toBe('577000000000000001');
    expect(cleanCell('\t')).toBe('');
    expect(cleanCell('\uFEFFOrder ID')).toBe('Order ID');
    expect(cleanCell(' Jane Doe\n(+1)3055550101\n')).toBe('Jane Doe\n(+1)3055550101');
    expect(cleanCell('Maria  Lopez')).toBe('Maria  Lopez');
    expect(cleanIdCell('="0012345"')).toBe('0012345');
  });
});

describe('money', () => {
  it('reads bare dot decimals as decimal strings', () => {
    expect(parseMoney('11.99')).toEqual({ ok: true, value: '11.99' });
    expect(parseMoney('0')).toEqual({ ok: true, value: '0' });
    expect(parseMoney('')).toEqual({ ok: true, value: '0' });
    expect(parseMoney('1,234.50')).toEqual({ ok: true, value: '1234.50' });
    expect(parseMoney('-4.8')).toEqual({ ok: true, value: '-4.8' });
  });

  it('reads the Brazilian form with a BRL prefix or in a comma-decimal market', () => {
    expect(parseMoney('BRL 35,91')).toEqual({ ok: true, value: '35.91' });
    expect(parseMoney('BRL 1.234,56')).toEqual({ ok: true, value: '1234.56' });
    expect(parseMoney('BRL 35.91')).toEqual({ ok: true, value: '35.91' });
    expect(parseMoney('35,91', true)).toEqual({ ok: true, value: '35.91' });
  });

  it('rejects text that is not an amount', () => {
    expect(parseMoney('abc').ok).toBe(false);
    expect(parseMoney('40,00.5').ok).toBe(false);
    expect(parseMoney('1.2.3').ok).toBe(false);
  });
});

describe('export dates', () => {
  it('reads the US 12-hour form with the shop offset', () => {
    const r = parseExportDate('09/05/2025 7:04:09 AM\t', 'MDY', -240);
    expect(r).toEqual({ ok: true, value: Date.UTC(2025, 8, 5, 11, 4, 9) });
    expect(parseExportDate('09/05/2025 12:00:10 AM', 'MDY', 0)).toEqual({
      ok: true,
      value: Date.UTC(2025, 8, 5, 0, 0, 10),
    });
    expect(parseExportDate('09/05/2025 12:30:00 PM', 'MDY', 0)).toEqual({
      ok: true,
      value: Date.UTC(2025, 8, 5, 12, 30, 0),
    });
  });

  it('reads the SEA 24-hour form and picks day/month order by market, not by guessing', () => {
    expect(parseExportDate('25/06/2026 13:03:57', 'DMY', 420)).toEqual({
      ok: true,
      value: Date.UTC(2026, 5, 25, 6, 3, 57),
    });
    const dmy = parseExportDate('05/09/2025 10:00:00', 'DMY', 0);
    const mdy = parseExportDate('05/09/2025 10:00:00', 'MDY', 0);
    expect(dmy).toEqual({ ok: true, value: Date.UTC(2025, 8, 5, 10) });
    expect(mdy).toEqual({ ok: true, value: Date.UTC(2025, 4, 9, 10) });
  });

  it('treats an empty or lone-TAB cell as no date and rejects impossible dates', () => {
    expect(parseExportDate('\t', 'MDY', 0)).toEqual({ ok: true, value: null });
    expect(parseExportDate('13/05/2025 7:05:00 AM', 'MDY', 0).ok).toBe(false);
    expect(parseExportDate('30/02/2025 07:05:00', 'DMY', 0).ok).toBe(false);
    expect(parseExportDate('09/05/2025 13:05:00 PM', 'MDY', 0).ok).toBe(false);
    expect(parseExportDate('yesterday', 'MDY', 0).ok).toBe(false);
  });
});
