import { MIS_SCAN_OUTCOMES, type InsightDataset, type InsightQuery } from './inputs';
import { HOUR_MS, groupBy, inRange, percentile, rate, type Rate } from './stats';

/** Orders behind a count, for drill-down. */
export interface Count {
  count: number;
  orderIds: string[];
}

function count(orderIds: readonly string[]): Count {
  return { count: orderIds.length, orderIds: [...orderIds] };
}

/** One packer's (or one station's) figures over a period. */
export interface PackingFigures {
  key: string;
  ordersPacked: Count;
  unitsPacked: number;
  /** Clock hours with at least one completed pack. */
  activeHours: number;
  ordersPerHour: number | null;
  unitsPerHour: number | null;
  /** Median scan-verified pack time (start → seal), ms; manual packs excluded. */
  timePerOrderP50Ms: number | null;
  /** Mis-scans (wrong item, over-scan, unknown, other order, invalid) over all scans. */
  misScans: Rate;
  overrides: Count;
  reprints: Count;
  /** Cancelled or cancel-requested orders stopped at the seal re-check. */
  stopShips: Count;
}

const OVERRIDE = 'pack.override';
const STOP_SHIP = 'pack.stop-ship';

/**
 * Packers and stations: orders and units packed per active hour, median time per order,
 * mis-scan rate, supervisor overrides, label reprints and stop-ships caught at seal.
 */
export function packingFigures(
  ds: InsightDataset,
  q: Pick<InsightQuery, 'from' | 'to'>,
  by: 'packer' | 'station',
): PackingFigures[] {
  const { from, to } = q;
  const done = ds.sessions.filter(
    (s) => s.status === 'completed' && s.endedAt !== null && inRange(s.endedAt, from, to),
  );
  const scans = ds.scans.filter((s) => inRange(s.at, from, to));
  const audit = ds.audit.filter((a) => inRange(a.at, from, to));
  const reprints = ds.labels.filter((l) => l.reprint && inRange(l.printedAt, from, to));
  const keyOf = {
    session: (s: (typeof done)[number]) => (by === 'packer' ? s.packer : s.station),
    scan: (s: (typeof scans)[number]) => (by === 'packer' ? s.packer : s.station),
    audit: (a: (typeof audit)[number]) => (by === 'packer' ? a.actor : a.station),
    label: (l: (typeof reprints)[number]) => (by === 'packer' ? l.printedBy : l.station),
  };
  const sessionsBy = groupBy(done, keyOf.session);
  const scansBy = groupBy(scans, keyOf.scan);
  const auditBy = groupBy(audit, keyOf.audit);
  const reprintsBy = groupBy(reprints, keyOf.label);
  const keys = new Set([...sessionsBy.keys(), ...scansBy.keys(), ...auditBy.keys()]);
  const out: PackingFigures[] = [];
  for (const key of [...keys].sort()) {
    const sessions = sessionsBy.get(key) ?? [];
    const hours = new Set(sessions.map((s) => Math.floor((s.endedAt ?? 0) / HOUR_MS))).size;
    const units = sessions.reduce((sum, s) => sum + s.units, 0);
    const timed = sessions
      .filter((s) => !s.manual && s.endedAt !== null)
      .map((s) => (s.endedAt ?? 0) - s.startedAt);
    const myScans = scansBy.get(key) ?? [];
    const mis = myScans.filter((s) => MIS_SCAN_OUTCOMES.includes(s.outcome));
    const myAudit = auditBy.get(key) ?? [];
    out.push({
      key,
      ordersPacked: count(sessions.map((s) => s.orderId)),
      unitsPacked: units,
      activeHours: hours,
      ordersPerHour: hours === 0 ? null : sessions.length / hours,
      unitsPerHour: hours === 0 ? null : units / hours,
      timePerOrderP50Ms: percentile(timed, 50),
      misScans: rate(
        mis.map((s) => s.orderId),
        myScans.length,
      ),
      overrides: count(myAudit.filter((a) => a.kind === OVERRIDE).map((a) => a.orderId)),
      reprints: count((reprintsBy.get(key) ?? []).map((l) => l.orderId)),
      stopShips: count(myAudit.filter((a) => a.kind === STOP_SHIP).map((a) => a.orderId)),
    });
  }
  return out;
}
