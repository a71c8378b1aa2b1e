import { z } from 'zod';
import { practiceTrackingNumber } from '#shared/logic/practice-data';
import { invalidParam, ok, type ApiAnswer, type Route, type RouteContext } from './routes-types';

/** Packages, shipping, shipping documents, tracking and providers (`tiktok-shop-api.md` §5.3–5.4). */
import {
  PACKAGE_STATUS,
  PROVIDERS,
  SHIPPED,
  UPDATE_WINDOW_S,
  MARK_SHIPPED_REGIONS,
  USPS,
  checkTracking,
  findOrder,
  findPackage,
  isAnswer,
  region,
  setTracking,
  shipBlock,
  trackingOf,
} from './fulfillment-rules';

const ShipBody = z.looseObject({
  handover_method: z.enum(['PICKUP', 'DROP_OFF']).optional(),
  pickup_slot: z.object({ start_time: z.number().int(), end_time: z.number().int() }).optional(),
  self_shipment: z
    .object({ tracking_number: z.string(), shipping_provider_id: z.string() })
    .optional(),
});
function packageDetail(ctx: RouteContext): ApiAnswer {
  const found = findPackage(ctx);
  if (isAnswer(found)) return found;
  const o = ctx.store.order(found.index);
  const t = trackingOf(o);
  return ok({
    id: found.id,
    package_status: PACKAGE_STATUS[o.status] ?? 'TO_FULFILL',
    order_line_item_ids: o.line_items.map((li) => li.id),
    orders: [{ id: o.id }],
    shipping_type: o.shipping_type,
    delivery_option_id: o.delivery_option_id ?? '',
    delivery_option_name: o.delivery_option_name ?? '',
    handover_method: ctx.store.extra(found.index).handoverMethod ?? '',
    tracking_number: t.tracking,
    shipping_provider_id: t.providerId,
    shipping_provider_name: t.provider,
    split_and_combine_tag: 'DEFAULT',
    has_multi_skus: new Set(o.line_items.map((li) => li.sku_id)).size > 1,
    ...(o.recipient_address ? { recipient_address: o.recipient_address } : {}),
    update_time: o.update_time,
  });
}

function shipPackage(ctx: RouteContext): ApiAnswer {
  const found = findPackage(ctx);
  if (isAnswer(found)) return found;
  const body = ShipBody.safeParse(ctx.body ?? {});
  if (!body.success) return invalidParam(body.error.issues[0]?.message ?? 'body');
  const o = ctx.store.order(found.index);
  const blocked = shipBlock(o);
  if (blocked) return blocked;
  let tracking: string;
  let provider: { id: string; name: string };
  let handover: string | null = null;
  if (o.shipping_type === 'SELLER') {
    const self = body.data.self_shipment;
    if (!self)
      return invalidParam('self_shipment is required for SEND_BY_SELLER delivery options.');
    const checked = checkTracking(
      ctx,
      o,
      self.tracking_number,
      self.shipping_provider_id,
      found.id,
    );
    if ('answer' in checked) return checked.answer;
    tracking = self.tracking_number;
    provider = checked.provider;
  } else {
    if (!body.data.handover_method) return invalidParam('handover_method is required.');
    if (body.data.self_shipment) return invalidParam('self_shipment is only for SEND_BY_SELLER.');
    handover = body.data.handover_method;
    tracking = practiceTrackingNumber(found.index);
    provider = USPS;
  }
  ctx.store.mutate(found.index, ctx.nowSeconds, (order, extra) => {
    order.status = 'AWAITING_COLLECTION';
    order.is_buyer_request_cancel = false;
    setTracking(order, tracking, provider);
    extra.shippedAt = ctx.nowSeconds;
    if (handover) extra.handoverMethod = handover;
  });
  ctx.store.usedTracking.set(tracking.toUpperCase(), found.id);
  ctx.store.recordWrite({
    at: ctx.nowMs,
    kind: 'ship-package',
    orderId: o.id,
    packageId: found.id,
    trackingNumber: tracking,
    shippingProviderId: provider.id,
    handoverMethod: handover,
    idempotencyKey: ctx.idempotencyKey,
  });
  return ok({});
}

