import { create } from 'zustand';
import type { BatchCounts, BatchSummary } from '../features/queue/batch-confirm';
import type { QueueFilterKey } from '../features/queue/filters';

/**
 * The "Confirm clean orders" run: ephemeral UI state (never persisted). It outlives the queue
 * screen, so a long run keeps going, and its summary is still there, when the packer switches
 * screens and comes back. Orders, stock and audit stay in Dexie.
 */
export type BatchPhase = 'closed' | 'ready' | 'running' | 'done' | 'failed';

interface BatchConfirmState {
  phase: BatchPhase;
  /** The queue tab the run is (or will be) for. */
  filter: QueueFilterKey | null;
  counts: BatchCounts | null;
  summary: BatchSummary | null;
  /** The run stopped on an error: shown with the counts reached. */
  error: string | null;
  /** A stop was asked for; the run ends after the chunk in hand. */
  stopping: boolean;
  actions: {
    panelOpened: (filter: QueueFilterKey) => void;
    runStarted: () => void;
    chunkDone: (counts: BatchCounts) => void;
    stopAsked: () => void;
    runFinished: (summary: BatchSummary) => void;
    runFailed: (message: string) => void;
    panelClosed: () => void;
  };
}

export function createBatchConfirmStore() {
  return create<BatchConfirmState>()((set, get) => ({
    phase: 'closed',
    filter: null,
    counts: null,
    summary: null,
    error: null,
    stopping: false,
    actions: {
      panelOpened: (filter) => {
        if (get().phase === 'running') return;
        set({ phase: 'ready', filter, counts: null, summary: null, error: null, stopping: false });
      },
      runStarted: () => set({ phase: 'running', counts: null, error: null, stopping: false }),
      chunkDone: (counts) => {
        if (get().phase === 'running') set({ counts });
      },
      stopAsked: () => {
        if (get().phase === 'running') set({ stopping: true });
      },
      runFinished: (summary) => set({ phase: 'done', summary, counts: summary, stopping: false }),
      runFailed: (message) => set({ phase: 'failed', error: message, stopping: false }),
      panelClosed: () => {
        if (get().phase === 'running') return;
        set({ phase: 'closed', filter: null, counts: null, summary: null, error: null });
      },
    },
  }));
}

const useBatchConfirmStore = createBatchConfirmStore();

export const useBatchPhase = () => useBatchConfirmStore((s) => s.phase);
export const useBatchFilter = () => useBatchConfirmStore((s) => s.filter);
export const useBatchCounts = () => useBatchConfirmStore((s) => s.counts);
export const useBatchSummary = () => useBatchConfirmStore((s) => s.summary);
export const useBatchError = () => useBatchConfirmStore((s) => s.error);
export const useBatchStopping = () => useBatchConfirmStore((s) => s.stopping);
export const useBatchConfirmActions = () => useBatchConfirmStore((s) => s.actions);
export const getBatchConfirmState = () => useBatchConfirmStore.getState();
