import type { ApiOrderInput } from '#shared/domain/api-order';
import type { ApiAnswer, RouteContext } from './routes-types';

/** Shared fulfilment rules of the sandbox shop: providers, status gates, tracking checks. */
export const SELLER_OPTION = '7129736193901528878';
export const TIKTOK_OPTION = '7091146663229654785';
export const USPS = { id: '7117858858072016686', name: 'USPS' };
export const PROVIDERS: Readonly<Record<string, ReadonlyArray<{ id: string; name: string }>>> = {
  [SELLER_OPTION]: [
    USPS,
    { id: '7117859084333745966', name: 'UPS' },
    { id: '7132708441138333445', name: 'FedEx' },
    { id: '7212608507307099910', name: 'DHL eCommerce' },
  ],
  [TIKTOK_OPTION]: [USPS],
};
export const MARK_SHIPPED_REGIONS = new Set(['US', 'GB', 'ES', 'IE', 'IT', 'DE', 'FR', 'JP']);
export const UPDATE_WINDOW_S = 72 * 3600;
export const SHIPPED = new Set([
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
]);

export const PACKAGE_STATUS: Record<string, string> = {
  UNPAID: 'TO_FULFILL',
  ON_HOLD: 'TO_FULFILL',
  AWAITING_SHIPMENT: 'TO_FULFILL',
  PARTIALLY_SHIPPING: 'PROCESSING',
  AWAITING_COLLECTION: 'PROCESSING',
  IN_TRANSIT: 'FULFILLING',
  DELIVERED: 'COMPLETED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
};

export function region(o: ApiOrderInput): string {
  return o.recipient_address?.region_code ?? '';
}

export function trackingOf(o: ApiOrderInput): {
  tracking: string;
  providerId: string;
  provider: string;
} {
  const li = o.line_items[0];
  return {
    tracking: li?.tracking_number ?? '',
    providerId: li?.shipping_provider_id ?? '',
    provider: li?.shipping_provider_name ?? '',
  };
}

export function setTracking(
  o: ApiOrderInput,
  tracking: string,
  provider: { id: string; name: string },
) {
  for (const li of o.line_items) {
    li.tracking_number = tracking;
    li.shipping_provider_id = provider.id;
    li.shipping_provider_name = provider.name;
  }
}

/** Status rules shared by the ship endpoints; null when the order may ship now. */
export function shipBlock(o: ApiOrderInput): ApiAnswer | null {
  if (o.status === 'CANCELLED') {
    return { code: 21011041, message: 'Cannot complete the operation when order is cancelled.' };
  }
  if (SHIPPED.has(o.status))
    return { code: 21011040, message: 'Package has already been shipped.' };
  if (o.status !== 'AWAITING_SHIPMENT') {
    return {
      code: 21042057,
      message: 'Orders not in Awaiting shipment; labels cannot be created.',
    };
  }
  if (o.is_buyer_request_cancel && region(o) !== 'US') {
    // US since 202309: shipping succeeds and auto-rejects the request (§10 G9).
    return {
      code: 21011007,
      message: 'Package item has after-sale request, please process the after-sale request first.',
    };
  }
  return null;
}

export function checkTracking(
  ctx: RouteContext,
  o: ApiOrderInput,
  tracking: string,
  providerId: string,
  packageId: string,
): { answer: ApiAnswer } | { provider: { id: string; name: string } } {
  if (!/^[A-Za-z0-9-]{6,40}$/.test(tracking)) {
    return {
      answer: {
        code: 21004012,
        message: 'Tracking number contains special characters or has a wrong length.',
      },
    };
  }
  const provider = PROVIDERS[o.delivery_option_id ?? '']?.find((p) => p.id === providerId);
  if (!provider) {
    return {
      answer: { code: 21011022, message: 'Invalid tracking number or shipping provider id.' },
    };
  }
  const user = ctx.store.usedTracking.get(tracking.toUpperCase());
  if (user !== undefined && user !== packageId) {
    return { answer: { code: 21011025, message: 'Duplicate tracking number.' } };
  }
  return { provider };
}

export function findPackage(ctx: RouteContext): { index: number; id: string } | ApiAnswer {
  const id = ctx.params[0] ?? '';
  const index = ctx.store.packageIndex(id);
  if (index === null) return { code: 21011001, message: `Package ${id} not found.` };
  return { index, id };
}

export function findOrder(ctx: RouteContext): { index: number; id: string } | ApiAnswer {
  const id = ctx.params[0] ?? '';
  const index = ctx.store.orderIndex(id);
  if (index === null)
    return { code: 21008111, message: `Order ${id} does not belong to the current seller.` };
  return { index, id };
}

export function isAnswer(x: object): x is ApiAnswer {
  return 'code' in x;
}
