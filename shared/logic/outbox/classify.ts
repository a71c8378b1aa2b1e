import type { OrderStatus } from '#shared/domain/order';
import { decideReturnFromUpstream, type UpstreamReturn } from '../returns/outbox-decision';
import { decideMessageFromUpstream, type UpstreamMessage } from '../tracking/message-outbox';
import type { ConflictState, OutboxRow } from './row';
import { intentTracking } from './row';

/**
 * Every shop answer is classified (reliability.md §1.2 table, tiktok-shop-api.md §7) and every
 * read-back is compared with the intent (§1.3). Transport-agnostic: the shop port reports what
 * happened on the wire in these shapes.
 */

export type ShopFailure =
  /** `sent: false`: refused or DNS, nothing left the bench. `sent: true`: timeout or reset after. */
  | { type: 'network'; sent: boolean; message: string }
  /** A parsed envelope with a non-zero code, or a bare HTTP error status (code 0 then). */
  | { type: 'api'; httpStatus: number; code: number; message: string; retryAfterMs?: number | null }
  /** The body was not the JSON envelope: the request may or may not have been applied. */
  | { type: 'malformed'; httpStatus: number; message: string };

export type SendResult = { type: 'ok' } | ShopFailure;

/** The upstream order/package as a read-back sees it, reduced to what the decision needs. */
export interface UpstreamSnapshot {
  orderStatus: OrderStatus;
  isBuyerRequestCancel: boolean;
  /** Tracking of the row's package; null while unshipped (or hidden by platform logistics). */
  trackingNumber: string | null;
  shippingProviderId: string | null;
  /** When the package shipped, epoch ms; null while unshipped. */
  shippedAt: number | null;
  /** Tracking updates made after shipping (TikTok allows one). */
  trackingUpdates: number;
  /** Return decisions only: the request as the shop has it now (null: not found). */
  afterSale?: UpstreamReturn | null;
  /** Buyer messages only: whether the buyer's conversation already has this text. */
  message?: UpstreamMessage | null;
}

export type ReadBackResult = { type: 'ok'; upstream: UpstreamSnapshot } | ShopFailure;

export type FailureClass =
  | { class: 'offline' }
  | { class: 'transient' }
  | { class: 'rate-limited'; retryAfterMs: number | null }
  | { class: 'ambiguous' }
  /** The shop says the state differs from what we expected: read back and compare. */
  | { class: 'verify' }
  | { class: 'auth' }
  | { class: 'permanent' }
  | { class: 'conflict'; state: ConflictState };

export const RATE_LIMIT_CODES = [36009002] as const;
export const AUTH_CODES = [105002, 105005, 106001, 101000, 36004001, 36004005, 36004004] as const;
export const INTERNAL_CODES = [36009003, 36009007] as const;
export const ALREADY_SHIPPED_CODES = [
  21011040, 21011020, 21011006, 21042056, 21008099, 21011027, 21023046,
] as const;
export const WRONG_STATUS_CODES = [21042057] as const;
export const CANCELLED_CODES = [21011041, 21023059] as const;
/** A pending after-sale or cancel request: a person decides (cancel/refund in progress). */
export const AFTER_SALE_CODES = [21011007, 21008044, 21021010] as const;
/**
 * "Update window" codes (tiktok-shop-api.md §7.2: 21011050, 21011051, 21011004, 21011030): not
 * fixable through the API, so a person decides (reliability.md §1.3 conflict-window). The host's
 * errors.ts files the same four codes under `update-window`.
 */
export const WINDOW_CODES = [21011050, 21011051, 21011004, 21011030] as const;
export const TRANSIENT_CODES = [11034037, 11034023, 21023022, 11006010, 10007014] as const;

function within(list: readonly number[], code: number): boolean {
  return list.includes(code);
}

/** `36009004` is overloaded: branch on the message (tiktok-shop-api.md §7.1). */
function classify36009004(message: string): FailureClass {
  const m = message.toLowerCase();
  if (m.includes('token')) return { class: 'auth' };
  if (m.includes('timestamp')) return { class: 'transient' };
  return { class: 'permanent' };
}

