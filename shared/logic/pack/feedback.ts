/**
 * What each pack outcome sounds and looks like. Kept here so a unit test can hold every error
 * path to the error sound (the regression Odoo and OCA shipped; bench-realities.md §2).
 */
import type { ScanOutcome } from './checklist';

export const PACK_MESSAGE_CODES = [
  'pack.ticked',
  'pack.complete',
  'pack.complete-blocked',
  'pack.wrong-item',
  'pack.over-scan',
  'pack.unknown-barcode',
  'pack.other-order',
  'pack.this-order',
  'pack.invalid',
] as const satisfies ReadonlyArray<`pack.${ScanOutcome['kind']}` | 'pack.complete-blocked'>;
export type PackMessageCode = (typeof PACK_MESSAGE_CODES)[number];

export type PackSound = 'success' | 'error' | 'complete' | 'none';
export type PackTone = 'ok' | 'error' | 'done' | 'neutral';

export interface PackFeedback {
  sound: PackSound;
  tone: PackTone;
  /** Message code for `#shared/i18n/reasons`. */
  message: PackMessageCode;
}

export function outcomeFeedback(outcome: ScanOutcome): PackFeedback {
  const message = `pack.${outcome.kind}` as const;
  switch (outcome.kind) {
    case 'ticked':
      return { sound: 'success', tone: 'ok', message };
    case 'complete':
      // Every unit is counted, but an open alert (a wrong or extra item) still blocks the seal.
      return outcome.verified
        ? { sound: 'complete', tone: 'done', message }
        : { sound: 'success', tone: 'ok', message: 'pack.complete-blocked' };
    case 'this-order':
      return { sound: 'none', tone: 'neutral', message };
    case 'wrong-item':
    case 'over-scan':
    case 'unknown-barcode':
    case 'other-order':
    case 'invalid':
      return { sound: 'error', tone: 'error', message };
  }
}
