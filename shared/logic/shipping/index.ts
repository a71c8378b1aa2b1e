export * from './rates';
export * from './suggest';
export * from './tracking';
