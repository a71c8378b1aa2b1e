import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { OutboxRow } from '#shared/logic/outbox/index';
import { useRepos } from '../context';
import type { OutboxScreenData, OutboxStatus } from '../repositories/outbox-repository';

/**
 * Status bar numbers: depth, oldest pending, last success, rows needing a person. Polled once a
 * second rather than live: during a long drain every transition would re-run the queries.
 */
export function useOutboxStatus(everyMs = 1_000): OutboxStatus | undefined {
  const repos = useRepos();
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const tick = async () => {
      try {
        const next = await repos.outbox.status();
        if (alive) setStatus(next);
      } finally {
        if (alive) timer = setTimeout(() => void tick(), everyMs);
      }
    };
    void tick();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [repos, everyMs]);
  return status;
}

export function useOutboxScreenData(): OutboxScreenData | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.outbox.screenData(), [repos]);
}

export function useOutboxRowsForOrder(orderId: string | null): OutboxRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.outbox.rowsForOrder(orderId) : []),
    [repos, orderId],
  );
}
