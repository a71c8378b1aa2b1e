import type { OrderStatus } from '#shared/domain/order';
import type { QueueFilter } from '../../data/repositories';

/** The filter tabs of the queue, in bench order. */
export const QUEUE_FILTERS = [
  'AWAITING_SHIPMENT',
  'ON_HOLD',
  'stop-ship',
  'AWAITING_COLLECTION',
  'CANCELLED',
  'all',
] as const;
export type QueueFilterKey = (typeof QUEUE_FILTERS)[number];

export function toQueueFilter(key: QueueFilterKey): QueueFilter {
  if (key === 'all') return { kind: 'all' };
  if (key === 'stop-ship') return { kind: 'stop-ship' };
  return { kind: 'status', status: key satisfies OrderStatus };
}
