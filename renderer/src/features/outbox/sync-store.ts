import { create } from 'zustand';
import type { Gate } from '#shared/logic/outbox/index';

/**
 * What the sync worker knows that is not in the database: is the shop reachable (decided from
 * real request outcomes, reliability.md §1.2 / bench-realities.md §8), which gate holds the
 * queue, and whether this window is the one draining (Web Lock). Domain data stays in Dexie.
 */
export type Link = 'unknown' | 'online' | 'offline';

export interface SyncState {
  link: Link;
  browserOnline: boolean;
  /** This window holds the outbox lock and drains; another window may hold it instead. */
  draining: boolean;
  gate: { gate: Gate; until: number | null } | null;
  lastError: string | null;
  lastReachedAt: number | null;
  actions: {
    reached: (ok: boolean, at: number) => void;
    browserOnlineChanged: (online: boolean) => void;
    drainingChanged: (draining: boolean) => void;
    gateChanged: (gate: SyncState['gate']) => void;
    errored: (message: string | null) => void;
  };
}

export function createSyncStore() {
  return create<SyncState>()((set) => ({
    link: 'unknown',
    browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
    draining: false,
    gate: null,
    lastError: null,
    lastReachedAt: null,
    actions: {
      reached: (ok, at) => set(ok ? { link: 'online', lastReachedAt: at } : { link: 'offline' }),
      browserOnlineChanged: (browserOnline) =>
        set(browserOnline ? { browserOnline } : { browserOnline, link: 'offline' }),
      drainingChanged: (draining) => set({ draining }),
      gateChanged: (gate) => set({ gate }),
      errored: (lastError) => set({ lastError }),
    },
  }));
}

export const useSyncStore = createSyncStore();

export const useSyncLink = () =>
  useSyncStore((s) => (s.browserOnline ? s.link : ('offline' as const)));
export const useSyncGate = () => useSyncStore((s) => s.gate);
export const useSyncDraining = () => useSyncStore((s) => s.draining);
export const useSyncLastError = () => useSyncStore((s) => s.lastError);
export const getSyncActions = () => useSyncStore.getState().actions;
