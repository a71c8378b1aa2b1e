import type { ApiOrder } from '../domain/api-order';
import { deriveFlags, type OrderFlag, type OrderPackage, type OrderRow } from '../domain/order';

const SECONDS = 1000;

/** Maps a validated API order to the row the station stores. Pure; keeps masked values as given. */
export function orderFromApi(
  api: ApiOrder,
  opts: { practice: boolean; source: OrderRow['source']; extraFlags?: readonly OrderFlag[] },
): OrderRow {
  const addr = api.recipient_address;
  const packages = new Map<string, OrderPackage>();
  for (const pkg of api.packages) {
    packages.set(pkg.id, {
      id: pkg.id,
      trackingNumber: '',
      shippingProviderId: '',
      shippingProviderName: '',
    });
  }
  for (const li of api.line_items) {
    if (!li.package_id) continue;
    const pkg = packages.get(li.package_id) ?? {
      id: li.package_id,
      trackingNumber: '',
      shippingProviderId: '',
      shippingProviderName: '',
    };
    if (li.tracking_number) pkg.trackingNumber = li.tracking_number;
    if (li.shipping_provider_id) pkg.shippingProviderId = li.shipping_provider_id;
    if (li.shipping_provider_name) pkg.shippingProviderName = li.shipping_provider_name;
    packages.set(li.package_id, pkg);
  }
  const pkgList = [...packages.values()];
  const name = addr?.name ?? '';
  const status = api.status;
  return {
    id: api.id,
    status,
    createdAt: api.create_time * SECONDS,
    updatedAt: api.update_time * SECONDS,
    paidAt: api.paid_time * SECONDS,
    shipBy: api.rts_sla_time * SECONDS,
    recipient: {
      name,
      phone: addr?.phone_number ?? '',
      fullAddress: addr?.full_address ?? '',
      addressLines: [
        addr?.address_line1,
        addr?.address_line2,
        addr?.address_line3,
        addr?.address_line4,
      ].filter((l): l is string => typeof l === 'string' && l.length > 0),
      postalCode: addr?.postal_code ?? '',
      regionCode: addr?.region_code ?? '',
      districts: (addr?.district_info ?? []).map((d) => d.address_name),
    },
    lines: api.line_items.map((li) => ({
      id: li.id,
      skuId: li.sku_id,
      sellerSku: li.seller_sku,
      productId: li.product_id,
      productName: li.product_name,
      skuName: li.sku_name,
      salePrice: li.sale_price,
      originalPrice: li.original_price,
      sellerDiscount: li.seller_discount,
      platformDiscount: li.platform_discount,
      packageId: li.package_id,
      isDangerousGood: li.is_dangerous_good,
      isGift: li.is_gift,
    })),
    packages: pkgList,
    packageIds: pkgList.map((p) => p.id),
    trackingNumbers: pkgList.map((p) => p.trackingNumber).filter((t) => t.length > 0),
    searchName: name.toLowerCase(),
    payment: {
      currency: api.payment.currency,
      subTotal: api.payment.sub_total,
      shippingFee: api.payment.shipping_fee,
      sellerDiscount: api.payment.seller_discount,
      platformDiscount: api.payment.platform_discount,
      tax: api.payment.tax,
      totalAmount: api.payment.total_amount,
    },
    shippingType: api.shipping_type,
    deliveryOptionId: api.delivery_option_id,
    deliveryOptionName: api.delivery_option_name,
    warehouseId: api.warehouse_id,
    buyerMessage: api.buyer_message,
    sellerNote: api.seller_note,
    isOnHold: api.is_on_hold_order,
    isBuyerRequestCancel: api.is_buyer_request_cancel,
    flags: deriveFlags(
      { status, isOnHold: api.is_on_hold_order, isBuyerRequestCancel: api.is_buyer_request_cancel },
      opts.extraFlags ?? [],
    ),
    practice: opts.practice,
    source: opts.source,
  };
}
