/**
 * Label job rules, pure (reliability.md §4): states queued → sent → confirmed | unknown | failed;
 * an `unknown` outcome is put to the packer; a second label for an order is only ever an explicit
 * reprint with a reason — the station never prints one by itself.
 */
import type { PrintJobState } from '#shared/logic/printing/print-job';
import { err, ok, type Result } from '#shared/utils/result';
import type { LabelRow } from '../../data/rows';

export type JobEvent =
  | { kind: 'sent' }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'unknown'; code: string; message: string }
  /** The printer (or its driver) reported it done. */
  | { kind: 'confirmed' }
  /** The packer answered "did it print?" after an unknown outcome. */
  | { kind: 'answered'; printed: boolean; by: string }
  /** The label was scanned on the parcel: it exists, whatever the printer said. */
  | { kind: 'verified'; code: string; by: string };

const NEXT: Record<PrintJobState, readonly PrintJobState[]> = {
  // `unknown` straight from queued: the host stopped answering mid-call (it may have printed).
  queued: ['sent', 'failed', 'unknown'],
  sent: ['confirmed', 'failed', 'unknown'],
  // Only a person settles an unknown outcome: the packer's answer or the packer's scan.
  unknown: ['confirmed', 'failed'],
  confirmed: [],
  failed: [],
};

export function canMove(from: PrintJobState, to: PrintJobState): boolean {
  return NEXT[from].includes(to);
}

export interface TransitionError {
  code: 'invalid-transition';
  message: string;
}

function target(row: LabelRow, e: JobEvent): PrintJobState | null {
  switch (e.kind) {
    case 'sent':
    case 'failed':
    case 'unknown':
    case 'confirmed':
      return e.kind;
    case 'answered':
      return row.state === 'unknown' ? (e.printed ? 'confirmed' : 'failed') : null;
    case 'verified':
      // The label is on the parcel: sent and unknown become confirmed.
      return 'confirmed';
  }
}

/** The job after `event` at `at`, or why that move is not allowed. */
export function applyJobEvent(
  row: LabelRow,
  event: JobEvent,
  at: number,
): Result<LabelRow, TransitionError> {
  const to = target(row, event);
  const refuse = (why: string) =>
    err({ code: 'invalid-transition' as const, message: `${row.state} → ${event.kind}: ${why}` });
  if (to === null) return refuse('only an unknown outcome is answered');
  if (event.kind === 'verified') {
    if (row.state === 'failed' || row.state === 'queued') {
      // A failed or never-sent job cannot be on the parcel; the scan belongs to another job.
      return refuse('that job did not print');
    }
    if (row.verifiedAt !== undefined) return refuse('already verified');
    return ok({
      ...row,
      state: 'confirmed',
      stateAt: row.state === 'confirmed' ? (row.stateAt ?? at) : at,
      verifiedAt: at,
      verifiedBy: event.by,
      verifyCode: event.code,
    });
  }
  if (!canMove(row.state, to)) return refuse('not a next state');
  const next: LabelRow = { ...row, state: to, stateAt: at };
  if (event.kind === 'failed' || event.kind === 'unknown') {
    next.failure = { code: event.code, message: event.message };
  }
  if (event.kind === 'answered') next.answeredBy = event.by;
  return ok(next);
}

/** Bridge error codes after which nobody knows whether a label came out. */
const UNKNOWN_CODES = new Set(['unknown-outcome', 'host-unreachable']);

/** How a failed print call ends the job: `unknown` (ask the packer) or `failed` (nothing out). */
export function outcomeOfError(code: string): 'unknown' | 'failed' {
  return UNKNOWN_CODES.has(code) ? 'unknown' : 'failed';
}

/**
 * Whether the after-pack step may hand a label over by itself: only for an order that has no job
 * at all. Any earlier job — sent, unknown, failed or still queued — means the next label is the
 * packer's explicit decision (a duplicate label costs money).
 */
export function mayPrintAutomatically(jobs: readonly LabelRow[]): boolean {
  return jobs.length === 0;
}

export const MIN_REASON = 3;
export const MAX_REASON = 500;

/** A reprint needs a reason a supervisor can read later. */
export function checkReason(reason: string): Result<string, { code: 'reason-required' }> {
  const r = reason.trim();
  return r.length >= MIN_REASON && r.length <= MAX_REASON
    ? ok(r)
    : err({ code: 'reason-required' as const });
}

/** The job the label step is about: the newest one of the order. */
export function currentJob(jobs: readonly LabelRow[]): LabelRow | null {
  return jobs.at(-1) ?? null;
}

/** Whether any label of the order was scanned on the parcel. */
export function isVerified(jobs: readonly LabelRow[]): boolean {
  return jobs.some((j) => j.verifiedAt !== undefined);
}

const norm = (c: string) => c.trim().toUpperCase();

/** The code the packer must scan on the parcel: the tracking number, else the order id. */
export function expectedLabelCode(job: Pick<LabelRow, 'trackingNumber' | 'orderId'>): string {
  return job.trackingNumber.trim() !== '' ? job.trackingNumber.trim() : job.orderId;
}

export type VerifyDecision =
  | { kind: 'verified'; code: string }
  /** A label of another order is on this parcel. */
  | { kind: 'wrong-label'; otherOrderId: string; code: string }
  /** This order's id or package id, but its label carries a tracking number: scan that. */
  | { kind: 'scan-tracking'; code: string }
  /** Not a code of any known order. */
  | { kind: 'not-a-label'; code: string };

/**
 * What a scan at the label step means. `owner` is the order the scanned code belongs to (looked
 * up by order id, package id or tracking number), or null when no order has it.
 */
export function decideVerify(
  scanned: string,
  job: Pick<LabelRow, 'trackingNumber' | 'orderId'>,
  owner: string | null,
): VerifyDecision {
  const code = scanned.trim();
  if (norm(code) === norm(expectedLabelCode(job))) return { kind: 'verified', code };
  if (owner !== null && owner !== job.orderId) {
    return { kind: 'wrong-label', otherOrderId: owner, code };
  }
  if (owner === job.orderId) return { kind: 'scan-tracking', code };
  return { kind: 'not-a-label', code };
}
