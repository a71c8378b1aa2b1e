import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../../data/context';
import type { PackEvidence } from '../../data/repositories/returns-repository';
import type { ReturnIntakeRow, ReturnRow } from '../../data/rows-returns';

/** Live reads of the Returns screen (undefined while loading). */
export function useReturnsQueue(): ReturnRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.returns.queue(200), [repos]);
}

export function useReturn(id: string | null): ReturnRow | null | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (id ? ((await repos.returns.get(id)) ?? null) : null),
    [repos, id],
  );
}

export function useIntake(id: string | null): ReturnIntakeRow | null | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (id ? ((await repos.returnIntake.get(id)) ?? null) : null),
    [repos, id],
  );
}

export function usePackEvidence(orderId: string | null): PackEvidence | null | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.returns.packEvidence(orderId) : null),
    [repos, orderId],
  );
}

/** The outbox state of a queued decision (pending, inflight, verify, done, conflict-…, dead). */
export function useDecisionState(rowId: string | null): string | null | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => {
    if (!rowId) return null;
    return repos.returns.decisionState(rowId);
  }, [repos, rowId]);
}
