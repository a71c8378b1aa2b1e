export { QueueScreen } from './QueueScreen';
export { QUEUE_FILTERS, toQueueFilter, type QueueFilterKey } from './filters';
