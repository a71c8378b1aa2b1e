/**
 * What a normalised scan is, judged by its content alone. Consumers look codes up in their own
 * indexes first (a product barcode or a known tracking number wins over a format guess); this
 * parser supplies the format guess and rejects barcodes that cannot exist.
 */
import { gtinCheckDigit, isValidGtin } from '#shared/logic/gtin';
import { GS } from './keys';
import { parseGs1 } from './gs1';
import type { Gs1Element } from './gs1';
import { DEFAULT_NORMALISE, normaliseScan } from './normalise';
import type { NormaliseInput, NormaliseOptions } from './normalise';
import { rejection, type ScanRejection } from './rejections';

export type GtinFormat = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

export type ScanContent =
  | { kind: 'gtin'; text: string; gtin: string; format: GtinFormat }
  | { kind: 'gs1'; text: string; gtin: string | null; elements: Gs1Element[] }
  | { kind: 'order-id'; text: string }
  | { kind: 'package-id'; text: string }
  | { kind: 'tracking'; text: string }
  | { kind: 'sku'; text: string }
  | { kind: 'invalid'; text: string; reason: ScanRejection };

export const MAX_SCAN_LENGTH = 200;

const FORMATS: Readonly<Record<number, GtinFormat>> = {
  8: 'EAN-8',
  12: 'UPC-A',
  13: 'EAN-13',
  14: 'GTIN-14',
};

/** A GTIN padded to 14 digits, so UPC-A `036000291452` and EAN-13 `0036000291452` are equal. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}

/** 18 digits starting 57: a TikTok Shop order id. */
export function isOrderIdFormat(text: string): boolean {
  return /^57\d{16}$/.test(text);
}

/** 19 digits: a TikTok Shop package id. */
export function isPackageIdFormat(text: string): boolean {
  return /^\d{19}$/.test(text);
}

/** 8–40 letters and digits, with at least one digit. */
export function isTrackingFormat(text: string): boolean {
  return /^[A-Za-z0-9]{8,40}$/.test(text) && /\d/.test(text);
}

function looksGs1(text: string, gs1Prefix: boolean): boolean {
  if (gs1Prefix || text.includes(GS)) return true;
  if (/^\(\d{2,4}\)/.test(text)) return true;
  // An unbracketed element string without FNC1: (01) + GTIN-14, then more AIs.
  return /^01\d{14}./.test(text) && isValidGtin(text.slice(2, 16));
}

/** Classifies a normalised scan. `gs1Prefix`: the scan had a GS1 AIM symbology identifier. */
export function parseScan(text: string, gs1Prefix = false): ScanContent {
  if (text.length === 0) return { kind: 'invalid', text, reason: rejection('scan.empty') };
  if (text.length > MAX_SCAN_LENGTH) {
    return {
      kind: 'invalid',
      text,
      reason: rejection('scan.too-long', { length: text.length, max: MAX_SCAN_LENGTH }),
    };
  }
  if (looksGs1(text, gs1Prefix)) {
    const parsed = parseGs1(text);
    if (!parsed.ok) return { kind: 'invalid', text, reason: parsed.error };
    return { kind: 'gs1', text, gtin: parsed.value.gtin, elements: parsed.value.elements };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) {
    return { kind: 'invalid', text, reason: rejection('scan.control-chars') };
  }
  if (/^\d+$/.test(text)) {
    if (isOrderIdFormat(text)) return { kind: 'order-id', text };
    if (isPackageIdFormat(text)) return { kind: 'package-id', text };
    const format = FORMATS[text.length];
    if (format !== undefined && isValidGtin(text))
      return { kind: 'gtin', text, gtin: text, format };
    // UPC-A and EAN-13 are the codes on retail items: a wrong check digit is a misread or a
    // made-up number, never a SKU. 8 and 14 digits are common internal codes, so they fall through.
    if (text.length === 12 || text.length === 13) {
      const expected = gtinCheckDigit(text.slice(0, -1));
      return {
        kind: 'invalid',
        text,
        reason: rejection('scan.bad-check-digit', { code: text, expected }),
      };
    }
  }
  if (isTrackingFormat(text)) return { kind: 'tracking', text: text.toUpperCase() };
  return { kind: 'sku', text };
}

/** Normalises and parses in one go; a normalisation rejection becomes an `invalid` content. */
export function readScan(
  input: NormaliseInput,
  opts: NormaliseOptions = DEFAULT_NORMALISE,
): ScanContent {
  const normalised = normaliseScan(input, opts);
  if (!normalised.ok) return { kind: 'invalid', text: input.text, reason: normalised.error };
  return parseScan(normalised.value.text, normalised.value.gs1);
}

/**
 * The key a code is indexed and looked up by: GTIN-14 for any valid GTIN (bare or in AI 01),
 * otherwise the text upper-cased (seller SKUs compare case-insensitively, which also absorbs
 * Caps Lock). Null for codes that cannot identify an item.
 */
export function itemKey(content: ScanContent): string | null {
  switch (content.kind) {
    case 'gtin':
      return toGtin14(content.gtin);
    case 'gs1':
      return content.gtin === null ? null : toGtin14(content.gtin);
    case 'invalid':
      return null;
    default:
      return content.text.toUpperCase();
  }
}
