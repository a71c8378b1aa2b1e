import { z } from 'zod';
import { ApiOrder } from '#shared/domain/api-order';
import { err, ok } from '#shared/utils/result';
import { localError, type ShopClient, type ShopResult } from './client';
import { createTrackingApi } from './tracking-api';
import { createReturnsApi } from './returns-api';

/** Typed TikTok Shop endpoints (`tiktok-shop-api.md` §5) over the signed client. */

export interface OrderParseError {
  index: number;
  id: string | null;
  message: string;
}

export interface OrderPage {
  orders: ApiOrder[];
  parseErrors: OrderParseError[];
  nextPageToken: string;
  totalCount: number;
}

export interface OrderSearchFilter {
  order_status?: string;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
  shipping_type?: 'TIKTOK' | 'SELLER';
  is_buyer_request_cancel?: boolean;
}

const Loose = z.looseObject({});
const OrdersData = z.looseObject({
  orders: z.array(z.unknown()).default([]),
  next_page_token: z.string().default(''),
  total_count: z.number().int().default(0),
});

export const ApiPackage = z.looseObject({
  id: z.string(),
  package_status: z.string(),
  order_line_item_ids: z.array(z.string()).default([]),
  orders: z.array(z.looseObject({ id: z.string() })).default([]),
  shipping_type: z.string().default(''),
  delivery_option_id: z.string().default(''),
  handover_method: z.string().default(''),
  tracking_number: z.string().default(''),
  shipping_provider_id: z.string().default(''),
  shipping_provider_name: z.string().default(''),
});
export type ApiPackage = z.infer<typeof ApiPackage>;

const ProvidersData = z.looseObject({
  shipping_providers: z.array(z.looseObject({ id: z.string(), name: z.string() })).default([]),
});
const TrackingData = z.looseObject({
  tracking: z
    .array(z.looseObject({ description: z.string(), update_time_millis: z.number() }))
    .default([]),
});
const DocumentData = z.looseObject({ doc_url: z.string().min(1), tracking_number: z.string() });
const ShopsData = z.looseObject({
  shops: z
    .array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        region: z.string(),
        cipher: z.string(),
      }),
    )
    .default([]),
});
const CancellationsData = z.looseObject({
  cancellations: z
    .array(z.looseObject({ cancel_id: z.string(), order_id: z.string() }))
    .default([]),
  next_page_token: z.string().default(''),
  total_count: z.number().int().default(0),
});

export const MAX_DETAIL_IDS = 50;

/** Validates each order on its own: one bad order is reported, never thrown, never fatal. */
export function parseOrders(raw: readonly unknown[]): {
  orders: ApiOrder[];
  parseErrors: OrderParseError[];
} {
  const orders: ApiOrder[] = [];
  const parseErrors: OrderParseError[] = [];
  raw.forEach((item, index) => {
    const parsed = ApiOrder.safeParse(item);
    if (parsed.success) {
      orders.push(parsed.data);
      return;
    }
    const id =
      typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id
        : null;
    const message = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(order)'}: ${i.message}`)
      .join('; ');
    parseErrors.push({ index, id, message });
  });
  return { orders, parseErrors };
}

export interface ShipPackageInput {
  handover_method?: 'PICKUP' | 'DROP_OFF';
  pickup_slot?: { start_time: number; end_time: number };
  self_shipment?: { tracking_number: string; shipping_provider_id: string };
}

export interface ShippingDocument {
  docUrl: string;
  trackingNumber: string;
  pdf: Uint8Array;
}

