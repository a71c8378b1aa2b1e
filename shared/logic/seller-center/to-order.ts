/**
 * An order draft (grouped export rows) → the row the station stores. Quantities become one line per
 * unit, as the API sends them, so `lines.length` is the sum of the file's quantities. Masked values
 * (`(+60)123****89`, `J******* d********`) are kept exactly as written.
 */
import Decimal from 'decimal.js';
import {
  deriveFlags,
  type OrderLine,
  type OrderPackage,
  type OrderRow,
  type OrderStatus,
} from '#shared/domain/order';
import type { OrderDraft, SkuLineDraft } from './group';
import { regionCodeFor, type Market, type MarketFormat } from './values';

export interface ToOrderOptions {
  market: Market;
  format: MarketFormat;
  /** Import time (epoch ms), from the caller's clock: used as `updatedAt`. */
  importedAt: number;
}

/** Localised `Order Status` labels seen in exports (§2.5); matched case-insensitively. */
const STATUS_LABELS: Readonly<Record<string, OrderStatus>> = {
  unpaid: 'UNPAID',
  'on hold': 'ON_HOLD',
  'to ship': 'AWAITING_SHIPMENT',
  'awaiting shipment': 'AWAITING_SHIPMENT',
  'ready to ship': 'AWAITING_SHIPMENT',
  'awaiting collection': 'AWAITING_COLLECTION',
  'partially shipped': 'PARTIALLY_SHIPPING',
  shipped: 'IN_TRANSIT',
  'in transit': 'IN_TRANSIT',
  delivered: 'DELIVERED',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  canceled: 'CANCELLED',
  ที่จะจัดส่ง: 'AWAITING_SHIPMENT',
  รอเข้ารับ: 'AWAITING_COLLECTION',
  จัดส่งแล้ว: 'IN_TRANSIT',
  ยกเลิกแล้ว: 'CANCELLED',
  cancelado: 'CANCELLED',
  'não pago': 'UNPAID',
  'đã vận chuyển': 'IN_TRANSIT',
  'đã hủy': 'CANCELLED',
};

/**
 * Status from the localised label; a cancellation (type `Cancel` or a cancel time) always wins.
 * Unknown labels fall back to the time columns rather than failing the row.
 */
export function statusOf(
  draft: Pick<
    OrderDraft,
    'orderStatus' | 'cancelType' | 'cancelledTime' | 'deliveredTime' | 'shippedTime'
  >,
): OrderStatus {
  if (draft.cancelledTime !== null || draft.cancelType.toLowerCase() === 'cancel') {
    return 'CANCELLED';
  }
  const label = STATUS_LABELS[draft.orderStatus.normalize('NFC').toLowerCase()];
  if (label !== undefined) return label;
  if (draft.deliveredTime !== null) return 'DELIVERED';
  if (draft.shippedTime !== null) return 'IN_TRANSIT';
  return 'AWAITING_SHIPMENT';
}

function decimal(value: Decimal): string {
  return value.toFixed();
}

/** Per-unit share of a per-line amount, to 4 places when it does not divide evenly. */
function perUnit(amount: string, quantity: number): string {
  const share = new Decimal(amount).div(quantity);
  return decimal(share.decimalPlaces() > 4 ? share.toDecimalPlaces(4) : share);
}

/** The SKU line's amount after discounts; computed when the column is absent or empty. */
function lineSubtotal(line: SkuLineDraft): Decimal {
  if (line.skuSubtotalAfterDiscount !== null) return new Decimal(line.skuSubtotalAfterDiscount);
  return new Decimal(line.unitOriginalPrice)
    .mul(line.quantity)
    .minus(line.skuPlatformDiscount)
    .minus(line.skuSellerDiscount);
}

function unitsOf(draft: OrderDraft): OrderLine[] {
  const lines: OrderLine[] = [];
  for (const [lineIndex, line] of draft.lines.entries()) {
    const salePrice = perUnit(decimal(lineSubtotal(line)), line.quantity);
    const sellerDiscount = perUnit(line.skuSellerDiscount, line.quantity);
    const platformDiscount = perUnit(line.skuPlatformDiscount, line.quantity);
    for (let unit = 0; unit < line.quantity; unit += 1) {
      lines.push({
        id: `${draft.orderId}-${lineIndex + 1}-${unit + 1}`,
        skuId: line.skuId,
        sellerSku: line.sellerSku,
        productId: '',
        productName: line.productName,
        skuName: line.variation,
        salePrice,
        originalPrice: line.unitOriginalPrice,
        sellerDiscount,
        platformDiscount,
        packageId: line.packageId,
        isDangerousGood: false,
        isGift: false,
      });
    }
  }
  return lines;
}

