/**
 * GS1 element strings: `01095060001343521017A1B2` with GS (ASCII 29) after variable-length
 * fields, or the human-readable `(01)09506000134352(10)17A1B2`. Extracts the AIs; (01)/(02) carry
 * the GTIN-14 that identifies the item.
 */
import { isValidGtin } from '#shared/logic/gtin';
import { err, ok, type Result } from '#shared/utils/result';
import { GS } from './keys';
import { rejection, type ScanRejection } from './rejections';

export interface Gs1Element {
  ai: string;
  value: string;
}

export interface Gs1Data {
  elements: Gs1Element[];
  /** The GTIN-14 from AI 01 (or 02), check digit verified. */
  gtin: string | null;
}

/**
 * Total length (AI + value) for AIs whose first two digits the GS1 General Specifications list
 * as "predefined length": these never take a separator.
 */
const PREDEFINED: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

/** AI length from its first two digits. Unlisted prefixes are not assigned. */
function aiLength(prefix: string): number | null {
  const n = Number(prefix);
  if (n <= 22 || n === 30 || n === 37 || n >= 90) return 2;
  if (n >= 23 && n <= 25) return 3;
  if ((n >= 31 && n <= 36) || n === 39 || n === 43 || n === 70 || n === 72) return 4;
  if (n >= 80 && n <= 82) return 4;
  if ((n >= 40 && n <= 42) || n === 71) return 3;
  return null;
}

/** Longest value of a variable-length AI (GS1 caps them at 90 characters). */
function maxVariable(ai: string): number {
  if (ai === '10' || ai === '21' || ai === '22' || ai === '420') return 20;
  if (ai === '30' || ai === '37') return 8;
  return 90;
}

function checkElement(el: Gs1Element): ScanRejection | null {
  if (PREDEFINED[el.ai.slice(0, 2)] !== undefined && !/^\d+$/.test(el.value)) {
    return rejection('scan.gs1-malformed', { detail: `AI ${el.ai} must be digits` });
  }
  if ((el.ai === '01' || el.ai === '02') && !isValidGtin(el.value)) {
    return rejection('scan.bad-check-digit', { code: el.value });
  }
  return null;
}

function finishParse(elements: Gs1Element[]): Result<Gs1Data, ScanRejection> {
  if (elements.length === 0) return err(rejection('scan.gs1-malformed', { detail: 'no data' }));
  for (const el of elements) {
    const problem = checkElement(el);
    if (problem) return err(problem);
  }
  const gtin = elements.find((e) => e.ai === '01' || e.ai === '02')?.value ?? null;
  return ok({ elements, gtin });
}

/** Human-readable form with parentheses around each AI. */
export function parseGs1Bracketed(text: string): Result<Gs1Data, ScanRejection> {
  const elements: Gs1Element[] = [];
  const re = /\((\d{2,4})\)([^()]*)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(text)) !== null) {
    elements.push({ ai: m[1] ?? '', value: (m[2] ?? '').replaceAll(GS, '') });
    pos = re.lastIndex;
  }
  if (pos !== text.length) {
    return err(rejection('scan.gs1-malformed', { detail: `unexpected text at ${pos}` }));
  }
  return finishParse(elements);
}

/** Element string as scanned (FNC1 as GS), without its symbology prefix. */
export function parseGs1(text: string): Result<Gs1Data, ScanRejection> {
  if (text.startsWith('(')) return parseGs1Bracketed(text);
  const elements: Gs1Element[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (text[pos] === GS) {
      pos += 1;
      continue;
    }
    const prefix = text.slice(pos, pos + 2);
    const len = /^\d\d$/.test(prefix) ? aiLength(prefix) : null;
    if (len === null) {
      return err(rejection('scan.gs1-malformed', { detail: `unknown AI at ${pos}` }));
    }
    const ai = text.slice(pos, pos + len);
    if (!/^\d+$/.test(ai) || ai.length !== len) {
      return err(rejection('scan.gs1-malformed', { detail: `truncated AI at ${pos}` }));
    }
    pos += len;
    const total = PREDEFINED[prefix];
    if (total !== undefined) {
      const value = text.slice(pos, pos + total - len);
      if (value.length !== total - len || value.includes(GS)) {
        return err(rejection('scan.gs1-malformed', { detail: `AI ${ai} too short` }));
      }
      elements.push({ ai, value });
      pos += value.length;
    } else {
      const end = text.indexOf(GS, pos);
      const value = text.slice(pos, end === -1 ? text.length : end);
      if (value.length === 0 || value.length > maxVariable(ai)) {
        return err(rejection('scan.gs1-malformed', { detail: `AI ${ai} length ${value.length}` }));
      }
      elements.push({ ai, value });
      pos += value.length;
    }
  }
  return finishParse(elements);
}
