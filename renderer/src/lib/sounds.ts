/**
 * Audio cues for the bench (bench-realities.md §2): distinct success, error and complete sounds,
 * synthesised with Web Audio oscillators (no audio files), played on the same frame as the scan.
 *
 * The cue table and `cueForFeedback` are pure, so a unit test holds every error path to the
 * error cue; `createCuePlayer` is the only part that touches an AudioContext.
 */
import type { PackSound } from '#shared/logic/pack/feedback';

export type Cue = 'success' | 'error' | 'complete' | 'warning';

export interface Tone {
  /** Hz. */
  freq: number;
  /** Start offset from the cue start, ms. */
  at: number;
  /** Length, ms. */
  ms: number;
  wave: OscillatorType;
  /** Relative loudness, 0…1, before the volume setting. */
  gain: number;
}

/**
 * success: one short high beep. error: three loud, low, harsh buzzes (square wave) — impossible
 * to mistake for success. complete: a rising three-note chord. warning: two mid beeps.
 */
export const CUES: Readonly<Record<Cue, readonly Tone[]>> = {
  success: [{ freq: 1760, at: 0, ms: 70, wave: 'sine', gain: 0.6 }],
  error: [
    { freq: 196, at: 0, ms: 160, wave: 'square', gain: 1 },
    { freq: 185, at: 200, ms: 160, wave: 'square', gain: 1 },
    { freq: 175, at: 400, ms: 260, wave: 'square', gain: 1 },
  ],
  complete: [
    { freq: 1047, at: 0, ms: 110, wave: 'triangle', gain: 0.7 },
    { freq: 1319, at: 120, ms: 110, wave: 'triangle', gain: 0.7 },
    { freq: 1568, at: 240, ms: 260, wave: 'triangle', gain: 0.8 },
  ],
  warning: [
    { freq: 660, at: 0, ms: 120, wave: 'sawtooth', gain: 0.7 },
    { freq: 660, at: 180, ms: 120, wave: 'sawtooth', gain: 0.7 },
  ],
};

/** The cue for a pack feedback sound; `none` plays nothing. */
export function cueForSound(sound: PackSound): Cue | null {
  switch (sound) {
    case 'success':
      return 'success';
    case 'error':
      return 'error';
    case 'complete':
      return 'complete';
    case 'none':
      return null;
  }
}

/** Total length of a cue, ms. */
export function cueLength(cue: Cue): number {
  return Math.max(...CUES[cue].map((t) => t.at + t.ms));
}

/** The minimal AudioContext surface the player uses, so tests can pass a recorder. */
export interface AudioLike {
  readonly currentTime: number;
  readonly state: string;
  resume(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
  readonly destination: AudioNode;
}

export interface CuePlayer {
  play(cue: Cue | null, volume: number): void;
  /** Resume the context on a user gesture (Chromium autoplay policy). */
  unlock(): void;
}

/** A player over a lazily created AudioContext; silent (never throwing) where audio is missing. */
export function createCuePlayer(make: () => AudioLike | null = defaultContext): CuePlayer {
  let ctx: AudioLike | null = null;
  let failed = false;
  const get = (): AudioLike | null => {
    if (ctx || failed) return ctx;
    try {
      ctx = make();
    } catch {
      ctx = null;
    }
    if (!ctx) failed = true;
    return ctx;
  };
  return {
    unlock() {
      const c = get();
      if (c && c.state === 'suspended') void c.resume().catch(() => undefined);
    },
    play(cue, volume) {
      if (cue === null || volume <= 0) return;
      const c = get();
      if (!c) return;
      if (c.state === 'suspended') void c.resume().catch(() => undefined);
      const start = c.currentTime + 0.005;
      for (const tone of CUES[cue]) {
        const osc = c.createOscillator();
        const gain = c.createGain();
        osc.type = tone.wave;
        osc.frequency.value = tone.freq;
        const t0 = start + tone.at / 1000;
        const t1 = t0 + tone.ms / 1000;
        const peak = Math.max(0.0001, tone.gain * volume * 0.5);
        gain.gain.setValueAtTime(0.0001, t0);
        gain.gain.exponentialRampToValueAtTime(peak, t0 + 0.008);
        gain.gain.setValueAtTime(peak, Math.max(t0 + 0.009, t1 - 0.02));
        gain.gain.exponentialRampToValueAtTime(0.0001, t1);
        osc.connect(gain);
        gain.connect(c.destination);
        osc.start(t0);
        osc.stop(t1 + 0.01);
      }
    },
  };
}

function defaultContext(): AudioLike | null {
  const Ctor = (globalThis as { AudioContext?: new () => AudioContext }).AudioContext;
  return Ctor ? new Ctor() : null;
}

/** The app's one player. */
export const cues: CuePlayer = createCuePlayer();
