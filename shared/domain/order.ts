import { z } from 'zod';

/** Order statuses as the TikTok Shop Open API (202309+) spells them. */
export const ORDER_STATUSES = [
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Why an order must not simply be packed and shipped. Shown as badges in the queue. */
export const ORDER_FLAGS = [
  'stop-ship', // cancelled upstream, or a buyer cancel request is open
  'cancel-requested',
  'on-hold', // in the buyer's free-cancel window: do not ship yet
  'address-changed', // re-check the address before sealing
] as const;
export const OrderFlag = z.enum(ORDER_FLAGS);
export type OrderFlag = z.infer<typeof OrderFlag>;

/** A decimal amount kept as a string, exactly as the API sends it (never a binary float). */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');

export const Recipient = z.object({
  name: z.string(),
  phone: z.string(),
  fullAddress: z.string(),
  addressLines: z.array(z.string()),
  postalCode: z.string(),
  regionCode: z.string(),
  /** District names from the largest (country) to the smallest. */
  districts: z.array(z.string()),
});
export type Recipient = z.infer<typeof Recipient>;

/** One unit of one SKU: the API has no quantity field, three units are three lines. */
export const OrderLine = z.object({
  id: z.string(),
  skuId: z.string(),
  sellerSku: z.string(),
  productId: z.string(),
  productName: z.string(),
  skuName: z.string(),
  salePrice: DecimalString,
  originalPrice: DecimalString,
  sellerDiscount: DecimalString,
  platformDiscount: DecimalString,
  packageId: z.string(),
  isDangerousGood: z.boolean(),
  isGift: z.boolean(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderPackage = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  shippingProviderId: z.string(),
  shippingProviderName: z.string(),
});
export type OrderPackage = z.infer<typeof OrderPackage>;

export const Payment = z.object({
  currency: z.string(),
  subTotal: DecimalString,
  shippingFee: DecimalString,
  sellerDiscount: DecimalString,
  platformDiscount: DecimalString,
  tax: DecimalString,
  totalAmount: DecimalString,
});
export type Payment = z.infer<typeof Payment>;

export const ShippingType = z.enum(['TIKTOK', 'SELLER']);
export type ShippingType = z.infer<typeof ShippingType>;

/** An order as the station stores it. Plain, JSON-safe data; times are epoch milliseconds. */
export const OrderRow = z.object({
  id: z.string().min(1),
  status: OrderStatus,
  createdAt: z.number(),
  updatedAt: z.number(),
  paidAt: z.number(),
  /** Latest time to ship (rts_sla_time). */
  shipBy: z.number(),
  recipient: Recipient,
  lines: z.array(OrderLine),
  packages: z.array(OrderPackage),
  /** Denormalised for multi-entry indexes. */
  packageIds: z.array(z.string()),
  trackingNumbers: z.array(z.string()),
  /** Lower-cased recipient name, for prefix search. */
  searchName: z.string(),
  payment: Payment,
  shippingType: ShippingType,
  deliveryOptionId: z.string(),
  deliveryOptionName: z.string(),
  warehouseId: z.string(),
  buyerMessage: z.string(),
  sellerNote: z.string(),
  isOnHold: z.boolean(),
  isBuyerRequestCancel: z.boolean(),
  flags: z.array(OrderFlag),
  /** Orders from the practice shop are never mixed with real ones. */
  practice: z.boolean(),
  /** Where the order came from: the shop API, a Seller Center file, or the practice shop. */
  source: z.enum(['api', 'file', 'practice']),
  /** A replacement made at the bench (reship): the original order's id, and why. */
  replacementOf: z.string().min(1).optional(),
  replacementReason: z.string().optional(),
});
export type OrderRow = z.infer<typeof OrderRow>;

/** Quantities per SKU, computed from one-line-per-unit line items. */
export interface SkuQuantity {
  skuId: string;
  sellerSku: string;
  productName: string;
  skuName: string;
  quantity: number;
}

export function quantitiesBySku(lines: readonly OrderLine[]): SkuQuantity[] {
  const bySku = new Map<string, SkuQuantity>();
  for (const line of lines) {
    const existing = bySku.get(line.skuId);
    if (existing) {
      existing.quantity += 1;
    } else {
      bySku.set(line.skuId, {
        skuId: line.skuId,
        sellerSku: line.sellerSku,
        productName: line.productName,
        skuName: line.skuName,
        quantity: 1,
      });
    }
  }
  return [...bySku.values()];
}

/** Flags follow from status and request state; recomputed on every write. */
export function deriveFlags(
  order: Pick<OrderRow, 'status' | 'isOnHold' | 'isBuyerRequestCancel'>,
  extra: readonly OrderFlag[] = [],
): OrderFlag[] {
  const flags = new Set<OrderFlag>(extra);
  if (order.status === 'CANCELLED' || order.isBuyerRequestCancel) flags.add('stop-ship');
  if (order.isBuyerRequestCancel) flags.add('cancel-requested');
  if (order.status === 'ON_HOLD' || order.isOnHold) flags.add('on-hold');
  return ORDER_FLAGS.filter((f) => flags.has(f));
}
