export { ShipScreen } from './ShipScreen';
export { prefetchProviders } from './providers';
