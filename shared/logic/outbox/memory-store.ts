import type { EnqueuePlan } from './schedule';
import type { OutboxRow, OutboxState, RowPatch } from './row';
import { isActiveState, OutboxRow as OutboxRowSchema } from './row';
import { assertTransition } from './state-machine';
import type { OutboxStore } from './ports';

function copy(row: OutboxRow): OutboxRow {
  return JSON.parse(JSON.stringify(row)) as OutboxRow;
}

/**
 * An in-memory OutboxStore with the same compare-and-set semantics the Dexie one must have. Rows
 * are copied in and out, as a database would, so callers never share references with the store.
 * Used by tests and by the practice shop; it survives an engine "crash" because it is separate.
 */
export class MemoryOutboxStore implements OutboxStore {
  private readonly rows = new Map<string, OutboxRow>();
  private nextSeq = 1;

  /** Per-device monotonic sequence numbers for new rows. */
  takeSeq(): number {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return seq;
  }

  /** Commits a planned enqueue atomically: the new row and its supersede patches together. */
  async enqueue(plan: EnqueuePlan): Promise<OutboxRow> {
    const row = OutboxRowSchema.parse(plan.row);
    if (this.rows.has(row.id)) throw new Error(`Outbox: duplicate row id ${row.id}`);
    for (const s of plan.supersede) {
      const current = this.rows.get(s.id);
      if (!current || current.state !== 'pending') continue;
      assertTransition(current.state, 'superseded');
    }
    for (const s of plan.supersede) {
      const current = this.rows.get(s.id);
      if (!current || current.state !== 'pending') continue;
      this.rows.set(s.id, { ...current, ...s.patch });
    }
    this.rows.set(row.id, copy(row));
    return copy(row);
  }

  async listActive(): Promise<readonly OutboxRow[]> {
    return [...this.rows.values()].filter((r) => isActiveState(r.state)).map(copy);
  }

  async list(): Promise<readonly OutboxRow[]> {
    return [...this.rows.values()].map(copy);
  }

  async get(id: string): Promise<OutboxRow | undefined> {
    const row = this.rows.get(id);
    return row ? copy(row) : undefined;
  }

  async transition(id: string, from: OutboxState, patch: RowPatch): Promise<OutboxRow | null> {
    const current = this.rows.get(id);
    if (!current || current.state !== from) return null;
    if (patch.state !== undefined) assertTransition(from, patch.state);
    const next = { ...current, ...patch };
    this.rows.set(id, next);
    return copy(next);
  }
}
