import type { ReadBackResult, SendResult } from './classify';
import type { OutboxRow, OutboxState, RowPatch } from './row';

/**
 * Where rows live. Small on purpose: over Dexie each method is one `rw` transaction on the outbox
 * table (read the row, compare its state, write the patch), and the network is never called inside.
 */
export interface OutboxStore {
  /** Every row in pending, inflight or verify. */
  listActive(): Promise<readonly OutboxRow[]>;
  get(id: string): Promise<OutboxRow | undefined>;
  /**
   * Compare-and-set: when row `id` is in state `from`, apply `patch` and return the updated row;
   * otherwise change nothing and return null (another drainer won, or the row moved on).
   */
  transition(id: string, from: OutboxState, patch: RowPatch): Promise<OutboxRow | null>;
}

/**
 * The shop, as the engine needs it. Implementations sign and send one request and report what
 * happened on the wire; they do not retry. A thrown error counts as "sent, answer lost".
 */
export interface OutboxShop {
  send(row: OutboxRow): Promise<SendResult>;
  /** GET the order/package the row is about. */
  readBack(row: OutboxRow): Promise<ReadBackResult>;
}

export interface OutboxClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
