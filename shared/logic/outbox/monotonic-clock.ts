/**
 * The outbox's clock (issue 13, item 5): wall-clock time at start, advanced by a monotonic source
 * (`performance.now()` in the renderer). Setting the computer's clock back or forward while the
 * station runs does not move it, so a retry queued for "in 30 s" runs 30 s later, not a day late
 * (clock set back) or at once (clock set forward). Rows keep wall-clock stamps; a stamp written
 * against a clock that has since gone back is caught by the engine's schedule horizon.
 */
export interface MonotonicClock {
  now: () => number;
  /** How far the wall clock has moved away from this clock since start (ms, + = ahead). */
  drift: () => number;
}

export function createMonotonicClock(wall: () => number, monotonic: () => number): MonotonicClock {
  const wallAtStart = wall();
  const monoAtStart = monotonic();
  const now = () => wallAtStart + (monotonic() - monoAtStart);
  return { now, drift: () => wall() - now() };
}
