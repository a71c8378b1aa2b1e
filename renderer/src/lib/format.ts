import Decimal from 'decimal.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A compact duration for ship-by countdowns: "2d 4h", "3h 05m", "12m". */
export function formatDuration(ms: number, language: string): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  if (language.startsWith('zh')) {
    if (d > 0) return `${d}天${h}小时`;
    if (h > 0) return `${h}小时${String(m).padStart(2, '0')}分`;
    return `${m}分钟`;
  }
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m`;
}

export type Urgency = 'overdue' | 'soon' | 'today' | 'later';

export function shipByUrgency(shipBy: number, now: number): Urgency {
  const left = shipBy - now;
  if (left < 0) return 'overdue';
  if (left < 2 * HOUR) return 'soon';
  if (left < DAY) return 'today';
  return 'later';
}

/** Money from a decimal string, exactly: never through a binary float. */
export function formatMoney(amount: string, currency: string, language: string): string {
  const value = new Decimal(amount);
  try {
    const fmt = new Intl.NumberFormat(language, { style: 'currency', currency });
    // Intl formats decimal strings exactly (no float rounding).
    return fmt.format(value.toFixed() as unknown as number);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

export function sumMoney(...amounts: string[]): string {
  return amounts.reduce((acc, a) => acc.plus(new Decimal(a)), new Decimal(0)).toFixed();
}

/** `seconds`: for records where the order of events within a minute matters (a history). */
export function formatDateTime(ms: number, language: string, seconds = false): string {
  return new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(ms);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}
