import type { OutboxState } from './row';

/**
 * Allowed state changes (reliability.md §1.2):
 * pending → inflight → done | conflict-* | dead; pending → superseded; inflight → pending (transient)
 * or → verify (ambiguous); at startup inflight → verify. A verify row is read back, then finishes,
 * goes back to pending (nothing applied, retry later) or to inflight (read-back says: send).
 * A verify row that the read-back proves unsent is superseded by a later edit in its slot.
 * Parked rows are requeued to verify, so anything already applied is absorbed by the read-back.
 */
const TRANSITIONS: Readonly<Record<OutboxState, readonly OutboxState[]>> = {
  pending: ['inflight', 'superseded', 'pending', 'dead'],
  inflight: [
    'done',
    'pending',
    'verify',
    'dead',
    'conflict-cancelled',
    'conflict-shipped',
    'conflict-window',
  ],
  verify: [
    'verify',
    'superseded',
    'inflight',
    'pending',
    'done',
    'dead',
    'conflict-cancelled',
    'conflict-shipped',
    'conflict-window',
  ],
  done: [],
  superseded: [],
  dead: ['verify'],
  'conflict-cancelled': ['verify'],
  'conflict-shipped': ['verify'],
  'conflict-window': ['verify'],
};

export function canTransition(from: OutboxState, to: OutboxState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws on a programming error: a transition the state machine does not allow. */
export function assertTransition(from: OutboxState, to: OutboxState): void {
  if (!canTransition(from, to)) throw new Error(`Outbox: illegal transition ${from} → ${to}`);
}

/** States a supervisor may requeue. */
export function isRequeueable(state: OutboxState): boolean {
  return canTransition(state, 'verify') && state !== 'verify' && state !== 'inflight';
}
