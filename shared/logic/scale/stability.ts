/**
 * Which reading may be taken as a parcel's weight.
 *
 * - **Stable**: the scale says so, or (for scales without a flag) `window` readings in a row
 *   agree within `toleranceGrams`.
 * - **Padlock** (bench-realities.md §5): once a weight is taken for a parcel, the next parcel's
 *   weight is only taken after the scale moved or went back to zero, so one parcel's weight never
 *   carries over to the next.
 *
 * Pure state machine: readings in, state out; the caller keeps the clock.
 */
import type { ScaleReading } from './reading';

export interface StabilityOptions {
  /** Readings that must agree when the scale has no stability flag. */
  window: number;
  toleranceGrams: number;
  /** Below this a reading counts as an empty scale. */
  emptyBelowGrams: number;
}

export const DEFAULT_STABILITY: StabilityOptions = {
  window: 5,
  toleranceGrams: 2,
  emptyBelowGrams: 5,
};

export interface StabilityState {
  /** The last readings' grams (weights only), newest last, at most `window`. */
  recent: number[];
  /** The current settled weight, or null while moving / faulted. */
  settled: number | null;
  /** A weight was taken for a parcel and the scale has not moved or emptied since. */
  locked: boolean;
  /** The last reading was not a weight (overload, under zero, fault…). */
  problem: Exclude<ScaleReading['kind'], 'weight'> | null;
}

export const INITIAL_STABILITY: StabilityState = {
  recent: [],
  settled: null,
  locked: false,
  problem: null,
};

export function nextStability(
  state: StabilityState,
  reading: ScaleReading,
  opts: StabilityOptions = DEFAULT_STABILITY,
): StabilityState {
  if (reading.kind !== 'weight') {
    // Motion and faults unsettle the scale; they also release the padlock (the parcel moved).
    return {
      recent: [],
      settled: null,
      locked: reading.kind === 'motion' ? false : state.locked,
      problem: reading.kind,
    };
  }
  const recent = [...state.recent, reading.grams].slice(-opts.window);
  const agree =
    recent.length >= opts.window &&
    Math.max(...recent) - Math.min(...recent) <= opts.toleranceGrams;
  const settled = reading.stable || agree ? reading.grams : null;
  const moved =
    settled === null ||
    reading.grams < opts.emptyBelowGrams ||
    (state.settled !== null && Math.abs(settled - state.settled) > opts.toleranceGrams);
  return { recent, settled, locked: state.locked && !moved, problem: null };
}

/** The weight a parcel may take now: settled, not empty, and not locked to the last parcel. */
export function takeableWeight(
  state: StabilityState,
  opts: StabilityOptions = DEFAULT_STABILITY,
): number | null {
  if (state.locked || state.settled === null) return null;
  return state.settled >= opts.emptyBelowGrams ? state.settled : null;
}

/** After a weight is taken for a parcel: lock it until the scale moves or empties. */
export function lockWeight(state: StabilityState): StabilityState {
  return { ...state, locked: true };
}
