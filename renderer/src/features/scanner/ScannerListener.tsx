import { useEffect } from 'react';
import { getScannerState } from '../../stores/scanner-store';
import { subscribeUi } from '../../stores/ui-store';
import { usePackController } from '../packing';
import { useScannerListener } from './use-scanner-listener';

/**
 * Mount once (in the Shell): the app-wide scanner listener. Renders nothing. A scanner notice
 * belongs to the screen it was raised on ("scan ignored: close the dialog first" means nothing
 * on the next screen): moving to another screen clears it; the next scan raises what still holds.
 */
export function ScannerListener() {
  useScannerListener(usePackController());
  useEffect(
    () =>
      subscribeUi((now, before) => {
        if (now.screen !== before.screen) getScannerState().actions.noticeRaised(null);
      }),
    [],
  );
  return null;
}
