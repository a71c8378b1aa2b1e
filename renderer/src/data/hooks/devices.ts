import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../context';
import type { EvidenceRow, WeighingRow } from '../rows-devices';

/** Camera evidence of an order, oldest first (live). */
export function useOrderEvidence(orderId: string | null): EvidenceRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.evidence.forOrder(orderId) : []),
    [repos, orderId],
  );
}

/** Weighings of an order, oldest first (live). */
export function useOrderWeighings(orderId: string | null): WeighingRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.weighings.forOrder(orderId) : []),
    [repos, orderId],
  );
}
