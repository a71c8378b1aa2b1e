import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';
import { isLanguage, type Language } from '../lib/i18n';

interface SessionState {
  language: Language | null;
  actions: {
    languageChosen: (language: Language) => void;
  };
}

/** Station preferences that outlive a restart: only these are persisted (localStorage). */
export function createSessionStore() {
  return create<SessionState>()(
    persist(
      (set) => ({
        language: null,
        actions: {
          languageChosen: (language) => set({ language }),
        },
      }),
      {
        name: 'packbench.session',
        storage: createJSONStorage(() => localStorage),
        partialize: (s) => ({ language: s.language }),
        merge: (persisted, current) => {
          const lang = (persisted as { language?: unknown } | undefined)?.language;
          return { ...current, language: isLanguage(lang) ? lang : null };
        },
      },
    ),
  );
}

const useSessionStore = createSessionStore();

export const useLanguage = () => useSessionStore((s) => s.language);
export const useSessionActions = () => useSessionStore(useShallow((s) => s.actions));
export const getSessionState = () => useSessionStore.getState();
