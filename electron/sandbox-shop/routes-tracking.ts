import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ApiOrderInput } from '#shared/domain/api-order';
import { findOrder, isAnswer, SHIPPED } from './fulfillment-rules';
import { fulfillmentRoutes } from './routes-fulfillment';
import {
  invalidParam,
  ok,
  pageSize,
  type ApiAnswer,
  type Route,
  type RouteContext,
} from './routes-types';
import type { SandboxStore } from './store';

/**
 * Parcel journeys, tracking and customer-service messaging of the sandbox shop.
 *
 * Every shipped practice order follows a deterministic journey (on time, slow, stuck, a failed
 * attempt then delivered, lost, returned), chosen from its id; its events appear as the sandbox's
 * clock passes them, counted from the ship time. The admin can give an order another journey and
 * move its ship time back (`POST /__admin/tracking/orders/{id}/journey`). Tracking
 * (`GET /fulfillment/202309/orders/{id}/tracking`, times in ms) and the package detail
 * (`package_status`, `package_sub_status`, `ship_exception_reason`, `delivery_time`) follow it.
 *
 * Messaging follows the Customer Service API (202309): `POST /customer_service/202309/conversations`
 * with `buyer_user_id` gives the buyer's conversation; `POST …/conversations/{id}/messages` with
 * `{type: 'TEXT', content: '{"content": "…"}'}` sends; `GET …/messages` lists them. Same signing,
 * scopes (`customer_service` can be denied with `/__admin/scopes`), faults and rate limit as every
 * route. `GET /__admin/messages` lists every message the shop received, with its idempotency key.
 */

export const JOURNEYS = [
  'on-time',
  'slow',
  'stuck',
  'failed-then-delivered',
  'lost',
  'returned',
] as const;
export type Journey = (typeof JOURNEYS)[number];

interface Step {
  /** Hours after the ship time. */
  h: number;
  en: string;
  zh: string;
}

const LABEL: Step = {
  h: 0,
  en: 'Shipping label created, awaiting item',
  zh: '已创建运单，等待揽收',
};
const PICKED: Step = { h: 2, en: 'Picked up by carrier', zh: '【深圳市】快件已揽收' };
const FACILITY: Step = {
  h: 20,
  en: 'Arrived at regional facility',
  zh: '快件已到达【转运中心】',
};
const DEPARTED: Step = { h: 30, en: 'Departed facility, in transit', zh: '快件已离开【转运中心】' };
const OUT: Step = { h: 60, en: 'Out for delivery', zh: '快递员正在派送中' };
const DELIVERED: Step = { h: 66, en: 'Delivered, front door', zh: '快件已签收，签收人：本人' };

const STEPS: Readonly<Record<Journey, readonly Step[]>> = {
  'on-time': [LABEL, PICKED, FACILITY, DEPARTED, OUT, DELIVERED],
  slow: [
    LABEL,
    { ...PICKED, h: 30 },
    { ...FACILITY, h: 80 },
    { ...DEPARTED, h: 130 },
    { ...OUT, h: 200 },
    { ...DELIVERED, h: 206 },
  ],
  stuck: [LABEL, PICKED, FACILITY],
  'failed-then-delivered': [
    LABEL,
    PICKED,
    FACILITY,
    DEPARTED,
    OUT,
    { h: 64, en: 'Delivery attempted - no one home', zh: '派送失败，无人签收' },
    { ...OUT, h: 84 },
    { ...DELIVERED, h: 88 },
  ],
  lost: [
    LABEL,
    PICKED,
    FACILITY,
    { h: 120, en: 'Parcel lost - cannot be located', zh: '快件丢失，正在核实' },
  ],
  returned: [
    LABEL,
    PICKED,
    FACILITY,
    DEPARTED,
    OUT,
    { h: 64, en: 'Delivery attempted - address problem', zh: '派送失败，地址错误' },
    { h: 90, en: 'Returned to sender', zh: '快件已退回发件人' },
  ],
};

export interface SandboxMessage {
  seq: number;
  messageId: string;
  conversationId: string;
  orderId: string;
  buyerUserId: string;
  text: string;
  /** Sandbox clock, ms. */
  at: number;
  idempotencyKey: string | null;
}

interface TrackingState {
  journeys: Map<number, Journey>;
  /** Order index → ship time (unix seconds) set by the admin. */
  shippedAt: Map<number, number>;
  messages: SandboxMessage[];
}

const states = new WeakMap<SandboxStore, TrackingState>();

export function trackingStateOf(store: SandboxStore): TrackingState {
  let s = states.get(store);
  if (!s) {
    s = { journeys: new Map(), shippedAt: new Map(), messages: [] };
    states.set(store, s);
  }
  return s;
}

