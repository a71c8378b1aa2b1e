import type { Api, BridgeError } from '#shared/bridge/contract';
import type { ApiOrder } from '#shared/domain/api-order';
import type { OutboxRow, ShopFailure, UpstreamSnapshot } from '#shared/logic/outbox/index';
import type { UpstreamReturn } from '#shared/logic/returns/outbox-decision';
import { toShopFailure } from '../outbox/shop-adapter';

/**
 * The outbox's shop port for `return-decision` intents: the write is Approve/Reject Return with
 * the row's idempotency key (the shop's own `idempotency_key`), the read-back is the request's
 * status from Search Returns, compared by `decideReturnFromUpstream`.
 */
type ReturnsBridge = Partial<Pick<Api['shop'], 'decideReturn' | 'searchReturns'>>;
type ReturnRow = Extract<OutboxRow, { kind: 'return-decision' }>;

const MISSING: BridgeError = {
  code: 'internal',
  message: 'internal: this host has no returns methods',
};

export async function sendReturnDecision(
  shop: ReturnsBridge,
  row: ReturnRow,
): Promise<{ ok: true } | { ok: false; error: BridgeError }> {
  if (!shop.decideReturn) return { ok: false, error: MISSING };
  const p = row.payload;
  const r = await shop.decideReturn({
    returnId: p.returnId,
    decision: p.decision,
    idempotencyKey: row.idempotencyKey,
    ...(p.rejectReason !== undefined ? { rejectReason: p.rejectReason } : {}),
    ...(p.comment !== undefined ? { comment: p.comment } : {}),
  });
  return r.ok ? { ok: true } : { ok: false, error: r.error };
}

export async function readBackReturn(
  shop: ReturnsBridge,
  row: ReturnRow,
): Promise<{ type: 'ok'; afterSale: UpstreamReturn | null } | ShopFailure> {
  if (!shop.searchReturns) return toShopFailure(MISSING, 'read');
  const r = await shop.searchReturns({ pageSize: 1, returnIds: [row.payload.returnId] });
  if (!r.ok) return toShopFailure(r.error, 'read');
  const found = r.value.returns.find((x) => x.return_id === row.payload.returnId);
  return {
    type: 'ok',
    afterSale: found ? { returnId: found.return_id, status: found.return_status } : null,
  };
}

export function returnSnapshot(
  order: ApiOrder,
  afterSale: UpstreamReturn | null,
): UpstreamSnapshot {
  return {
    orderStatus: order.status,
    isBuyerRequestCancel: order.is_buyer_request_cancel,
    trackingNumber: null,
    shippingProviderId: null,
    shippedAt: null,
    trackingUpdates: 0,
    afterSale,
  };
}
