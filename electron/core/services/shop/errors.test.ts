import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  classifyResponse,
  classifyTransportError,
  parseRetryAfter,
  type ShopAction,
} from './errors';

type Row = [code: number, message: string, read: ShopAction, write: ShopAction];

/** Every documented code class (tiktok-shop-api.md §7) and the action it implies. */
const TABLE: Row[] = [
  [0, 'Success', 'done', 'done'],
  [21011040, 'Package has already been shipped.', 'done', 'done'],
  [21008099, 'Package has been shipped.', 'done', 'done'],
  [106001, 'Invalid credentials. The sign query parameter is invalid.', 'auth', 'auth'],
  [105002, 'Expired credentials.', 'auth', 'auth'],
  [105005, 'you should apply auth pkg for this api', 'auth', 'auth'],
  [101000, 'Invalid x-tts-access-token', 'auth', 'auth'],
  [36004001, 'rt has expired', 'auth', 'auth'],
  [36004004, 'Invalid auth code', 'auth', 'auth'],
  [36009004, 'Invalid credentials. The x-tts-access-token header is invalid.', 'auth', 'auth'],
  [36009004, 'Invalid app_key.', 'auth', 'auth'],
  [36009004, 'Invalid timestamp. More than 5 minutes in the past.', 'retryable', 'retryable'],
  [
    36009004,
    'Unexpected identifier. The shop_cipher query parameter is not required.',
    'permanent',
    'permanent',
  ],
  [36009004, 'Invalid param error', 'permanent', 'permanent'],
  [106013, 'Missing identifier', 'permanent', 'permanent'],
  [36009002, 'Too many requests', 'rate-limited', 'rate-limited'],
  [36009003, 'Internal error', 'retryable', 'ambiguous'],
  [36009007, 'Request timeout', 'retryable', 'ambiguous'],
  [36009009, 'Invalid path', 'permanent', 'permanent'],
  [36009022, 'Wrong content-type', 'permanent', 'permanent'],
  [36009033, 'IP not allowed', 'permanent', 'permanent'],
  [21008111, 'Order does not belong to the current seller', 'permanent', 'permanent'],
  [21011041, 'Cannot complete the operation when order is cancelled.', 'permanent', 'permanent'],
  [21011007, 'Package item has after-sale request', 'permanent', 'permanent'],
  [21023035, 'Please arrange shipment first', 'permanent', 'permanent'],
  [21011022, 'Invalid tracking number', 'permanent', 'permanent'],
  [21004015, 'Tracking number does not match provider', 'permanent', 'permanent'],
  [21011050, 'can only be updated within a certain number of hours', 'permanent', 'permanent'],
  [21011051, 'can only be updated once', 'permanent', 'permanent'],
  [21008017, 'Only for TikTok Shipping', 'permanent', 'permanent'],
  [11034037, 'still being generated', 'retryable', 'retryable'],
  [11021015, 'Overweight', 'permanent', 'permanent'],
  [21011001, 'Package not found', 'permanent', 'permanent'],
  [99999999, 'Something new', 'permanent', 'permanent'],
];

describe('classifyResponse', () => {
  it.each(TABLE)('code %i (%s) → read %s, write %s', (code, message, read, write) => {
    const envelope = { code, message };
    expect(classifyResponse({ httpStatus: 200, envelope, write: false }).action).toBe(read);
    expect(classifyResponse({ httpStatus: 200, envelope, write: true }).action).toBe(write);
  });

  it.each([
    [429, null, false, 'rate-limited'],
    [429, { code: 36009002, message: '' }, true, 'rate-limited'],
    [503, null, false, 'retryable'],
    [503, null, true, 'ambiguous'],
    [500, { code: 1, message: 'x' }, true, 'ambiguous'],
    [401, null, false, 'auth'],
    [404, null, true, 'permanent'],
    [200, null, false, 'retryable'],
    [200, null, true, 'ambiguous'],
  ] as const)('HTTP %i body %j write=%s → %s', (httpStatus, envelope, write, action) => {
    expect(classifyResponse({ httpStatus, envelope, write }).action).toBe(action);
  });
});

describe('classifyTransportError', () => {
  const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
  const reset = new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
  it('treats a refused connection as no-network: nothing was sent, safe to resend', () => {
    expect(classifyTransportError(refused, true, false)).toEqual({
      action: 'retryable',
      reason: 'no-network',
    });
  });
  it('treats a reset or a timeout after sending as ambiguous for writes only', () => {
    expect(classifyTransportError(reset, true, false).action).toBe('ambiguous');
    expect(classifyTransportError(reset, false, false).action).toBe('retryable');
    expect(classifyTransportError(new Error('aborted'), true, true)).toEqual({
      action: 'ambiguous',
      reason: 'timeout',
    });
  });
});

describe('backoff', () => {
  it('follows min(1 s × 2^n + U(0, 0.5 s), 60 s) and prefers Retry-After', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(1000);
    expect(backoffDelayMs(3, () => 1)).toBe(8500);
    expect(backoffDelayMs(10, () => 0.5)).toBe(60_000);
    expect(backoffDelayMs(4, () => 0.5, 7000)).toBe(7000);
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
