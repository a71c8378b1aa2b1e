import { create } from 'zustand';
import type { QueueFilterKey } from '../features/queue/filters';

/** Every screen of the station; see app/screens.tsx for the nav entries and keys. */
export type Screen =
  | 'queue'
  | 'pack'
  | 'ship'
  | 'handover'
  | 'outbox'
  | 'import'
  | 'scanner'
  | 'exceptions'
  | 'settings'
  | 'insights'
  | 'returns';

interface UiState {
  screen: Screen;
  filter: QueueFilterKey;
  query: string;
  selectedOrderId: string | null;
  actions: {
    screenOpened: (screen: Screen) => void;
    filterChosen: (filter: QueueFilterKey) => void;
    queryTyped: (query: string) => void;
    orderSelected: (id: string | null) => void;
  };
}

export function createUiStore() {
  return create<UiState>()((set) => ({
    screen: 'queue',
    filter: 'AWAITING_SHIPMENT',
    query: '',
    selectedOrderId: null,
    actions: {
      screenOpened: (screen) => set({ screen }),
      filterChosen: (filter) => set({ filter, selectedOrderId: null }),
      queryTyped: (query) => set({ query }),
      orderSelected: (selectedOrderId) => set({ selectedOrderId }),
    },
  }));
}

const useUiStore = createUiStore();

export const useScreen = () => useUiStore((s) => s.screen);
export const useQueueFilter = () => useUiStore((s) => s.filter);
export const useQuery = () => useUiStore((s) => s.query);
export const useSelectedOrderId = () => useUiStore((s) => s.selectedOrderId);
export const useUiActions = () => useUiStore((s) => s.actions);
export const getUiState = () => useUiStore.getState();
export const subscribeUi = useUiStore.subscribe;
