export { ShipScreen } from './ShipScreen';
export { prefetchProviders } from './providers';
export { TrackingCorrection } from './TrackingCorrection';
export { CodeField } from './TrackingEntry';
