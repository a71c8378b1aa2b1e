import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxShop, type SandboxShop } from '../../sandbox-shop/server';
import { findPracticeOrder } from '../../sandbox-shop/test-support';
import { createDefaultShopService } from '../services/shop/service';
import { createDispatch } from './dispatch';
import { createTrackingHandlers } from './tracking';
import type { Handlers, Logger } from './types';

const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let shop: SandboxShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function station() {
  shop = await startSandboxShop({ port: 0, orderCount: 300 });
  const service = createDefaultShopService();
  service.connect(
    {
      baseUrl: shop.baseUrl,
      appKey: shop.credentials.appKey,
      appSecret: shop.credentials.appSecret,
      accessToken: shop.credentials.accessToken,
      shopCipher: shop.credentials.shopCipher,
    },
    'practice',
  );
  const handlers = createTrackingHandlers(service) as unknown as Handlers;
  return createDispatch(handlers, silentLog);
}

describe('tracking handlers', () => {
  it('reads a parcel: events in ms and the package status, over real HTTP', async () => {
    const dispatch = await station();
    const o = findPracticeOrder(300, (x) => x.status === 'AWAITING_COLLECTION');
    const r = await dispatch('shop.getParcel', { orderId: o.id, packageId: o.packages?.[0]?.id });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as { tracking: unknown[]; packageStatus: string };
    expect(value.tracking.length).toBeGreaterThan(0);
    expect(typeof value.packageStatus).toBe('string');
  });

  it('refuses bad arguments without calling the shop', async () => {
    const dispatch = await station();
    const r = await dispatch('shop.sendBuyerMessage', {
      orderId: 'not digits',
      text: '',
      idempotencyKey: 'k',
    });
    expect(!r.ok && r.error.code).toBe('invalid-args');
  });

  it('sends a buyer message and reports a missing scope as auth: missing-scope', async () => {
    const dispatch = await station();
    const o = findPracticeOrder(300, (x) => x.status === 'AWAITING_COLLECTION');
    const sent = await dispatch('shop.sendBuyerMessage', {
      orderId: o.id,
      text: 'Hello',
      idempotencyKey: 'k-1',
    });
    expect(sent.ok).toBe(true);
    const found = await dispatch('shop.findBuyerMessage', {
      orderId: o.id,
      text: 'Hello',
      sinceMs: Date.now() - 60_000,
    });
    expect(found.ok && (found.value as { found: boolean }).found).toBe(true);
    shop?.admin.denyScopes(['customer_service']);
    const denied = await dispatch('shop.sendBuyerMessage', {
      orderId: o.id,
      text: 'Hello again',
      idempotencyKey: 'k-2',
    });
    expect(!denied.ok && denied.error.code).toBe('auth');
    expect(!denied.ok && denied.error.message).toMatch(/^missing-scope:/);
  });
});
