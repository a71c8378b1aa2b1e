import { describe, expect, it } from 'vitest';
import { classifyCarrierText, classifyPackage, isFinal, PARCEL_STATUSES } from './taxonomy';

/** Carrier wording, as carriers write it, with the status it must map to. */
const TABLE: ReadonlyArray<[string, string, string?]> = [
  // English
  ['Shipping label created, USPS awaiting item', 'info-received'],
  ['Shipment information received', 'info-received'],
  ['Picked up by carrier', 'in-transit'],
  ['Arrived at USPS Regional Facility', 'in-transit'],
  ['Departed facility in LOS ANGELES CA', 'in-transit'],
  ['In Transit to Next Facility', 'in-transit'],
  ['Customs clearance completed', 'in-transit'],
  ['Out for Delivery', 'out-for-delivery'],
  ['Delivery attempted - no one home', 'failed-attempt'],
  ['Notice left (no authorized recipient available), unable to deliver', 'failed-attempt'],
  ['Available for Pickup at Post Office', 'available-for-pickup'],
  ['Delivered, In/At Mailbox', 'delivered'],
  ['Delivered to front door', 'delivered'],
  ['Package damaged in transit', 'exception', 'damaged'],
  ['Parcel lost - cannot be located', 'exception', 'lost'],
  ['Returned to sender: address unknown', 'exception', 'returned-to-sender'],
  ['Item scrapped by carrier', 'exception', 'scrapped'],
  // 简体中文
  ['已创建运单，等待揽收', 'info-received'],
  ['【深圳市】快件已揽收', 'in-transit'],
  ['快件已到达【广州转运中心】', 'in-transit'],
  ['快件已离开【广州转运中心】，发往【上海】', 'in-transit'],
  ['快递员正在派送中，请保持电话畅通', 'out-for-delivery'],
  ['派送失败，联系不上收件人', 'failed-attempt'],
  ['快件已放入快递柜，请凭取件码取件', 'available-for-pickup'],
  ['快件已签收，签收人：本人', 'delivered'],
  ['快件破损，已联系发件人', 'exception', 'damaged'],
  ['快件丢失，正在核实', 'exception', 'lost'],
  ['快件已退回发件人', 'exception', 'returned-to-sender'],
  ['快件已销毁', 'exception', 'scrapped'],
];

describe('carrier text → status', () => {
  it.each(TABLE)('%s → %s %s', (text, status, exception) => {
    const c = classifyCarrierText(text);
    expect(c?.status).toBe(status);
    expect(c?.exception).toBe(exception);
  });

  it('is case- and width-insensitive and leaves unknown wording unclassified', () => {
    expect(classifyCarrierText('OUT FOR DELIVERY')?.status).toBe('out-for-delivery');
    expect(classifyCarrierText('ＯＵＴ ＦＯＲ ＤＥＬＩＶＥＲＹ')?.status).toBe('out-for-delivery');
    expect(classifyCarrierText('Weather delay')).toBeNull();
    expect(classifyCarrierText('<script>alert(1)</script>')).toBeNull();
  });

  it('the table covers every status the text can name', () => {
    const named = new Set(TABLE.map(([, s]) => s));
    for (const s of PARCEL_STATUSES) if (s !== 'expired') expect(named.has(s)).toBe(true);
  });
});

describe('package detail → status', () => {
  it('maps package_status, sub-status and ship_exception_reason (API spelling included)', () => {
    expect(classifyPackage({ packageStatus: 'COMPLETED' })).toEqual({ status: 'delivered' });
    expect(classifyPackage({ packageStatus: 'FULFILLING' })).toEqual({ status: 'in-transit' });
    expect(classifyPackage({ packageStatus: 'FULFILLING', subStatus: 'Delivery' })).toEqual({
      status: 'out-for-delivery',
    });
    expect(classifyPackage({ packageStatus: 'PROCESSING' })).toEqual({ status: 'info-received' });
    expect(classifyPackage({ packageStatus: 'TO FULFILL' })).toBeNull();
    expect(
      classifyPackage({ packageStatus: 'CANCELLED', exceptionReason: 'PACKAGE_DAMAGAED' }),
    ).toEqual({ status: 'exception', exception: 'damaged' });
    expect(
      classifyPackage({ packageStatus: 'FULFILLING', exceptionReason: 'RETURNED_TO_SHIPPER' }),
    ).toEqual({ status: 'exception', exception: 'returned-to-sender' });
    expect(classifyPackage({ packageStatus: 'FULFILLING', subStatus: 'Ship_exception' })).toEqual({
      status: 'exception',
      exception: 'other',
    });
    expect(
      classifyPackage({ packageStatus: 'CANCELLED', exceptionReason: 'PACKAGE_LOST' }),
    ).toEqual({ status: 'exception', exception: 'lost' });
    expect(classifyPackage({ packageStatus: 'X', exceptionReason: 'PACKAGE_SCRAP' })).toEqual({
      status: 'exception',
      exception: 'scrapped',
    });
  });

  it('final states stop refreshes; damage waits for what the carrier does next', () => {
    expect(isFinal({ status: 'delivered' })).toBe(true);
    expect(isFinal({ status: 'expired' })).toBe(true);
    expect(isFinal({ status: 'exception', exception: 'lost' })).toBe(true);
    expect(isFinal({ status: 'exception', exception: 'returned-to-sender' })).toBe(true);
    expect(isFinal({ status: 'exception', exception: 'damaged' })).toBe(false);
    expect(isFinal({ status: 'out-for-delivery' })).toBe(false);
  });
});
