/**
 * Groups export rows (one per SKU line) into orders by Order ID. The export is not guaranteed to be
 * sorted, so drafts live in a Map until the end of the file. Order-level values (amounts, recipient,
 * address) repeat on every row: the first non-empty value wins and nothing is summed across rows,
 * except the per-line SKU amounts, which are per line by definition.
 */
import type { ExportRow } from './row';

/** The per-row (per SKU line) part of an export row. */
export interface SkuLineDraft {
  rowNumber: number;
  skuId: string;
  sellerSku: string;
  productName: string;
  variation: string;
  quantity: number;
  unitOriginalPrice: string;
  skuPlatformDiscount: string;
  skuSellerDiscount: string;
  skuSubtotalAfterDiscount: string | null;
  packageId: string;
  trackingId: string;
  shippingProviderName: string;
}

/** Order-level values: repeated on every row of the order in the export. */
export interface OrderDraft {
  orderId: string;
  firstRow: number;
  lines: SkuLineDraft[];
  orderStatus: string;
  cancelType: string;
  shippingFeeAfterDiscount: string | null;
  taxes: string | null;
  orderAmount: string | null;
  createdTime: number | null;
  paidTime: number | null;
  shippedTime: number | null;
  deliveredTime: number | null;
  cancelledTime: number | null;
  deliveryOptionType: string;
  deliveryOption: string;
  buyerMessage: string;
  sellerNote: string;
  recipient: string;
  phone: string;
  country: string;
  state: string;
  city: string;
  district: string;
  commune: string;
  zipcode: string;
  addressLine1: string;
  addressLine2: string;
  detailAddress: string;
  additionalAddress: string;
  houseNameOrNumber: string;
  shippingInformation: string;
}

function lineOf({ rowNumber, values: v, text: t }: ExportRow): SkuLineDraft {
  return {
    rowNumber,
    skuId: v.skuId,
    sellerSku: t.sellerSku,
    productName: t.productName,
    variation: t.variation,
    quantity: v.quantity,
    unitOriginalPrice: v.unitOriginalPrice,
    skuPlatformDiscount: v.skuPlatformDiscount,
    skuSellerDiscount: v.skuSellerDiscount,
    skuSubtotalAfterDiscount: v.skuSubtotalAfterDiscount,
    packageId: t.packageId,
    trackingId: t.trackingId,
    shippingProviderName: t.shippingProviderName,
  };
}

function draftOf(row: ExportRow): OrderDraft {
  const { values: v, text: t } = row;
  return {
    orderId: v.orderId,
    firstRow: row.rowNumber,
    lines: [lineOf(row)],
    orderStatus: t.orderStatus,
    cancelType: t.cancelType,
    shippingFeeAfterDiscount: v.shippingFeeAfterDiscount,
    taxes: v.taxes,
    orderAmount: v.orderAmount,
    createdTime: v.createdTime,
    paidTime: v.paidTime,
    shippedTime: v.shippedTime,
    deliveredTime: v.deliveredTime,
    cancelledTime: v.cancelledTime,
    deliveryOptionType: t.deliveryOptionType,
    deliveryOption: t.deliveryOption,
    buyerMessage: t.buyerMessage,
    sellerNote: t.sellerNote,
    recipient: t.recipient,
    phone: t.phone,
    country: t.country,
    state: t.state,
    city: t.city,
    district: t.district,
    commune: t.commune,
    zipcode: t.zipcode,
    addressLine1: t.addressLine1,
    addressLine2: t.addressLine2,
    detailAddress: t.detailAddress,
    additionalAddress: t.additionalAddress,
    houseNameOrNumber: t.houseNameOrNumber,
    shippingInformation: t.shippingInformation,
  };
}

type FillableKey = Exclude<keyof OrderDraft, 'orderId' | 'firstRow' | 'lines'>;

/** Fills order-level values that earlier rows left empty; never sums or overwrites. */
function fillEmpty(draft: OrderDraft, next: OrderDraft): void {
  const target = draft as unknown as Record<FillableKey, string | number | null>;
  const source = next as unknown as Record<FillableKey, string | number | null>;
  for (const key of Object.keys(next) as (keyof OrderDraft)[]) {
    if (key === 'orderId' || key === 'firstRow' || key === 'lines') continue;
    if ((target[key] === null || target[key] === '') && source[key] !== null) {
      target[key] = source[key];
    }
  }
}

/** Accumulates rows into order drafts; rows of one order may be anywhere in the file. */
export class OrderGrouper {
  private readonly drafts = new Map<string, OrderDraft>();
  private rowCount = 0;

  add(row: ExportRow): void {
    this.rowCount += 1;
    const existing = this.drafts.get(row.values.orderId);
    if (existing === undefined) {
      this.drafts.set(row.values.orderId, draftOf(row));
      return;
    }
    existing.lines.push(lineOf(row));
    fillEmpty(existing, draftOf(row));
  }

  get orderCount(): number {
    return this.drafts.size;
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Drafts in the order their first row appeared in the file. */
  *orders(): IterableIterator<OrderDraft> {
    yield* this.drafts.values();
  }
}
