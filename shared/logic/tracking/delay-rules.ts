import type { ParcelState } from './events';

/**
 * Delay rules: each finding has a reason code (texts in `reasons.ts`), the moment it became true
 * and a severity. Pure: the clock is an argument, times are epoch ms (UTC instants, so a change
 * of the machine's time zone or daylight saving never moves them); only "past the promised date"
 * is a calendar rule, and it ends at midnight in the destination's time zone.
 */

export const DELAY_CODES = [
  'no-first-scan',
  'no-movement',
  'past-promised-date',
  'failed-attempt',
  'exception',
  'returned-to-sender',
] as const;
export type DelayCode = (typeof DELAY_CODES)[number];

export interface DelayThresholds {
  /** No carrier scan this many hours after handover. */
  noFirstScanHours: number;
  /** No new event for this many days (while moving). */
  noMovementDays: number;
  /** Days from handover to the promised delivery, when the shop gives no date. */
  promisedDays: number;
  /** No event at all for this many days: the parcel is `expired`. */
  expiredAfterDays: number;
}

export const DEFAULT_THRESHOLDS: DelayThresholds = {
  noFirstScanHours: 48,
  noMovementDays: 4,
  promisedDays: 7,
  expiredAfterDays: 30,
};

/** Thresholds per carrier and destination; the most specific matching override wins. */
export interface ThresholdTable {
  default: DelayThresholds;
  overrides: ReadonlyArray<{
    /** Carrier name as on the package (case-insensitive); absent matches any. */
    carrier?: string;
    /** Destination region code (`US`, `GB`…); absent matches any. */
    destination?: string;
    thresholds: Partial<DelayThresholds>;
  }>;
}

export const DEFAULT_THRESHOLD_TABLE: ThresholdTable = {
  default: DEFAULT_THRESHOLDS,
  overrides: [],
};

export function thresholdsFor(
  table: ThresholdTable,
  carrier: string,
  destination: string,
): DelayThresholds {
  const c = carrier.trim().toLowerCase();
  const d = destination.trim().toUpperCase();
  const matching = table.overrides
    .filter(
      (o) =>
        (o.carrier === undefined || o.carrier.trim().toLowerCase() === c) &&
        (o.destination === undefined || o.destination.trim().toUpperCase() === d),
    )
    .map((o) => ({ o, rank: (o.carrier ? 2 : 0) + (o.destination ? 1 : 0) }))
    .sort((a, b) => a.rank - b.rank);
  let out = { ...table.default };
  for (const { o } of matching) out = { ...out, ...stripUndefined(o.thresholds) };
  return out;
}

function stripUndefined(p: Partial<DelayThresholds>): Partial<DelayThresholds> {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
}

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The instant a calendar day ends (next local midnight) in `timeZone`, for the day `at` falls on. */
export function endOfLocalDay(at: number, timeZone: string): number {
  // Every zone's midnight falls on a quarter hour of UTC, so all instants of one UTC quarter hour
  // share their local day: memoised per quarter hour (formatting dates is the costly part).
  const key = `${timeZone}|${Math.floor(at / QUARTER_HOUR)}`;
  const hit = END_OF_DAY.get(key);
  if (hit !== undefined) return hit;
  if (END_OF_DAY.size > 50_000) END_OF_DAY.clear();
  const end = computeEndOfLocalDay(at, timeZone);
  END_OF_DAY.set(key, end);
  return end;
}

const QUARTER_HOUR = 15 * 60_000;
const END_OF_DAY = new Map<string, number>();

function computeEndOfLocalDay(at: number, timeZone: string): number {
  const parts = localParts(at, timeZone);
  // Start from the UTC instant of the next local midnight, then correct by the zone's offset
  // at that moment (twice, for a daylight-saving change on that night).
  const naive = Date.UTC(parts.year, parts.month - 1, parts.day + 1);
  let guess = naive - offsetMs(naive, timeZone);
  guess = naive - offsetMs(guess, timeZone);
  return guess;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: making one costs far more than using it (100,000 parcels a pass). */
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    FORMATS.set(timeZone, f);
  }
  return f;
}

