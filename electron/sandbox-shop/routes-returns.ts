import { z } from 'zod';
import { ReturnDecision, RETURN_TYPES, type ReturnType } from '#shared/logic/returns/types';
import {
  createReturn,
  decide,
  REJECT_REASONS,
  returnsOf,
  wireReturn,
  buyerShips,
  buyerWithdraws,
} from './returns-store';
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
import type { SandboxStore } from './store';

/**
 * After-sales routes of the sandbox shop (`return_refund`, 202309; `tiktok-shop-api.md` §5.5):
 * search returns, records, reject reasons, aftersale eligibility, approve and reject with the
 * `idempotency_key` query parameter (signed like any other). Behind the same signing, faults and
 * rate limit as every route. Plus the admin endpoints under `/__admin/returns`.
 */

/** Practice requests opened on the first search: a few per type, on shipped practice orders. */
const SEED_SCAN = 3000;
const SEED_COUNT = 6;
const SEED_REASONS = [
  'ecom_order_delivered_refund_and_return_reason_damaged',
  'ecom_order_delivered_refund_and_return_reason_wrong_item',
  'ecom_order_delivered_refund_and_return_reason_no_longer_needed',
];
const seeded = new WeakSet<SandboxStore>();

function seed(ctx: RouteContext): void {
  if (seeded.has(ctx.store)) return;
  seeded.add(ctx.store);
  let made = 0;
  for (let i = 0; i < Math.min(SEED_SCAN, ctx.store.orderCount) && made < SEED_COUNT; i += 1) {
    const o = ctx.store.order(i);
    if (o.status !== 'AWAITING_COLLECTION' || i % 2 === 0) continue;
    const type = RETURN_TYPES[made % RETURN_TYPES.length] as ReturnType;
    createReturn(
      ctx.store,
      {
        orderId: o.id,
        type,
        reason: SEED_REASONS[made % SEED_REASONS.length] ?? 'other',
        stage:
          made >= 3 && type !== 'REFUND' && type !== 'REPLACEMENT' ? 'buyer-shipped' : 'pending',
        // One overdue, the others with time left.
        deadlineIn: made === 0 ? -3600 : (made + 1) * 6 * 3600,
      },
      ctx.nowSeconds - 3600,
    );
    made += 1;
  }
}

const SearchBody = z.looseObject({
  return_ids: z.array(z.string()).max(50).optional(),
  order_ids: z.array(z.string()).max(50).optional(),
  return_status: z.array(z.string()).optional(),
  return_types: z.array(z.enum(RETURN_TYPES)).optional(),
  create_time_ge: z.number().int().optional(),
  create_time_lt: z.number().int().optional(),
  update_time_ge: z.number().int().optional(),
  update_time_lt: z.number().int().optional(),
});

function searchReturns(ctx: RouteContext): ApiAnswer {
  seed(ctx);
  const size = pageSize(ctx.query.page_size, 50, 10);
  if (size === null) return invalidParam('page_size must be from 1 to 50.');
  const field = ctx.query.sort_field ?? 'create_time';
  if (field !== 'create_time' && field !== 'update_time') {
    return invalidParam('sort_field must be create_time or update_time.');
  }
  const dir = (ctx.query.sort_order ?? 'DESC') === 'ASC' ? 1 : -1;
  const f = SearchBody.safeParse(ctx.body ?? {});
  if (!f.success) return invalidParam(f.error.issues[0]?.message ?? 'body');
  const q = f.data;
  const list = [...returnsOf(ctx.store).byId.values()]
    .filter(
      (r) =>
        (!q.return_ids || q.return_ids.includes(r.return_id)) &&
        (!q.order_ids || q.order_ids.includes(r.order_id)) &&
        (!q.return_status || q.return_status.includes(r.return_status)) &&
        (!q.return_types || q.return_types.includes(r.return_type)) &&
        (q.create_time_ge === undefined || r.create_time >= q.create_time_ge) &&
        (q.create_time_lt === undefined || r.create_time < q.create_time_lt) &&
        (q.update_time_ge === undefined || r.update_time >= q.update_time_ge) &&
        (q.update_time_lt === undefined || r.update_time < q.update_time_lt),
    )
    .sort((a, b) => dir * (a[field] - b[field] || (a.return_id < b.return_id ? -1 : 1)));
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
    return_orders: list.slice(start, end).map(wireReturn),
    total_count: list.length,
    next_page_token: end < list.length ? encodePageToken({ o: end }) : '',
  });
}

