import { isTerminalState, type OutboxState } from '../outbox/row';
import { JOURNAL_SETTLED } from './rebuild';

/**
 * Settled markers for the host journal: when a row reaches a final state (done, a conflict,
 * dead, superseded) the journal learns it, so a rebuild after a lost database restores only the
 * updates the shop has not confirmed. Collected and written in batches, never one call per row.
 */
export interface SettledBatcher {
  /** A row changed state; only final states are kept. */
  note(id: string, state: OutboxState): void;
  /** Writes what is pending now (at most `perEntry` ids per journal entry). */
  flush(): Promise<void>;
}

export interface SettledEntry {
  id: string;
  kind: typeof JOURNAL_SETTLED;
  at: number;
  payload: { settled: Array<{ id: string; state: OutboxState }> };
}

export function createSettledBatcher(deps: {
  write: (entries: SettledEntry[]) => Promise<unknown>;
  now: () => number;
  newId: () => string;
  /** Called when a batch is due; the caller schedules `flush` (a timer in the app). */
  schedule: () => void;
  perEntry?: number;
}): SettledBatcher {
  const perEntry = deps.perEntry ?? 500;
  let pending: Array<{ id: string; state: OutboxState }> = [];
  let scheduled = false;
  return {
    note(id, state) {
      if (!isTerminalState(state)) return;
      pending.push({ id, state });
      if (!scheduled) {
        scheduled = true;
        deps.schedule();
      }
    },
    async flush() {
      scheduled = false;
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const entries: SettledEntry[] = [];
      for (let i = 0; i < batch.length; i += perEntry) {
        entries.push({
          id: deps.newId(),
          kind: JOURNAL_SETTLED,
          at: deps.now(),
          payload: { settled: batch.slice(i, i + perEntry) },
        });
      }
      // A marker that cannot be written only costs a read-back after a rebuild: never retried.
      await deps.write(entries).catch(() => undefined);
    },
  };
}
