import type { ParcelState } from './events';

/**
 * When to read a parcel's tracking again: often while it moves or near its promised date, rarely
 * when it is quiet, never after a final state. Pure; the refresher adds the shop's rate limit.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

export interface RefreshPolicy {
  /** Out for delivery, failed attempt, at a pickup point: the next event is hours away. */
  activeMs: number;
  /** Moved in the last day, or the promised date is within a day (or past). */
  movingMs: number;
  /** Label made, not scanned yet. */
  waitingMs: number;
  /** Nothing happened for days. */
  quietMs: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = {
  activeMs: 1 * HOUR,
  movingMs: 3 * HOUR,
  waitingMs: 6 * HOUR,
  quietMs: 12 * HOUR,
};

export function nextRefreshAt(
  state: ParcelState,
  ctx: { now: number; promisedDeadline: number },
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
): number | null {
  if (state.final) return null;
  const { now } = ctx;
  let wait: number;
  switch (state.status) {
    case 'out-for-delivery':
    case 'failed-attempt':
    case 'available-for-pickup':
      wait = policy.activeMs;
      break;
    case 'info-received':
      wait = policy.waitingMs;
      break;
    default: {
      const recent = state.lastEventAt !== null && now - state.lastEventAt < 24 * HOUR;
      const nearPromise = ctx.promisedDeadline - now < 24 * HOUR;
      wait = recent || nearPromise ? policy.movingMs : policy.quietMs;
    }
  }
  return now + wait;
}
