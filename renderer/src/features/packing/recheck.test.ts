import { describe, expect, it } from 'vitest';
import { ApiOrder } from '#shared/domain/api-order';
import { orderFromApi } from '#shared/logic/order-mapper';
import { practiceCatalog, practiceOrder } from '#shared/logic/practice-data';
import { compareUpstream, recheckUpstream } from './recheck';

const catalog = practiceCatalog();
function apiOrder(): ApiOrder {
  for (let i = 0; i < 200; i += 1) {
    const api = ApiOrder.parse(practiceOrder(i, { nowSeconds: 1_795_000_000, catalog }));
    if (api.status === 'AWAITING_SHIPMENT' && api.recipient_address) return api;
  }
  throw new Error('no order');
}

describe('re-check at the seal', () => {
  const api = apiOrder();
  const confirmed = orderFromApi(api, { practice: true, source: 'practice' });
  const addr = api.recipient_address;
  if (!addr) throw new Error('no address');

  it('finds nothing when the shop still has the order as confirmed', () => {
    expect(compareUpstream(confirmed, api)).toEqual([]);
  });

  it('stops on a cancel, a buyer cancel request or a changed address', () => {
    expect(compareUpstream(confirmed, { ...api, status: 'CANCELLED' })).toEqual([
      'order.cancelled',
    ]);
    expect(compareUpstream(confirmed, { ...api, is_buyer_request_cancel: true })).toEqual([
      'order.cancel-requested',
    ]);
    const moved = {
      ...api,
      recipient_address: { ...addr, full_address: `${addr.full_address} Unit 9` },
    };
    expect(compareUpstream(confirmed, moved)).toEqual(['order.address-changed']);
  });

  it('counts an error, a timeout or being offline as "not re-checked", never as a stop', async () => {
    const base = { online: () => true, timeoutMs: 50 };
    const failing = await recheckUpstream(confirmed, {
      ...base,
      getOrders: async () => ({ ok: false, error: { code: 'not-connected', message: 'x' } }),
    });
    expect(failing).toMatchObject({ state: 'offline', detail: 'not-connected' });
    const hanging = await recheckUpstream(confirmed, {
      ...base,
      getOrders: () => new Promise(() => {}),
    });
    expect(hanging).toMatchObject({ state: 'offline', detail: 'timeout' });
    const offline = await recheckUpstream(confirmed, {
      ...base,
      online: () => false,
      getOrders: async () => ({ ok: true, value: { orders: [api] } }),
    });
    expect(offline.state).toBe('offline');
    const stop = await recheckUpstream(confirmed, {
      ...base,
      getOrders: async () => ({ ok: true, value: { orders: [{ ...api, status: 'CANCELLED' }] } }),
    });
    expect(stop).toEqual({ state: 'stop', codes: ['order.cancelled'], detail: null });
  });
});
