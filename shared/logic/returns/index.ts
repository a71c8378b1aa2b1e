export * from './types';
export * from './deadlines';
export * from './reasons';
export * from './intake';
export * from './outbox-decision';
export * from './commands';
