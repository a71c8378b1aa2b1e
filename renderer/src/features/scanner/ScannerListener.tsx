import { usePackController } from '../packing';
import { useScannerListener } from './use-scanner-listener';

/** Mount once (in the Shell): the app-wide scanner listener. Renders nothing. */
export function ScannerListener() {
  useScannerListener(usePackController());
  return null;
}
