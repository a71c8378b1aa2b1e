/**
 * An order's history for the order detail: what the station recorded about it (audit rows:
 * confirmed, packed, overridden, labels, shipments…) and every scan made while packing it, merged
 * newest first. Pure, so the merge, the limit and the tones are unit-tested.
 */
import type { AuditRow, ScanEventRow } from '../../data/rows';

export type HistoryTone = 'ok' | 'error' | 'warn' | 'info';

export interface HistoryEntry {
  id: string;
  at: number;
  /** An audit kind (`pack.completed`), or `scan.<outcome>` for a scan. */
  kind: string;
  who: string;
  station: string;
  /** The scanned code, or a short summary of the audit detail; shown as text, never markup. */
  detail: string | null;
  tone: HistoryTone;
}

export interface OrderHistory {
  entries: HistoryEntry[];
  /** Older entries left out by the limit. */
  hidden: number;
}

/** Scan outcomes that counted or were harmless; every other outcome was an alert. */
const SCAN_OK = new Set(['ticked', 'complete', 'this-order']);

/** Audit kinds a supervisor looks for first: stops, overrides, things undone. */
const WARN_KINDS = /stop-ship|override|abandoned|released|dismissed|recheck-offline|failed/;

/** Detail fields worth a glance, in this order; the rest stays in the database. */
const DETAIL_KEYS = [
  'reason',
  'supervisor',
  'trackingNumber',
  'carrier',
  'qty',
  'skuId',
  'refused',
  'error',
] as const;

function summarise(detail: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const key of DETAIL_KEYS) {
    const value = detail[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(`${key}: ${String(value)}`);
    }
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

export function buildOrderHistory(
  audit: readonly AuditRow[],
  scans: readonly ScanEventRow[],
  limit = 100,
): OrderHistory {
  const entries: HistoryEntry[] = [
    ...audit.map((a): HistoryEntry => ({
      id: `a:${a.id}`,
      at: a.at,
      kind: a.kind,
      who: a.actor,
      station: a.station,
      detail: summarise(a.detail),
      tone: WARN_KINDS.test(a.kind) ? 'warn' : 'info',
    })),
    ...scans.map((s): HistoryEntry => ({
      id: `s:${s.id}`,
      at: s.at,
      kind: `scan.${s.outcome}`,
      who: s.packer,
      station: s.station,
      detail: s.code,
      tone: SCAN_OK.has(s.outcome) ? 'ok' : 'error',
    })),
  ];
  // Newest first; at the same millisecond, by id so the order is stable.
  entries.sort((x, y) => y.at - x.at || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
  const shown = entries.slice(0, Math.max(0, limit));
  return { entries: shown, hidden: entries.length - shown.length };
}
