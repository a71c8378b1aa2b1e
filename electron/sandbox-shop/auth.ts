import { signMatches, signRequest } from '../core/services/shop/signer';

/**
 * The sandbox shop's gate, in the order the checks run: app key, signature (106001, HTTP 401),
 * timestamp window (36009004), access token (36009004 invalid / 105002 expired), shop_cipher
 * rules (106013 missing, 36009004 unexpected) and API scope (105005).
 */
export interface Credentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  shopCipher: string;
}

export interface Rejection {
  httpStatus: number;
  code: number;
  message: string;
}

export interface AuthState {
  credentials: Credentials;
  expiredTokens: Set<string>;
  deniedModules: Set<string>;
}

const PAST_LIMIT_S = 300;
const FUTURE_LIMIT_S = 30;

export function cipherForbidden(path: string): boolean {
  return /^\/(authorization|seller)\//.test(path);
}

export function checkRequest(input: {
  state: AuthState;
  path: string;
  query: Record<string, string>;
  rawBody: string;
  contentType: string | undefined;
  accessToken: string | undefined;
  nowSeconds: number;
}): Rejection | null {
  const { state, path, query } = input;
  const creds = state.credentials;
  if (query.app_key === undefined || query.app_key !== creds.appKey) {
    return { httpStatus: 200, code: 36009004, message: 'Invalid app_key.' };
  }
  if (query.sign === undefined || query.sign === '') {
    return {
      httpStatus: 200,
      code: 36009004,
      message: 'Missing signature: the sign query parameter is required.',
    };
  }
  const expected = signRequest({
    appSecret: creds.appSecret,
    path,
    query,
    body: input.rawBody,
    ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
  });
  if (!signMatches(expected, query.sign)) {
    return {
      httpStatus: 401,
      code: 106001,
      message: 'Invalid credentials. The sign query parameter is invalid.',
    };
  }
  const ts = query.timestamp ?? '';
  const seconds = /^\d{10}$/.test(ts) ? Number(ts) : Number.NaN;
  if (
    Number.isNaN(seconds) ||
    seconds < input.nowSeconds - PAST_LIMIT_S ||
    seconds > input.nowSeconds + FUTURE_LIMIT_S
  ) {
    return {
      httpStatus: 200,
      code: 36009004,
      message:
        'Invalid timestamp. The timestamp must be within 5 minutes in the past and 30 seconds in the future.',
    };
  }
  const token = input.accessToken;
  if (token !== undefined && state.expiredTokens.has(token)) {
    return {
      httpStatus: 200,
      code: 105002,
      message: 'Expired credentials. The x-tts-access-token header has expired.',
    };
  }
  if (token === undefined || token !== creds.accessToken) {
    return {
      httpStatus: 200,
      code: 36009004,
      message: 'Invalid credentials. The x-tts-access-token header is invalid.',
    };
  }
  const cipher = query.shop_cipher;
  if (cipherForbidden(path)) {
    if (cipher !== undefined) {
      return {
        httpStatus: 200,
        code: 36009004,
        message:
          'Unexpected identifier. The shop_cipher query parameter is not required for this request.',
      };
    }
  } else if (cipher === undefined || cipher === '') {
    return {
      httpStatus: 200,
      code: 106013,
      message: 'Missing identifier. The shop_cipher query parameter is required.',
    };
  } else if (cipher !== creds.shopCipher) {
    return {
      httpStatus: 200,
      code: 36009004,
      message: 'Invalid param error: shop_cipher is invalid.',
    };
  }
  const module = path.split('/')[1] ?? '';
  if (state.deniedModules.has(module)) {
    return {
      httpStatus: 200,
      code: 105005,
      message: `Access denied: you should apply auth pkg for this api (${module}).`,
    };
  }
  return null;
}