/** The journey an order follows unless the admin chose one: a stable function of its id. */
export function defaultJourney(orderId: string): Journey {
  const n = createHash('sha256').update(orderId).digest()[0] ?? 0;
  const p = n / 256;
  if (p < 0.7) return 'on-time';
  if (p < 0.8) return 'slow';
  if (p < 0.86) return 'stuck';
  if (p < 0.93) return 'failed-then-delivered';
  if (p < 0.97) return 'lost';
  return 'returned';
}

/** Buyer user id of a practice order (the practice data's `user_id`: `76` + the order digits). */
export function orderIdOfBuyer(buyerUserId: string): string | null {
  return /^76\d{16}$/.test(buyerUserId) ? `57${buyerUserId.slice(2)}` : null;
}

function conversationIdOf(orderId: string): string {
  return `73${orderId.slice(2)}`;
}

interface JourneyView {
  journey: Journey;
  shippedAt: number;
  events: Array<{ description: string; update_time_millis: number }>;
  final: 'delivered' | 'lost' | 'returned' | null;
}

export function journeyOf(
  store: SandboxStore,
  index: number,
  o: ApiOrderInput,
  nowMs: number,
): JourneyView | null {
  if (!SHIPPED.has(o.status)) return null;
  const state = trackingStateOf(store);
  const journey = state.journeys.get(index) ?? defaultJourney(o.id);
  const shippedAt = state.shippedAt.get(index) ?? store.extra(index).shippedAt ?? o.update_time;
  // Half the practice orders speak Chinese carrier wording, so both tables are exercised.
  const zh = index % 2 === 1;
  const steps = STEPS[journey];
  const events = steps
    .map((s) => ({
      description: zh ? s.zh : s.en,
      update_time_millis: shippedAt * 1000 + s.h * 3_600_000,
    }))
    .filter((e) => e.update_time_millis <= nowMs);
  const shown = events.length;
  const lastStep = steps[steps.length - 1];
  const complete = shown === steps.length && lastStep !== undefined;
  const final = !complete
    ? null
    : journey === 'lost'
      ? 'lost'
      : journey === 'returned'
        ? 'returned'
        : journey === 'stuck'
          ? null
          : 'delivered';
  return { journey, shippedAt, events, final };
}

function tracking(ctx: RouteContext): ApiAnswer {
  const found = findOrder(ctx);
  if (isAnswer(found)) return found;
  const o = ctx.store.order(found.index);
  const view = journeyOf(ctx.store, found.index, o, ctx.nowMs);
  if (!view) return ok({ tracking: [] });
  return ok({ tracking: [...view.events].reverse() });
}

const baseDetail = fulfillmentRoutes.find(
  (r) => r.method === 'GET' && r.pattern.test('/fulfillment/202309/packages/1150000000000000000'),
);

/** The package detail of routes-fulfillment, with status fields that follow the journey. */
function packageDetail(ctx: RouteContext): ApiAnswer {
  if (!baseDetail) return { code: 36009003, message: 'Internal error.' };
  const answer = baseDetail.handle(ctx);
  if (answer.code !== 0) return answer;
  const index = ctx.store.packageIndex(ctx.params[0] ?? '');
  if (index === null) return answer;
  const o = ctx.store.order(index);
  const view = journeyOf(ctx.store, index, o, ctx.nowMs);
  if (!view || view.events.length < 2) return answer;
  const data = { ...(answer.data as Record<string, unknown>) };
  const lastAt = view.events.at(-1)?.update_time_millis ?? 0;
  if (view.final === 'delivered') {
    data.package_status = 'COMPLETED';
    data.package_sub_status = 'Delivery';
    data.delivery_time = Math.floor(lastAt / 1000);
  } else if (view.final === 'lost' || view.final === 'returned') {
    data.package_status = 'CANCELLED';
    data.package_sub_status = 'Ship_exception';
    data.ship_exception_reason = view.final === 'lost' ? 'PACKAGE_LOST' : 'RETURNED_TO_SHIPPER';
  } else {
    data.package_status = 'FULFILLING';
    data.package_sub_status = 'TTS';
  }
  return ok(data);
}

const ConversationBody = z.looseObject({ buyer_user_id: z.string().min(1) });
const MessageBody = z.looseObject({ type: z.string(), content: z.string() });
const MessageContent = z.looseObject({ content: z.string().min(1).max(2000) });

function createConversation(ctx: RouteContext): ApiAnswer {
  const body = ConversationBody.safeParse(ctx.body ?? {});
  if (!body.success) return invalidParam('buyer_user_id is required.');
  const orderId = orderIdOfBuyer(body.data.buyer_user_id);
  if (orderId === null || ctx.store.orderIndex(orderId) === null) {
    return { code: 12052004, message: 'The buyer does not exist or cannot be contacted.' };
  }
  return ok({ conversation_id: conversationIdOf(orderId) });
}

function orderOfConversation(ctx: RouteContext): string | null {
  const cid = ctx.params[0] ?? '';
  const orderId = /^73\d{16}$/.test(cid) ? `57${cid.slice(2)}` : null;
  return orderId !== null && ctx.store.orderIndex(orderId) !== null ? orderId : null;
}

