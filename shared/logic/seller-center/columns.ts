/**
 * Seller Center order export columns, matched by header name (never by position).
 * The column set differs by market and changes over time (seller-center-files.md §2), so each
 * field lists every header variant seen; unknown headers are ignored.
 */
import { err, ok, type Result } from '#shared/utils/result';

/** The fields the bench reads from an export row. */
export const EXPORT_FIELDS = {
  orderId: ['Order ID', '订单号', '订单ID'],
  orderStatus: ['Order Status', '订单状态'],
  orderSubstatus: ['Order Substatus', '订单子状态'],
  cancelType: ['Cancelation/Return Type', 'Cancellation/Return Type', '取消/退货类型'],
  skuId: ['SKU ID'],
  sellerSku: ['Seller SKU', '商家sku'],
  productName: ['Product Name', '商品名称'],
  variation: ['Variation'],
  quantity: ['Quantity', '数量'],
  unitOriginalPrice: ['SKU Unit Original Price'],
  skuPlatformDiscount: ['SKU Platform Discount'],
  skuSellerDiscount: ['SKU Seller Discount'],
  skuSubtotalAfterDiscount: ['SKU Subtotal After Discount'],
  shippingFeeAfterDiscount: ['Shipping Fee After Discount'],
  taxes: ['Taxes'],
  orderAmount: ['Order Amount'],
  createdTime: ['Created Time', '订单创建时间'],
  paidTime: ['Paid Time'],
  rtsTime: ['RTS Time'],
  shippedTime: ['Shipped Time', '发货时间'],
  deliveredTime: ['Delivered Time'],
  cancelledTime: ['Cancelled Time', 'Canceled Time'],
  fulfillmentType: ['Fulfillment Type'],
  warehouseName: ['Warehouse Name'],
  trackingId: ['Tracking ID'],
  deliveryOptionType: ['Delivery Option Type'],
  deliveryOption: ['Delivery Option'],
  shippingProviderName: ['Shipping Provider Name'],
  buyerMessage: ['Buyer Message'],
  recipient: ['Recipient'],
  phone: ['Phone #', 'Phone'],
  country: ['Country'],
  state: ['State', 'Province'],
  city: ['City', 'Regency and City', 'Post Town'],
  district: ['District', 'Districts'],
  commune: ['Commune', 'Villages'],
  zipcode: ['Zipcode', 'Zip Code', 'Postcode'],
  addressLine1: ['Address Line 1'],
  addressLine2: ['Address Line 2'],
  detailAddress: ['Detail Address'],
  additionalAddress: ['Additional address information', 'Additional Address'],
  houseNameOrNumber: ['House Name or Number'],
  packageId: ['Package ID'],
  sellerNote: ['Seller Note'],
  shippingInformation: ['Shipping Information'],
} as const satisfies Record<string, readonly string[]>;

export type ExportField = keyof typeof EXPORT_FIELDS;

/** A file without these cannot be turned into orders; every other column is optional. */
export const REQUIRED_FIELDS = ['orderId', 'skuId', 'quantity'] as const satisfies ExportField[];

/** Header normalisation (§1 rule 1): BOM, tabs and outer spaces off, inner spaces collapsed, NFC, lower case. */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim()
    .toLowerCase();
}

const aliasIndex: ReadonlyMap<string, ExportField> = (() => {
  const index = new Map<string, ExportField>();
  for (const [field, names] of Object.entries(EXPORT_FIELDS) as [
    ExportField,
    readonly string[],
  ][]) {
    for (const name of names) index.set(normalizeHeader(name), field);
  }
  return index;
})();

/** Which column index holds each known field. */
export type ColumnMap = Partial<Record<ExportField, number>>;

export interface HeaderMatch {
  columns: ColumnMap;
  /** The header text as written in the file, per column index (for error reports). */
  headers: readonly string[];
  /** Headers the bench does not read (new columns appear over time). */
  ignored: string[];
}

export type HeaderError =
  { code: 'missing-columns'; missing: string[] } | { code: 'duplicate-column'; header: string };

/** Matches a header row by name. Fails only when a required column is missing. */
export function matchHeader(headerCells: readonly string[]): Result<HeaderMatch, HeaderError> {
  const columns: ColumnMap = {};
  const ignored: string[] = [];
  const headers = headerCells.map((h) => h.replace(/^\uFEFF/, '').trim());
  for (const [index, header] of headers.entries()) {
    const field = aliasIndex.get(normalizeHeader(header));
    if (field === undefined) {
      if (header !== '') ignored.push(header);
      continue;
    }
    if (columns[field] !== undefined) return err({ code: 'duplicate-column', header });
    columns[field] = index;
  }
  const missing = REQUIRED_FIELDS.filter((f) => columns[f] === undefined).map(
    (f) => EXPORT_FIELDS[f][0],
  );
  if (missing.length > 0) return err({ code: 'missing-columns', missing });
  return ok({ columns, headers, ignored });
}

/** True when a row looks like the export's header row (used to find it in XLSX sheets). */
export function isHeaderRow(cells: readonly string[]): boolean {
  return cells.some((c) => aliasIndex.get(normalizeHeader(c)) === 'orderId');
}

/** The canonical (English) header of a field, for messages. */
export function headerOf(field: ExportField, match?: HeaderMatch): string {
  const index = match?.columns[field];
  const written = index === undefined ? undefined : match?.headers[index];
  return written ?? EXPORT_FIELDS[field][0];
}
