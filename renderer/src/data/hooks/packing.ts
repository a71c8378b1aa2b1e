import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../context';
import type { AuditRow, ScanEventRow } from '../rows';

/** The scans of a pack session, newest first (for the scan log beside the checklist). */
export function useSessionScans(sessionId: string | null, limit = 8): ScanEventRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () =>
      sessionId ? (await repos.packing.scanEventsFor(sessionId)).slice(-limit).reverse() : [],
    [repos, sessionId, limit],
  );
}

export function useOrderAudit(orderId: string | null): AuditRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.packing.auditFor(orderId) : []),
    [repos, orderId],
  );
}

/**
 * Which of `orderIds` (the orders on screen) are confirmed, kept live: one index query over the
 * audit rows of those orders, re-run by Dexie when an audit row for one of them is written (a
 * batch confirm, a pack abandoned). Never reads the audit rows of other orders.
 */
export function useConfirmedAmong(orderIds: readonly string[]): ReadonlySet<string> | undefined {
  const repos = useRepos();
  const key = orderIds.join('\n');
  return useLiveQuery(
    () => repos.packing.confirmedAmong(key === '' ? [] : key.split('\n')),
    [repos, key],
  );
}

export function useSupervisorPinSet(): boolean | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.packing.hasSupervisorPin(), [repos]);
}
