/**
 * A scale reading, whatever the scale spoke (USB HID point-of-sale scale reports, Mettler Toledo
 * MT-SICS, or the continuous output of bench scales). Weights are in grams; the unit the scale
 * showed is kept so the UI can say what the scale itself displays.
 */
export type ScaleUnit = 'mg' | 'g' | 'kg' | 'ct' | 'oz' | 'lb' | 'ozt' | 'dwt' | 'gr' | 'tael';

export type ScaleReading =
  | {
      kind: 'weight';
      grams: number;
      /** The scale says the weight has settled (HID status 4/2, MT-SICS `S S`, `ST,`). */
      stable: boolean;
      unit: ScaleUnit;
      /** Net weight after a tare, when the scale says so (`NT`). */
      net: boolean;
    }
  /** In motion without a usable number (HID status 3 with stale data, MT-SICS `S D` lines keep the number). */
  | { kind: 'motion' }
  | { kind: 'under-zero' }
  | { kind: 'overload' }
  | { kind: 'fault'; detail: string }
  | { kind: 'needs-calibration' }
  | { kind: 'needs-zero' };

/** Grams per unit (troy and avoirdupois as defined; the tael is the Chinese 50 g jin/10). */
export const GRAMS_PER_UNIT: Record<ScaleUnit, number> = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  ct: 0.2,
  oz: 28.349523125,
  lb: 453.59237,
  ozt: 31.1034768,
  dwt: 1.55517384,
  gr: 0.06479891,
  tael: 50,
};

/** Rounds to 0.1 g: more digits than any parcel scale has, fewer than float noise. */
export function roundGrams(g: number): number {
  return Math.round(g * 10) / 10;
}

export function toGrams(value: number, unit: ScaleUnit): number {
  return roundGrams(value * GRAMS_PER_UNIT[unit]);
}

/** Display conversion for the unit setting. */
export function fromGrams(grams: number, unit: 'g' | 'kg' | 'oz' | 'lb'): number {
  return grams / GRAMS_PER_UNIT[unit];
}
