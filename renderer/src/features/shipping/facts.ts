import type { OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import type { CarrierId, ShipmentFacts } from '#shared/logic/shipping/index';
import { CARRIER_NAMES } from '#shared/logic/shipping/index';

/** Packaging added to the goods' weight when no scale reading is available. */
export const PACKAGING_GRAMS = 150;

/** A standard box for the weight, until the packer measures (length × width × height, cm). */
export function defaultBox(grams: number): ShipmentFacts['dimensionsCm'] {
  if (grams <= 500) return { length: 22, width: 16, height: 6 };
  if (grams <= 2_000) return { length: 30, width: 22, height: 12 };
  return { length: 40, width: 30, height: 20 };
}

/** The facts the carrier rules need, from the order and its products (one line per unit). */
export function shipmentFacts(
  order: OrderRow,
  products: readonly ProductRow[],
  override: { weightGrams?: number } = {},
): ShipmentFacts {
  const bySku = new Map(products.map((p) => [p.id, p]));
  let grams = 0;
  const goods = { battery: false, liquid: false, fragile: false };
  for (const line of order.lines) {
    const p = bySku.get(line.skuId);
    grams += p?.weightGrams ?? 0;
    if (line.isDangerousGood || p?.handling.includes('battery')) goods.battery = true;
    if (p?.handling.includes('liquid')) goods.liquid = true;
    if (p?.handling.includes('fragile')) goods.fragile = true;
  }
  const weightGrams = override.weightGrams ?? grams + PACKAGING_GRAMS;
  const country = /^[A-Za-z]{2}$/.test(order.recipient.regionCode)
    ? order.recipient.regionCode.toUpperCase()
    : 'US';
  return {
    goods,
    weightGrams,
    dimensionsCm: defaultBox(weightGrams),
    destination: {
      country,
      region: order.recipient.districts[1] ?? '',
      postalCode: order.recipient.postalCode,
    },
    shippingType: order.shippingType,
  };
}

/**
 * The shop's shipping provider for a carrier of the rate table: by name ("DHL" matches
 * "DHL eCommerce"). Null when the order's delivery option offers no such provider.
 */
export function providerForCarrier(
  carrier: CarrierId,
  providers: readonly { id: string; name: string }[],
): { id: string; name: string } | null {
  const want = CARRIER_NAMES[carrier].toLowerCase();
  return (
    providers.find((p) => p.name.toLowerCase() === want) ??
    providers.find((p) => p.name.toLowerCase().startsWith(want)) ??
    providers.find((p) => want.startsWith(p.name.toLowerCase())) ??
    null
  );
}