function sendMessage(ctx: RouteContext): ApiAnswer {
  const orderId = orderOfConversation(ctx);
  if (orderId === null) return { code: 12052001, message: 'Conversation not found.' };
  const body = MessageBody.safeParse(ctx.body ?? {});
  if (!body.success || body.data.type !== 'TEXT') {
    return invalidParam('type must be TEXT and content a JSON string.');
  }
  let content: unknown;
  try {
    content = JSON.parse(body.data.content) as unknown;
  } catch {
    return invalidParam('content is not JSON.');
  }
  const text = MessageContent.safeParse(content);
  if (!text.success) return invalidParam('content.content must be 1 to 2000 characters.');
  const state = trackingStateOf(ctx.store);
  const seq = state.messages.length + 1;
  const message: SandboxMessage = {
    seq,
    messageId: `7${String(ctx.nowMs).padStart(13, '0')}${String(seq).padStart(5, '0')}`,
    conversationId: ctx.params[0] ?? '',
    orderId,
    buyerUserId: `76${orderId.slice(2)}`,
    text: text.data.content,
    at: ctx.nowMs,
    idempotencyKey: ctx.idempotencyKey,
  };
  state.messages.push(message);
  return ok({ message_id: message.messageId });
}

function listMessages(ctx: RouteContext): ApiAnswer {
  const orderId = orderOfConversation(ctx);
  if (orderId === null) return { code: 12052001, message: 'Conversation not found.' };
  const size = pageSize(ctx.query.page_size, 50, 20);
  if (size === null) return invalidParam('page_size must be 1 to 50.');
  const cid = ctx.params[0] ?? '';
  const mine = trackingStateOf(ctx.store)
    .messages.filter((m) => m.conversationId === cid)
    .reverse()
    .slice(0, size);
  return ok({
    messages: mine.map((m) => ({
      id: m.messageId,
      type: 'TEXT',
      content: JSON.stringify({ content: m.text }),
      create_time: Math.floor(m.at / 1000),
      sender: { role: 'SHOP', im_user_id: 'shop' },
    })),
    next_page_token: '',
  });
}

const ORD = '(\\d{6,24})';
export const trackingRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^/fulfillment/202309/orders/${ORD}/tracking$`),
    write: false,
    handle: tracking,
  },
  {
    method: 'GET',
    pattern: /^\/fulfillment\/202309\/packages\/(\d{6,24})$/,
    write: false,
    handle: packageDetail,
  },
  {
    method: 'POST',
    pattern: /^\/customer_service\/202309\/conversations$/,
    write: false,
    handle: createConversation,
  },
  {
    method: 'POST',
    pattern: /^\/customer_service\/202309\/conversations\/(\d{6,24})\/messages$/,
    write: true,
    handle: sendMessage,
  },
  {
    method: 'GET',
    pattern: /^\/customer_service\/202309\/conversations\/(\d{6,24})\/messages$/,
    write: false,
    handle: listMessages,
  },
];

const JourneyBody = z.strictObject({
  journey: z.enum(JOURNEYS),
  /** Move the ship time this many hours before now (so the journey has already happened). */
  shippedHoursAgo: z
    .number()
    .min(0)
    .max(24 * 90)
    .optional(),
});

/**
 * `/__admin/messages` and `/__admin/tracking/…` (already authenticated); null for other paths.
 */
export function handleTrackingAdmin(
  store: SandboxStore,
  method: string,
  path: string,
  body: unknown,
  nowSeconds: number,
): { status: number; body: unknown } | null {
  const state = trackingStateOf(store);
  if (method === 'GET' && path === '/__admin/messages') {
    return { status: 200, body: { messages: state.messages.map((m) => ({ ...m })) } };
  }
  const m = /^\/__admin\/tracking\/orders\/(\d{6,24})(\/journey)?$/.exec(path);
  if (!m) return null;
  const index = store.orderIndex(m[1] ?? '');
  if (index === null) return { status: 404, body: { ok: false, error: 'no such order' } };
  if (method === 'POST' && m[2]) {
    const parsed = JourneyBody.safeParse(body);
    if (!parsed.success) {
      return { status: 400, body: { ok: false, error: parsed.error.issues[0]?.message ?? 'bad' } };
    }
    state.journeys.set(index, parsed.data.journey);
    if (parsed.data.shippedHoursAgo !== undefined) {
      state.shippedAt.set(index, nowSeconds - Math.round(parsed.data.shippedHoursAgo * 3600));
    }
  } else if (method !== 'GET' || m[2]) {
    return { status: 404, body: { ok: false, error: `No admin endpoint ${method} ${path}` } };
  }
  const o = store.order(index);
  return { status: 200, body: { ok: true, view: journeyOf(store, index, o, nowSeconds * 1000) } };
}
