import { useLiveQuery } from 'dexie-react-hooks';
import type { OrderRow } from '#shared/domain/order';
import { useRepos } from '../context';
import type { MessageRow, ParcelRow } from '../rows-tracking';

/** The exceptions queue, most urgent first; undefined while loading. */
export function useOpenExceptions(limit = 500): ParcelRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.tracking.openExceptions(limit), [repos, limit]);
}

/** How many parcels wait in the exceptions queue (status bar). */
export function useOpenExceptionCount(): number | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.tracking.openCount(), [repos]);
}

export function useParcel(id: string | null): ParcelRow | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => (id ? repos.tracking.get(id) : undefined), [repos, id]);
}

export function useOrderById(id: string | null): OrderRow | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => (id ? repos.orders.get(id) : undefined), [repos, id]);
}

/** Messages of an order with their send state, newest first. */
export function useOrderMessages(
  orderId: string | null,
): Array<MessageRow & { sendState: string | null }> | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.tracking.messagesOf(orderId) : []),
    [repos, orderId],
  );
}
