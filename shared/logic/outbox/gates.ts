/**
 * Queue-wide gates, as plain immutable state: the auth circuit breaker, the host breaker (nothing
 * reaches the shop), the rate-limit hold (429), and a token bucket that spaces requests.
 */

export type AuthBreaker =
  | { state: 'closed' }
  /** Paused until `probeAt`; then one request may try (half-open). */
  | { state: 'open'; since: number; probeAt: number; reason: string };

export const AUTH_CLOSED: AuthBreaker = { state: 'closed' };

export function openAuthBreaker(now: number, probeAfterMs: number, reason: string): AuthBreaker {
  return { state: 'open', since: now, probeAt: now + probeAfterMs, reason };
}

/** True while the whole queue must wait for a re-login (or for the next probe). */
export function authBlocks(breaker: AuthBreaker, now: number): boolean {
  return breaker.state === 'open' && now < breaker.probeAt;
}

/** A hold on every request until `until`: offline host, or the shop's rate limit. */
export interface Hold {
  until: number;
  /** Consecutive failures behind this hold, for the next backoff exponent. */
  streak: number;
}

export const NO_HOLD: Hold = { until: 0, streak: 0 };

export function extendHold(hold: Hold, now: number, delayMs: number): Hold {
  return { until: Math.max(hold.until, now + delayMs), streak: hold.streak + 1 };
}

export interface TokenBucket {
  /** May go negative: a negative balance is a reservation that callers wait out. */
  tokens: number;
  at: number;
}

/**
 * Takes one token at `now`; returns the new bucket and how long the caller must wait before its
 * request. Concurrent callers reserve in turn, so N callers are spaced 1/rate apart.
 */
export function takeToken(
  bucket: TokenBucket,
  now: number,
  ratePerSecond: number,
  burst: number,
): { bucket: TokenBucket; waitMs: number } {
  const elapsed = Math.max(0, now - bucket.at);
  const refilled = Math.min(burst, bucket.tokens + (elapsed * ratePerSecond) / 1_000);
  const tokens = refilled - 1;
  const waitMs = tokens >= 0 ? 0 : Math.ceil((-tokens * 1_000) / ratePerSecond);
  return { bucket: { tokens, at: Math.max(now, bucket.at) }, waitMs };
}
