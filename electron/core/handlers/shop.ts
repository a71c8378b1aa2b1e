import type { BridgeError } from '#shared/bridge/contract';
import { err, ok, type Result } from '#shared/utils/result';
import type { SecretStorePort } from '../ports/secret-store';
import type { ShopCallError } from '../services/shop/client';
import { ENV_NAMES, ShopCredentials } from '../services/shop/provisioning';
import type { ShopService } from '../services/shop/service';
import type { Handlers } from './types';

/**
 * Bridge handlers for the shop. They return results, never secrets: no method answers with the
 * app secret or a token. Error codes are the outcome class; the message starts with the reason.
 */
export type ShopCode =
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
  | 'shop.connect'
  | 'shop.disconnect'
  | 'shop.searchOrders'
  | 'shop.getOrders'
  | 'shop.getPackage'
  | 'shop.shipPackage'
  | 'shop.markShipped'
  | 'shop.updateShippingInfo'
  | 'shop.getShippingDocument'
  | 'shop.getTracking'
  | 'shop.getShippingProviders';

export function toBridge(e: ShopCallError): BridgeError<ShopCode> {
  const code: ShopCode = e.action === 'done' ? 'already-done' : e.action;
  const upstream = e.code !== null ? ` (code ${e.code})` : '';
  const error: BridgeError<ShopCode> = { code, message: `${e.reason}: ${e.message}${upstream}` };
  // The client already waited and retried; the server's last Retry-After tells the caller how
  // long to hold its queue.
  if (code === 'rate-limited' && e.retryAfterMs !== undefined) error.retryAfterMs = e.retryAfterMs;
  return error;
}

/** `warning` of a Mark As Shipped answer (G14), as text; null when there is none. */
function warningOf(data: Record<string, unknown>): string | null {
  const w = data.warning;
  if (typeof w === 'string') return w === '' ? null : w;
  if (w && typeof w === 'object' && typeof (w as { message?: unknown }).message === 'string') {
    const message = (w as { message: string }).message;
    return message === '' ? null : message;
  }
  return null;
}

const NOT_CONNECTED = err({
  code: 'not-connected' as const,
  message: 'not-connected: no shop is connected and practice mode is off',
});

const OFFICIAL_API = 'https://open-api.tiktokglobalshop.com';

/** What to do instead when secrets cannot be stored here; names every variable. */
const PROVISION_HINT =
  'Provision this station with environment variables instead (' +
  [
    ENV_NAMES.baseUrl,
    ENV_NAMES.appKey,
    ENV_NAMES.appSecret,
    ENV_NAMES.accessToken,
    ENV_NAMES.shopCipher,
    ENV_NAMES.refreshToken,
  ].join(', ') +
  `, or ${ENV_NAMES.configFile} pointing at a JSON file) and restart Packbench.`;

export interface ShopHandlerOptions {
  /** Encrypted storage for credentials typed in Settings; absent in the web host. */
  secrets?: SecretStorePort | null;
  /** The embedded practice shop's credentials (started on demand): where Disconnect goes. */
  practiceShop?: (() => Promise<ShopCredentials>) | null;
  /** Told when the station switches between a real shop and practice. */
  onModeChange?: (practice: boolean) => void;
}

type ConnectCode = 'secure-storage-unavailable' | 'invalid-credentials' | 'storage-failed';

function connectError(code: ConnectCode, message: string): Result<never, BridgeError<ConnectCode>> {
  return err({ code, message });
}

type ShopApi = NonNullable<ReturnType<ShopService['api']>>;

/**
 * The one way a bridge handler calls the shop: "not connected" when there is no shop, the call's
 * outcome tracked for the status bar, and its error mapped to the bridge's codes. The shop,
 * tracking and returns handlers all use it.
 */
export function shopCaller(shop: ShopService) {
  return async function run<T, U = T>(
    call: (api: ShopApi) => Promise<Result<T, ShopCallError>>,
    map: (value: T) => U = same as (value: T) => U,
  ): Promise<Result<U, BridgeError<ShopCode>>> {
    const api = shop.api();
    if (!api) return NOT_CONNECTED;
    const r = shop.track(await call(api));
    return r.ok ? ok(map(r.value)) : err(toBridge(r.error));
  };
}

/** A result passed on as the shop gave it. */
export const same = <T>(v: T): T => v;

export function createShopHandlers(
  shop: ShopService,
  options: ShopHandlerOptions = {},
): Pick<Handlers, ShopMethods> {
  const secrets = options.secrets ?? null;
  const run = shopCaller(shop);

  return {
    'shop.status': async () => ok(shop.status()),
    'shop.testConnection': async () => ok(await shop.testConnection()),
    'shop.connect': async (a) => {
      if (!secrets) {
        return connectError(
          'secure-storage-unavailable',
          `Secure storage is not available here (browser mode has no system keychain), so shop credentials are not saved. ${PROVISION_HINT}`,
        );
      }
      const usable = secrets.check();
      if (!usable.ok) {
        return connectError(
          'secure-storage-unavailable',
          `${usable.error.message} ${PROVISION_HINT}`,
        );
      }
      const baseUrl = a.baseUrl !== undefined && a.baseUrl !== '' ? a.baseUrl : OFFICIAL_API;
      const parsed = ShopCredentials.safeParse({
        baseUrl,
        appKey: a.appKey,
        appSecret: a.appSecret,
        accessToken: a.accessToken,
        shopCipher: a.shopCipher,
        ...(a.refreshToken !== undefined && a.refreshToken !== ''
          ? { refreshToken: a.refreshToken }
          : {}),
      });
      if (!parsed.success) {
        // Field names and rules only: the values (secrets) are never echoed back.
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
        return connectError('invalid-credentials', `Check the form: ${problems.join('; ')}.`);
      }
      const saved = await secrets.save(parsed.data);
      if (!saved.ok) {
        return saved.error.code === 'no-encryption'
          ? connectError('secure-storage-unavailable', `${saved.error.message} ${PROVISION_HINT}`)
          : connectError('storage-failed', saved.error.message);
      }
      shop.connect(parsed.data, 'connected');
      options.onModeChange?.(false);
      return ok(shop.status());
    },
    'shop.disconnect': async () => {
      if (secrets) {
        const cleared = await secrets.clear();
        if (!cleared.ok) return connectError('storage-failed', cleared.error.message);
      }
      if (options.practiceShop) shop.connect(await options.practiceShop(), 'practice');
      else shop.disconnect();
      options.onModeChange?.(true);
      return ok(shop.status());
    },
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
    'shop.markShipped': async (a) =>
      run(
        (api) =>
          api.markPackageShipped(
            a.orderId,
            {
              tracking_number: a.trackingNumber,
              shipping_provider_id: a.shippingProviderId,
              ...(a.orderLineItemIds !== undefined
                ? { order_line_item_ids: a.orderLineItemIds }
                : {}),
            },
            a.idempotencyKey,
          ),
        (data) => ({
          packageId:
            typeof data.package_id === 'string' && data.package_id !== '' ? data.package_id : null,
          warning: warningOf(data),
        }),
      ),
    'shop.updateShippingInfo': async (a) => {
      const input = {
        tracking_number: a.trackingNumber,
        shipping_provider_id: a.shippingProviderId,
      };
      return a.scope === 'order'
        ? run(
            (api) => api.updateShippingInfo(a.orderId, input, a.idempotencyKey),
            () => null,
          )
        : run(
            (api) => api.updatePackageShippingInfo(a.packageId, input, a.idempotencyKey),
            () => null,
          );
    },
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
