import { z } from 'zod';
import { OrderStatus } from './order';

/**
 * The subset of the TikTok Shop Open API (202309+) order object that the bench uses, in the wire
 * shape (snake_case, times in Unix seconds, amounts as decimal strings). Unknown fields pass.
 */
const Str = z.string();
const Money = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');

export const ApiLineItem = z.looseObject({
  id: Str,
  sku_id: Str,
  seller_sku: Str.default(''),
  product_id: Str,
  product_name: Str,
  sku_name: Str.default(''),
  sale_price: Money,
  original_price: Money,
  seller_discount: Money.default('0'),
  platform_discount: Money.default('0'),
  currency: Str,
  package_id: Str.default(''),
  tracking_number: Str.default(''),
  shipping_provider_id: Str.default(''),
  shipping_provider_name: Str.default(''),
  is_dangerous_good: z.boolean().default(false),
  is_gift: z.boolean().default(false),
});
export type ApiLineItem = z.infer<typeof ApiLineItem>;

export const ApiRecipientAddress = z.looseObject({
  name: Str.default(''),
  phone_number: Str.default(''),
  full_address: Str.default(''),
  address_line1: Str.optional(),
  address_line2: Str.optional(),
  address_line3: Str.optional(),
  address_line4: Str.optional(),
  postal_code: Str.default(''),
  region_code: Str.default(''),
  district_info: z
    .array(z.looseObject({ address_level_name: Str, address_name: Str, address_level: Str }))
    .default([]),
});
export type ApiRecipientAddress = z.infer<typeof ApiRecipientAddress>;

export const ApiOrder = z.looseObject({
  id: Str.min(1),
  status: OrderStatus,
  create_time: z.number().int(),
  update_time: z.number().int(),
  paid_time: z.number().int().default(0),
  rts_sla_time: z.number().int().default(0),
  shipping_type: z.enum(['TIKTOK', 'SELLER']),
  delivery_option_id: Str.default(''),
  delivery_option_name: Str.default(''),
  warehouse_id: Str.default(''),
  buyer_message: Str.default(''),
  seller_note: Str.default(''),
  is_on_hold_order: z.boolean().default(false),
  is_buyer_request_cancel: z.boolean().default(false),
  packages: z.array(z.looseObject({ id: Str })).default([]),
  /** Absent for UNPAID and ON_HOLD orders. */
  recipient_address: ApiRecipientAddress.optional(),
  payment: z.looseObject({
    currency: Str,
    sub_total: Money,
    shipping_fee: Money,
    seller_discount: Money.default('0'),
    platform_discount: Money.default('0'),
    tax: Money.default('0'),
    total_amount: Money,
  }),
  line_items: z.array(ApiLineItem).min(1),
});
export type ApiOrder = z.infer<typeof ApiOrder>;
/** What a generator or the sandbox shop writes before defaults are applied. */
export type ApiOrderInput = z.input<typeof ApiOrder>;
