import { afterEach, describe, expect, it } from 'vitest';
import { practiceOrderId } from '#shared/logic/practice-data';
import { collectPages } from '../core/services/shop/client';
import { findPracticeOrder, sellerUs, startRig, type Rig } from './test-support';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.shop.close();
  rig = undefined;
});

describe('client against the sandbox shop', () => {
  it('pages through 250 orders with page_size 100 and gets each exactly once', async () => {
    rig = await startRig({ orderCount: 250 });
    const api = rig.api;
    const tokens: string[] = [];
    const result = await collectPages(
      async (token) => {
        if (token !== undefined) tokens.push(token);
        return api.searchOrders({
          pageSize: 100,
          sortField: 'create_time',
          sortOrder: 'ASC',
          ...(token ? { pageToken: token } : {}),
        });
      },
      (page) => page.orders.map((o) => o.id),
    );
    expect(result.error).toBeNull();
    expect(result.pages).toBe(3);
    expect(result.items).toHaveLength(250);
    const expected = Array.from({ length: 250 }, (_, i) => practiceOrderId(i));
    expect(new Set(result.items)).toEqual(new Set(expected));
    // Opaque tokens carry '+' and '/', signed decoded and sent encoded.
    expect(tokens.every((t) => t.includes('+') && t.includes('/'))).toBe(true);
  });

  it('honours Retry-After on HTTP 429 with the requested delays', async () => {
    rig = await startRig({
      orderCount: 10,
      faults: { rules: [{ kind: 'http-429', retryAfterSeconds: 7, times: 2 }] },
    });
    const r = await rig.api.searchOrders({ pageSize: 5 });
    expect(r.ok).toBe(true);
    expect(rig.sleeps).toEqual([7000, 7000]);
    expect(rig.requests).toHaveLength(3);
  });

  it('backs off under the token-bucket rate limit and still gets every page', async () => {
    rig = await startRig({ orderCount: 50, faults: { rateLimitPerSecond: 2 } });
    const api = rig.api;
    const result = await collectPages(
      (token) => api.searchOrders({ pageSize: 10, ...(token ? { pageToken: token } : {}) }),
      (page) => page.orders.map((o) => o.id),
    );
    expect(result.error).toBeNull();
    expect(new Set(result.items).size).toBe(50);
    expect(rig.sleeps.length).toBeGreaterThan(0);
    expect(rig.sleeps.every((ms) => ms === 1000)).toBe(true);
  });

  it('reports a connection dropped after the write as ambiguous; the write is applied once', async () => {
    rig = await startRig({
      orderCount: 200,
      faults: { rules: [{ kind: 'drop-after-write', method: 'POST', path: '/ship' }] },
    });
    const order = findPracticeOrder(200, sellerUs);
    const pkg = order.packages?.[0]?.id ?? '';
    const providers = await rig.api.getShippingProviders(order.delivery_option_id ?? '');
    if (!providers.ok) throw new Error(providers.error.message);
    const provider = providers.value.shipping_providers[0];
    const input = {
      self_shipment: {
        tracking_number: '9400111899223344556677',
        shipping_provider_id: provider?.id ?? '',
      },
    };
    const first = await rig.api.shipPackage(pkg, input, 'intent-1');
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.action).toBe('ambiguous');
    expect(first.error.reason).toBe('connection-reset');
    // A retry after read-back is absorbed as "already shipped": still one upstream change.
    const again = await rig.api.shipPackage(pkg, input, 'intent-1');
    expect(!again.ok && again.error.action).toBe('done');
    const writes = rig.shop.admin.writes().filter((w) => w.packageId === pkg);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      idempotencyKey: 'intent-1',
      trackingNumber: input.self_shipment.tracking_number,
    });
    const readBack = await rig.api.getPackage(pkg);
    expect(readBack.ok && readBack.value.tracking_number).toBe(input.self_shipment.tracking_number);
  });

  it('treats malformed JSON as retryable on reads and ambiguous on writes', async () => {
    rig = await startRig({
      orderCount: 200,
      faults: {
        rules: [
          { kind: 'malformed-json', path: '/orders/search' },
          { kind: 'malformed-json', path: '/ship' },
        ],
      },
    });
    const read = await rig.api.searchOrders({ pageSize: 5 });
    expect(read.ok).toBe(true);
    expect(rig.sleeps).toHaveLength(1);
    const order = findPracticeOrder(200, sellerUs);
    const write = await rig.api.shipPackage(order.packages?.[0]?.id ?? '', {
      self_shipment: { tracking_number: 'PB12345678', shipping_provider_id: '7117858858072016686' },
    });
    expect(!write.ok && write.error).toMatchObject({
      action: 'ambiguous',
      reason: 'malformed-response',
    });
    expect(rig.shop.admin.writes()).toHaveLength(1);
  });

  it('reports a held response as a timeout: retryable read, ambiguous write', async () => {
    rig = await startRig(
      { orderCount: 20, faults: { rules: [{ kind: 'timeout', path: '/ship' }] } },
      { timeoutMs: 200 },
    );
    const order = findPracticeOrder(
      20,
      (o) => o.shipping_type === 'TIKTOK' && o.status === 'AWAITING_SHIPMENT',
    );
    const r = await rig.api.shipPackage(order.packages?.[0]?.id ?? '', {
      handover_method: 'DROP_OFF',
    });
    expect(!r.ok && r.error).toMatchObject({ action: 'ambiguous', reason: 'timeout' });
  });

  it('retries a 503 on a read and classifies 500 on a write as ambiguous', async () => {
    rig = await startRig({
      orderCount: 20,
      faults: {
        rules: [
          { kind: 'http-503', method: 'POST', path: '/search' },
          { kind: 'http-500', path: '/ship' },
        ],
      },
    });
    expect((await rig.api.searchOrders({ pageSize: 5 })).ok).toBe(true);
    const order = findPracticeOrder(
      20,
      (o) => o.shipping_type === 'TIKTOK' && o.status === 'AWAITING_SHIPMENT',
    );
    const w = await rig.api.shipPackage(order.packages?.[0]?.id ?? '', {
      handover_method: 'PICKUP',
    });
    expect(!w.ok && w.error).toMatchObject({ action: 'ambiguous', reason: 'server-error' });
  });
});
