import { gtinCheckDigit } from '#shared/logic/gtin';
import type { CarrierId } from './rates';

/**
 * Tracking-number capture: normalise a scan, check it against per-carrier patterns and check
 * digits, and refuse a number already used on another order (bench-realities.md §7). A check
 * digit is enforced only where the algorithm is a published standard (UPU S10, USPS IMpb = GS1
 * mod 10); the UPS check digit is widely documented but not official, so a mismatch only warns.
 */

export interface TrackingFormat {
  name: string;
  pattern: RegExp;
  check?: (n: string) => boolean;
  /** When true a failed check digit rejects the number; otherwise it warns. */
  enforceCheck: boolean;
}

/** UPU S10 (e.g. RR123456785GB): weights 8 6 4 2 3 5 9 7, mod 11. */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(serial[i]) * (weights[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

function s10Valid(n: string): boolean {
  return s10CheckDigit(n.slice(2, 10)) === Number(n[10]);
}

/** UPS 1Z: letters map to (code − 63) mod 10; odd positions ×1, even ×2; mod 10. */
export function upsCheckDigit(body15: string): number {
  let sum = 0;
  for (let i = 0; i < body15.length; i += 1) {
    const ch = body15.charCodeAt(i);
    const v = ch >= 65 ? (ch - 63) % 10 : ch - 48;
    sum += i % 2 === 0 ? v : 2 * v;
  }
  return (10 - (sum % 10)) % 10;
}

function upsValid(n: string): boolean {
  return upsCheckDigit(n.slice(2, 17)) === Number(n[17]);
}

function mod10Valid(n: string): boolean {
  return gtinCheckDigit(n.slice(0, -1)) === Number(n.at(-1));
}

export const TRACKING_FORMATS: Readonly<Record<CarrierId, readonly TrackingFormat[]>> = {
  usps: [
    { name: 'IMpb', pattern: /^9[1-5]\d{20}$/, check: mod10Valid, enforceCheck: true },
    { name: 'IMpb-26', pattern: /^9[1-5]\d{24}$/, check: mod10Valid, enforceCheck: true },
    { name: 'S10', pattern: /^[A-Z]{2}\d{9}US$/, check: s10Valid, enforceCheck: true },
  ],
  ups: [{ name: '1Z', pattern: /^1Z[0-9A-Z]{16}$/, check: upsValid, enforceCheck: false }],
  fedex: [
    { name: 'Express', pattern: /^\d{12}$/, enforceCheck: false },
    { name: 'Ground', pattern: /^\d{15}$/, enforceCheck: false },
    { name: 'SSCC', pattern: /^96\d{18}$/, enforceCheck: false },
    { name: 'Ground 22', pattern: /^(96|61)\d{20}$/, enforceCheck: false },
  ],
  dhl: [
    { name: 'Express', pattern: /^\d{10}$/, enforceCheck: false },
    { name: 'Parcel JJD', pattern: /^JJD\d{16,20}$/, enforceCheck: false },
    { name: 'eCommerce', pattern: /^(GM|LX|RX)\d{16,18}$/, enforceCheck: false },
    { name: 'S10', pattern: /^[A-Z]{2}\d{9}DE$/, check: s10Valid, enforceCheck: true },
  ],
  'royal-mail': [
    { name: 'S10', pattern: /^[A-Z]{2}\d{9}GB$/, check: s10Valid, enforceCheck: true },
  ],
  evri: [{ name: 'Evri', pattern: /^[HT][0-9A-Z]{15}$/, enforceCheck: false }],
  jt: [{ name: 'J&T', pattern: /^(JT|JP|JD|JX|JNT)\d{10,13}$/, enforceCheck: false }],
  // TikTok Shipping numbers come from the partner carrier: accept any plausible code.
  tiktok: [{ name: 'Platform', pattern: /^[0-9A-Z]{8,40}$/, enforceCheck: false }],
};

/**
 * Upper case, no spaces, dashes or GS1 separators. A USPS GS1-128 scan carries "420" + ZIP
 * (5 or 9 digits) before the IMpb number: that routing prefix is dropped.
 */
export function normaliseTracking(raw: string): string {
  const n = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const usps = /^420(?:\d{5}|\d{9})(9[1-5]\d{20})$/.exec(n);
  return usps?.[1] ?? n;
}

export type TrackingCheck =
  | { ok: true; normalised: string; format: string; warnings: 'check-digit-mismatch'[] }
  | { ok: false; normalised: string; reason: 'empty' | 'pattern' | 'check-digit' };

/** Validates a scanned number for one carrier. */
export function validateTracking(raw: string, carrier: CarrierId): TrackingCheck {
  const normalised = normaliseTracking(raw);
  if (normalised === '') return { ok: false, normalised, reason: 'empty' };
  let badCheck = false;
  for (const format of TRACKING_FORMATS[carrier]) {
    if (!format.pattern.test(normalised)) continue;
    const passes = format.check ? format.check(normalised) : true;
    if (passes) return { ok: true, normalised, format: format.name, warnings: [] };
    if (!format.enforceCheck) {
      return { ok: true, normalised, format: format.name, warnings: ['check-digit-mismatch'] };
    }
    badCheck = true;
  }
  return { ok: false, normalised, reason: badCheck ? 'check-digit' : 'pattern' };
}

/** Carriers whose formats accept the number (platform excluded: it accepts nearly anything). */
export function detectCarriers(raw: string): CarrierId[] {
  const out: CarrierId[] = [];
  for (const carrier of Object.keys(TRACKING_FORMATS) as CarrierId[]) {
    if (carrier === 'tiktok') continue;
    const check = validateTracking(raw, carrier);
    if (check.ok && check.warnings.length === 0) out.push(carrier);
  }
  return out;
}

/** Finds orders that already carry a tracking number (a Dexie index lookup in the renderer). */
export type TrackingLookup = (normalised: string) => Promise<readonly string[]> | readonly string[];

/** The other orders that already use this number; empty when it is free for `orderId`. */
export async function isTrackingUsedElsewhere(
  raw: string,
  orderId: string,
  lookup: TrackingLookup,
): Promise<{ used: boolean; orderIds: string[] }> {
  const normalised = normaliseTracking(raw);
  const owners = await lookup(normalised);
  const others = [...new Set(owners)].filter((id) => id !== orderId);
  return { used: others.length > 0, orderIds: others };
}
