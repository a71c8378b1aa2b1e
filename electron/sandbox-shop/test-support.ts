import type { ApiOrderInput } from '#shared/domain/api-order';
import { practiceCatalog, practiceOrder } from '#shared/logic/practice-data';
import { createShopApi, type ShopApi } from '../core/services/shop/api';
import { createShopClient, type FetchLike, type ShopClient } from '../core/services/shop/client';
import { startSandboxShop, type SandboxOptions, type SandboxShop } from './server';

/** Test wiring: a sandbox shop on an ephemeral port and a client on a shared, movable clock. */
export interface Rig {
  shop: SandboxShop;
  client: ShopClient;
  api: ShopApi;
  clock: { ms: number };
  sleeps: number[];
  requests: string[];
}

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const catalog = practiceCatalog();

/** The first practice order (index < count) matching `pred`, as the sandbox generates it. */
export function findPracticeOrder(
  count: number,
  pred: (o: ApiOrderInput) => boolean,
  skip = 0,
): ApiOrderInput {
  let seen = 0;
  for (let i = 0; i < count; i += 1) {
    const o = practiceOrder(i, { nowSeconds: Math.floor(T0 / 1000), catalog });
    if (pred(o) && seen++ >= skip) return o;
  }
  throw new Error('no practice order matches');
}

export async function startRig(
  opts: SandboxOptions = {},
  client: { timeoutMs?: number; maxAttempts?: number; clockSkewMs?: number } = {},
): Promise<Rig> {
  const clock = { ms: T0 };
  const shop = await startSandboxShop({ now: () => clock.ms, ...opts });
  const sleeps: number[] = [];
  const requests: string[] = [];
  const counting: FetchLike = (url, init) => {
    requests.push(`${init.method ?? 'GET'} ${new URL(url).pathname}`);
    return fetch(url, init);
  };
  const c = createShopClient({
    config: {
      baseUrl: shop.baseUrl,
      appKey: shop.credentials.appKey,
      appSecret: shop.credentials.appSecret,
      shopCipher: shop.credentials.shopCipher,
    },
    tokens: { current: () => shop.credentials.accessToken },
    fetch: counting,
    now: () => clock.ms + (client.clockSkewMs ?? 0),
    random: () => 0.5,
    // The fake sleep records the requested delay and moves the shared clock, never wall time.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.ms += ms;
    },
    ...(client.timeoutMs !== undefined ? { timeoutMs: client.timeoutMs } : {}),
    ...(client.maxAttempts !== undefined ? { maxAttempts: client.maxAttempts } : {}),
  });
  return { shop, client: c, api: createShopApi(c, (url) => fetch(url)), clock, sleeps, requests };
}

/** A seller-shipped US order that awaits shipment. */
export function sellerUs(o: ApiOrderInput): boolean {
  return (
    o.shipping_type === 'SELLER' &&
    o.status === 'AWAITING_SHIPMENT' &&
    o.recipient_address?.region_code === 'US'
  );
}