export function classifyFailure(failure: ShopFailure, op: 'write' | 'read'): FailureClass {
  if (failure.type === 'network') {
    if (!failure.sent) return { class: 'offline' };
    return op === 'write' ? { class: 'ambiguous' } : { class: 'transient' };
  }
  if (failure.type === 'malformed') {
    return op === 'write' ? { class: 'ambiguous' } : { class: 'transient' };
  }
  const { httpStatus, code, message } = failure;
  if (httpStatus === 429 || within(RATE_LIMIT_CODES, code)) {
    return { class: 'rate-limited', retryAfterMs: failure.retryAfterMs ?? null };
  }
  if (httpStatus === 401 || httpStatus === 403 || within(AUTH_CODES, code))
    return { class: 'auth' };
  if (code === 36009004) return classify36009004(message);
  if (within(CANCELLED_CODES, code) || within(AFTER_SALE_CODES, code)) {
    return { class: 'conflict', state: 'conflict-cancelled' };
  }
  if (within(WINDOW_CODES, code)) return { class: 'conflict', state: 'conflict-window' };
  if (within(ALREADY_SHIPPED_CODES, code) || within(WRONG_STATUS_CODES, code)) {
    return { class: 'verify' };
  }
  if (within(TRANSIENT_CODES, code)) return { class: 'transient' };
  if (httpStatus >= 500 || within(INTERNAL_CODES, code)) {
    // A write that hit a server error may have been applied; a read never changed anything.
    return op === 'write' ? { class: 'ambiguous' } : { class: 'transient' };
  }
  return { class: 'permanent' };
}

export type UpstreamDecision =
  | { decision: 'send' }
  | { decision: 'done' }
  | { decision: 'conflict'; state: ConflictState; reason: string }
  | { decision: 'wait'; reason: string }
  | { decision: 'permanent'; reason: string };

export const TRACKING_UPDATE_WINDOW_MS = 72 * 60 * 60_000;

const SHIPPED_STATUSES: readonly OrderStatus[] = [
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
];

function isShipped(up: UpstreamSnapshot): boolean {
  return (
    (up.trackingNumber !== null && up.trackingNumber !== '') ||
    up.shippedAt !== null ||
    SHIPPED_STATUSES.includes(up.orderStatus)
  );
}

function sameNumber(a: string | null, b: string): boolean {
  return a !== null && a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();
}

/** The §1.3 conflict table: what to do with a row, given the order as the shop has it now. */
export function decideFromUpstream(
  row: OutboxRow,
  up: UpstreamSnapshot,
  now: number,
  windowMs = TRACKING_UPDATE_WINDOW_MS,
): UpstreamDecision {
  if (row.kind === 'send-message') return decideMessageFromUpstream(up.message ?? null);
  if (row.kind === 'return-decision') {
    return decideReturnFromUpstream(row.payload, up.afterSale ?? null);
  }
  const wanted = intentTracking(row);
  if (up.orderStatus === 'CANCELLED') {
    return { decision: 'conflict', state: 'conflict-cancelled', reason: 'cancelled upstream' };
  }

  if (row.kind === 'update-tracking') {
    if (!isShipped(up)) return { decision: 'permanent', reason: 'package not shipped yet' };
    if (wanted && sameNumber(up.trackingNumber, wanted.trackingNumber)) return { decision: 'done' };
    if (up.shippedAt !== null && now - up.shippedAt > windowMs) {
      return { decision: 'conflict', state: 'conflict-window', reason: '72-hour window passed' };
    }
    if (up.trackingUpdates >= 1) {
      return { decision: 'conflict', state: 'conflict-window', reason: 'already updated once' };
    }
    const prev = row.expected.previousTrackingNumber;
    if (prev !== undefined && !sameNumber(up.trackingNumber, prev)) {
      return {
        decision: 'conflict',
        state: 'conflict-shipped',
        reason: 'tracking changed upstream',
      };
    }
    return { decision: 'send' };
  }

  if (isShipped(up)) {
    // Platform logistics assigns its own number: shipped means our booking went through.
    if (!wanted) return { decision: 'done' };
    if (sameNumber(up.trackingNumber, wanted.trackingNumber)) return { decision: 'done' };
    return {
      decision: 'conflict',
      state: 'conflict-shipped',
      reason: 'shipped upstream with another tracking number',
    };
  }
  if (up.isBuyerRequestCancel) {
    return { decision: 'conflict', state: 'conflict-cancelled', reason: 'cancel request open' };
  }
  if (up.orderStatus === 'ON_HOLD' || up.orderStatus === 'UNPAID') {
    return { decision: 'wait', reason: `order is ${up.orderStatus}` };
  }
  return { decision: 'send' };
}
