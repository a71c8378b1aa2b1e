export {
  bumpOutboxVersion,
  countActive,
  OUTBOX_ACTIVE_KEY,
  createDexieOutboxStore,
  parseStoredRow,
  LAST_SUCCESS_KEY,
  OUTBOX_VERSION_KEY,
} from './dexie-store';
export type { DexieOutboxStore, OutboxStoreHooks } from './dexie-store';
export { enqueueShipment, shippedOrder, SEQ_KEY } from './enqueue';
export type { EnqueueActor, EnqueueError, EnqueueOptions, EnqueueReceipt } from './enqueue';
