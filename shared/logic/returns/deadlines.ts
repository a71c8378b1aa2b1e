import type { ReturnDecision, ReturnStatus, ReturnType } from './types';

/**
 * The seller's next action on a request and its deadline (`seller_next_action_response`
 * `{action, deadline}`, Unix seconds): a countdown that turns red when overdue. When the shop
 * sends no deadline, the status decides what is due and there is no countdown.
 */

export type NextAction = 'review-request' | 'receive-package' | 'none';
export type Urgency = 'overdue' | 'due-soon' | 'ok' | 'none';

/** Less than this left on the clock: shown as due soon. */
export const DUE_SOON_MS = 24 * 60 * 60_000;

export function nextActionFor(status: string): NextAction {
  switch (status as ReturnStatus) {
    case 'RETURN_OR_REFUND_REQUEST_PENDING':
    case 'REPLACEMENT_REQUEST_PENDING':
      return 'review-request';
    case 'BUYER_SHIPPED_ITEM':
      return 'receive-package';
    default:
      return 'none';
  }
}

/** The shop's action names (`SELLER_RESPOND_RETURN`, `SELLER_RECEIVE_PACKAGE`, …) → ours. */
export function actionFromShop(action: string, status: string): NextAction {
  const a = action.toUpperCase();
  if (a.includes('RECEIVE')) return 'receive-package';
  if (a.includes('RESPOND') || a.includes('REVIEW') || a.includes('APPROVE')) {
    return 'review-request';
  }
  return nextActionFor(status);
}

export interface Countdown {
  action: NextAction;
  /** Epoch ms, or null without a deadline. */
  deadline: number | null;
  /** Negative when overdue; null without a deadline. */
  msLeft: number | null;
  urgency: Urgency;
}

export function countdown(action: NextAction, deadline: number | null, now: number): Countdown {
  if (action === 'none') return { action, deadline, msLeft: null, urgency: 'none' };
  if (deadline === null) return { action, deadline, msLeft: null, urgency: 'ok' };
  const msLeft = deadline - now;
  const urgency: Urgency = msLeft < 0 ? 'overdue' : msLeft < DUE_SOON_MS ? 'due-soon' : 'ok';
  return { action, deadline, msLeft, urgency };
}

/** "2d 4h", "3h 05m", "12m": the size of a time span, for a countdown. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  const m = Math.floor(abs / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(mm).padStart(2, '0')}m`;
  return `${mm}m`;
}

/** Queue order: overdue first, then by deadline, then requests without one, newest last. */
export function compareUrgency(
  a: { deadline: number | null; action: NextAction },
  b: { deadline: number | null; action: NextAction },
): number {
  const rank = (x: { deadline: number | null; action: NextAction }) =>
    x.action === 'none' ? 2 : x.deadline === null ? 1 : 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return (a.deadline ?? 0) - (b.deadline ?? 0);
}

/** Decisions the seller may send now, by request type and status. */
export function allowedDecisions(type: ReturnType, status: string): ReturnDecision[] {
  const action = nextActionFor(status);
  if (action === 'review-request') {
    if (type === 'REFUND') return ['APPROVE_REFUND', 'REJECT_REFUND'];
    if (type === 'RETURN_AND_REFUND') return ['APPROVE_RETURN', 'REJECT_RETURN'];
    return ['APPROVE_REPLACEMENT', 'REJECT_REPLACEMENT'];
  }
  if (action === 'receive-package') return ['APPROVE_RECEIVED_PACKAGE', 'REJECT_RECEIVED_PACKAGE'];
  return [];
}

/** The status a decision leads to at the shop: what a read-back compares with. */
export function statusAfter(type: ReturnType, decision: ReturnDecision): ReturnStatus {
  switch (decision) {
    case 'APPROVE_REFUND':
      return 'RETURN_OR_REFUND_REQUEST_SUCCESS';
    case 'APPROVE_RETURN':
      return 'AWAITING_BUYER_SHIP';
    case 'APPROVE_REPLACEMENT':
      return 'AWAITING_BUYER_SHIP';
    case 'APPROVE_RECEIVED_PACKAGE':
      return type === 'REPLACEMENT'
        ? 'REPLACEMENT_REQUEST_COMPLETE'
        : 'RETURN_OR_REFUND_REQUEST_SUCCESS';
    case 'REJECT_REFUND':
    case 'REJECT_RETURN':
      return 'REFUND_OR_RETURN_REQUEST_REJECT';
    case 'REJECT_REPLACEMENT':
      return 'REPLACEMENT_REQUEST_REJECT';
    case 'REJECT_RECEIVED_PACKAGE':
      return 'REJECT_RECEIVE_PACKAGE';
  }
}

/** Statuses that mean the decision went through (the shop may move on to a later one). */
export function isDecisionApplied(
  type: ReturnType,
  decision: ReturnDecision,
  status: string,
): boolean {
  const target = statusAfter(type, decision);
  if (status === target) return true;
  const later: Record<string, readonly string[]> = {
    AWAITING_BUYER_SHIP: [
      'BUYER_SHIPPED_ITEM',
      'REJECT_RECEIVE_PACKAGE',
      'RETURN_OR_REFUND_REQUEST_SUCCESS',
      'RETURN_OR_REFUND_REQUEST_COMPLETE',
      'REPLACEMENT_REQUEST_COMPLETE',
    ],
    RETURN_OR_REFUND_REQUEST_SUCCESS: ['RETURN_OR_REFUND_REQUEST_COMPLETE'],
  };
  return (later[target] ?? []).includes(status);
}

/** The buyer withdrew the request: nothing to decide any more. */
export function isWithdrawn(status: string): boolean {
  return status === 'RETURN_OR_REFUND_REQUEST_CANCEL' || status === 'REPLACEMENT_REQUEST_CANCEL';
}
