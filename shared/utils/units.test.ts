import { describe, expect, it } from 'vitest';
import { dotsToMm, mmToDots, mmToInches, mmToMicrons, PAPER } from './units';

describe('units', () => {
  it('converts a 4x6 in label to the microns Electron print expects', () => {
    expect(mmToMicrons(PAPER.waybill4x6.widthMm)).toBe(101_600);
    expect(mmToMicrons(PAPER.waybill4x6.heightMm)).toBe(152_400);
  });

  it('converts millimetres to inches for printToPDF', () => {
    expect(mmToInches(101.6)).toBeCloseTo(4, 10);
  });

  it('round-trips dots at 203 and 300 dpi', () => {
    expect(mmToDots(25.4, 203)).toBe(203);
    expect(mmToDots(100, 300)).toBe(1181);
    expect(dotsToMm(203, 203)).toBeCloseTo(25.4, 10);
  });
});
