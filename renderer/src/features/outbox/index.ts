export { OutboxScreen } from './OutboxScreen';
export { SyncStatus } from './SyncStatus';
export { startOutboxSync, wakeOutboxSync, currentOutboxSync, DEV_OPTIONS_KEY } from './sync';
export type { SyncHandle, SyncOptions } from './sync';
