import type { ApiReturnInput } from '#shared/domain/api-return';
import { statusAfter } from '#shared/logic/returns/deadlines';
import type { ReturnDecision, ReturnType } from '#shared/logic/returns/types';
import type { SandboxStore } from './store';

/**
 * The sandbox shop's after-sales requests: returns, refunds and replacements with the seller's
 * next action and its deadline, the buyer shipping the parcel back, and a log of every decision
 * the shop applied (the exactly-once oracle, like `/__admin/writes` for shipments). Kept beside
 * the order store (one per store), so the shared server needs only its routes registered.
 */

export interface DecisionRecord {
  seq: number;
  /** Milliseconds on the sandbox clock. */
  at: number;
  returnId: string;
  orderId: string;
  decision: ReturnDecision;
  rejectReason: string | null;
  comment: string | null;
  idempotencyKey: string;
  statusBefore: string;
  statusAfter: string;
}

export interface SandboxReturn extends ApiReturnInput {
  return_type: ReturnType;
  records: Array<{ event: string; role: string; description: string; create_time: number }>;
}

export interface ReturnsState {
  byId: Map<string, SandboxReturn>;
  decisions: DecisionRecord[];
  /** idempotency_key → what it applied; a repeat answers the same without applying again. */
  keys: Map<string, { returnId: string; decision: ReturnDecision }>;
  /** Requests answered from `keys` without applying (retries and replays). */
  replays: number;
  nextSeq: number;
}

/** The seller's time to answer a request, and to process a parcel once it is back. */
export const REVIEW_WINDOW_S = 48 * 3600;
export const RECEIVE_WINDOW_S = 72 * 3600;

export const REJECT_REASONS = [
  {
    name: 'seller_reject_apply_product_intact',
    text: 'The returned product is intact and resellable only by the buyer’s choice',
  },
  { name: 'seller_reject_apply_not_received_package', text: 'The return package was not received' },
  { name: 'seller_reject_apply_wrong_item_returned', text: 'The buyer returned a different item' },
  {
    name: 'seller_reject_apply_item_damaged_by_buyer',
    text: 'The item was damaged after delivery',
  },
  {
    name: 'seller_reject_apply_missing_parts',
    text: 'Parts or accessories are missing from the return',
  },
];

const states = new WeakMap<SandboxStore, ReturnsState>();

export function returnsOf(store: SandboxStore): ReturnsState {
  let s = states.get(store);
  if (!s) {
    s = { byId: new Map(), decisions: [], keys: new Map(), replays: 0, nextSeq: 1 };
    states.set(store, s);
  }
  return s;
}

function returnIdFor(seq: number): string {
  return `4035${String(633_475_056_536_357n + BigInt(seq) * 7_919n).padStart(15, '0')}`;
}

export interface NewReturn {
  orderId: string;
  type: ReturnType;
  reason: string;
  reasonText?: string;
  /** Pending review (default) or already shipped back by the buyer (after an approval). */
  stage?: 'pending' | 'buyer-shipped';
  /** Line items that come back; all of the order's lines by default. */
  lineItemIds?: readonly string[];
  trackingNumber?: string;
  /** Seconds until the seller must act; the window of the stage by default. */
  deadlineIn?: number;
}

/** Opens a request on a shipped order; the order becomes DELIVERED. Null when there is no order. */
export function createReturn(
  store: SandboxStore,
  input: NewReturn,
  nowSeconds: number,
): SandboxReturn | string {
  const index = store.orderIndex(input.orderId);
  if (index === null) return `No order ${input.orderId}`;
  const state = returnsOf(store);
  const order = store.order(index);
  const lines = order.line_items.filter(
    (li) => !input.lineItemIds || input.lineItemIds.includes(li.id),
  );
  if (lines.length === 0) return 'No such line items on the order';
  const seq = state.nextSeq;
  state.nextSeq += 1;
  const shipped = input.stage === 'buyer-shipped';
  const status =
    input.type === 'REPLACEMENT' && !shipped
      ? 'REPLACEMENT_REQUEST_PENDING'
      : shipped
        ? 'BUYER_SHIPPED_ITEM'
        : 'RETURN_OR_REFUND_REQUEST_PENDING';
  const window = shipped ? RECEIVE_WINDOW_S : REVIEW_WINDOW_S;
  const total = lines.reduce((sum, li) => sum + Math.round(Number(li.sale_price) * 100), 0);
  const r: SandboxReturn = {
    return_id: returnIdFor(seq),
    order_id: order.id,
    return_type: input.type,
    return_status: status,
    role: 'BUYER',
    return_reason: input.reason,
    return_reason_text:
      input.reasonText ?? input.reason.replace(/^.*reason_/, '').replace(/_/g, ' '),
    return_tracking_number: shipped
      ? (input.trackingNumber ?? `RT${seq}${order.id.slice(-8)}`)
      : '',
    return_provider_name: shipped ? 'USPS' : '',
    create_time: nowSeconds,
    update_time: nowSeconds,
    seller_next_action_response: [
      {
        action: shipped ? 'SELLER_RECEIVE_PACKAGE' : 'SELLER_RESPOND_RETURN',
        deadline: nowSeconds + (input.deadlineIn ?? window),
      },
    ],
    return_line_items: lines.map((li, i) => ({
      return_line_item_id: `${returnIdFor(seq).slice(0, 12)}${String(i).padStart(7, '0')}`,
      order_line_item_id: li.id,
      sku_id: li.sku_id,
      seller_sku: li.seller_sku ?? '',
      product_name: li.product_name,
      sku_name: li.sku_name ?? '',
    })),
    refund_amount: {
      currency: order.payment.currency,
      refund_total: `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`,
    },
    records: [
      { event: 'BUYER_REQUEST', role: 'BUYER', description: input.reason, create_time: nowSeconds },
    ],
  };
  state.byId.set(r.return_id, r);
  store.mutate(index, nowSeconds, (o) => {
    o.status = 'DELIVERED';
  });
  return r;
}

