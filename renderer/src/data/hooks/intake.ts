import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../context';
import type { IntakeCheckpoint, IntakeState } from '../repositories/intake-repository';

/** The intake's durable state: last successful sync, last error, bad answers. */
export function useIntakeState(): IntakeState | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.intake.state(), [repos]);
}

/** The pull checkpoint (present while a pull runs, or after one stopped half-way). */
export function useIntakeCheckpoint(): IntakeCheckpoint | null | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.intake.checkpoint(), [repos]);
}

/** Orders shipped at the bench, for the bulk-ship export. */
export function useShippedCount(): number | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.intake.countShipped(), [repos]);
}
