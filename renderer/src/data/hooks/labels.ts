import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../context';
import type { AuditRow, DocumentRow, LabelRow } from '../rows';

/** Every label job of an order, oldest first (live). */
export function useOrderLabels(orderId: string | null): LabelRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => (orderId ? repos.labels.jobsFor(orderId) : []), [repos, orderId]);
}

/** The stored platform shipping label of an order, if any (live). */
export function useOrderDocument(orderId: string | null): DocumentRow | null | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? ((await repos.labels.documentFor(orderId)) ?? null) : null),
    [repos, orderId],
  );
}

/** The label history of an order: printed, reprinted, answered, verified, wrong label (live). */
export function useLabelAudit(orderId: string | null): AuditRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.labels.labelAudit(orderId) : []),
    [repos, orderId],
  );
}

/** One stored setting's raw value (live); the feature parses it. */
export function useSettingValue(key: string): { value: unknown } | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => ({ value: await repos.labels.setting(key) }), [repos, key]);
}
