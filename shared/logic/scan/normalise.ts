/**
 * Normalises a scan's text for scanner quirks before it is parsed: keyboard-layout mismatch,
 * Caps Lock, AIM symbology prefixes, spelled-out group separators and stray control characters.
 */
import { err, ok, type Result } from '#shared/utils/result';
import { GS } from './keys';
import { rejection, type ScanRejection } from './rejections';

export interface NormaliseInput {
  /** As typed by the OS layout (`event.key`). */
  text: string;
  /** As decoded from physical keys on a US layout, when every key had a code. */
  codeText?: string | null;
  capsLock?: boolean;
  lostChars?: number;
}

export interface NormaliseOptions {
  /**
   * `code` (default): scanners type a US layout, so decode physical keys when possible; this
   * undoes a mismatched OS layout, Caps Lock and IME. `key`: the scanner is set to the OS layout.
   */
  trust: 'code' | 'key';
  /** When trusting `key` and Caps Lock was on: invert letter case (the scanner did not). */
  capsLock: 'invert' | 'keep';
  /** A text the scanner sends for GS, besides ASCII 29 and `<GS>` (e.g. `~` or `{GS}`). */
  gsSubstitute?: string;
}

export const DEFAULT_NORMALISE: Readonly<NormaliseOptions> = { trust: 'code', capsLock: 'invert' };

export type NormaliseChange =
  | 'decoded-from-code'
  | 'caps-lock-inverted'
  | 'symbology-prefix-stripped'
  | 'gs-substituted'
  | 'controls-stripped'
  | 'trimmed';

export interface NormalisedScan {
  text: string;
  /** The scan carried a GS1 AIM prefix (`]C1`, `]d2`, `]e0`, `]Q3`): parse as GS1. */
  gs1: boolean;
  changes: NormaliseChange[];
  /** When the code decoding differed from the key text: what the difference looked like. */
  mismatch: 'caps-lock' | 'layout' | null;
}

const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
const GS1_AIM = new Set([']C1', ']d2', ']e0', ']Q3', ']J1']);
// C0 controls except GS, DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001c\u001e\u001f\u007f-\u009f]/g;
const AZERTY_DIGIT_ROW = /^[&é"'(\-è_çà]{4,}$/;

export function swapCase(s: string): string {
  let out = '';
  for (const c of s) {
    const up = c.toUpperCase();
    out += up === c ? c.toLowerCase() : up;
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Signs that an OS layout other than the scanner's rewrote the punctuation or digits. */
export function looksLikeLayoutMismatch(text: string): boolean {
  if (/\d'\d/.test(text)) return true; // Italian/Swiss: `-` arrives as `'`
  return AZERTY_DIGIT_ROW.test(text) && /[&é"(èçà]/.test(text); // French: `12345` → `&é"'(`
}

export function normaliseScan(
  input: NormaliseInput,
  opts: NormaliseOptions = DEFAULT_NORMALISE,
): Result<NormalisedScan, ScanRejection> {
  const changes: NormaliseChange[] = [];
  let mismatch: NormalisedScan['mismatch'] = null;
  let text: string;
  const codeText = input.codeText ?? null;
  const fromCode = opts.trust === 'code' && codeText !== null && codeText.length > 0;
  if (fromCode) {
    text = codeText;
    if (codeText !== input.text) {
      changes.push('decoded-from-code');
      mismatch = swapCase(input.text) === codeText ? 'caps-lock' : 'layout';
    }
  } else {
    if ((input.lostChars ?? 0) > 0) {
      return err(rejection('scan.ime-lost-chars', { lost: input.lostChars ?? 0 }));
    }
    text = input.text;
    if (input.capsLock === true && opts.capsLock === 'invert' && /[a-z]/i.test(text)) {
      text = swapCase(text);
      changes.push('caps-lock-inverted');
    }
  }
  text = text.normalize('NFC');

  let gs1 = false;
  const prefix = AIM_PREFIX.exec(text)?.[0];
  if (prefix !== undefined) {
    gs1 = GS1_AIM.has(prefix);
    text = text.slice(prefix.length);
    changes.push('symbology-prefix-stripped');
  }

  const before = text;
  text = text.replace(/<GS>/gi, GS);
  if (opts.gsSubstitute) text = text.replace(new RegExp(escapeRegExp(opts.gsSubstitute), 'g'), GS);
  if (text !== before) changes.push('gs-substituted');

  const stripped = text.replace(CONTROLS, '');
  if (stripped !== text) changes.push('controls-stripped');
  text = stripped;

  // A leading or trailing GS (FNC1) carries no data; neither does surrounding white space.
  // eslint-disable-next-line no-control-regex
  const trimmed = text.replace(/^[\s\u001d]+|[\s\u001d]+$/g, '');
  if (trimmed !== text) changes.push('trimmed');
  text = trimmed;

  if (text.length === 0) return err(rejection('scan.empty'));
  if (!fromCode && looksLikeLayoutMismatch(text)) {
    return err(rejection('scan.layout-mismatch', { text }));
  }
  return ok({ text, gs1, changes, mismatch });
}
