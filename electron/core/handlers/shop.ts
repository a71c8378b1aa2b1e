import type { BridgeError } from '#shared/bridge/contract';
import { err, ok, type Result } from '#shared/utils/result';
import type { ShopCallError } from '../services/shop/client';
import type { ShopService } from '../services/shop/service';
import type { Handlers } from './types';

/**
 * Bridge handlers for the shop. They return results, never secrets: no method answers with the
 * app secret or a token. Error codes are the outcome class; the message starts with the reason.
 */
type ShopCode =
  | 'not-connected'
  | 'auth'
  | 'rate-limited'
  | 'retryable'
  | 'permanent'
  | 'ambiguous'
  | 'already-done';

type ShopMethods =
  | 'shop.status'
  | 'shop.testConnection'
  | 'shop.searchOrders'
  | 'shop.getOrders'
  | 'shop.getPackage'
  | 'shop.shipPackage'
  | 'shop.getShippingDocument'
  | 'shop.getTracking'
  | 'shop.getShippingProviders';

function toBridge(e: ShopCallError): BridgeError<ShopCode> {
  const code: ShopCode = e.action === 'done' ? 'already-done' : e.action;
  const upstream = e.code !== null ? ` (code ${e.code})` : '';
  return { code, message: `${e.reason}: ${e.message}${upstream}` };
}

const NOT_CONNECTED = err({
  code: 'not-connected' as const,
  message: 'not-connected: no shop is connected and practice mode is off',
});

export function createShopHandlers(shop: ShopService): Pick<Handlers, ShopMethods> {
  async function run<T, U>(
    call: (api: NonNullable<ReturnType<ShopService['api']>>) => Promise<Result<T, ShopCallError>>,
    map: (value: T) => U,
  ): Promise<Result<U, BridgeError<ShopCode>>> {
    const api = shop.api();
    if (!api) return NOT_CONNECTED;
    const r = shop.track(await call(api));
    return r.ok ? ok(map(r.value)) : err(toBridge(r.error));
  }
  const same = <T>(v: T) => v;

  return {
    'shop.status': async () => ok(shop.status()),
    'shop.testConnection': async () => ok(await shop.testConnection()),
    'shop.searchOrders': async (a) =>
      run(
        (api) =>
          api.searchOrders({
            pageSize: a.pageSize,
            ...(a.pageToken !== undefined ? { pageToken: a.pageToken } : {}),
            ...(a.sortField !== undefined ? { sortField: a.sortField } : {}),
            ...(a.sortOrder !== undefined ? { sortOrder: a.sortOrder } : {}),
            filter: {
              ...(a.orderStatus !== undefined ? { order_status: a.orderStatus } : {}),
              ...(a.updateTimeGe !== undefined ? { update_time_ge: a.updateTimeGe } : {}),
              ...(a.updateTimeLt !== undefined ? { update_time_lt: a.updateTimeLt } : {}),
            },
          }),
        same,
      ),
    'shop.getOrders': async ({ ids }) => run((api) => api.getOrders(ids), same),
    'shop.getPackage': async ({ packageId }) => run((api) => api.getPackage(packageId), same),
    'shop.shipPackage': async (a) =>
      run(
        (api) =>
          api.shipPackage(
            a.packageId,
            {
              ...(a.handoverMethod !== undefined ? { handover_method: a.handoverMethod } : {}),
              ...(a.selfShipment !== undefined
                ? {
                    self_shipment: {
                      tracking_number: a.selfShipment.trackingNumber,
                      shipping_provider_id: a.selfShipment.shippingProviderId,
                    },
                  }
                : {}),
            },
            a.idempotencyKey,
          ),
        () => null,
      ),
    'shop.getShippingDocument': async (a) =>
      run(
        (api) => api.getShippingDocument(a.packageId, a.documentType, a.documentSize),
        (doc) => ({
          pdfBase64: Buffer.from(doc.pdf).toString('base64'),
          trackingNumber: doc.trackingNumber,
          bytes: doc.pdf.length,
        }),
      ),
    'shop.getTracking': async ({ orderId }) => run((api) => api.getTracking(orderId), same),
    'shop.getShippingProviders': async ({ deliveryOptionId }) =>
      run((api) => api.getShippingProviders(deliveryOptionId), same),
  };
}
