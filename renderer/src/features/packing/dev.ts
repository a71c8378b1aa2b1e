/**
 * Dev-only helpers (exposed as `window.__packbench.packing` with `?dev=1`) for benches and e2e:
 * a large order made of practice catalog SKUs, and the controller and store for inspection.
 */
import type { OrderLine, OrderRow } from '#shared/domain/order';
import type { Repositories } from '../../data/repositories';
import { packingStore } from '../../stores/packing-store';
import { packControllerFor } from './use-pack-controller';

export interface BenchOrder {
  orderId: string;
  /** One barcode per unit, in the order the bench scans them. */
  barcodes: string[];
  skus: number;
}

/**
 * Inserts an order with `units` line items (one per unit, as the API sends them) over `skus`
 * practice SKUs that have a GTIN and plenty of stock. Amounts reconcile; ship-by is tomorrow.
 */
export async function createBenchOrder(
  repos: Repositories,
  opts: { units?: number; skus?: number; now: number; id?: string },
): Promise<BenchOrder> {
  const units = opts.units ?? 50;
  const catalog = await repos.packing.catalog();
  const stock = await repos.packing.stockMap(catalog.map((p) => p.id));
  const usable = catalog.filter(
    (p) =>
      p.barcodes.some((b) => /^\d{12,13}$/.test(b)) && (stock.get(p.id)?.onHand ?? 0) >= units * 4,
  );
  const chosen = usable.slice(0, opts.skus ?? 10);
  if (chosen.length === 0) throw new Error('no practice SKUs with barcodes and stock');
  const id = opts.id ?? `59${String(opts.now).padStart(16, '0').slice(-16)}`;
  const packageId = `9${id}`;
  const lines: OrderLine[] = [];
  const barcodes: string[] = [];
  for (let i = 0; i < units; i += 1) {
    const p = chosen[i % chosen.length];
    if (!p) continue;
    lines.push({
      id: `${id}-${i}`,
      skuId: p.id,
      sellerSku: p.sellerSku,
      productId: p.productId,
      productName: p.productName,
      skuName: p.skuName,
      salePrice: '1.00',
      originalPrice: '1.00',
      sellerDiscount: '0.00',
      platformDiscount: '0.00',
      packageId,
      isDangerousGood: p.handling.includes('battery'),
      isGift: false,
    });
    barcodes.push(p.barcodes.find((b) => /^\d{12,13}$/.test(b)) ?? p.sellerSku);
  }
  const total = `${units}.00`;
  const order: OrderRow = {
    id,
    status: 'AWAITING_SHIPMENT',
    createdAt: opts.now - 3_600_000,
    updatedAt: opts.now,
    paidAt: opts.now - 3_500_000,
    shipBy: opts.now + 24 * 3_600_000,
    recipient: {
      name: 'Bench Packer Test',
      phone: '(+1)2025550143',
      fullAddress: '1600 Pennsylvania Ave NW, Washington, DC 20500',
      addressLines: ['1600 Pennsylvania Ave NW'],
      postalCode: '20500',
      regionCode: 'US',
      districts: ['United States', 'District of Columbia', 'Washington'],
    },
    lines,
    packages: [
      { id: packageId, trackingNumber: '', shippingProviderId: '', shippingProviderName: '' },
    ],
    packageIds: [packageId],
    trackingNumbers: [],
    searchName: 'bench packer test',
    payment: {
      currency: 'USD',
      subTotal: total,
      shippingFee: '0.00',
      sellerDiscount: '0.00',
      platformDiscount: '0.00',
      tax: '0.00',
      totalAmount: total,
    },
    shippingType: 'SELLER',
    deliveryOptionId: '1',
    deliveryOptionName: 'Standard',
    warehouseId: '1',
    buyerMessage: 'Bench order: please pack carefully',
    sellerNote: '',
    isOnHold: false,
    isBuyerRequestCancel: false,
    flags: [],
    practice: true,
    source: 'practice',
  };
  await repos.orders.upsert([order]);
  return { orderId: id, barcodes, skus: chosen.length };
}

export function packingDevHooks(repos: Repositories) {
  return {
    createBenchOrder: (opts: { units?: number; skus?: number } = {}) =>
      createBenchOrder(repos, { ...opts, now: Date.now() }),
    controller: packControllerFor(repos),
    state: () => packingStore.getState(),
  };
}