function localParts(at: number, timeZone: string) {
  const f = formatFor(timeZone);
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p.year ?? 1970,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

/** The zone's offset from UTC at instant `at`, in ms (UTC+8 → +8 h). */
export function offsetMs(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** An IANA zone for a destination region code; UTC when unknown. */
export const REGION_TIME_ZONES: Readonly<Record<string, string>> = {
  US: 'America/New_York',
  GB: 'Europe/London',
  UK: 'Europe/London',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  ES: 'Europe/Madrid',
  IT: 'Europe/Rome',
  IE: 'Europe/Dublin',
  JP: 'Asia/Tokyo',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  SG: 'Asia/Singapore',
  MY: 'Asia/Kuala_Lumpur',
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  PH: 'Asia/Manila',
  ID: 'Asia/Jakarta',
  CN: 'Asia/Shanghai',
};

export interface ParcelFacts {
  state: ParcelState;
  /** Handed to the carrier (shipped), epoch ms. */
  handedOverAt: number;
  /** The shop's promised delivery time, epoch ms, when known (`delivery_due_time`). */
  promisedAt: number | null;
  /** IANA zone of the destination, for the promised date. */
  timeZone: string;
}

export interface DelayFinding {
  code: DelayCode;
  /** When the rule became true, epoch ms (for age and order). */
  since: number;
  /** 1 (watch) … 4 (act now). */
  severity: 1 | 2 | 3 | 4;
}

/** The promised delivery moment: the end of the promised day in the destination's zone. */
export function promisedDeadline(f: ParcelFacts, t: DelayThresholds): number {
  const promised = f.promisedAt ?? f.handedOverAt + t.promisedDays * DAY;
  return endOfLocalDay(promised, f.timeZone);
}

/**
 * Every rule that holds now. A clock behind the events (a machine clock set back) never makes a
 * finding: ages are measured from the latest moment we know, `max(now, last event)`.
 */
export function evaluateDelays(f: ParcelFacts, t: DelayThresholds, now: number): DelayFinding[] {
  const s = f.state;
  const out: DelayFinding[] = [];
  if (s.status === 'delivered') return out;
  const clock = Math.max(now, s.lastEventAt ?? 0);
  if (s.status === 'exception') {
    const since = s.lastEventAt ?? f.handedOverAt;
    if (s.exception === 'returned-to-sender')
      out.push({ code: 'returned-to-sender', since, severity: 3 });
    else out.push({ code: 'exception', since, severity: 4 });
    return out;
  }
  if (s.status === 'failed-attempt') {
    out.push({ code: 'failed-attempt', since: s.lastEventAt ?? f.handedOverAt, severity: 3 });
  }
  if (s.firstScanAt === null) {
    const due = f.handedOverAt + t.noFirstScanHours * HOUR;
    if (clock >= due) out.push({ code: 'no-first-scan', since: due, severity: 2 });
  } else {
    const lastMove = s.lastEventAt ?? s.firstScanAt;
    const due = lastMove + t.noMovementDays * DAY;
    if (clock >= due) {
      out.push({ code: 'no-movement', since: due, severity: s.status === 'expired' ? 4 : 2 });
    }
  }
  const deadline = promisedDeadline(f, t);
  if (clock >= deadline) out.push({ code: 'past-promised-date', since: deadline, severity: 3 });
  return out;
}

/**
 * Urgency for the exceptions queue: higher first. Severity dominates; within a severity the
 * finding that has held longest comes first.
 */
export function urgency(findings: readonly DelayFinding[], now: number): number {
  if (findings.length === 0) return 0;
  const top = Math.max(...findings.map((f) => f.severity));
  const oldest = Math.min(...findings.filter((f) => f.severity === top).map((f) => f.since));
  const ageDays = Math.max(0, now - oldest) / DAY;
  return top * 1000 + Math.min(999, ageDays * 10);
}
