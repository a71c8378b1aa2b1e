import type { OrderRow } from '#shared/domain/order';
import { intentTracking, type EnqueueInput } from '#shared/logic/outbox/index';
import type { StationDb } from '../db';
import { enqueueShipment, shippedOrder, type EnqueueOptions } from './enqueue';

/** A minimal valid order row for outbox tests: one package, awaiting shipment. */
export function testOrder(id: string, packageIds: readonly string[]): OrderRow {
  return {
    id,
    status: 'AWAITING_SHIPMENT',
    createdAt: 1,
    updatedAt: 1,
    paidAt: 1,
    shipBy: 2,
    recipient: {
      name: 'Test Buyer',
      phone: '',
      fullAddress: '1 Test St',
      addressLines: ['1 Test St'],
      postalCode: '10001',
      regionCode: 'US',
      districts: [],
    },
    lines: [],
    packages: packageIds.map((p) => ({
      id: p,
      trackingNumber: '',
      shippingProviderId: '',
      shippingProviderName: '',
    })),
    packageIds: [...packageIds],
    trackingNumbers: [],
    searchName: 'test buyer',
    payment: {
      currency: 'USD',
      subTotal: '1.00',
      shippingFee: '0',
      sellerDiscount: '0',
      platformDiscount: '0',
      tax: '0',
      totalAmount: '1.00',
    },
    shippingType: 'SELLER',
    deliveryOptionId: '1',
    deliveryOptionName: 'Send by seller',
    warehouseId: '1',
    buyerMessage: '',
    sellerNote: '',
    isOnHold: false,
    isBuyerRequestCancel: false,
    flags: [],
    practice: true,
    source: 'practice',
  };
}

/** Enqueues through the real transactional path, as the Ship screen does. */
export async function enqueueForTest(
  db: StationDb,
  input: EnqueueInput,
  now: number,
  extra: Partial<EnqueueOptions> = {},
) {
  const tracking = intentTracking(input.intent);
  const result = await enqueueShipment(
    db,
    input,
    (order) =>
      shippedOrder(order, {
        packageId: input.packageId,
        trackingNumber: tracking?.trackingNumber ?? null,
        shippingProviderId: tracking?.shippingProviderId ?? null,
        shippingProviderName: 'Test carrier',
        now,
      }),
    { now, actor: { packer: 'tester', station: 'T1' }, ...extra },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value.row;
}