function records(ctx: RouteContext): ApiAnswer {
  const r = returnsOf(ctx.store).byId.get(ctx.params[0] ?? '');
  if (!r)
    return { code: 36009004, message: `Invalid param error: return ${ctx.params[0]} not found.` };
  return ok({ records: r.records });
}

function rejectReasons(ctx: RouteContext): ApiAnswer {
  const id = ctx.query.return_or_cancel_id;
  if (!id) return invalidParam('return_or_cancel_id is required.');
  return ok({ reasons: REJECT_REASONS });
}

function eligibility(ctx: RouteContext): ApiAnswer {
  const index = ctx.store.orderIndex(ctx.params[0] ?? '');
  if (index === null)
    return { code: 21008111, message: 'Order does not belong to the current seller.' };
  const o = ctx.store.order(index);
  const eligible = ['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED'].includes(o.status);
  return ok({
    sku_eligibility: [...new Set(o.line_items.map((li) => li.sku_id))].map((sku) => ({
      sku_id: sku,
      line_item_eligibility: ['REFUND', 'RETURN_AND_REFUND'].map((t) => ({
        request_type: t,
        order_line_items_ids: o.line_items.filter((li) => li.sku_id === sku).map((li) => li.id),
        eligible,
        ...(eligible ? {} : { ineligible_reason: `Order is ${o.status}` }),
      })),
    })),
  });
}

const DecisionBody = z.looseObject({
  decision: ReturnDecision,
  reject_reason: z.string().max(200).optional(),
  comment: z.string().max(500).optional(),
});

function decision(approve: boolean) {
  return (ctx: RouteContext): ApiAnswer => {
    const key = ctx.query.idempotency_key;
    if (!key || key.length > 255) {
      return invalidParam('idempotency_key is required (at most 255 characters).');
    }
    const body = DecisionBody.safeParse(ctx.body ?? {});
    if (!body.success) return invalidParam(body.error.issues[0]?.message ?? 'body');
    if (body.data.decision.startsWith('APPROVE_') !== approve) {
      return invalidParam(`decision ${body.data.decision} does not belong to this endpoint.`);
    }
    const answer = decide(
      ctx.store,
      {
        returnId: ctx.params[0] ?? '',
        decision: body.data.decision,
        rejectReason: body.data.reject_reason ?? null,
        comment: body.data.comment ?? null,
        idempotencyKey: key,
      },
      ctx.nowSeconds,
      ctx.nowMs,
    );
    switch (answer.kind) {
      case 'applied':
      case 'replayed':
        return ok({});
      case 'not-found':
        return {
          code: 36009004,
          message: `Invalid param error: return ${ctx.params[0]} not found.`,
        };
      case 'key-reused':
        return invalidParam('idempotency_key was used with other parameters.');
      case 'bad-decision':
        return invalidParam(answer.message);
      case 'wrong-status':
        // Sandbox code (not from the official error table): the request is not waiting for this.
        return {
          code: 25010001,
          message: `The return status ${answer.status} does not allow this operation.`,
        };
    }
  };
}

