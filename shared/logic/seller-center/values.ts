/**
 * Cell value formats of Seller Center exports, per market (seller-center-files.md §2.5).
 * Dates carry no timezone: the caller passes the shop's UTC offset. Day/month order is chosen by
 * market, never guessed.
 */
import { z } from 'zod';
import { err, ok, type Result } from '#shared/utils/result';

export const MARKETS = ['US', 'UK', 'BR', 'TH', 'VN', 'MY', 'ID', 'PH', 'SG'] as const;
export const Market = z.enum(MARKETS);
export type Market = z.infer<typeof Market>;

export type DateOrder = 'MDY' | 'DMY';

export interface MarketFormat {
  dateOrder: DateOrder;
  commaDecimal: boolean;
  currency: string;
  /** ISO 3166-1 alpha-2 region code written into the recipient. */
  regionCode: string;
}

/** UK is inferred (no export seen, §2.3): day-first like the rest of Europe. */
export const MARKET_FORMATS: Readonly<Record<Market, MarketFormat>> = {
  US: { dateOrder: 'MDY', commaDecimal: false, currency: 'USD', regionCode: 'US' },
  BR: { dateOrder: 'MDY', commaDecimal: true, currency: 'BRL', regionCode: 'BR' },
  UK: { dateOrder: 'DMY', commaDecimal: false, currency: 'GBP', regionCode: 'GB' },
  TH: { dateOrder: 'DMY', commaDecimal: false, currency: 'THB', regionCode: 'TH' },
  VN: { dateOrder: 'DMY', commaDecimal: false, currency: 'VND', regionCode: 'VN' },
  MY: { dateOrder: 'DMY', commaDecimal: false, currency: 'MYR', regionCode: 'MY' },
  ID: { dateOrder: 'DMY', commaDecimal: false, currency: 'IDR', regionCode: 'ID' },
  PH: { dateOrder: 'DMY', commaDecimal: false, currency: 'PHP', regionCode: 'PH' },
  SG: { dateOrder: 'DMY', commaDecimal: false, currency: 'SGD', regionCode: 'SG' },
};

/** Strips the trailing (or stray leading) TAB, the BOM and outer whitespace; inner newlines stay. */
export function cleanCell(raw: string): string {
  if (raw === '') return raw;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  // Fast path: most cells start and end with a printable ASCII character.
  if (first > 32 && first < 127 && last > 32 && last < 127) return raw;
  return raw.replace(/^[\uFEFF\s]+|\s+$/g, '');
}

/** Quoted CSV cells keep their text; this also reads Excel's `="…"` text guard if present. */
export function cleanIdCell(raw: string): string {
  const cell = cleanCell(raw);
  return cell.startsWith('="') && cell.endsWith('"') && cell.length >= 3 ? cell.slice(2, -1) : cell;
}

/**
 * Money as a decimal string (never a float). US/SEA write bare dot decimals (`11.99`, `1,234.5`);
 * Brazil writes `BRL 1.234,56` (and sometimes `BRL 35.91`). Comma decimals are read only for a
 * comma-decimal market or a `BRL` prefix. Empty is zero.
 */
export function parseMoney(raw: string, commaDecimal = false): Result<string, string> {
  let text = cleanCell(raw);
  if (text === '') return ok('0');
  const coded = /^([A-Z]{3})\s*(.*)$/.exec(text);
  const code = coded?.[1];
  if (coded?.[2] !== undefined) text = coded[2].trim();
  text = text.replace(/^(R\$|RM|[$€£₫฿])/, '').trim();
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  let normal: string | undefined;
  if (commaDecimal || code === 'BRL') {
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text) || /^\d+(,\d+)?$/.test(text)) {
      normal = text.replace(/\./g, '').replace(',', '.');
    } else if (/^\d+\.\d{1,2}$/.test(text)) {
      normal = text;
    }
  } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) || /^\d+(\.\d+)?$/.test(text)) {
    normal = text.replace(/,/g, '');
  }
  if (normal === undefined) return err(`not an amount: "${cleanCell(raw)}"`);
  const trimmed = normal.replace(/^0+(?=\d)/, '');
  return ok(negative && /[1-9]/.test(trimmed) ? `-${trimmed}` : trimmed);
}

const DATE_RE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$/;

/**
 * Reads an export time (`09/05/2025 7:04:09 AM` in the US, `25/06/2026 13:03:57` in SEA) as
 * epoch milliseconds. Empty (or a lone TAB) is `null`. `utcOffsetMinutes` is the shop's offset.
 */
export function parseExportDate(
  raw: string,
  order: DateOrder,
  utcOffsetMinutes: number,
): Result<number | null, string> {
  const text = cleanCell(raw);
  if (text === '') return ok(null);
  const m = DATE_RE.exec(text);
  if (!m) return err(`not a date: "${text}"`);
  const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [month, day] = order === 'MDY' ? [a, b] : [b, a];
  let hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const meridiem = m[7]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return err(`not a 12-hour time: "${text}"`);
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  const utc = Date.UTC(y, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  const valid =
    check.getUTCFullYear() === y &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid)
    return err(`not a valid ${order === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'} date: "${text}"`);
  return ok(utc - utcOffsetMinutes * 60_000);
}

/** Country names as written in exports → region codes; unknown names fall back to the market. */
const COUNTRY_CODES: Readonly<Record<string, string>> = {
  'united states': 'US',
  'united kingdom': 'GB',
  brazil: 'BR',
  brasil: 'BR',
  thailand: 'TH',
  ประเทศไทย: 'TH',
  vietnam: 'VN',
  'viet nam': 'VN',
  'việt nam': 'VN',
  malaysia: 'MY',
  indonesia: 'ID',
  philippines: 'PH',
  singapore: 'SG',
};

export function regionCodeFor(country: string, market: Market): string {
  return COUNTRY_CODES[cleanCell(country).toLowerCase()] ?? MARKET_FORMATS[market].regionCode;
}
