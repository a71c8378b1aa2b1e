export { ScannerTestScreen } from './ScannerTestScreen';
export { useScannerListener } from './use-scanner-listener';
export { ScannerListener } from './ScannerListener';
export { scannerText } from './i18n';
