import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';
import {
  DEFAULT_SCAN_CONFIG,
  type RawScan,
  type ScanClassifierConfig,
} from '#shared/logic/scan/index';

/** One keydown as the listener saw it, for the scanner self-test. */
export interface KeyLogEntry {
  key: string;
  code: string;
  keyCode: number;
  /** event.timeStamp, ms. */
  t: number;
  /** Since the previous key of the log, ms (0 for the first). */
  gapMs: number;
  action: 'pass' | 'hold' | 'swallow';
  shift: boolean;
}

/** The last scan the listener completed, with the keys that made it. */
export interface LastScan {
  seq: number;
  raw: RawScan;
  /** After normalisation (or the raw text when normalisation refused it). */
  text: string;
  /** ScanContent kind from the parser. */
  kind: string;
  keys: KeyLogEntry[];
  /** Where the scan went: 'pack', 'open-order', 'sign-in', 'modal', 'field', 'ignored', 'test'. */
  routedTo: string;
}

export type ScannerNotice =
  | { kind: 'ime' }
  | { kind: 'caps-lock' }
  | { kind: 'layout' }
  | { kind: 'blur-discarded'; text: string }
  /** Keys at scanner speed that made no whole scan (a burst cut short by late keys). */
  | { kind: 'fragment'; text: string }
  | { kind: 'modal-ignored'; text: string }
  | { kind: 'not-found'; text: string };

interface ScannerState {
  config: ScanClassifierConfig;
  /** The window has focus: scans arrive. */
  armed: boolean;
  last: LastScan | null;
  scans: number;
  notice: ScannerNotice | null;
  actions: {
    configChanged: (patch: Partial<ScanClassifierConfig>) => void;
    configReset: () => void;
    armedChanged: (armed: boolean) => void;
    scanSeen: (scan: Omit<LastScan, 'seq'>) => void;
    noticeRaised: (notice: ScannerNotice | null) => void;
  };
}

function readConfig(v: unknown): ScanClassifierConfig {
  const out: ScanClassifierConfig = { ...DEFAULT_SCAN_CONFIG };
  if (!v || typeof v !== 'object') return out;
  const p = v as Record<string, unknown>;
  const num = (
    k: Exclude<keyof ScanClassifierConfig, 'splitOutliers'>,
    min: number,
    max: number,
  ) => {
    const x = p[k];
    if (typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max) {
      out[k] = x;
    }
  };
  num('maxGapMs', 5, 200);
  num('minLength', 2, 20);
  num('suffixWaitMs', 20, 500);
  num('lateSuffixMs', 0, 1000);
  num('maxLength', 20, 1000);
  num('dedupeMs', 0, 1000);
  if (typeof p.splitOutliers === 'boolean') out.splitOutliers = p.splitOutliers;
  return out;
}

/** Scanner settings (persisted) and what the global listener last saw (not persisted). */
export function createScannerStore(storage: () => Storage = () => localStorage) {
  return create<ScannerState>()(
    persist(
      (set) => ({
        config: { ...DEFAULT_SCAN_CONFIG },
        armed: true,
        last: null,
        scans: 0,
        notice: null,
        actions: {
          configChanged: (patch) => set((s) => ({ config: readConfig({ ...s.config, ...patch }) })),
          configReset: () => set({ config: { ...DEFAULT_SCAN_CONFIG } }),
          armedChanged: (armed) => set({ armed }),
          scanSeen: (scan) =>
            set((s) => ({ last: { ...scan, seq: s.scans + 1 }, scans: s.scans + 1 })),
          noticeRaised: (notice) => set({ notice }),
        },
      }),
      {
        name: 'packbench.scanner',
        storage: createJSONStorage(storage),
        partialize: (s) => ({ config: s.config }),
        merge: (persisted, current) => ({
          ...current,
          config: readConfig((persisted as { config?: unknown } | undefined)?.config),
        }),
      },
    ),
  );
}

const useScannerStore = createScannerStore();

export const useScannerConfig = () => useScannerStore((s) => s.config);
export const useScannerArmed = () => useScannerStore((s) => s.armed);
export const useLastScan = () => useScannerStore((s) => s.last);
export const useScannerNotice = () => useScannerStore((s) => s.notice);
export const useScannerActions = () => useScannerStore(useShallow((s) => s.actions));
export const getScannerState = () => useScannerStore.getState();
export const subscribeScanner = useScannerStore.subscribe;
