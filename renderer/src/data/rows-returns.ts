/**
 * Row types of after-sales (returns, refunds, replacements) in the station database. Plain,
 * JSON-safe data; times are epoch milliseconds. Schema version 5.
 */
import type {
  Disposition,
  ReturnDecision,
  ReturnType,
  UnitGrade,
} from '#shared/logic/returns/types';
import type { Finding } from '#shared/logic/returns/reasons';
import type { IntakeUnit } from '#shared/logic/returns/intake';

export interface ReturnLineRow {
  returnLineId: string;
  orderLineId: string;
  skuId: string;
  sellerSku: string;
  productName: string;
  skuName: string;
}

/** One after-sales request as the shop last told us, plus what the bench did about it. */
export interface ReturnRow {
  /** The shop's return_id. */
  id: string;
  orderId: string;
  type: ReturnType;
  /** The shop's return_status, kept as sent (unknown values too). */
  status: string;
  /** The buyer's reason code and text, as the shop sent them (data, never markup). */
  reasonCode: string;
  reasonText: string;
  /** The return parcel's tracking number, upper-cased without spaces; '' until the buyer ships. */
  returnTracking: string;
  returnCarrier: string;
  /** The shop's next action for the seller, and its deadline (epoch ms; 0 when none). */
  nextAction: string;
  nextDeadline: number;
  lines: ReturnLineRow[];
  refundTotal: string;
  currency: string;
  createdAt: number;
  updatedAt: number;
  /** A decision recorded at the bench and queued for the shop (the outbox row id). */
  pendingDecision: { decision: ReturnDecision; rowId: string; at: number } | null;
  /** A linked replacement order made for this request. */
  replacementOrderId: string | null;
  practice: boolean;
  /** When the bench last wrote this row from a pull. */
  pulledAt: number;
}

export type IntakeStatus = 'open' | 'completed';

/** One return parcel opened at the bench: what was scanned back, graded and decided. */
export interface ReturnIntakeRow {
  id: string;
  /** Null for an unexpected return (no request found). */
  returnId: string | null;
  /** The order it belongs to, when it could be found. */
  orderId: string | null;
  /** What was scanned to open it (tracking number, order id or package id). */
  openedBy: string;
  status: IntakeStatus;
  units: IntakeUnitRow[];
  inspector: string;
  station: string;
  startedAt: number;
  completedAt: number | null;
}

export type IntakeUnitRow = IntakeUnit;
export type { Disposition, Finding, UnitGrade };

/** One unit's stock coming back: the id is the unit's id, so it can be written only once. */
export interface RestockRow {
  /** `<intake id>:<unit id>`. */
  id: string;
  intakeId: string;
  unitId: string;
  skuId: string;
  orderId: string | null;
  at: number;
  actor: string;
  station: string;
}
