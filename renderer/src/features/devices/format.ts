import { fromGrams } from '#shared/logic/scale/reading';

const DIGITS = { g: 0, kg: 3, oz: 1, lb: 2 } as const;

/** A weight in the unit the bench chose: `532 g`, `0.532 kg`, `18.8 oz`, `1.17 lb`. */
export function formatWeight(grams: number, unit: 'g' | 'kg' | 'oz' | 'lb'): string {
  return `${fromGrams(grams, unit).toFixed(DIGITS[unit])} ${unit}`;
}
