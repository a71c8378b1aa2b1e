export * from './shop-model';
export * from './harness';
