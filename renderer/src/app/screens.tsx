import type { ReactNode } from 'react';
import { QueueScreen } from '../features/queue';
import type { Screen } from '../stores/ui-store';

export interface ScreenEntry {
  id: Screen;
  /** The function key that opens it, shown on the nav button. */
  key: string;
  /** i18n key of the nav label. */
  label: string;
  render: (ctx: ScreenContext) => ReactNode;
}

export interface ScreenContext {
  dbName: string;
  practice: boolean;
  onResetPractice: () => void;
}

/**
 * Every screen of the station, in nav order. A feature adds its entry here (and its id to the
 * Screen union in stores/ui-store.ts). Settings is last and always F10.
 */
export const SCREENS: ScreenEntry[] = [
  { id: 'queue', key: 'F2', label: 'nav.queue', render: () => <QueueScreen /> },
];