function setAction(r: SandboxReturn, action: string | null, deadline: number): void {
  r.seller_next_action_response = action ? [{ action, deadline }] : [];
}

/** The buyer hands the parcel to the carrier: the seller must now receive and inspect it. */
export function buyerShips(
  store: SandboxStore,
  returnId: string,
  trackingNumber: string,
  nowSeconds: number,
): string | null {
  const r = returnsOf(store).byId.get(returnId);
  if (!r) return `No return ${returnId}`;
  if (r.return_status !== 'AWAITING_BUYER_SHIP') return `Return is ${r.return_status}`;
  r.return_status = 'BUYER_SHIPPED_ITEM';
  r.return_tracking_number = trackingNumber;
  r.return_provider_name = 'USPS';
  r.update_time = Math.max(nowSeconds, (r.update_time ?? 0) + 1);
  setAction(r, 'SELLER_RECEIVE_PACKAGE', nowSeconds + RECEIVE_WINDOW_S);
  r.records.push({
    event: 'BUYER_SHIPPED',
    role: 'BUYER',
    description: trackingNumber,
    create_time: nowSeconds,
  });
  return null;
}

export function buyerWithdraws(
  store: SandboxStore,
  returnId: string,
  nowSeconds: number,
): string | null {
  const r = returnsOf(store).byId.get(returnId);
  if (!r) return `No return ${returnId}`;
  r.return_status =
    r.return_type === 'REPLACEMENT'
      ? 'REPLACEMENT_REQUEST_CANCEL'
      : 'RETURN_OR_REFUND_REQUEST_CANCEL';
  r.update_time = Math.max(nowSeconds, (r.update_time ?? 0) + 1);
  setAction(r, null, 0);
  return null;
}

export type DecisionAnswer =
  | { kind: 'applied'; record: DecisionRecord }
  | { kind: 'replayed' }
  | { kind: 'not-found' }
  | { kind: 'key-reused' }
  | { kind: 'wrong-status'; status: string }
  | { kind: 'bad-decision'; message: string };

const REVIEW: Record<ReturnType, readonly ReturnDecision[]> = {
  REFUND: ['APPROVE_REFUND', 'REJECT_REFUND'],
  RETURN_AND_REFUND: ['APPROVE_RETURN', 'REJECT_RETURN'],
  REPLACEMENT: ['APPROVE_REPLACEMENT', 'REJECT_REPLACEMENT'],
};

/** Applies a seller decision once per idempotency key. */
export function decide(
  store: SandboxStore,
  input: {
    returnId: string;
    decision: ReturnDecision;
    rejectReason: string | null;
    comment: string | null;
    idempotencyKey: string;
  },
  nowSeconds: number,
  nowMs: number,
): DecisionAnswer {
  const state = returnsOf(store);
  const seen = state.keys.get(input.idempotencyKey);
  if (seen) {
    if (seen.returnId !== input.returnId || seen.decision !== input.decision)
      return { kind: 'key-reused' };
    state.replays += 1;
    return { kind: 'replayed' };
  }
  const r = state.byId.get(input.returnId);
  if (!r) return { kind: 'not-found' };
  const receipt = input.decision.endsWith('_RECEIVED_PACKAGE');
  const allowed = receipt
    ? r.return_status === 'BUYER_SHIPPED_ITEM'
    : (r.return_status === 'RETURN_OR_REFUND_REQUEST_PENDING' ||
        r.return_status === 'REPLACEMENT_REQUEST_PENDING') &&
      REVIEW[r.return_type].includes(input.decision);
  if (!allowed) {
    if (!receipt && !REVIEW[r.return_type].includes(input.decision)) {
      return {
        kind: 'bad-decision',
        message: `${input.decision} does not apply to a ${r.return_type} request`,
      };
    }
    return { kind: 'wrong-status', status: r.return_status };
  }
  if (input.decision.startsWith('REJECT_')) {
    if (!REJECT_REASONS.some((x) => x.name === input.rejectReason)) {
      return { kind: 'bad-decision', message: 'reject_reason must be one of the reject reasons' };
    }
  }
  const before = r.return_status;
  const after = statusAfter(r.return_type, input.decision);
  r.return_status = after;
  r.update_time = Math.max(nowSeconds, (r.update_time ?? 0) + 1);
  setAction(r, null, 0);
  r.records.push({
    event: input.decision,
    role: 'SELLER',
    description: input.rejectReason ?? '',
    create_time: nowSeconds,
  });
  state.keys.set(input.idempotencyKey, { returnId: r.return_id, decision: input.decision });
  const record: DecisionRecord = {
    seq: state.decisions.length + 1,
    at: nowMs,
    returnId: r.return_id,
    orderId: r.order_id,
    decision: input.decision,
    rejectReason: input.rejectReason,
    comment: input.comment,
    idempotencyKey: input.idempotencyKey,
    statusBefore: before,
    statusAfter: after,
  };
  state.decisions.push(record);
  return { kind: 'applied', record };
}

/** The wire shape of a request (without the sandbox's own record list). */
export function wireReturn(r: SandboxReturn): ApiReturnInput {
  const { records: _records, ...wire } = r;
  return wire;
}