const TrackingBody = z.looseObject({
  tracking_number: z.string(),
  shipping_provider_id: z.string(),
  order_line_item_ids: z.array(z.string()).optional(),
});

function markShipped(ctx: RouteContext): ApiAnswer {
  const found = findOrder(ctx);
  if (isAnswer(found)) return found;
  const body = TrackingBody.safeParse(ctx.body ?? {});
  if (!body.success) return invalidParam('tracking_number and shipping_provider_id are required.');
  const o = ctx.store.order(found.index);
  if (o.shipping_type !== 'SELLER') {
    return {
      code: 21011004,
      message: 'Not allowed for packages that are not shipped by the seller.',
    };
  }
  if (!MARK_SHIPPED_REGIONS.has(region(o))) {
    return { code: 21008106, message: 'This interface cannot be used in this region.' };
  }
  const all = o.line_items.map((li) => li.id);
  const wanted = body.data.order_line_item_ids;
  if (wanted && (wanted.length !== all.length || !wanted.every((id) => all.includes(id)))) {
    return invalidParam('the sandbox shop ships whole orders only; omit order_line_item_ids.');
  }
  const blocked = shipBlock(o);
  if (blocked) return blocked;
  const packageId = o.packages?.[0]?.id ?? '';
  const checked = checkTracking(
    ctx,
    o,
    body.data.tracking_number,
    body.data.shipping_provider_id,
    packageId,
  );
  if ('answer' in checked) return checked.answer;
  ctx.store.mutate(found.index, ctx.nowSeconds, (order, extra) => {
    order.status = 'AWAITING_COLLECTION';
    order.is_buyer_request_cancel = false;
    setTracking(order, body.data.tracking_number, checked.provider);
    extra.shippedAt = ctx.nowSeconds;
  });
  ctx.store.usedTracking.set(body.data.tracking_number.toUpperCase(), packageId);
  ctx.store.recordWrite({
    at: ctx.nowMs,
    kind: 'mark-package-shipped',
    orderId: o.id,
    packageId,
    trackingNumber: body.data.tracking_number,
    shippingProviderId: checked.provider.id,
    handoverMethod: null,
    idempotencyKey: ctx.idempotencyKey,
  });
  return ok({ order_id: o.id, order_line_item_ids: all, package_id: packageId });
}

function updateShippingInfo(
  index: number,
  packageId: string,
  ctx: RouteContext,
  windowed: boolean,
): ApiAnswer {
  const body = TrackingBody.safeParse(ctx.body ?? {});
  if (!body.success) return invalidParam('tracking_number and shipping_provider_id are required.');
  const o = ctx.store.order(index);
  if (o.shipping_type !== 'SELLER') {
    return {
      code: 21011004,
      message: 'Not allowed for packages that are not shipped by the seller.',
    };
  }
  if (!SHIPPED.has(o.status))
    return { code: 21011030, message: 'Update not allowed: the package has not shipped.' };
  const extra = ctx.store.extra(index);
  const shippedAt = extra.shippedAt ?? o.update_time;
  if (windowed && ctx.nowSeconds - shippedAt > UPDATE_WINDOW_S) {
    return {
      code: 21011050,
      message: 'Shipping info can only be updated within 72 hours of shipping.',
    };
  }
  if (extra.trackingUpdates >= 1) {
    return { code: 21011051, message: 'Shipping info can only be updated once.' };
  }
  const checked = checkTracking(
    ctx,
    o,
    body.data.tracking_number,
    body.data.shipping_provider_id,
    packageId,
  );
  if ('answer' in checked) return checked.answer;
  ctx.store.mutate(index, ctx.nowSeconds, (order, x) => {
    setTracking(order, body.data.tracking_number, checked.provider);
    x.trackingUpdates += 1;
    x.shippedAt = shippedAt;
  });
  ctx.store.usedTracking.set(body.data.tracking_number.toUpperCase(), packageId);
  ctx.store.recordWrite({
    at: ctx.nowMs,
    kind: 'update-shipping-info',
    orderId: o.id,
    packageId,
    trackingNumber: body.data.tracking_number,
    shippingProviderId: checked.provider.id,
    handoverMethod: null,
    idempotencyKey: ctx.idempotencyKey,
  });
  return ok({});
}

