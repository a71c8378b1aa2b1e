import { Suspense, type ReactNode } from 'react';
import { HandoverScreen } from '../features/handover';
import { ImportScreen } from '../features/import';
import { InsightsScreen } from '../features/insights';
import { OutboxScreen } from '../features/outbox';
import { PackScreen } from '../features/packing';
import { QueueScreen } from '../features/queue';
import { ReturnsScreen } from '../features/returns';
import { ScannerTestScreen } from '../features/scanner';
import { ExceptionsScreen } from '../features/tracking';
import { ShipScreen } from '../features/shipping';
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
  { id: 'pack', key: 'F3', label: 'packing.nav', render: () => <PackScreen /> },
  { id: 'ship', key: 'F4', label: 'shipping.nav', render: () => <ShipScreen /> },
  { id: 'handover', key: 'F5', label: 'handover.nav', render: () => <HandoverScreen /> },
  { id: 'outbox', key: 'F6', label: 'outbox.nav', render: () => <OutboxScreen /> },
  {
    id: 'import',
    key: 'F7',
    label: 'import.nav',
    render: (ctx) => <ImportScreen practice={ctx.practice} />,
  },
  { id: 'scanner', key: 'F8', label: 'scanner.nav', render: () => <ScannerTestScreen /> },
  { id: 'exceptions', key: 'F9', label: 'tracking.nav', render: () => <ExceptionsScreen /> },
  {
    id: 'insights',
    key: 'F1',
    label: 'insights.nav',
    render: (ctx) => (
      <Suspense fallback={null}>
        <InsightsScreen practice={ctx.practice} />
      </Suspense>
    ),
  },
  {
    id: 'returns',
    key: 'F11',
    label: 'returns.nav',
    render: (ctx) => <ReturnsScreen practice={ctx.practice} />,
  },
];
