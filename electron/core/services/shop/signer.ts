import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * TikTok Shop Open API request signing (202309+), exactly as `tiktok-shop-api.md` §2.1:
 * path + sorted(key + value) [+ body bytes unless multipart], wrapped in the app secret on both
 * sides, HMAC-SHA256 keyed with the app secret, lower-case hex.
 */
export interface SignInput {
  appSecret: string;
  /** Path only: no scheme, host or query string. */
  path: string;
  /** Decoded query values exactly as they will be sent (arrays already comma-joined). */
  query: Readonly<Record<string, string>>;
  /** The exact body bytes put on the wire; empty or absent for no body. */
  body?: string | Uint8Array;
  contentType?: string;
}

/** Keys never signed (§2.2 #1); EcomPHP also drops a stray `x-tts-access-token`. */
const UNSIGNED_KEYS = new Set(['sign', 'access_token', 'x-tts-access-token']);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The string that goes into the HMAC (secret-wrapped), as bytes. */
export function signBase(input: SignInput): Buffer {
  const keys = Object.keys(input.query)
    .filter((k) => !UNSIGNED_KEYS.has(k))
    .sort(byteCompare);
  let s = input.path;
  for (const key of keys) s += key + (input.query[key] ?? '');
  const parts: Buffer[] = [Buffer.from(input.appSecret + s, 'utf8')];
  const body = input.body;
  const bodyBytes =
    body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body) : body;
  if (bodyBytes.length > 0 && mediaType(input.contentType) !== 'multipart/form-data') {
    parts.push(Buffer.from(bodyBytes));
  }
  parts.push(Buffer.from(input.appSecret, 'utf8'));
  return Buffer.concat(parts);
}

export function signRequest(input: SignInput): string {
  return createHmac('sha256', input.appSecret).update(signBase(input)).digest('hex');
}

/** Constant-time comparison of a received `sign` with the expected one. */
export function signMatches(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
