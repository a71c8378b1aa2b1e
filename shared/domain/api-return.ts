import { z } from 'zod';

/**
 * A return, refund or replacement request in the TikTok Shop Open API wire shape
 * (`POST /return_refund/202309/returns/search` → `return_orders[]`; `tiktok-shop-api.md` §5.5,
 * §6.3). Snake_case, times in Unix seconds, amounts as decimal strings. Unknown fields pass; a
 * status or type the bench does not know is kept as text.
 */
const Str = z.string();

export const ApiReturnLineItem = z.looseObject({
  return_line_item_id: Str,
  order_line_item_id: Str.default(''),
  sku_id: Str.default(''),
  seller_sku: Str.default(''),
  product_name: Str.default(''),
  sku_name: Str.default(''),
});
export type ApiReturnLineItem = z.infer<typeof ApiReturnLineItem>;

export const ApiReturn = z.looseObject({
  return_id: Str.min(1),
  order_id: Str.min(1),
  return_type: Str,
  return_status: Str,
  role: Str.default(''),
  return_reason: Str.default(''),
  return_reason_text: Str.default(''),
  return_tracking_number: Str.default(''),
  return_provider_name: Str.default(''),
  create_time: z.number().int(),
  update_time: z.number().int(),
  seller_next_action_response: z
    .array(z.looseObject({ action: Str.default(''), deadline: z.number().int().optional() }))
    .default([]),
  return_line_items: z.array(ApiReturnLineItem).default([]),
  refund_amount: z
    .looseObject({ currency: Str.default(''), refund_total: Str.default('0') })
    .optional(),
});
export type ApiReturn = z.infer<typeof ApiReturn>;
export type ApiReturnInput = z.input<typeof ApiReturn>;
