export { ExceptionsScreen } from './ExceptionsScreen';
export { ExceptionCount } from './ExceptionCount';
export { startTrackingRefresher, currentRefresher, DEV_TRACKING_KEY } from './refresher';
export type { RefresherHandle, RefresherOptions } from './refresher';
