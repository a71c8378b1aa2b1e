import { create } from 'zustand';

/** What the refresher knows that is not in the database: its last tick and its progress. */
export interface TrackingState {
  lastTick: { at: number; refreshed: number; online: boolean } | null;
  progress: { done: number; total: number } | null;
  actions: {
    ticked: (t: { at: number; refreshed: number; online: boolean }) => void;
    progress: (done: number, total: number) => void;
  };
}

const useTrackingStore = create<TrackingState>()((set) => ({
  lastTick: null,
  progress: null,
  actions: {
    ticked: (lastTick) => set({ lastTick, progress: null }),
    progress: (done, total) => set({ progress: total > 0 ? { done, total } : null }),
  },
}));

export const useTrackingLastTick = () => useTrackingStore((s) => s.lastTick);
export const useTrackingProgress = () => useTrackingStore((s) => s.progress);
export const getTrackingActions = () => useTrackingStore.getState().actions;
