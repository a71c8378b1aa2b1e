import type { Api, BridgeError } from '#shared/bridge/contract';
import type { ApiOrder } from '#shared/domain/api-order';
import type { OutboxRow, ShopFailure, UpstreamSnapshot } from '#shared/logic/outbox/index';
import type { UpstreamMessage } from '#shared/logic/tracking/message-outbox';
import { toShopFailure } from '../outbox/shop-adapter';

/**
 * The outbox's shop port for `send-message` intents: the write is `shop.sendBuyerMessage` with the
 * row's idempotency key; the read-back looks for exactly this text in the buyer's conversation
 * since the row was made (`shop.findBuyerMessage`), compared by `decideMessageFromUpstream`.
 *
 * A shop that has not granted customer-service messaging (`missing-scope`) must not pause the
 * whole queue as an auth failure would: that one row becomes permanent (dead), and the message
 * screen offers its text to copy into the seller's chat instead.
 */
type MessagesBridge = Partial<Pick<Api['shop'], 'sendBuyerMessage' | 'findBuyerMessage'>>;
type MessageRow = Extract<OutboxRow, { kind: 'send-message' }>;

const MISSING: BridgeError = {
  code: 'internal',
  message: 'internal: this host has no buyer-message methods',
};

/** `missing-scope` → a permanent error of this row only (the code left out of the message). */
export function scopeAsPermanent(error: BridgeError): BridgeError {
  if (error.code === 'auth' && /^missing-scope:/.test(error.message)) {
    return {
      code: 'permanent',
      message: 'missing-scope: the shop has not granted customer-service messaging (105005)',
    };
  }
  return error;
}

export async function sendMessageRow(
  shop: MessagesBridge,
  row: MessageRow,
): Promise<{ ok: true } | { ok: false; error: BridgeError }> {
  if (!shop.sendBuyerMessage) return { ok: false, error: MISSING };
  const r = await shop.sendBuyerMessage({
    orderId: row.orderId,
    text: row.payload.text,
    idempotencyKey: row.idempotencyKey,
  });
  return r.ok ? { ok: true } : { ok: false, error: scopeAsPermanent(r.error) };
}

export async function readBackMessage(
  shop: MessagesBridge,
  row: MessageRow,
): Promise<{ type: 'ok'; message: UpstreamMessage } | ShopFailure> {
  if (!shop.findBuyerMessage) return toShopFailure(MISSING, 'read');
  const r = await shop.findBuyerMessage({
    orderId: row.orderId,
    text: row.payload.text,
    sinceMs: row.createdAt,
  });
  if (!r.ok) return toShopFailure(scopeAsPermanent(r.error), 'read');
  return { type: 'ok', message: { found: r.value.found } };
}

export function messageSnapshot(order: ApiOrder, message: UpstreamMessage): UpstreamSnapshot {
  return {
    orderStatus: order.status,
    isBuyerRequestCancel: order.is_buyer_request_cancel,
    trackingNumber: null,
    shippingProviderId: null,
    shippedAt: null,
    trackingUpdates: 0,
    message,
  };
}
