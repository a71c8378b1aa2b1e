import {
  classifyCarrierText,
  classifyPackage,
  isFinal,
  type Classified,
  type ExceptionKind,
  type ParcelStatus,
} from './taxonomy';

/**
 * Tracking events of one package: merged without duplicates, in time order, the carrier's own
 * text kept; and the parcel's current status derived from them and the package detail.
 */

export interface TrackingEvent {
  /** Epoch ms, as the shop sends it (`update_time_millis`). */
  at: number;
  /** The carrier's text, exactly as received. */
  text: string;
  /** Our status for it; null when no rule knows the wording. */
  status: ParcelStatus | null;
  exception?: ExceptionKind;
}

/** The identity of an event: the same time and the same words (spacing and case aside). */
export function eventKey(e: Pick<TrackingEvent, 'at' | 'text'>): string {
  return `${e.at}\u0000${e.text.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

export function toEvent(raw: { description: string; update_time_millis: number }): TrackingEvent {
  const c = classifyCarrierText(raw.description);
  return {
    at: raw.update_time_millis,
    text: raw.description,
    status: c?.status ?? null,
    ...(c?.exception ? { exception: c.exception } : {}),
  };
}

/**
 * Adds `incoming` to `known`: duplicates (same key) are dropped, the first copy is kept, and the
 * result is sorted oldest first (ties keep the order they arrived in). Returns the merged list and
 * how many events were new.
 */
export function mergeEvents(
  known: readonly TrackingEvent[],
  incoming: readonly TrackingEvent[],
): { events: TrackingEvent[]; added: number } {
  const seen = new Set(known.map(eventKey));
  const merged = [...known];
  let added = 0;
  for (const e of incoming) {
    if (!Number.isFinite(e.at) || e.at <= 0) continue;
    const k = eventKey(e);
    if (seen.has(k)) continue;
    seen.add(k);
    merged.push(e);
    added += 1;
  }
  merged.sort((a, b) => a.at - b.at);
  return { events: merged, added };
}

export interface PackageFacts {
  packageStatus: string;
  subStatus?: string | null;
  exceptionReason?: string | null;
  /** Delivered time from the package detail, epoch ms, when the shop gives one. */
  deliveredAt?: number | null;
}

export interface ParcelState extends Classified {
  /** Time of the newest event, epoch ms; null before the first. */
  lastEventAt: number | null;
  /** The newest event's original text. */
  lastEventText: string | null;
  /** First event after "info received": the carrier has the parcel. */
  firstScanAt: number | null;
  deliveredAt: number | null;
  final: boolean;
}

/**
 * The parcel's status now: the newest event the taxonomy knows, overridden by the package detail
 * when that says more (delivered, or an exception with its reason). `expiredAfterMs` without any
 * new event turns a parcel that is not final into `expired`.
 */
export function deriveParcelState(
  events: readonly TrackingEvent[],
  pkg: PackageFacts | null,
  now: number,
  expiredAfterMs: number,
): ParcelState {
  const last = events.at(-1) ?? null;
  const known = [...events].reverse().find((e) => e.status !== null) ?? null;
  const firstScan = events.find((e) => e.status !== null && e.status !== 'info-received') ?? null;
  let c: Classified = known?.status
    ? { status: known.status, ...(known.exception ? { exception: known.exception } : {}) }
    : { status: 'info-received' };
  const fromPkg = pkg ? classifyPackage(pkg) : null;
  if (fromPkg && (fromPkg.status === 'delivered' || fromPkg.status === 'exception')) c = fromPkg;
  const delivered = events.find((e) => e.status === 'delivered');
  const deliveredAt =
    c.status === 'delivered' ? (pkg?.deliveredAt ?? delivered?.at ?? last?.at ?? null) : null;
  if (!isFinal(c) && last !== null && now - last.at > expiredAfterMs) c = { status: 'expired' };
  return {
    ...c,
    lastEventAt: last?.at ?? null,
    lastEventText: last?.text ?? null,
    firstScanAt: firstScan?.at ?? null,
    deliveredAt,
    final: isFinal(c),
  };
}
