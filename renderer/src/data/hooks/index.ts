import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { OrderRow, OrderStatus } from '#shared/domain/order';
import { onTableChanged } from '../changes';
import { useDbName, useRepos } from '../context';
import type { QueueFilter, SearchHit } from '../repositories';

export const PAGE_SIZE = 50;

function filterKey(f: QueueFilter): string {
  return f.kind === 'status' ? `status:${f.status}` : f.kind;
}

/**
 * A value recomputed from IndexedDB when the orders change, but at most once per `everyMs`.
 * Counting an index range walks it (≈ 2 s for 85,000 entries, raw IndexedDB included), so
 * counts must not re-run on every chunk an order pull writes.
 */
function useThrottledOrdersQuery<T>(query: () => Promise<T>, deps: unknown[], everyMs = 3000) {
  const dbName = useDbName();
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    let alive = true;
    let running = false;
    let dirty = true;
    let lastRun = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = async () => {
      if (running || !dirty) return;
      running = true;
      dirty = false;
      lastRun = performance.now();
      try {
        const v = await latest.current();
        if (alive) setValue(v);
      } finally {
        running = false;
        if (dirty) schedule();
      }
    };
    const schedule = () => {
      if (timer || !alive) return;
      const wait = Math.max(0, everyMs - (performance.now() - lastRun));
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, wait);
    };
    // Dexie says when the orders table changed; the recount itself is throttled.
    const stop = onTableChanged(dbName, 'orders', () => {
      dirty = true;
      schedule();
    });
    void run();
    return () => {
      alive = false;
      stop();
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run only when the inputs change
  }, [...deps, dbName, everyMs]);
  return value;
}

export function useQueueCount(filter: QueueFilter): number | undefined {
  const repos = useRepos();
  return useThrottledOrdersQuery(() => repos.orders.count(filter), [repos, filterKey(filter)]);
}

/**
 * The rows for the visible window of the virtual list: only the pages it touches are read,
 * never the whole table. Pages after one already read start from its last row (by key), so
 * scrolling costs the same at row 80,000 as at row 80; a jump falls back to an offset.
 * Returns a sparse map index → row.
 */
export function useQueueWindow(
  filter: QueueFilter,
  firstIndex: number,
  lastIndex: number,
): Map<number, OrderRow> | undefined {
  const repos = useRepos();
  const key = filterKey(filter);
  const boundaries = useRef(new Map<string, Map<number, OrderRow>>());
  const firstPage = Math.floor(Math.max(0, firstIndex) / PAGE_SIZE);
  const lastPage = Math.floor(Math.max(0, lastIndex) / PAGE_SIZE);
  return useLiveQuery(async () => {
    let ends = boundaries.current.get(key);
    if (!ends) {
      ends = new Map();
      boundaries.current.set(key, ends);
    }
    const out = new Map<number, OrderRow>();
    for (let p = firstPage; p <= lastPage; p += 1) {
      const before = p > 0 ? ends.get(p - 1) : undefined;
      const rows = before
        ? await repos.orders.pageAfter(filter, before, PAGE_SIZE)
        : await repos.orders.page(filter, p * PAGE_SIZE, PAGE_SIZE);
      rows.forEach((row, i) => out.set(p * PAGE_SIZE + i, row));
      const last = rows.at(-1);
      if (last && rows.length === PAGE_SIZE) ends.set(p, last);
      else ends.delete(p);
    }
    return out;
  }, [repos, key, firstPage, lastPage]);
}

export function useStatusCounts(statuses: readonly OrderStatus[]) {
  const repos = useRepos();
  return useThrottledOrdersQuery(async (): Promise<Record<string, number>> => {
    const counts = await repos.orders.countsByStatus(statuses);
    return { ...counts, 'stop-ship': await repos.orders.count({ kind: 'stop-ship' }) };
  }, [repos, statuses]);
}

export function useOrderTotal(): number | undefined {
  const repos = useRepos();
  return useThrottledOrdersQuery(() => repos.orders.total(), [repos]);
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
