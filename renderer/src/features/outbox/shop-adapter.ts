import type { Api, BridgeError } from '#shared/bridge/contract';
import { readBackReturn, returnSnapshot, sendReturnDecision } from '../returns/outbox-adapter';
import { messageSnapshot, readBackMessage, sendMessageRow } from '../tracking/outbox-adapter';
import type {
  OutboxRow,
  OutboxShop,
  ReadBackResult,
  SendResult,
  ShopFailure,
} from '#shared/logic/outbox/index';

/**
 * The engine's shop port over the bridge: each intent kind has its write (`ship-package` →
 * `shop.shipPackage`, `mark-shipped` → `shop.markShipped`, `update-tracking` →
 * `shop.updateShippingInfo`), and every read-back is `shop.getOrders`. The host's error code is
 * the outcome class and its message starts with the specific reason and ends with the TikTok code
 * (`electron/core/handlers/shop.ts`); this maps both back to the wire-level failure the engine
 * classifies (`shared/logic/outbox/classify.ts`). The host has already retried reads and 429s
 * (honouring Retry-After) before it answers; the engine adds the queue-wide hold, as long as the
 * server's last Retry-After when the host passes it on.
 */

export type ShopBridge = Pick<
  Api['shop'],
  'shipPackage' | 'markShipped' | 'updateShippingInfo' | 'getOrders'
> &
  Partial<Pick<Api['shop'], 'decideReturn' | 'searchReturns'>> &
  Partial<Pick<Api['shop'], 'sendBuyerMessage' | 'findBuyerMessage'>>;

export type Op = 'write' | 'read';

/** `reason: message (code 21011040)` → the parts. */
export function parseShopMessage(message: string): { reason: string; code: number | null } {
  const reason = /^([a-z-]+):/.exec(message)?.[1] ?? '';
  const code = /\(code (\d+)\)\s*$/.exec(message)?.[1];
  return { reason, code: code === undefined ? null : Number(code) };
}

/** Maps a bridge error of a shop call to the failure shape the engine classifies. */
export function toShopFailure(error: BridgeError, op: Op): ShopFailure {
  const { reason, code } = parseShopMessage(error.message);
  const message = error.message;
  switch (error.code) {
    case 'host-unreachable':
      // Our own host did not answer. A timeout means the request reached it and may have been
      // forwarded; a failed fetch means it never left the page (offline, host stopped).
      return { type: 'network', sent: /in time/.test(message), message };
    case 'not-connected':
    case 'forbidden':
      // No shop connected, or the bridge refused us: pause the queue like an auth failure.
      return { type: 'api', httpStatus: 401, code: code ?? 0, message };
    case 'auth':
      return { type: 'api', httpStatus: 401, code: code ?? 105002, message };
    case 'rate-limited': {
      const after = error.retryAfterMs;
      const retryAfterMs =
        typeof after === 'number' && Number.isFinite(after) && after >= 0 ? after : null;
      return { type: 'api', httpStatus: 429, code: code ?? 36009002, message, retryAfterMs };
    }
    case 'already-done':
      // "Already shipped": the engine reads back and compares the tracking number.
      return { type: 'api', httpStatus: 200, code: code ?? 21011040, message };
    case 'retryable':
      if (reason === 'no-network') return { type: 'network', sent: false, message };
      if (reason === 'clock-skew') {
        return { type: 'api', httpStatus: 200, code: 36009004, message: `timestamp ${message}` };
      }
      // Nothing was applied (label not ready, or a read that failed): a transient error.
      return { type: 'api', httpStatus: 200, code: code ?? 11034037, message };
    case 'ambiguous':
      if (reason === 'timeout' || reason === 'connection-reset') {
        return { type: 'network', sent: true, message };
      }
      if (reason === 'malformed-response') return { type: 'malformed', httpStatus: 200, message };
      return { type: 'api', httpStatus: 500, code: code ?? 36009003, message };
    case 'internal':
      return op === 'write'
        ? { type: 'api', httpStatus: 500, code: code ?? 0, message }
        : { type: 'api', httpStatus: 503, code: 0, message };
    case 'permanent':
    case 'invalid-args':
    default:
      return { type: 'api', httpStatus: code === null ? 400 : 200, code: code ?? 0, message };
  }
}

export interface BridgeShopOptions {
  /** False when the browser knows it has no network: nothing is sent, the queue holds. */
  isOnline?: () => boolean;
  /** Every call's outcome, for the online/offline indicator (decided from real requests). */
  onOutcome?: (reached: boolean) => void;
}

