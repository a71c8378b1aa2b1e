import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';
import { isLanguage, type Language } from '../lib/i18n';

/** The packer signed in at this station: a typed name, or a scanned badge. */
export interface Operator {
  name: string;
  badge: string | null;
  signedInAt: number;
}

/** Station id when none has been set: recorded with every scan and decision. */
export const DEFAULT_STATION_ID = 'STATION-1';

interface SessionState {
  language: Language | null;
  operator: Operator | null;
  stationId: string;
  /** Sound cue volume, 0…1. */
  soundVolume: number;
  actions: {
    languageChosen: (language: Language) => void;
    operatorSignedIn: (operator: Operator) => void;
    operatorSignedOut: () => void;
    stationIdSet: (stationId: string) => void;
    soundVolumeSet: (volume: number) => void;
  };
}

function clampVolume(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.8;
}

function readOperator(v: unknown): Operator | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Partial<Operator>;
  if (typeof o.name !== 'string' || o.name.trim() === '') return null;
  return {
    name: o.name,
    badge: typeof o.badge === 'string' ? o.badge : null,
    signedInAt: typeof o.signedInAt === 'number' ? o.signedInAt : 0,
  };
}

/** Station preferences that outlive a restart: only these are persisted (localStorage). */
export function createSessionStore() {
  return create<SessionState>()(
    persist(
      (set) => ({
        language: null,
        operator: null,
        stationId: DEFAULT_STATION_ID,
        soundVolume: 0.8,
        actions: {
          languageChosen: (language) => set({ language }),
          operatorSignedIn: (operator) => set({ operator }),
          operatorSignedOut: () => set({ operator: null }),
          stationIdSet: (stationId) => set({ stationId: stationId.trim() || DEFAULT_STATION_ID }),
          soundVolumeSet: (volume) => set({ soundVolume: clampVolume(volume) }),
        },
      }),
      {
        name: 'packbench.session',
        storage: createJSONStorage(() => localStorage),
        partialize: (s) => ({
          language: s.language,
          operator: s.operator,
          stationId: s.stationId,
          soundVolume: s.soundVolume,
        }),
        merge: (persisted, current) => {
          const p = (persisted ?? {}) as Record<string, unknown>;
          return {
            ...current,
            language: isLanguage(p.language) ? p.language : null,
            operator: readOperator(p.operator),
            stationId:
              typeof p.stationId === 'string' && p.stationId.trim() !== ''
                ? p.stationId
                : DEFAULT_STATION_ID,
            soundVolume: clampVolume(p.soundVolume),
          };
        },
      },
    ),
  );
}

const useSessionStore = createSessionStore();

export const useLanguage = () => useSessionStore((s) => s.language);
export const useOperator = () => useSessionStore((s) => s.operator);
export const useStationId = () => useSessionStore((s) => s.stationId);
export const useSoundVolume = () => useSessionStore((s) => s.soundVolume);
export const useSessionActions = () => useSessionStore(useShallow((s) => s.actions));
export const getSessionState = () => useSessionStore.getState();
