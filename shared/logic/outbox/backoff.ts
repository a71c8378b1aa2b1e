/**
 * Retry timing. Pure: `random` returns a number in [0, 1), like Math.random, and is injected.
 * reliability.md §1.2 (capped full jitter), tiktok-shop-api.md §8 (TikTok's rate-limit formula).
 */

export type Random = () => number;

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5 * 60_000 };

/** Capped full jitter: uniform in [0, min(cap, base · 2^attempt)). `attempt` counts from 0. */
export function fullJitterDelay(
  attempt: number,
  random: Random,
  opts: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** TikTok's documented wait after a 429: min(1 s · 2^retry + U(0, 0.5 s), 60 s). */
export function tiktokRateLimitDelay(retry: number, random: Random): number {
  return Math.floor(Math.min(1_000 * 2 ** Math.max(0, retry) + random() * 500, 60_000));
}

/**
 * Parses a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns the wait
 * in milliseconds from `now`, never negative, or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** The wait after a rate-limit answer: the server's Retry-After wins, else TikTok's formula. */
export function rateLimitDelay(
  retry: number,
  retryAfterMs: number | null | undefined,
  random: Random,
  maxMs = 10 * 60_000,
): number {
  if (retryAfterMs !== null && retryAfterMs !== undefined && retryAfterMs >= 0) {
    return Math.min(retryAfterMs, maxMs);
  }
  return tiktokRateLimitDelay(retry, random);
}
