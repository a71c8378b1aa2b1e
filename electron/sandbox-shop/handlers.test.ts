import { afterEach, describe, expect, it } from 'vitest';
import { createShopHandlers } from '../core/handlers/shop';
import { createShopService } from '../core/services/shop/service';
import { startSandboxShop, type SandboxShop } from './server';
import { findPracticeOrder, T0 } from './test-support';

let shop: SandboxShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

function service() {
  return createShopService({
    fetch: (url, init) => fetch(url, init),
    now: () => T0,
    random: () => 0,
    sleep: async () => undefined,
    timeoutMs: 2000,
  });
}

describe('shop bridge handlers', () => {
  it('reports status and connection tests with specific results and no secrets', async () => {
    shop = await startSandboxShop({ now: () => T0, orderCount: 30 });
    const c = shop.credentials;
    const svc = service();
    const handlers = createShopHandlers(svc);
    expect((await handlers['shop.testConnection']({})).ok && 'not-connected').toBe('not-connected');
    svc.connect({ baseUrl: shop.baseUrl, ...c }, 'practice');
    const test = await handlers['shop.testConnection']({});
    expect(test.ok && test.value.result).toBe('ok');
    const status = await handlers['shop.status']({});
    const text = JSON.stringify(status);
    for (const secret of [c.appSecret, c.accessToken, c.refreshToken])
      expect(text).not.toContain(secret);
    expect(status.ok && status.value).toMatchObject({
      mode: 'practice',
      shopName: 'Packbench Sandbox Shop',
    });

    shop.admin.denyScopes(['order']);
    const scope = await handlers['shop.testConnection']({});
    expect(scope.ok && scope.value.result).toBe('missing-scope');
    shop.admin.denyScopes([]);

    svc.connect({ baseUrl: shop.baseUrl, ...c, appSecret: 'wrong' }, 'connected');
    const sig = await handlers['shop.testConnection']({});
    expect(sig.ok && sig.value.result).toBe('bad-signature');
  });

  it('refreshes an expired token once and carries on', async () => {
    shop = await startSandboxShop({ now: () => T0, orderCount: 30 });
    const svc = service();
    svc.connect({ baseUrl: shop.baseUrl, ...shop.credentials }, 'practice');
    shop.admin.expireAccessToken();
    const handlers = createShopHandlers(svc);
    const r = await handlers['shop.searchOrders']({ pageSize: 5 });
    expect(r.ok && r.value.orders).toHaveLength(5);
  });

  it('reports token-expired when there is no refresh token, and no-network when the shop is gone', async () => {
    shop = await startSandboxShop({ now: () => T0, orderCount: 30 });
    const { refreshToken: _unused, ...noRefresh } = shop.credentials;
    const svc = service();
    svc.connect({ baseUrl: shop.baseUrl, ...noRefresh }, 'connected');
    shop.admin.expireAccessToken();
    const handlers = createShopHandlers(svc);
    const expired = await handlers['shop.testConnection']({});
    expect(expired.ok && expired.value.result).toBe('token-expired');
    const search = await handlers['shop.searchOrders']({ pageSize: 5 });
    expect(!search.ok && search.error.code).toBe('auth');
    await shop.close();
    shop = undefined;
    const offline = await handlers['shop.testConnection']({});
    expect(offline.ok && offline.value.result).toBe('no-network');
  });

  it('ships and returns the label PDF as base64 for offline storage', async () => {
    shop = await startSandboxShop({ now: () => T0, orderCount: 50 });
    const svc = service();
    svc.connect({ baseUrl: shop.baseUrl, ...shop.credentials }, 'practice');
    const handlers = createShopHandlers(svc);
    const o = findPracticeOrder(
      50,
      (x) => x.shipping_type === 'TIKTOK' && x.status === 'AWAITING_SHIPMENT',
    );
    const packageId = o.packages?.[0]?.id ?? '';
    const shipped = await handlers['shop.shipPackage']({
      packageId,
      handoverMethod: 'PICKUP',
      idempotencyKey: 'k-1',
    });
    expect(shipped.ok).toBe(true);
    const again = await handlers['shop.shipPackage']({
      packageId,
      handoverMethod: 'PICKUP',
      idempotencyKey: 'k-1',
    });
    expect(!again.ok && again.error.code).toBe('already-done');
    const doc = await handlers['shop.getShippingDocument']({
      packageId,
      documentType: 'SHIPPING_LABEL',
      documentSize: 'A6',
    });
    if (!doc.ok) throw new Error(doc.error.message);
    expect(Buffer.from(doc.value.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
    expect(shop.admin.writes()).toHaveLength(1);
  });
});
