import { z } from 'zod';
import { OrderStatus } from '#shared/domain/order';
import type { IndexRow } from './store';
import {
  decodePageToken,
  encodePageToken,
  invalidParam,
  ok,
  pageSize,
  type ApiAnswer,
  type Route,
  type RouteContext,
} from './routes-types';

/** Order search and detail, authorized shops, cancellation search (`tiktok-shop-api.md` §5). */

const OrderFilter = z.looseObject({
  order_status: OrderStatus.optional(),
  create_time_ge: z.number().int().optional(),
  create_time_lt: z.number().int().optional(),
  update_time_ge: z.number().int().optional(),
  update_time_lt: z.number().int().optional(),
  shipping_type: z.enum(['TIKTOK', 'SELLER', 'TIKTOK_DIGITAL']).optional(),
  is_buyer_request_cancel: z.boolean().optional(),
});
type OrderFilter = z.infer<typeof OrderFilter>;

const Cursor = z.object({ v: z.number(), id: z.string() });

function matches(row: IndexRow, f: OrderFilter): boolean {
  if (f.order_status !== undefined && row.status !== f.order_status) return false;
  if (f.create_time_ge !== undefined && row.create_time < f.create_time_ge) return false;
  if (f.create_time_lt !== undefined && row.create_time >= f.create_time_lt) return false;
  if (f.update_time_ge !== undefined && row.update_time < f.update_time_ge) return false;
  if (f.update_time_lt !== undefined && row.update_time >= f.update_time_lt) return false;
  if (f.shipping_type !== undefined && row.shipping_type !== f.shipping_type) return false;
  if (
    f.is_buyer_request_cancel !== undefined &&
    row.is_buyer_request_cancel !== f.is_buyer_request_cancel
  ) {
    return false;
  }
  return true;
}

function searchOrders(ctx: RouteContext): ApiAnswer {
  const size = pageSize(ctx.query.page_size, 100);
  if (size === null) return invalidParam('page_size is required and must be from 1 to 100.');
  const field = ctx.query.sort_field ?? 'create_time';
  if (field !== 'create_time' && field !== 'update_time') {
    return invalidParam('sort_field must be create_time or update_time.');
  }
  const order = ctx.query.sort_order ?? 'DESC';
  if (order !== 'ASC' && order !== 'DESC') return invalidParam('sort_order must be ASC or DESC.');
  const filter = OrderFilter.safeParse(ctx.body ?? {});
  if (!filter.success) return invalidParam(filter.error.issues[0]?.message ?? 'body');
  const dir = order === 'ASC' ? 1 : -1;
  const cmp = (av: number, aid: string, bv: number, bid: string) =>
    dir * (av - bv || (aid < bid ? -1 : aid > bid ? 1 : 0));
  const key = JSON.stringify({ f: filter.data, field, order });
  const rows = ctx.store.view(key, (all) =>
    all.filter((r) => matches(r, filter.data)).sort((a, b) => cmp(a[field], a.id, b[field], b.id)),
  );
  // Keyset cursor: the first row strictly after the last one served (binary search).
  let start = 0;
  if (ctx.query.page_token) {
    const cursor = Cursor.safeParse(decodePageToken(ctx.query.page_token));
    if (!cursor.success) return invalidParam('page_token is invalid.');
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = rows[mid];
      if (r && cmp(r[field], r.id, cursor.data.v, cursor.data.id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = rows.slice(start, start + size);
  const last = page.at(-1);
  const more = start + size < rows.length && last !== undefined;
  return ok({
    orders: page.map((r) => ctx.store.order(r.index)),
    total_count: rows.length,
    next_page_token: more ? encodePageToken({ v: last[field], id: last.id }) : '',
  });
}

function orderDetail(ctx: RouteContext): ApiAnswer {
  const ids = (ctx.query.ids ?? '').split(',').filter((s) => s.length > 0);
  if (ids.length === 0) return invalidParam('ids is required.');
  if (ids.length > 50) return invalidParam(`ids accepts at most 50 order ids, got ${ids.length}.`);
  const orders = [];
  for (const id of ids) {
    const index = ctx.store.orderIndex(id);
    if (index === null) {
      return { code: 21008111, message: `Order ${id} does not belong to the current seller.` };
    }
    orders.push(ctx.store.order(index));
  }
  return ok({ orders });
}

function authorizedShops(ctx: RouteContext): ApiAnswer {
  return ok({
    shops: [
      {
        id: ctx.shop.id,
        name: ctx.shop.name,
        region: ctx.shop.region,
        seller_type: 'LOCAL',
        cipher: ctx.shop.cipher,
        code: 'USLCPBSANDBOX',
      },
    ],
  });
}

const CancelFilter = z.looseObject({
  order_ids: z.array(z.string()).max(50).optional(),
  cancel_ids: z.array(z.string()).max(50).optional(),
  cancel_status: z.array(z.string()).optional(),
  cancel_types: z.array(z.enum(['CANCEL', 'BUYER_CANCEL'])).optional(),
  create_time_ge: z.number().int().optional(),
  create_time_lt: z.number().int().optional(),
  update_time_ge: z.number().int().optional(),
  update_time_lt: z.number().int().optional(),
});

function searchCancellations(ctx: RouteContext): ApiAnswer {
  const size = pageSize(ctx.query.page_size, 50, 10);
  if (size === null) return invalidParam('page_size must be from 1 to 50.');
  const f = CancelFilter.safeParse(ctx.body ?? {});
  if (!f.success) return invalidParam(f.error.issues[0]?.message ?? 'body');
  const q = f.data;
  const list = ctx.store.cancellations.filter(
    (c) =>
      (!q.order_ids || q.order_ids.includes(c.order_id)) &&
      (!q.cancel_ids || q.cancel_ids.includes(c.cancel_id)) &&
      (!q.cancel_status || q.cancel_status.includes(c.cancel_status)) &&
      (!q.cancel_types || q.cancel_types.includes(c.cancel_type)) &&
      (q.create_time_ge === undefined || c.create_time >= q.create_time_ge) &&
      (q.create_time_lt === undefined || c.create_time < q.create_time_lt) &&
      (q.update_time_ge === undefined || c.update_time >= q.update_time_ge) &&
      (q.update_time_lt === undefined || c.update_time < q.update_time_lt),
  );
  let start = 0;
  if (ctx.query.page_token) {
    const at = z
      .object({ o: z.number().int().min(0) })
      .safeParse(decodePageToken(ctx.query.page_token));
    if (!at.success) return invalidParam('page_token is invalid.');
    start = at.data.o;
  }
  const end = start + size;
  return ok({
    cancellations: list.slice(start, end),
    total_count: list.length,
    next_page_token: end < list.length ? encodePageToken({ o: end }) : '',
  });
}

export const orderRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/order\/202309\/orders\/search$/,
    write: false,
    handle: searchOrders,
  },
  {
    method: 'GET',
    pattern: /^\/order\/(?:202309|202507)\/orders$/,
    write: false,
    handle: orderDetail,
  },
  {
    method: 'GET',
    pattern: /^\/authorization\/202309\/shops$/,
    write: false,
    handle: authorizedShops,
  },
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/cancellations\/search$/,
    write: false,
    handle: searchCancellations,
  },
];