export const returnRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/search$/,
    write: false,
    handle: searchReturns,
  },
  {
    method: 'GET',
    pattern: /^\/return_refund\/202309\/returns\/(\d{6,24})\/records$/,
    write: false,
    handle: records,
  },
  {
    method: 'GET',
    pattern: /^\/return_refund\/202309\/reject_reasons$/,
    write: false,
    handle: rejectReasons,
  },
  {
    method: 'GET',
    pattern: /^\/return_refund\/202309\/orders\/(\d{6,24})\/aftersale_eligibility$/,
    write: false,
    handle: eligibility,
  },
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/(\d{6,24})\/approve$/,
    write: true,
    handle: decision(true),
  },
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/(\d{6,24})\/reject$/,
    write: true,
    handle: decision(false),
  },
];

/* ---------------- admin ---------------- */

const NewReturnBody = z.strictObject({
  orderId: z.string().regex(/^\d{6,24}$/),
  type: z.enum(RETURN_TYPES),
  reason: z.string().min(1).max(200),
  reasonText: z.string().max(300).optional(),
  stage: z.enum(['pending', 'buyer-shipped']).optional(),
  lineItemIds: z.array(z.string()).max(100).optional(),
  trackingNumber: z
    .string()
    .regex(/^[A-Z0-9]{6,40}$/)
    .optional(),
  deadlineIn: z.number().int().optional(),
});
const ShipBody = z.strictObject({ trackingNumber: z.string().regex(/^[A-Z0-9]{6,40}$/) });

export interface AdminAnswer {
  status: number;
  body: unknown;
}

/**
 * `/__admin/returns…` (already authenticated): open a request, let the buyer ship it back or
 * withdraw it, and read every request and the log of applied decisions.
 */
export function handleReturnsAdmin(
  store: SandboxStore,
  method: string,
  path: string,
  body: unknown,
  nowSeconds: number,
): AdminAnswer {
  const state = returnsOf(store);
  if (method === 'GET' && path === '/__admin/returns/decisions') {
    return {
      status: 200,
      body: { decisions: state.decisions.map((d) => ({ ...d })), replays: state.replays },
    };
  }
  if (method === 'GET' && path === '/__admin/returns') {
    return { status: 200, body: { returns: [...state.byId.values()].map(wireReturn) } };
  }
  if (method === 'POST' && path === '/__admin/returns') {
    const parsed = NewReturnBody.safeParse(body);
    if (!parsed.success) {
      return {
        status: 400,
        body: { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid' },
      };
    }
    const { lineItemIds, reasonText, stage, trackingNumber, deadlineIn, ...rest } = parsed.data;
    const r = createReturn(
      store,
      {
        ...rest,
        ...(lineItemIds ? { lineItemIds } : {}),
        ...(reasonText ? { reasonText } : {}),
        ...(stage ? { stage } : {}),
        ...(trackingNumber ? { trackingNumber } : {}),
        ...(deadlineIn !== undefined ? { deadlineIn } : {}),
      },
      nowSeconds,
    );
    if (typeof r === 'string') return { status: 404, body: { ok: false, error: r } };
    return { status: 200, body: { ok: true, return: wireReturn(r) } };
  }
  const m = /^\/__admin\/returns\/(\d{6,24})\/(buyer-ship|buyer-withdraw)$/.exec(path);
  if (method === 'POST' && m?.[1]) {
    if (m[2] === 'buyer-withdraw') {
      const e = buyerWithdraws(store, m[1], nowSeconds);
      return e
        ? { status: 409, body: { ok: false, error: e } }
        : { status: 200, body: { ok: true } };
    }
    const parsed = ShipBody.safeParse(body);
    if (!parsed.success)
      return { status: 400, body: { ok: false, error: 'expected {"trackingNumber": "…"}' } };
    const e = buyerShips(store, m[1], parsed.data.trackingNumber, nowSeconds);
    return e ? { status: 409, body: { ok: false, error: e } } : { status: 200, body: { ok: true } };
  }
  return { status: 404, body: { ok: false, error: `No admin endpoint ${method} ${path}` } };
}
