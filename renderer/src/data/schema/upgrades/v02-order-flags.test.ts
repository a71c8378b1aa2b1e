import { describe, expect, it } from 'vitest';
import { upgradeOrderRowV2 } from './v02-order-flags';

const base = { id: '1', status: 'AWAITING_SHIPMENT', isOnHold: false, isBuyerRequestCancel: false };

describe('v02 order flags upgrade', () => {
  it('derives flags from status and requests', () => {
    expect(upgradeOrderRowV2(base).flags).toEqual([]);
    expect(upgradeOrderRowV2({ ...base, status: 'CANCELLED' }).flags).toEqual(['stop-ship']);
    expect(upgradeOrderRowV2({ ...base, isBuyerRequestCancel: true }).flags).toEqual([
      'stop-ship',
      'cancel-requested',
    ]);
    expect(upgradeOrderRowV2({ ...base, status: 'ON_HOLD', isOnHold: true }).flags).toEqual([
      'on-hold',
    ]);
  });

  it('is idempotent and keeps a flag it cannot derive', () => {
    const once = upgradeOrderRowV2({ ...base, flags: ['address-changed'] });
    expect(once.flags).toEqual(['address-changed']);
    expect(upgradeOrderRowV2(once)).toEqual(once);
  });

  it('keeps every other field', () => {
    const row = { ...base, recipient: { name: 'x' }, lines: [1, 2] };
    const { flags: _flags, ...rest } = upgradeOrderRowV2(row);
    expect(rest).toEqual(row);
  });
});
