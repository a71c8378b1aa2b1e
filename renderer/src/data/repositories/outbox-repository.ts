import type { StationDb } from '../db';

const OPEN_STATES = ['pending', 'inflight', 'verify'];

export function createOutboxRepository(db: StationDb) {
  return {
    /** Updates waiting to reach the shop. */
    depth(): Promise<number> {
      return db.outbox.where('state').anyOf(OPEN_STATES).count();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
