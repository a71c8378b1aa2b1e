import { describe, expect, it } from 'vitest';
import { parseHidScaleReport } from './hid-report';

/** Reports as a Dymo M10 / S100 and a Stamps.com 5 lb scale send them (report id first). */
const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));

describe('HID point-of-sale scale reports', () => {
  it('reads a stable weight in grams, with the report id in front or apart (WebHID)', () => {
    const whole = parseHidScaleReport(null, hex('03 04 02 00 e8 03'));
    expect(whole).toEqual({
      ok: true,
      value: { kind: 'weight', grams: 1000, stable: true, unit: 'g', net: false },
    });
    expect(parseHidScaleReport(3, hex('04 02 00 e8 03'))).toEqual(whole);
  });

  it('applies the signed exponent: Dymo in ounces sends tenths (exponent 0xFF)', () => {
    const r = parseHidScaleReport(null, hex('03 04 0b ff 1c 00')); // 2.8 oz
    expect(r.ok && r.value.kind === 'weight' && r.value.grams).toBe(79.4);
    const lb = parseHidScaleReport(null, hex('03 04 0c fe 2c 01')); // 3.00 lb
    expect(lb.ok && lb.value.kind === 'weight' && lb.value.grams).toBe(1360.8);
  });

  it('marks readings in motion as not stable, and zero as a stable 0 g', () => {
    const moving = parseHidScaleReport(null, hex('03 03 02 00 64 00'));
    expect(moving).toMatchObject({
      ok: true,
      value: { kind: 'weight', grams: 100, stable: false },
    });
    const zero = parseHidScaleReport(null, hex('03 02 00 00 00 00'));
    expect(zero).toMatchObject({ ok: true, value: { kind: 'weight', grams: 0, stable: true } });
  });

  it('reports under zero (a negative weight), overload, fault and calibration states', () => {
    expect(parseHidScaleReport(null, hex('03 05 02 00 0a 00'))).toEqual({
      ok: true,
      value: { kind: 'under-zero' },
    });
    expect(parseHidScaleReport(null, hex('03 06 02 00 ff ff'))).toEqual({
      ok: true,
      value: { kind: 'overload' },
    });
    expect(parseHidScaleReport(null, hex('03 01 02 00 00 00'))).toMatchObject({
      ok: true,
      value: { kind: 'fault' },
    });
    expect(parseHidScaleReport(null, hex('03 07 02 00 00 00')).ok).toBe(true);
    expect(parseHidScaleReport(null, hex('03 08 02 00 00 00'))).toEqual({
      ok: true,
      value: { kind: 'needs-zero' },
    });
  });

  it('accepts report id 4 (some Stamps.com models) and refuses other reports', () => {
    expect(parseHidScaleReport(4, hex('04 02 00 10 00'))).toMatchObject({
      ok: true,
      value: { grams: 16 },
    });
    expect(parseHidScaleReport(null, hex('01 04 02 00 10 00'))).toMatchObject({
      ok: false,
      error: { code: 'not-a-weight-report' },
    });
  });

  it('refuses short reports, unknown status and unknown units with a reason', () => {
    expect(parseHidScaleReport(3, hex('04 02'))).toMatchObject({
      ok: false,
      error: { code: 'short-report' },
    });
    expect(parseHidScaleReport(null, hex('03 09 02 00 00 00'))).toMatchObject({
      ok: false,
      error: { code: 'unknown-status' },
    });
    expect(parseHidScaleReport(null, hex('03 04 0f 00 01 00'))).toMatchObject({
      ok: false,
      error: { code: 'unknown-unit' },
    });
  });

  it('decodes a recorded stream: stale first report, motion, then a settled parcel', () => {
    const recorded = [
      '03 04 02 00 f4 01', // stale: the last weight before the scale was picked
      '03 02 02 00 00 00',
      '03 03 02 00 2c 01',
      '03 03 02 00 0e 02',
      '03 04 02 00 12 02',
    ].map((r) => parseHidScaleReport(null, hex(r)));
    const grams = recorded.map((r) => (r.ok && r.value.kind === 'weight' ? r.value.grams : null));
    expect(grams).toEqual([500, 0, 300, 526, 530]);
    expect(recorded.map((r) => r.ok && r.value.kind === 'weight' && r.value.stable)).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });
});
