import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../core/services/shop/signer';
import { startSandboxShop, type SandboxShop } from './server';

const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
let shop: SandboxShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function rawCall(
  s: SandboxShop,
  opts: {
    timestamp: number;
    secret?: string;
    cipher?: boolean;
    token?: string;
    path?: string;
    get?: boolean;
  },
) {
  const path = opts.path ?? '/order/202309/orders/search';
  const query: Record<string, string> = {
    app_key: s.credentials.appKey,
    timestamp: String(opts.timestamp),
    page_size: '5',
  };
  if (opts.cipher !== false) query.shop_cipher = s.credentials.shopCipher;
  const body = opts.get ? '' : '{"order_status":"AWAITING_SHIPMENT"}';
  query.sign = signRequest({
    appSecret: opts.secret ?? s.credentials.appSecret,
    path,
    query,
    body,
    contentType: 'application/json',
  });
  const res = await fetch(`${s.baseUrl}${path}?${new URLSearchParams(query).toString()}`, {
    method: opts.get ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      'x-tts-access-token': opts.token ?? s.credentials.accessToken,
    },
    ...(opts.get ? {} : { body }),
  });
  return { status: res.status, json: (await res.json()) as { code: number; message: string } };
}

describe('sandbox shop request checks', () => {
  it('accepts a correctly signed request', async () => {
    shop = await startSandboxShop({ now: () => NOW, orderCount: 20 });
    const r = await rawCall(shop, { timestamp: NOW / 1000 });
    expect(r.json.code).toBe(0);
  });

  it('rejects a wrong signature with 106001 and HTTP 401', async () => {
    shop = await startSandboxShop({ now: () => NOW, orderCount: 20 });
    const r = await rawCall(shop, { timestamp: NOW / 1000, secret: 'not-the-secret' });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe(106001);
  });

  it('rejects a stale or future timestamp with 36009004', async () => {
    shop = await startSandboxShop({ now: () => NOW, orderCount: 20 });
    const stale = await rawCall(shop, { timestamp: NOW / 1000 - 301 });
    expect(stale.json.code).toBe(36009004);
    expect(stale.json.message).toMatch(/timestamp/i);
    const ahead = await rawCall(shop, { timestamp: NOW / 1000 + 31 });
    expect(ahead.json.code).toBe(36009004);
    const edge = await rawCall(shop, { timestamp: NOW / 1000 - 300 });
    expect(edge.json.code).toBe(0);
  });

  it('answers 105002 for an expired token and 36009004 for an unknown one', async () => {
    shop = await startSandboxShop({ now: () => NOW, orderCount: 20 });
    const wrong = await rawCall(shop, { timestamp: NOW / 1000, token: 'nope' });
    expect(wrong.json.code).toBe(36009004);
    shop.admin.expireAccessToken();
    const expired = await rawCall(shop, { timestamp: NOW / 1000 });
    expect(expired.json.code).toBe(105002);
  });

  it('enforces the shop_cipher rules: 106013 missing, 36009004 unexpected', async () => {
    shop = await startSandboxShop({ now: () => NOW, orderCount: 20 });
    const missing = await rawCall(shop, { timestamp: NOW / 1000, cipher: false });
    expect(missing.json.code).toBe(106013);
    const unexpected = await rawCall(shop, {
      timestamp: NOW / 1000,
      path: '/authorization/202309/shops',
      get: true,
    });
    expect(unexpected.json.code).toBe(36009004);
    expect(unexpected.json.message).toMatch(/unexpected identifier/i);
  });

  it('requires the admin token on admin endpoints', async () => {
    shop = await startSandboxShop({ now: () => NOW, orderCount: 20 });
    const denied = await fetch(`${shop.baseUrl}/__admin/writes`);
    expect(denied.status).toBe(401);
    const allowed = await fetch(`${shop.baseUrl}/__admin/writes`, {
      headers: { 'x-admin-token': shop.credentials.adminToken },
    });
    expect(await allowed.json()).toEqual({ writes: [] });
  });
});