const DOC_TYPES = new Set(['SHIPPING_LABEL', 'PACKING_SLIP', 'SHIPPING_LABEL_AND_PACKING_SLIP']);

function shippingDocuments(ctx: RouteContext): ApiAnswer {
  const found = findPackage(ctx);
  if (isAnswer(found)) return found;
  const type = ctx.query.document_type ?? '';
  if (!DOC_TYPES.has(type)) return invalidParam('document_type is missing or not supported here.');
  const size = ctx.query.document_size ?? 'A6';
  if (size !== 'A6' && size !== 'A5') return invalidParam('document_size must be A6 or A5.');
  const o = ctx.store.order(found.index);
  if (o.shipping_type !== 'TIKTOK') {
    return {
      code: 21008017,
      message: 'Shipping documents are only available for TikTok Shipping.',
    };
  }
  if (o.status === 'CANCELLED')
    return { code: 21023059, message: 'Package has already been cancelled.' };
  if (!SHIPPED.has(o.status)) {
    return {
      code: 21023035,
      message: 'Please arrange shipment before retrieving the shipping document.',
    };
  }
  if (ctx.faults.take(['label-not-ready'], ctx.method, ctx.path)) {
    return {
      code: 11034037,
      message: 'The label is still being generated by the logistics provider.',
    };
  }
  return ok({
    doc_url: ctx.docUrl(found.id, { document_type: type, document_size: size }),
    tracking_number: trackingOf(o).tracking,
  });
}

function tracking(ctx: RouteContext): ApiAnswer {
  const found = findOrder(ctx);
  if (isAnswer(found)) return found;
  const o = ctx.store.order(found.index);
  if (!SHIPPED.has(o.status)) return ok({ tracking: [] });
  const shippedAt = ctx.store.extra(found.index).shippedAt ?? o.update_time;
  const events = [{ description: 'Shipping label created', update_time_millis: shippedAt * 1000 }];
  if (o.status === 'IN_TRANSIT' || o.status === 'DELIVERED' || o.status === 'COMPLETED') {
    events.push({
      description: 'Picked up by carrier',
      update_time_millis: (shippedAt + 7200) * 1000,
    });
  }
  if (o.status === 'DELIVERED' || o.status === 'COMPLETED') {
    events.push({ description: 'Delivered', update_time_millis: (shippedAt + 172800) * 1000 });
  }
  return ok({ tracking: events.reverse() });
}

function providers(ctx: RouteContext): ApiAnswer {
  const list = PROVIDERS[ctx.params[0] ?? ''];
  if (!list) return invalidParam('delivery_option_id is unknown.');
  return ok({ shipping_providers: list });
}

const PKG = '(\\d{6,24})';
const ORD = '(\\d{6,24})';
export const fulfillmentRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^/fulfillment/202309/packages/${PKG}$`),
    write: false,
    handle: packageDetail,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/fulfillment/202309/packages/${PKG}/ship$`),
    write: true,
    handle: shipPackage,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/fulfillment/202309/orders/${ORD}/packages$`),
    write: true,
    handle: markShipped,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/fulfillment/202309/orders/${ORD}/shipping_info/update$`),
    write: true,
    handle: (ctx) => {
      const found = findOrder(ctx);
      if (isAnswer(found)) return found;
      const pkg = ctx.store.order(found.index).packages?.[0]?.id ?? '';
      return updateShippingInfo(found.index, pkg, ctx, true);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/fulfillment/202309/packages/${PKG}/shipping_info/update$`),
    write: true,
    handle: (ctx) => {
      const found = findPackage(ctx);
      return isAnswer(found) ? found : updateShippingInfo(found.index, found.id, ctx, false);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/fulfillment/202309/packages/${PKG}/shipping_documents$`),
    write: false,
    handle: shippingDocuments,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/fulfillment/202309/orders/${ORD}/tracking$`),
    write: false,
    handle: tracking,
  },
  {
    method: 'GET',
    pattern: /^\/logistics\/202309\/delivery_options\/(\d{6,24})\/shipping_providers$/,
    write: false,
    handle: providers,
  },
];
