import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../outbox/row';
import { JOURNAL_ENQUEUED, planJournalRebuild, type JournalLine } from './rebuild';
import { createSettledBatcher, type SettledEntry } from './settled';

describe('settled markers', () => {
  it('batches final states only, and a rebuild then skips what the shop confirmed', async () => {
    const written: SettledEntry[] = [];
    let scheduled = 0;
    let n = 0;
    const batcher = createSettledBatcher({
      write: async (entries) => {
        written.push(...entries);
      },
      now: () => 5,
      newId: () => `m${(n += 1)}`,
      schedule: () => (scheduled += 1),
      perEntry: 2,
    });
    batcher.note('a', 'inflight');
    batcher.note('a', 'done');
    batcher.note('b', 'dead');
    batcher.note('c', 'done');
    expect(scheduled).toBe(1);
    await batcher.flush();
    expect(written.map((e) => e.payload.settled.map((s) => s.id))).toEqual([['a', 'b'], ['c']]);
    await batcher.flush();
    expect(written).toHaveLength(2);

    const row = (id: string, seq: number) =>
      ({
        id,
        idempotencyKey: `k${id}`,
        seq,
        orderId: `o${id}`,
        packageId: 'p',
        expected: { statuses: ['AWAITING_SHIPMENT'] },
        state: 'pending',
        attempts: 0,
        nextAttemptAt: 1,
        lastError: null,
        createdAt: 1,
        updatedAt: 1,
        kind: 'ship-package',
        payload: { handoverMethod: 'DROP_OFF' },
      }) as OutboxRow;
    const lines: JournalLine[] = [
      ...['a', 'b', 'c', 'd'].map((id, i) => ({
        id,
        kind: JOURNAL_ENQUEUED,
        at: 1,
        payload: { row: row(id, i + 1), superseded: [] },
      })),
      ...written,
    ];
    const plan = planJournalRebuild(lines, { ids: new Set(), keys: new Set() }, 9);
    // b is a dead letter: it comes back (read back, shown to a person), never silently dropped.
    expect(plan.rows.map((r) => r.id)).toEqual(['b', 'd']);
    expect(plan.settled).toBe(2);
  });

  it('a marker that cannot be written is dropped without throwing', async () => {
    const batcher = createSettledBatcher({
      write: () => Promise.reject(new Error('disk full')),
      now: () => 1,
      newId: () => 'x',
      schedule: () => {},
    });
    batcher.note('a', 'done');
    await expect(batcher.flush()).resolves.toBeUndefined();
  });
});
