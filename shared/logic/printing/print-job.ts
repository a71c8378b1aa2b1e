/**
 * Print jobs for system printers (PDF-style printing through Electron's `webContents.print`).
 *
 * States: queued → sent → confirmed | unknown | failed. `unknown` means the print callback did
 * not come back in time (Electron has shipped versions where it fired late or never): the label
 * may or may not have come out, so the station asks the packer and never reprints by itself. A
 * reprint is always explicit, has a reason, and is a new job linked to the first one.
 */
import type { HostStatus } from './host-status';

export const PRINT_JOB_STATES = ['queued', 'sent', 'confirmed', 'unknown', 'failed'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export type PrintFailure =
  | 'invalid-printer-settings'
  | 'print-cancelled'
  | 'print-failed'
  | 'printer-not-found'
  | 'invalid-page-size';

export interface PrintJobRecord {
  id: string;
  /** The renderer route that renders exactly this document, e.g. `/print/label/<orderId>`. */
  route: string;
  deviceName: string;
  pageSizeMicrons: { width: number; height: number };
  state: PrintJobState;
  requestedBy: string;
  createdAt: number;
  sentAt: number | null;
  finishedAt: number | null;
  failure: PrintFailure | null;
  /** The driver's words, when it gave any. */
  failureReason: string | null;
  /** Set when this job is an explicit reprint of another. */
  reprintOf: string | null;
  reprintReason: string | null;
  /** A callback that arrived after the job was already marked unknown. Informational only. */
  lateCallback: { success: boolean; reason: string; at: number } | null;
}

export interface PrinterSummary {
  /** The system name to pass as `deviceName`. */
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** What a raw ZPL send observed. A finished TCP send is not proof of print. */
export interface ZplReceipt {
  jobId: string;
  bytes: number;
  before: HostStatus;
  after: HostStatus;
  /**
   * `queued`: the printer holds formats or labels to print after our job; `idle`: its buffer is
   * empty again (printed, or dropped without a sign; the packer's scan of the label decides).
   */
  observed: 'queued' | 'idle';
}

const ALLOWED: Record<PrintJobState, readonly PrintJobState[]> = {
  queued: ['sent', 'failed'],
  sent: ['confirmed', 'failed', 'unknown'],
  confirmed: [],
  unknown: [],
  failed: [],
};

export function canTransition(from: PrintJobState, to: PrintJobState): boolean {
  return ALLOWED[from].includes(to);
}

/** Maps Electron's `failureReason` text to a closed code. */
export function mapFailureReason(reason: string): PrintFailure {
  const r = reason.toLowerCase();
  if (r.includes('invalid printer settings')) return 'invalid-printer-settings';
  if (r.includes('cancel')) return 'print-cancelled';
  return 'print-failed';
}