type WriteResult = { ok: true } | { ok: false; error: BridgeError };

/** The one bridge write of an intent; the idempotency key goes with every kind. */
async function write(shop: ShopBridge, row: OutboxRow): Promise<WriteResult> {
  switch (row.kind) {
    case 'ship-package': {
      const p = row.payload;
      return shop.shipPackage({
        packageId: row.packageId,
        handoverMethod: p.handoverMethod,
        ...(p.selfShipment
          ? {
              selfShipment: {
                trackingNumber: p.selfShipment.trackingNumber,
                shippingProviderId: p.selfShipment.shippingProviderId,
              },
            }
          : {}),
        idempotencyKey: row.idempotencyKey,
      });
    }
    case 'mark-shipped': {
      const p = row.payload;
      return shop.markShipped({
        orderId: row.orderId,
        trackingNumber: p.trackingNumber,
        shippingProviderId: p.shippingProviderId,
        // No lines named: the whole order ships (the shop refuses an empty list).
        ...(p.orderLineItemIds.length > 0 ? { orderLineItemIds: p.orderLineItemIds } : {}),
        idempotencyKey: row.idempotencyKey,
      });
    }
    case 'update-tracking': {
      const p = row.payload;
      const common = {
        trackingNumber: p.trackingNumber,
        shippingProviderId: p.shippingProviderId,
        idempotencyKey: row.idempotencyKey,
      };
      return p.scope === 'order'
        ? shop.updateShippingInfo({ scope: 'order', orderId: row.orderId, ...common })
        : shop.updateShippingInfo({ scope: 'package', packageId: row.packageId, ...common });
    }
    case 'return-decision':
      return sendReturnDecision(shop, row);
    case 'send-message':
      return sendMessageRow(shop, row);
  }
}

function reachedShop(failure: ShopFailure): boolean {
  if (failure.type === 'network') return false;
  return !/^(no-network|timeout|connection-reset):/.test(failure.message);
}

export function createBridgeShop(shop: ShopBridge, opts: BridgeShopOptions = {}): OutboxShop {
  const offline = (): ShopFailure | null =>
    opts.isOnline && !opts.isOnline()
      ? { type: 'network', sent: false, message: 'no-network: the browser reports no network' }
      : null;

  const report = (failure: ShopFailure | null) =>
    opts.onOutcome?.(failure ? reachedShop(failure) : true);

  return {
    async send(row: OutboxRow): Promise<SendResult> {
      const blocked = offline();
      if (blocked) {
        report(blocked);
        return blocked;
      }
      const r = await write(shop, row);
      if (r.ok) {
        report(null);
        return { type: 'ok' };
      }
      const failure = toShopFailure(r.error, 'write');
      report(failure);
      return failure;
    },

    async readBack(row: OutboxRow): Promise<ReadBackResult> {
      const blocked = offline();
      if (blocked) {
        report(blocked);
        return blocked;
      }
      const r = await shop.getOrders({ ids: [row.orderId] });
      if (!r.ok) {
        const failure = toShopFailure(r.error, 'read');
        report(failure);
        return failure;
      }
      report(null);
      const order = r.value.orders.find((o) => o.id === row.orderId);
      if (order && row.kind === 'send-message') {
        const back = await readBackMessage(shop, row);
        if (back.type !== 'ok') {
          report(back);
          return back;
        }
        return { type: 'ok', upstream: messageSnapshot(order, back.message) };
      }
      if (order && row.kind === 'return-decision') {
        const back = await readBackReturn(shop, row);
        if (back.type !== 'ok') {
          report(back);
          return back;
        }
        return { type: 'ok', upstream: returnSnapshot(order, back.afterSale) };
      }
      if (!order) {
        return {
          type: 'api',
          httpStatus: 200,
          code: 21011028,
          message: `not-in-shop: order ${row.orderId} is not visible to this shop`,
        };
      }
      const lines = order.line_items.filter(
        (li) => li.package_id === row.packageId || li.package_id === '',
      );
      const tracked = lines.find((li) => li.tracking_number !== '');
      const shipped = tracked !== undefined;
      return {
        type: 'ok',
        upstream: {
          orderStatus: order.status,
          isBuyerRequestCancel: order.is_buyer_request_cancel,
          trackingNumber: tracked?.tracking_number ?? null,
          shippingProviderId: tracked?.shipping_provider_id || null,
          // The order object has no per-package ship time; its update time is the best bound.
          shippedAt: shipped ? order.update_time * 1000 : null,
          trackingUpdates: 0,
        },
      };
    },
  };
}