function packagesOf(draft: OrderDraft): OrderPackage[] {
  const packages = new Map<string, OrderPackage>();
  for (const line of draft.lines) {
    if (line.packageId === '') continue;
    const pkg = packages.get(line.packageId) ?? {
      id: line.packageId,
      trackingNumber: '',
      shippingProviderId: '',
      shippingProviderName: '',
    };
    if (pkg.trackingNumber === '' && line.trackingId !== '') pkg.trackingNumber = line.trackingId;
    if (pkg.shippingProviderName === '' && line.shippingProviderName !== '') {
      pkg.shippingProviderName = line.shippingProviderName;
    }
    packages.set(line.packageId, pkg);
  }
  return [...packages.values()];
}

function sum(lines: readonly SkuLineDraft[], pick: (l: SkuLineDraft) => Decimal.Value): string {
  return decimal(lines.reduce((acc, l) => acc.plus(pick(l)), new Decimal(0)));
}

function recipientOf(draft: OrderDraft, market: Market): OrderRow['recipient'] {
  const addressLines = [
    draft.addressLine1,
    draft.addressLine2,
    draft.houseNameOrNumber,
    draft.detailAddress,
    draft.additionalAddress,
  ].filter((l) => l !== '');
  const districts = [draft.country, draft.state, draft.city, draft.district, draft.commune].filter(
    (d) => d !== '',
  );
  const locality = [draft.city, draft.district, draft.commune, draft.state]
    .filter((d) => d !== '')
    .join(', ');
  const composed = [...addressLines, [locality, draft.zipcode].filter((p) => p !== '').join(' ')]
    .concat(draft.country === '' ? [] : [draft.country])
    .filter((p) => p !== '')
    .join(', ');
  const fullAddress =
    addressLines.length > 0 || draft.shippingInformation === ''
      ? composed
      : draft.shippingInformation
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
          .join(', ');
  return {
    name: draft.recipient,
    phone: draft.phone,
    fullAddress,
    addressLines,
    postalCode: draft.zipcode,
    regionCode: regionCodeFor(draft.country, market),
    districts,
  };
}

/** Maps one grouped order. Pure: the import time comes from the caller. */
export function orderFromDraft(draft: OrderDraft, opts: ToOrderOptions): OrderRow {
  const status = statusOf(draft);
  const packages = packagesOf(draft);
  const recipient = recipientOf(draft, opts.market);
  const seller = draft.deliveryOptionType.toLowerCase();
  return {
    id: draft.orderId,
    status,
    createdAt: draft.createdTime ?? 0,
    updatedAt: opts.importedAt,
    paidAt: draft.paidTime ?? 0,
    // The export has no ship-by (SLA) column; 0 means unknown.
    shipBy: 0,
    recipient,
    lines: unitsOf(draft),
    packages,
    packageIds: packages.map((p) => p.id),
    trackingNumbers: packages.map((p) => p.trackingNumber).filter((t) => t !== ''),
    searchName: recipient.name.toLowerCase(),
    payment: {
      currency: opts.format.currency,
      subTotal: sum(draft.lines, lineSubtotal),
      shippingFee: draft.shippingFeeAfterDiscount ?? '0',
      sellerDiscount: sum(draft.lines, (l) => l.skuSellerDiscount),
      platformDiscount: sum(draft.lines, (l) => l.skuPlatformDiscount),
      tax: draft.taxes ?? '0',
      totalAmount: draft.orderAmount ?? '0',
    },
    shippingType: seller.includes('tiktok') || seller.includes('platform') ? 'TIKTOK' : 'SELLER',
    deliveryOptionId: '',
    deliveryOptionName: draft.deliveryOption,
    warehouseId: '',
    buyerMessage: draft.buyerMessage,
    sellerNote: draft.sellerNote,
    isOnHold: status === 'ON_HOLD',
    isBuyerRequestCancel: false,
    flags: deriveFlags({ status, isOnHold: status === 'ON_HOLD', isBuyerRequestCancel: false }),
    practice: false,
    source: 'file',
  };
}
