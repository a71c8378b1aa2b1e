import { describe, expect, it } from 'vitest';
import type { ScaleReading } from './reading';
import { INITIAL_STABILITY, lockWeight, nextStability, takeableWeight } from './stability';

const w = (grams: number, stable = false): ScaleReading => ({
  kind: 'weight',
  grams,
  stable,
  unit: 'g',
  net: false,
});

function run(readings: ScaleReading[], start = INITIAL_STABILITY) {
  return readings.reduce((s, r) => nextStability(s, r), start);
}

describe('stable readings and the padlock', () => {
  it('takes a weight the scale calls stable at once', () => {
    expect(takeableWeight(run([w(300), w(512, true)]))).toBe(512);
  });

  it('without a flag, takes a weight only after 5 readings agree within 2 g', () => {
    expect(takeableWeight(run([w(500), w(510), w(511), w(511), w(512)]))).toBeNull();
    expect(takeableWeight(run([w(510), w(511), w(511), w(512), w(511)]))).toBe(511);
  });

  it('never takes an unstable, empty or faulted scale', () => {
    expect(takeableWeight(run([w(512, false)]))).toBeNull();
    expect(takeableWeight(run([w(2, true)]))).toBeNull();
    expect(takeableWeight(run([w(512, true), { kind: 'overload' }]))).toBeNull();
    expect(run([w(512, true), { kind: 'under-zero' }]).problem).toBe('under-zero');
  });

  it('locks a taken weight until the scale empties or moves (no carry-over)', () => {
    let s = lockWeight(run([w(512, true)]));
    s = nextStability(s, w(512, true));
    expect(takeableWeight(s)).toBeNull(); // the same parcel is still there
    s = nextStability(s, w(0, true)); // emptied
    s = nextStability(s, w(760, true));
    expect(takeableWeight(s)).toBe(760);
    s = lockWeight(s);
    s = run([w(700), w(800, true)], s); // moved: another parcel
    expect(takeableWeight(s)).toBe(800);
  });
});
