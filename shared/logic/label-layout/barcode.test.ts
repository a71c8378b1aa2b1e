import { describe, expect, it } from 'vitest';
import { dotsToMm } from '../../utils/units';
import { barsOf, encodeCode128, layoutCode128, MODULE_DOTS, QUIET_ZONE_MODULES } from './barcode';

const START_B = '11010010000';
const START_C = '11010011100';
const STOP = '1100011101011';

describe('encodeCode128', () => {
  it('produces a start pattern, 11 modules per symbol and the stop pattern', () => {
    const r = encodeCode128('TT123456789012US');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.startsWith(START_B)).toBe(true);
    expect(r.value.endsWith(STOP)).toBe(true);
    expect((r.value.length - STOP.length) % 11).toBe(0);
  });

  it('packs an all-digit order id in subset C: fewer modules than its characters', () => {
    const id = '576140113038785123';
    const r = encodeCode128(id);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.startsWith(START_C)).toBe(true);
    // start + 9 digit pairs + check, 11 modules each, plus the stop.
    expect(r.value.length).toBe((1 + id.length / 2 + 1) * 11 + STOP.length);
  });

  it('refuses empty and non-ASCII data instead of drawing an empty barcode', () => {
    expect(encodeCode128('')).toMatchObject({ ok: false, error: { code: 'barcode-empty' } });
    expect(encodeCode128('TT12é')).toMatchObject({ ok: false, error: { code: 'barcode-invalid' } });
    expect(encodeCode128('A B')).toMatchObject({ ok: false, error: { code: 'barcode-invalid' } });
  });
});

describe('barsOf', () => {
  it('turns runs of dark modules into bars that cover exactly the dark modules', () => {
    const bits = '0110100111';
    const bars = barsOf(bits);
    expect(bars).toEqual([
      { x: 1, width: 2 },
      { x: 4, width: 1 },
      { x: 7, width: 3 },
    ]);
    const dark = bars.reduce((n, b) => n + b.width, 0);
    expect(dark).toBe([...bits].filter((b) => b === '1').length);
  });
});

describe('layoutCode128', () => {
  it('uses whole printer dots per module and at least 10 quiet modules each side', () => {
    for (const dpi of [203, 300] as const) {
      const r = layoutCode128('TT123456789012US', { dpi, maxWidthDots: 2000, heightMm: 20 });
      if (!r.ok) throw new Error(r.error.message);
      const g = r.value;
      expect(Number.isInteger(g.moduleDots)).toBe(true);
      expect(g.moduleDots).toBe(MODULE_DOTS[dpi][0]);
      expect(g.quietZoneModules).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES);
      expect(g.totalModules).toBe(g.symbolModules + 2 * g.quietZoneModules);
      expect(g.totalDots).toBe(g.totalModules * g.moduleDots);
      // 0.25 mm is the narrowest module carriers' scanners read reliably.
      expect(dotsToMm(g.moduleDots, dpi)).toBeGreaterThanOrEqual(0.25);
      expect(Math.abs(dotsToMm(g.heightDots, dpi) - 20)).toBeLessThan(dotsToMm(1, dpi));
    }
  });

  it('steps down to the narrower module when the wide one does not fit, then refuses', () => {
    const data = 'TT123456789012US';
    const wide = layoutCode128(data, { dpi: 203, maxWidthDots: 10_000, heightMm: 10 });
    if (!wide.ok) throw new Error(wide.error.message);
    const modules = wide.value.totalModules;
    const narrow = layoutCode128(data, { dpi: 203, maxWidthDots: modules * 3 - 1, heightMm: 10 });
    expect(narrow).toMatchObject({ ok: true, value: { moduleDots: 2, totalDots: modules * 2 } });
    const none = layoutCode128(data, { dpi: 203, maxWidthDots: modules * 2 - 1, heightMm: 10 });
    expect(none).toMatchObject({ ok: false, error: { code: 'barcode-too-wide' } });
  });
});
