/**
 * Bridge methods of tracking and buyer messages, merged into the one contract's method table
 * (`contract.ts`) by one line. Imports no values from `contract.ts` (that would be a cycle).
 */
import { z } from 'zod';

function returns<T>(): T {
  return undefined as T;
}

/** The shop's error classes (the same list as `SHOP_ERRORS` in contract.ts). */
const SHOP_ERRORS = [
  'not-connected',
  'auth',
  'rate-limited',
  'retryable',
  'permanent',
  'ambiguous',
  'already-done',
] as const;

const ShopId = z.string().regex(/^\d{1,30}$/, 'digits only');

export interface ShopParcel {
  /** The carrier's events as the shop sends them; times in milliseconds. */
  tracking: Array<{ description: string; update_time_millis: number }>;
  packageStatus: string;
  subStatus: string | null;
  exceptionReason: string | null;
  /** Epoch ms, when the package detail gives a delivered time. */
  deliveredAt: number | null;
}

/** A buyer message: plain text, as the buyer will read it (never markup). */
const MessageText = z.string().trim().min(1).max(2000);

export const trackingMethods = {
  /** GET …/orders/{order_id}/tracking and GET …/packages/{package_id}: one refresh of a parcel. */
  'shop.getParcel': {
    args: z.strictObject({ orderId: ShopId, packageId: ShopId }),
    ok: returns<ShopParcel>(),
    errors: SHOP_ERRORS,
  },
  /**
   * Sends a text to the order's buyer through the Customer Service API (the buyer's conversation,
   * then the message). `auth` with reason `missing-scope`: the shop has not granted messaging.
   */
  'shop.sendBuyerMessage': {
    args: z.strictObject({
      orderId: ShopId,
      text: MessageText,
      idempotencyKey: z.string().min(1).max(255),
    }),
    ok: returns<{ conversationId: string; messageId: string }>(),
    errors: SHOP_ERRORS,
  },
  /** Read-back of a send: did the buyer's conversation get exactly this text since `sinceMs`? */
  'shop.findBuyerMessage': {
    args: z.strictObject({
      orderId: ShopId,
      text: MessageText,
      sinceMs: z.number().int().min(0),
    }),
    ok: returns<{ found: boolean; messageId: string | null }>(),
    errors: SHOP_ERRORS,
  },
} as const;
