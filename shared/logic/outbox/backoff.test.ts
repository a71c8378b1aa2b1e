import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter, rateLimitDelay, tiktokRateLimitDelay } from './backoff';
import { extendHold, NO_HOLD, takeToken, authBlocks, openAuthBreaker, AUTH_CLOSED } from './gates';

describe('backoff', () => {
  it('full jitter stays within [0, min(cap, base·2^n))', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, u) => {
        const opts = { baseMs: 500, capMs: 30_000 };
        const d = fullJitterDelay(n, () => u, opts);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(opts.capMs, opts.baseMs * 2 ** n));
      }),
    );
  });

  it('follows TikTok’s min(1 s·2^n + U(0, 0.5 s), 60 s)', () => {
    expect(tiktokRateLimitDelay(0, () => 0)).toBe(1_000);
    expect(tiktokRateLimitDelay(2, () => 0.5)).toBe(4_000 + 250);
    expect(tiktokRateLimitDelay(10, () => 0.9)).toBe(60_000);
  });

  it('lets Retry-After win over the formula', () => {
    expect(rateLimitDelay(3, 2_500, () => 0.9)).toBe(2_500);
    expect(rateLimitDelay(3, null, () => 0)).toBe(tiktokRateLimitDelay(3, () => 0));
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('gates', () => {
  it('spaces concurrent reservations by 1/rate', () => {
    let bucket = { tokens: 1, at: 0 };
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const r = takeToken(bucket, 0, 4, 1);
      bucket = r.bucket;
      waits.push(r.waitMs);
    }
    expect(waits).toEqual([0, 250, 500, 750]);
    // After a quiet second the bucket has refilled to its burst size only.
    const later = takeToken({ tokens: 1, at: 0 }, 10_000, 4, 1);
    expect(later.waitMs).toBe(0);
    expect(later.bucket.tokens).toBe(0);
  });

  it('never lets the long-run rate exceed the configured one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 200 }), (rate, n) => {
        let bucket = { tokens: 1, at: 0 };
        let last = 0;
        for (let i = 0; i < n; i += 1) {
          const r = takeToken(bucket, 0, rate, 1);
          bucket = r.bucket;
          last = r.waitMs;
        }
        expect(last).toBeGreaterThanOrEqual(((n - 1) * 1_000) / rate - 1);
      }),
    );
  });

  it('extends a hold and counts the streak; the auth breaker blocks until its probe time', () => {
    const h = extendHold(extendHold(NO_HOLD, 100, 50), 120, 10);
    expect(h).toEqual({ until: 150, streak: 2 });
    const b = openAuthBreaker(1_000, 500, 'expired');
    expect(authBlocks(b, 1_499)).toBe(true);
    expect(authBlocks(b, 1_500)).toBe(false);
    expect(authBlocks(AUTH_CLOSED, 0)).toBe(false);
  });
});
