/**
 * The scale as the UI sees it: which scale, whether it is there, the last reading, and the
 * stability state (settled weight, padlock). Fed by the scale driver (serial polling or WebHID).
 */
import { create } from 'zustand';
import type { ScaleReading } from '#shared/logic/scale/reading';
import {
  INITIAL_STABILITY,
  lockWeight,
  nextStability,
  takeableWeight,
  type StabilityState,
} from '#shared/logic/scale/stability';
import { DEFAULT_SCALE_SETTINGS, type ScaleSettings } from './settings';

export interface ScaleState {
  settings: ScaleSettings;
  connected: boolean;
  /** What is connected: a serial path or a USB device name. */
  label: string;
  error: string | null;
  last: { reading: ScaleReading; at: number } | null;
  stability: StabilityState;
  /** Lines the scale sent that were not weights (the scale test shows them). */
  unrecognised: string[];
  /** Bumped on every reading, so waiters wake up. */
  seq: number;
  actions: {
    configured: (settings: ScaleSettings) => void;
    connected: (label: string) => void;
    lost: (error: string | null) => void;
    readings: (list: { reading: ScaleReading; at: number }[]) => void;
    unrecognised: (lines: string[]) => void;
    /** The padlock: the settled weight now belongs to a parcel. */
    lock: () => void;
  };
}

export const scaleStore = create<ScaleState>()((set, get) => ({
  settings: DEFAULT_SCALE_SETTINGS,
  connected: false,
  label: '',
  error: null,
  last: null,
  stability: INITIAL_STABILITY,
  unrecognised: [],
  seq: 0,
  actions: {
    configured: (settings) => set({ settings }),
    connected: (label) =>
      set({ connected: true, label, error: null, stability: INITIAL_STABILITY }),
    lost: (error) => set({ connected: false, error, last: null, stability: INITIAL_STABILITY }),
    readings: (list) => {
      if (list.length === 0) return;
      let stability = get().stability;
      for (const r of list) stability = nextStability(stability, r.reading);
      set({ stability, last: list.at(-1) ?? null, seq: get().seq + list.length });
    },
    unrecognised: (lines) =>
      lines.length > 0 && set({ unrecognised: [...get().unrecognised, ...lines].slice(-10) }),
    lock: () => set({ stability: lockWeight(get().stability) }),
  },
}));

/** The weight a parcel may take now (settled, not empty, not locked to the last parcel). */
export function currentTakeable(): number | null {
  return takeableWeight(scaleStore.getState().stability);
}

/**
 * Waits up to `ms` for a takeable weight; null when none came. Resolves at once when one is
 * there (the usual case: the parcel was on the scale during the last scan).
 */
export function waitForTakeable(ms: number): Promise<number | null> {
  const now = currentTakeable();
  if (now !== null || ms <= 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(null);
    }, ms);
    const unsubscribe = scaleStore.subscribe(() => {
      const g = currentTakeable();
      if (g !== null) {
        clearTimeout(timer);
        unsubscribe();
        resolve(g);
      }
    });
  });
}
