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

export function useSupervisorPinSet(): boolean | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.packing.hasSupervisorPin(), [repos]);
}
