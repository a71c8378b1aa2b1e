import { useLiveQuery } from 'dexie-react-hooks';
import type { OrderRow, OrderStatus } from '#shared/domain/order';
import { useRepos } from '../context';
import type { QueueFilter, SearchHit } from '../repositories';

export const PAGE_SIZE = 50;

function filterKey(f: QueueFilter): string {
  return f.kind === 'status' ? `status:${f.status}` : f.kind;
}

export function useQueueCount(filter: QueueFilter): number | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.orders.count(filter), [repos, filterKey(filter)]);
}

/**
 * The rows for the visible window of the virtual list: only the pages it touches are read,
 * never the whole table. Returns a sparse map index → row.
 */
export function useQueueWindow(
  filter: QueueFilter,
  firstIndex: number,
  lastIndex: number,
): Map<number, OrderRow> | undefined {
  const repos = useRepos();
  const firstPage = Math.floor(Math.max(0, firstIndex) / PAGE_SIZE);
  const lastPage = Math.floor(Math.max(0, lastIndex) / PAGE_SIZE);
  return useLiveQuery(async () => {
    const out = new Map<number, OrderRow>();
    for (let p = firstPage; p <= lastPage; p += 1) {
      const rows = await repos.orders.page(filter, p * PAGE_SIZE, PAGE_SIZE);
      rows.forEach((row, i) => out.set(p * PAGE_SIZE + i, row));
    }
    return out;
  }, [repos, filterKey(filter), firstPage, lastPage]);
}

export function useStatusCounts(statuses: readonly OrderStatus[]) {
  const repos = useRepos();
  return useLiveQuery(async (): Promise<Record<string, number>> => {
    const counts = await repos.orders.countsByStatus(statuses);
    return { ...counts, 'stop-ship': await repos.orders.count({ kind: 'stop-ship' }) };
  }, [repos, statuses]);
}

export function useOrderTotal(): number | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.orders.total(), [repos]);
}

export function useOrder(id: string | null): OrderRow | null | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (id ? ((await repos.orders.get(id)) ?? null) : null),
    [repos, id],
  );
}

export function useSearch(query: string): SearchHit[] | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.orders.search(query), [repos, query]);
}

export function useOutboxDepth(): number | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.outbox.depth(), [repos]);
}
