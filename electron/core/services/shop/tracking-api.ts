import { z } from 'zod';
import { err, ok } from '#shared/utils/result';
import { localError, type ShopClient, type ShopResult } from './client';

/**
 * Tracking and buyer messaging endpoints (`tiktok-shop-api.md` §5.3; Customer Service API 202309,
 * see the README's "Messages to buyers" for what was verified): the order's tracking events, the
 * package detail's status fields, the buyer's conversation and sending a text into it.
 */

const TrackingData = z.looseObject({
  tracking: z
    .array(z.looseObject({ description: z.string(), update_time_millis: z.number() }))
    .default([]),
});
const PackageData = z.looseObject({
  id: z.string(),
  package_status: z.string(),
  package_sub_status: z.string().optional(),
  ship_exception_reason: z.string().optional(),
  /** Unix seconds, when delivered (not in every market's answer). */
  delivery_time: z.number().optional(),
  tracking_number: z.string().default(''),
  shipping_provider_name: z.string().default(''),
});
const BuyerData = z.looseObject({
  orders: z.array(z.looseObject({ id: z.string(), user_id: z.string().optional() })).default([]),
});
const ConversationData = z.looseObject({ conversation_id: z.string().min(1) });
const SentData = z.looseObject({ message_id: z.string().min(1) });
const MessagesData = z.looseObject({
  messages: z
    .array(
      z.looseObject({
        id: z.string(),
        type: z.string(),
        content: z.string(),
        create_time: z.number(),
        sender: z.looseObject({ role: z.string() }).optional(),
      }),
    )
    .default([]),
});

export interface ParcelSnapshot {
  tracking: Array<{ description: string; update_time_millis: number }>;
  packageStatus: string;
  subStatus: string | null;
  exceptionReason: string | null;
  /** Epoch ms. */
  deliveredAt: number | null;
}

/** The text of a TEXT message's `content` (a JSON string `{"content": "…"}`), or null. */
export function textOf(content: string): string | null {
  try {
    const parsed = JSON.parse(content) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'content' in parsed
      ? String(parsed.content)
      : null;
  } catch {
    return null;
  }
}

export function createTrackingApi(client: ShopClient) {
  const id = (v: string) => encodeURIComponent(v);

  async function conversationFor(orderId: string): Promise<ShopResult<string>> {
    const order = await client.call({
      method: 'GET',
      path: '/order/202309/orders',
      query: { ids: [orderId] },
      write: false,
      data: BuyerData,
    });
    if (!order.ok) return order;
    const buyer = order.value.orders.find((o) => o.id === orderId)?.user_id;
    if (!buyer) {
      return err(
        localError('not-found', 'permanent', `Order ${orderId} names no buyer to write to`),
      );
    }
    const conv = await client.call({
      method: 'POST',
      path: '/customer_service/202309/conversations',
      body: { buyer_user_id: buyer },
      // Opening a conversation returns the existing one: safe to repeat.
      write: false,
      data: ConversationData,
    });
    return conv.ok ? ok(conv.value.conversation_id) : conv;
  }

  return {
    /** Tracking events and the package's status fields, in two reads. */
    async getParcel(orderId: string, packageId: string): Promise<ShopResult<ParcelSnapshot>> {
      const t = await client.call({
        method: 'GET',
        path: `/fulfillment/202309/orders/${id(orderId)}/tracking`,
        write: false,
        data: TrackingData,
      });
      if (!t.ok) return t;
      const p = await client.call({
        method: 'GET',
        path: `/fulfillment/202309/packages/${id(packageId)}`,
        write: false,
        data: PackageData,
      });
      if (!p.ok) return p;
      return ok({
        tracking: t.value.tracking.map((e) => ({
          description: e.description,
          update_time_millis: e.update_time_millis,
        })),
        packageStatus: p.value.package_status,
        subStatus: p.value.package_sub_status ?? null,
        exceptionReason: p.value.ship_exception_reason ?? null,
        deliveredAt: p.value.delivery_time ? p.value.delivery_time * 1000 : null,
      });
    },

    /** Sends `text` to the order's buyer: the write is the last call. */
    async sendBuyerMessage(orderId: string, text: string, idempotencyKey: string) {
      const conv = await conversationFor(orderId);
      if (!conv.ok) return conv;
      const sent = await client.call({
        method: 'POST',
        path: `/customer_service/202309/conversations/${id(conv.value)}/messages`,
        body: { type: 'TEXT', content: JSON.stringify({ content: text }) },
        write: true,
        data: SentData,
        headers: { 'x-packbench-idempotency-key': idempotencyKey },
      });
      return sent.ok ? ok({ conversationId: conv.value, messageId: sent.value.message_id }) : sent;
    },

    /** Read-back: a message from the shop with exactly this text, sent at or after `sinceMs`. */
    async findBuyerMessage(orderId: string, text: string, sinceMs: number) {
      const conv = await conversationFor(orderId);
      if (!conv.ok) return conv;
      const list = await client.call({
        method: 'GET',
        path: `/customer_service/202309/conversations/${id(conv.value)}/messages`,
        query: { page_size: 50 },
        write: false,
        data: MessagesData,
      });
      if (!list.ok) return list;
      const since = Math.floor(sinceMs / 1000) - 60;
      const match = list.value.messages.find(
        (m) =>
          m.type === 'TEXT' &&
          (m.sender?.role ?? 'SHOP') !== 'BUYER' &&
          m.create_time >= since &&
          textOf(m.content) === text,
      );
      return ok({ found: match !== undefined, messageId: match?.id ?? null });
    },
  };
}
export type TrackingApi = ReturnType<typeof createTrackingApi>;
