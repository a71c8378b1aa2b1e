/** Order fixtures for the printing unit tests (plain data, no randomness). */
import type { OrderRow } from '#shared/domain/order';
import { DEFAULT_SENDER, type DocumentData } from '../labels/documents';

export function testOrder(
  id: string,
  over: Partial<OrderRow> & { tracking?: string; address?: string } = {},
): OrderRow {
  const packageId = `9${id}`;
  const tracking = over.tracking ?? '';
  const { tracking: _t, address, ...rest } = over;
  return {
    id,
    status: 'AWAITING_SHIPMENT',
    createdAt: 1_795_000_000_000,
    updatedAt: 1_795_000_000_000,
    paidAt: 1_795_000_000_000,
    shipBy: 1_795_086_400_000,
    recipient: {
      name: 'Ada Example',
      phone: '(+1)202-***-0143',
      fullAddress: address ?? '1600 Example Ave NW, Washington, DC 20500',
      addressLines: ['1600 Example Ave NW'],
      postalCode: '20500',
      regionCode: 'US',
      districts: ['United States', 'District of Columbia', 'Washington'],
    },
    lines: [
      {
        id: `${id}-0`,
        skuId: 'sku-1',
        sellerSku: 'PB-TEE-01',
        productId: 'p-1',
        productName: 'Tee',
        skuName: 'Blue / M',
        salePrice: '1.00',
        originalPrice: '1.00',
        sellerDiscount: '0.00',
        platformDiscount: '0.00',
        packageId,
        isDangerousGood: false,
        isGift: false,
      },
    ],
    packages: [
      {
        id: packageId,
        trackingNumber: tracking,
        shippingProviderId: tracking ? '7117858858072016686' : '',
        shippingProviderName: tracking ? 'USPS' : '',
      },
    ],
    packageIds: [packageId],
    trackingNumbers: tracking ? [tracking] : [],
    searchName: 'ada example',
    payment: {
      currency: 'USD',
      subTotal: '1.00',
      shippingFee: '0.00',
      sellerDiscount: '0.00',
      platformDiscount: '0.00',
      tax: '0.00',
      totalAmount: '1.00',
    },
    shippingType: 'SELLER',
    deliveryOptionId: '1',
    deliveryOptionName: 'Standard',
    warehouseId: '1',
    buyerMessage: '',
    sellerNote: '',
    isOnHold: false,
    isBuyerRequestCancel: false,
    flags: [],
    practice: true,
    source: 'practice',
    ...rest,
  };
}

export function testData(order: OrderRow): DocumentData {
  return { order, sender: DEFAULT_SENDER, weightGrams: 250, handling: {}, practice: true };
}
