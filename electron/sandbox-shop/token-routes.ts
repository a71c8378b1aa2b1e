import type { AuthState } from './auth';
import type { ApiAnswer } from './routes-types';

/**
 * Auth-host token calls (`tiktok-shop-api.md` §3.1): GET with `app_secret` in the query, no sign.
 * `token/get` accepts the auth code `sandbox-auth-code`; `token/refresh` issues a new access token.
 */
const WEEK = 7 * 24 * 3600;
const YEAR = 365 * 24 * 3600;

export function handleToken(
  auth: AuthState,
  url: URL,
  nowSeconds: number,
  newToken: () => string,
): ApiAnswer {
  const q = Object.fromEntries(url.searchParams);
  const creds = auth.credentials;
  if (q.app_key !== creds.appKey || q.app_secret !== creds.appSecret) {
    return { code: 36009004, message: 'Invalid app_key or app_secret.' };
  }
  if (url.pathname === '/api/v2/token/get') {
    if (q.grant_type !== 'authorized_code' || q.auth_code !== 'sandbox-auth-code') {
      return { code: 36004004, message: 'Invalid auth code.' };
    }
  } else if (url.pathname === '/api/v2/token/refresh') {
    if (q.grant_type !== 'refresh_token' || q.refresh_token !== creds.refreshToken) {
      return { code: 36004005, message: 'can not find related auth record' };
    }
  } else {
    return { code: 36009009, message: `Invalid path ${url.pathname}.` };
  }
  creds.accessToken = newToken();
  return {
    code: 0,
    message: 'success',
    data: {
      access_token: creds.accessToken,
      access_token_expire_in: nowSeconds + WEEK,
      refresh_token: creds.refreshToken,
      refresh_token_expire_in: nowSeconds + YEAR,
      open_id: 'pb-sandbox-open-id',
      seller_name: 'Packbench Sandbox Shop',
      seller_base_region: 'US',
      user_type: 0,
      granted_scopes: ['seller.order.info', 'seller.fulfillment.basic', 'seller.logistics'],
    },
  };
}
