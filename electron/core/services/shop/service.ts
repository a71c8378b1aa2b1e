import { z } from 'zod';
import type { ShopConnectionTest, ShopStatusInfo } from '#shared/bridge/contract';
import { err, ok, type Result } from '#shared/utils/result';
import { createShopApi, type ShopApi } from './api';
import { createShopClient, type FetchLike, type ShopCallError } from './client';
import type { ShopCredentials } from './provisioning';

/**
 * The station's one shop connection: holds credentials on the Node side (never returned to the
 * renderer), refreshes the access token, remembers the last error, and runs "test connection".
 */
export type ShopMode = ShopStatusInfo['mode'];

/** What the bridge returns for shop.status: the contract's type, so the two cannot drift. */
export type ShopStatusSnapshot = ShopStatusInfo;

export type ConnectionTestResult = ShopConnectionTest['result'];

export interface ServiceDeps {
  fetch: FetchLike;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

const OFFICIAL_API = 'https://open-api.tiktokglobalshop.com';
const OFFICIAL_AUTH = 'https://auth.tiktok-shops.com';

const RefreshData = z.looseObject({
  access_token: z.string().min(1),
  access_token_expire_in: z.number().int(),
  refresh_token: z.string().min(1).optional(),
});
const RefreshEnvelope = z.looseObject({
  code: z.number().int(),
  message: z.string().default(''),
  data: z.unknown().optional(),
});

/** Token refresh on the auth host (§3.1): GET, app_secret in the query, no sign. */
export async function refreshAccessToken(
  fetchFn: FetchLike,
  creds: { baseUrl: string; appKey: string; appSecret: string; refreshToken: string },
): Promise<Result<z.infer<typeof RefreshData>, string>> {
  const base = creds.baseUrl.replace(/\/+$/, '') === OFFICIAL_API ? OFFICIAL_AUTH : creds.baseUrl;
  const query = new URLSearchParams({
    app_key: creds.appKey,
    app_secret: creds.appSecret,
    refresh_token: creds.refreshToken,
    grant_type: 'refresh_token',
  });
  try {
    const res = await fetchFn(
      `${base.replace(/\/+$/, '')}/api/v2/token/refresh?${query.toString()}`,
      {
        method: 'GET',
      },
    );
    const env = RefreshEnvelope.safeParse(JSON.parse(await res.text()));
    if (!env.success) return err('The token refresh answer is not a TikTok Shop envelope');
    if (env.data.code !== 0)
      return err(`Token refresh refused (${env.data.code}): ${env.data.message}`);
    const data = RefreshData.safeParse(env.data.data);
    return data.success ? ok(data.data) : err('The token refresh answer has no access token');
  } catch (cause) {
    return err(`Token refresh failed: ${String(cause)}`);
  }
}

export function createShopService(deps: ServiceDeps) {
  let creds: ShopCredentials | null = null;
  let mode: ShopMode = 'not-connected';
  let api: ShopApi | null = null;
  let shopName: string | null = null;
  let lastError: ShopStatusSnapshot['lastError'] = null;
  let lastSuccessAt: number | null = null;

  function connect(next: ShopCredentials, as: 'connected' | 'practice'): void {
    const current = { ...next };
    creds = current;
    mode = as;
    shopName = null;
    lastError = null;
    const client = createShopClient({
      config: current,
      tokens: {
        current: () => current.accessToken,
        refresh: async () => {
          if (!current.refreshToken) return false;
          const r = await refreshAccessToken(deps.fetch, {
            ...current,
            refreshToken: current.refreshToken,
          });
          if (!r.ok) return false;
          current.accessToken = r.value.access_token;
          if (r.value.refresh_token) current.refreshToken = r.value.refresh_token;
          return true;
        },
      },
      fetch: deps.fetch,
      now: deps.now,
      random: deps.random,
      sleep: deps.sleep,
      ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    });
    api = createShopApi(client, (url) => deps.fetch(url, { method: 'GET' }));
  }

  /** Records the outcome of a call for the status bar; returns the same result. */
  function track<T>(r: Result<T, ShopCallError>): Result<T, ShopCallError> {
    if (r.ok) lastSuccessAt = deps.now();
    else lastError = { action: r.error.action, reason: r.error.reason, message: r.error.message };
    return r;
  }

  return {
    connect,
    disconnect(): void {
      creds = null;
      api = null;
      mode = 'not-connected';
      shopName = null;
    },
    api: (): ShopApi | null => api,
    track,
    status(): ShopStatusSnapshot {
      return {
        mode,
        shopName,
        host: creds ? new URL(creds.baseUrl).host : null,
        lastError,
        lastSuccessAt,
      };
    },
    /** Authorized shops (signature, token, app key), then one order search (order scope). */
    async testConnection(): Promise<{ result: ConnectionTestResult; message: string }> {
      if (!api) return { result: 'not-connected', message: 'No shop is connected.' };
      const shops = track(await api.getAuthorizedShops());
      if (!shops.ok) return describe(shops.error);
      const cipher = creds?.shopCipher;
      const shop = shops.value.shops.find((s) => s.cipher === cipher);
      if (!shop) {
        return {
          result: 'other',
          message:
            'The credentials work, but this shop cipher is not among the shops that authorized the app.',
        };
      }
      shopName = shop.name;
      const orders = track(await api.searchOrders({ pageSize: 1 }));
      if (!orders.ok) return describe(orders.error);
      return { result: 'ok', message: `Connected to ${shop.name} (${shop.region}).` };
    },
  };
}
export type ShopService = ReturnType<typeof createShopService>;

function describe(e: ShopCallError): { result: ConnectionTestResult; message: string } {
  const known: Partial<Record<string, ConnectionTestResult>> = {
    'bad-signature': 'bad-signature',
    'bad-app-key': 'bad-signature',
    'token-expired': 'token-expired',
    'token-invalid': 'token-invalid',
    reauthorize: 'token-invalid',
    'missing-scope': 'missing-scope',
    'clock-skew': 'clock-skew',
    'no-network': 'no-network',
    timeout: 'no-network',
    'connection-reset': 'no-network',
    'rate-limited': 'rate-limited',
    'server-error': 'server-error',
  };
  return { result: known[e.reason] ?? 'other', message: e.message };
}

/** A not-yet-connected service on real fetch, clock, randomness and timers. */
export function createDefaultShopService(): ShopService {
  return createShopService({
    fetch: (url, init) => fetch(url, init),
    now: Date.now,
    random: Math.random,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