export function createShopApi(client: ShopClient, fetchDoc: (url: string) => Promise<Response>) {
  return {
    async getAuthorizedShops() {
      return client.call({
        method: 'GET',
        path: '/authorization/202309/shops',
        write: false,
        data: ShopsData,
      });
    },

    async searchOrders(input: {
      pageSize: number;
      pageToken?: string;
      sortField?: 'create_time' | 'update_time';
      sortOrder?: 'ASC' | 'DESC';
      filter?: OrderSearchFilter;
    }): Promise<ShopResult<OrderPage>> {
      const r = await client.call({
        method: 'POST',
        path: '/order/202309/orders/search',
        query: {
          page_size: input.pageSize,
          page_token: input.pageToken,
          sort_field: input.sortField,
          sort_order: input.sortOrder,
        },
        body: input.filter ?? {},
        write: false,
        data: OrdersData,
      });
      if (!r.ok) return r;
      return ok({
        ...parseOrders(r.value.orders),
        nextPageToken: r.value.next_page_token,
        totalCount: r.value.total_count,
      });
    },

    async getOrders(ids: readonly string[]) {
      if (ids.length === 0 || ids.length > MAX_DETAIL_IDS) {
        return err(
          localError(
            'invalid-param',
            'permanent',
            `Order detail takes 1 to 50 ids, not ${ids.length}`,
          ),
        );
      }
      const r = await client.call({
        method: 'GET',
        path: '/order/202309/orders',
        query: { ids },
        write: false,
        data: OrdersData,
      });
      return r.ok ? ok(parseOrders(r.value.orders)) : r;
    },

    async getPackage(packageId: string) {
      return client.call({
        method: 'GET',
        path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}`,
        write: false,
        data: ApiPackage,
      });
    },

    async shipPackage(packageId: string, input: ShipPackageInput, idempotencyKey?: string) {
      return client.call({
        method: 'POST',
        path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/ship`,
        body: input,
        write: true,
        data: Loose,
        // TikTok documents no idempotency key for Ship Package; an unsigned header is ignored
        // upstream and lets the sandbox shop's audit tie each write to its outbox intent.
        ...(idempotencyKey ? { headers: { 'x-packbench-idempotency-key': idempotencyKey } } : {}),
      });
    },

    async markPackageShipped(
      orderId: string,
      input: {
        tracking_number: string;
        shipping_provider_id: string;
        order_line_item_ids?: string[];
      },
      idempotencyKey?: string,
    ) {
      return client.call({
        method: 'POST',
        path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/packages`,
        body: input,
        write: true,
        data: Loose,
        ...(idempotencyKey ? { headers: { 'x-packbench-idempotency-key': idempotencyKey } } : {}),
      });
    },

    async updateShippingInfo(
      orderId: string,
      input: { tracking_number: string; shipping_provider_id: string },
      idempotencyKey?: string,
    ) {
      return client.call({
        method: 'POST',
        path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/shipping_info/update`,
        body: input,
        write: true,
        data: Loose,
        ...(idempotencyKey ? { headers: { 'x-packbench-idempotency-key': idempotencyKey } } : {}),
      });
    },

    /** The per-package variant of the tracking correction (split orders; §5.3). */
    async updatePackageShippingInfo(
      packageId: string,
      input: { tracking_number: string; shipping_provider_id: string },
      idempotencyKey?: string,
    ) {
      return client.call({
        method: 'POST',
        path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_info/update`,
        body: input,
        write: true,
        data: Loose,
        ...(idempotencyKey ? { headers: { 'x-packbench-idempotency-key': idempotencyKey } } : {}),
      });
    },

    /** Gets `doc_url` and downloads the PDF at once: the URL expires in 24 h (§10 G12). */
    async getShippingDocument(
      packageId: string,
      documentType:
        'SHIPPING_LABEL' | 'PACKING_SLIP' | 'SHIPPING_LABEL_AND_PACKING_SLIP' = 'SHIPPING_LABEL',
      documentSize: 'A6' | 'A5' = 'A6',
    ): Promise<ShopResult<ShippingDocument>> {
      const r = await client.call({
        method: 'GET',
        path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_documents`,
        query: { document_type: documentType, document_size: documentSize },
        write: false,
        data: DocumentData,
      });
      if (!r.ok) return r;
      try {
        const response = await fetchDoc(r.value.doc_url);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const magic = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
        if (!response.ok || magic !== '%PDF-') {
          return err(
            localError(
              'malformed-response',
              'retryable',
              `The label download answered HTTP ${response.status} without a PDF`,
            ),
          );
        }
        return ok({ docUrl: r.value.doc_url, trackingNumber: r.value.tracking_number, pdf: bytes });
      } catch (cause) {
        return err(
          localError('no-network', 'retryable', `Label download failed: ${String(cause)}`),
        );
      }
    },

    async getTracking(orderId: string) {
      return client.call({
        method: 'GET',
        path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/tracking`,
        write: false,
        data: TrackingData,
      });
    },

    async getShippingProviders(deliveryOptionId: string) {
      return client.call({
        method: 'GET',
        path: `/logistics/202309/delivery_options/${encodeURIComponent(deliveryOptionId)}/shipping_providers`,
        write: false,
        data: ProvidersData,
      });
    },

    async searchCancellations(input: {
      pageSize: number;
      pageToken?: string;
      filter?: { order_ids?: string[]; cancel_status?: string[]; update_time_ge?: number };
    }) {
      return client.call({
        method: 'POST',
        path: '/return_refund/202309/cancellations/search',
        query: { page_size: input.pageSize, page_token: input.pageToken },
        body: input.filter ?? {},
        write: false,
        data: CancellationsData,
      });
    },
    ...createReturnsApi(client),
    ...createTrackingApi(client),
  };
}
export type ShopApi = ReturnType<typeof createShopApi>;
