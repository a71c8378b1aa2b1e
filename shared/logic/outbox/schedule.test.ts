import { describe, expect, it } from 'vitest';
import { MemoryOutboxStore } from './memory-store';
import type { OutboxRow } from './row';
import { OutboxRow as OutboxRowSchema } from './row';
import { nextWakeAt, planEnqueue, queueStats, selectDue } from './schedule';
import { canTransition, isRequeueable } from './state-machine';
import { enqueueIntent, shipInput, updateInput } from './testing';

const NOW = 1_700_000_000_000;

function make(seq: number, orderId: string, over: Partial<OutboxRow> = {}): OutboxRow {
  const { row } = planEnqueue(
    shipInput(orderId, `${orderId}-p`, `T${seq}`),
    [],
    { id: `r${seq}`, idempotencyKey: `k${seq}`, seq },
    NOW,
  );
  return { ...row, ...over } as OutboxRow;
}

describe('planEnqueue', () => {
  it('builds a valid pending row with its key made at creation', () => {
    const r = make(1, 'o1');
    expect(OutboxRowSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      state: 'pending',
      attempts: 0,
      idempotencyKey: 'k1',
      nextAttemptAt: NOW,
    });
  });

  it('supersedes only pending rows of the same slot', () => {
    const pending = make(1, 'o1');
    const inflight = make(2, 'o1', { state: 'inflight' });
    const other = make(3, 'o2');
    const plan = planEnqueue(
      shipInput('o1', 'o1-p', 'NEW'),
      [pending, inflight, other],
      { id: 'r4', idempotencyKey: 'k4', seq: 4 },
      NOW,
    );
    expect(plan.supersede).toEqual([
      { id: 'r1', patch: { state: 'superseded', supersededBy: 'r4', updatedAt: NOW } },
    ]);
    const update = planEnqueue(
      updateInput('o1', 'o1-p', 'NEW'),
      [inflight],
      { id: 'r5', idempotencyKey: 'k5', seq: 5 },
      NOW,
    );
    expect(update.supersede).toEqual([]);
    expect(update.row.kind).toBe('update-tracking');
  });
});

describe('selectDue', () => {
  it('takes only the head of each order, when due', () => {
    const rows = [
      make(1, 'o1', { state: 'verify', nextAttemptAt: NOW + 1_000 }),
      make(2, 'o1'),
      make(3, 'o2'),
      make(4, 'o3', { state: 'inflight' }),
      make(5, 'o3'),
      make(6, 'o4', { state: 'dead' }),
      make(7, 'o4'),
    ];
    expect(selectDue(rows, NOW).map((r) => r.id)).toEqual(['r3', 'r7']);
    expect(selectDue(rows, NOW + 1_000).map((r) => r.id)).toEqual(['r3', 'r7', 'r1']);
    expect(selectDue(rows, NOW, 1).map((r) => r.id)).toEqual(['r3']);
    expect(nextWakeAt(rows)).toBe(NOW);
    expect(nextWakeAt([make(1, 'o1', { state: 'inflight' })])).toBeNull();
  });
});

describe('queueStats', () => {
  it('reports depth, oldest pending age, last success and parked rows', () => {
    const rows = [
      make(1, 'o1', { createdAt: NOW - 5_000 }),
      make(2, 'o2', { state: 'verify', createdAt: NOW - 1_000 }),
      make(3, 'o3', { state: 'done', updatedAt: NOW - 300 }),
      make(4, 'o4', { state: 'done', updatedAt: NOW - 100 }),
      make(5, 'o5', { state: 'conflict-cancelled' }),
      make(6, 'o6', { state: 'dead' }),
    ];
    const s = queueStats(rows, NOW);
    expect(s).toMatchObject({
      depth: 2,
      oldestPendingAgeMs: 5_000,
      lastSuccessAt: NOW - 100,
      parked: 2,
    });
    expect(s.byState.done).toBe(2);
    expect(queueStats([], NOW)).toMatchObject({
      depth: 0,
      oldestPendingAgeMs: null,
      lastSuccessAt: null,
    });
  });
});

describe('state machine and memory store', () => {
  it('allows the documented transitions only', () => {
    expect(canTransition('pending', 'inflight')).toBe(true);
    expect(canTransition('inflight', 'verify')).toBe(true);
    expect(canTransition('done', 'pending')).toBe(false);
    expect(canTransition('superseded', 'pending')).toBe(false);
    expect(canTransition('inflight', 'superseded')).toBe(false);
    expect(isRequeueable('dead')).toBe(true);
    expect(isRequeueable('conflict-shipped')).toBe(true);
    expect(isRequeueable('done')).toBe(false);
  });

  it('compare-and-set: a transition from the wrong state changes nothing', async () => {
    const store = new MemoryOutboxStore();
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'T1'), NOW);
    const won = await store.transition(row.id, 'pending', { state: 'inflight', attempts: 1 });
    const lost = await store.transition(row.id, 'pending', { state: 'inflight', attempts: 1 });
    expect(won?.state).toBe('inflight');
    expect(lost).toBeNull();
    await expect(store.transition(row.id, 'inflight', { state: 'superseded' })).rejects.toThrow(
      /illegal/,
    );
    // Callers get copies: editing one does not touch the stored row.
    if (won) won.attempts = 99;
    expect((await store.get(row.id))?.attempts).toBe(1);
  });

  it('commits an enqueue with its supersede patches', async () => {
    const store = new MemoryOutboxStore();
    const first = await enqueueIntent(store, shipInput('o1', 'p1', 'T1'), NOW);
    const second = await enqueueIntent(store, shipInput('o1', 'p1', 'T2'), NOW);
    expect((await store.get(first.id))?.state).toBe('superseded');
    expect((await store.listActive()).map((r) => r.id)).toEqual([second.id]);
    expect(second.seq).toBeGreaterThan(first.seq);
  });
});
