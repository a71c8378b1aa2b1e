import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../context';
import type { AuditRow, ScanEventRow } from '../rows';

/**
 * What the station recorded about an order (audit rows) and the scans made while packing it, kept
 * live: re-read when a row for this order is written to either table.
 */
export function useOrderRecord(
  orderId: string | null,
): { audit: AuditRow[]; scans: ScanEventRow[] } | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => {
    if (!orderId) return { audit: [], scans: [] };
    const [audit, scans] = await Promise.all([
      repos.packing.auditFor(orderId),
      repos.packing.scanEventsForOrder(orderId),
    ]);
    return { audit, scans };
  }, [repos, orderId]);
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
