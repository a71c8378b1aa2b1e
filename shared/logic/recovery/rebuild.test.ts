import { describe, expect, it } from 'vitest';
import { OutboxEngine } from '../outbox/engine';
import { MemoryOutboxStore } from '../outbox/memory-store';
import type { OutboxRow } from '../outbox/row';
import { enqueueIntent, FakeClock, seededRandom, ShopModel, shipInput } from '../outbox/testing';
import {
  assignSeqs,
  JOURNAL_ENQUEUED,
  JOURNAL_SETTLED,
  planJournalRebuild,
  restoredBackupRows,
  type JournalLine,
} from './rebuild';

const enqueued = (row: OutboxRow, superseded: string[] = []): JournalLine => ({
  id: row.id,
  kind: JOURNAL_ENQUEUED,
  at: row.createdAt,
  payload: { row, superseded },
});

function engineFor(store: MemoryOutboxStore, shop: ShopModel, clock: FakeClock) {
  return new OutboxEngine({
    store,
    shop,
    clock,
    random: seededRandom(3),
    options: { ratePerSecond: 1000, burst: 1000 },
  });
}

const none = { ids: new Set<string>(), keys: new Set<string>() };

describe('rebuilding the outbox from the journal', () => {
  it('a wiped station gets every unconfirmed update back, and the shop applies each exactly once', async () => {
    const clock = new FakeClock();
    const shop = new ShopModel(() => clock.now());
    const store = new MemoryOutboxStore();
    const journal: JournalLine[] = [];
    const rows: OutboxRow[] = [];
    for (const id of ['o1', 'o2', 'o3', 'o4', 'o5']) {
      shop.addOrder(id, [`p-${id}`]);
      const row = await enqueueIntent(store, shipInput(id, `p-${id}`, `TRK${id}`), clock.now());
      rows.push(row);
      journal.push(enqueued(row));
    }
    // Two reach the shop; the answer of the third is lost after the shop applied it.
    const engine = engineFor(store, shop, clock);
    await engine.step();
    await engine.step();
    shop.faults.push('timeout-after-apply');
    await engine.step();
    expect(shop.applied).toHaveLength(3);

    // IndexedDB is gone: a fresh station rebuilds from the journal alone.
    const plan = planJournalRebuild(journal, none, clock.now());
    expect(plan.rows.map((r) => r.state)).toEqual([
      'verify',
      'verify',
      'verify',
      'verify',
      'verify',
    ]);
    expect(plan.rows.map((r) => r.idempotencyKey)).toEqual(rows.map((r) => r.idempotencyKey));
    const fresh = new MemoryOutboxStore();
    for (const row of plan.rows) await fresh.enqueue({ row, supersede: [] });
    const again = engineFor(fresh, shop, clock);
    for (let i = 0; i < 20; i += 1) await again.drain();
    expect((await fresh.list()).map((r) => r.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
    for (const row of rows) expect(shop.appliedCount(row.idempotencyKey), row.orderId).toBe(1);
    // The three already applied were only read back.
    expect(shop.writes.filter((w) => !w.injected)).toHaveLength(5);
  });

  it('skips what the station holds, what the journal records as settled, and superseded edits', () => {
    const clock = new FakeClock();
    const base = {
      orderId: 'o1',
      packageId: 'p1',
      expected: { statuses: ['AWAITING_SHIPMENT' as const] },
      attempts: 0,
      nextAttemptAt: 1,
      lastError: null,
      createdAt: 1,
      updatedAt: 1,
      state: 'pending' as const,
      kind: 'ship-package' as const,
      payload: { handoverMethod: 'DROP_OFF' as const },
    };
    const a: OutboxRow = { ...base, id: 'a', idempotencyKey: 'ka', seq: 1 };
    const b: OutboxRow = { ...base, id: 'b', idempotencyKey: 'kb', seq: 2, orderId: 'o2' };
    const c: OutboxRow = { ...base, id: 'c', idempotencyKey: 'kc', seq: 3, orderId: 'o3' };
    const d: OutboxRow = { ...base, id: 'd', idempotencyKey: 'kd', seq: 4, orderId: 'o3' };
    const e: OutboxRow = { ...base, id: 'e', idempotencyKey: 'ke', seq: 5, orderId: 'o5' };
    const lines: JournalLine[] = [
      enqueued(a),
      enqueued(b),
      enqueued(c),
      enqueued(d, ['c']),
      { id: 's', kind: JOURNAL_SETTLED, at: 2, payload: { settled: [{ id: 'b', state: 'done' }] } },
      enqueued(e),
      { id: 'x', kind: JOURNAL_ENQUEUED, at: 3, payload: { row: { id: 'broken' } } },
      { id: 'y', kind: 'something.else', at: 3, payload: {} },
    ];
    const plan = planJournalRebuild(
      lines,
      { ids: new Set(['e']), keys: new Set(['ka']) },
      clock.now(),
    );
    expect(plan.rows.map((r) => r.id)).toEqual(['d']);
    expect(plan.rows[0]).toMatchObject({
      state: 'verify',
      nextAttemptAt: clock.now(),
      lastError: { code: 'RESTORED' },
    });
    expect(plan).toMatchObject({ alreadyHere: 2, settled: 1, superseded: 1, invalid: 1 });
  });

  it('never restores an update recorded in the other station database (practice vs live)', () => {
    const base = {
      orderId: 'o1',
      packageId: 'p1',
      expected: { statuses: ['AWAITING_SHIPMENT' as const] },
      attempts: 0,
      nextAttemptAt: 1,
      lastError: null,
      createdAt: 1,
      updatedAt: 1,
      state: 'pending' as const,
      kind: 'ship-package' as const,
      payload: { handoverMethod: 'DROP_OFF' as const },
    };
    const line = (id: string, seq: number, db?: string): JournalLine => ({
      id,
      kind: JOURNAL_ENQUEUED,
      at: 1,
      payload: {
        row: { ...base, id, idempotencyKey: `k${id}`, seq },
        superseded: [],
        ...(db ? { db } : {}),
      },
    });
    const lines = [line('p', 1, 'packbench-practice'), line('l', 2, 'packbench'), line('old', 3)];
    const live = planJournalRebuild(
      lines,
      { ids: new Set(), keys: new Set(), dbName: 'packbench' },
      5,
    );
    expect(live.rows.map((r) => r.id)).toEqual(['l', 'old']);
    expect(live.otherDatabase).toBe(1);
  });

  it('renumbers colliding seqs above the station, keeping their order', () => {
    const row = (id: string, seq: number) => ({ id, seq }) as unknown as OutboxRow;
    expect(assignSeqs([row('a', 1), row('b', 2)], new Set([9]), 9).rows.map((r) => r.seq)).toEqual([
      1, 2,
    ]);
    const moved = assignSeqs([row('a', 1), row('b', 2)], new Set([2]), 7);
    expect(moved.rows.map((r) => r.seq)).toEqual([8, 9]);
    expect(moved.maxSeq).toBe(9);
  });

  it('a backup brings unconfirmed rows back in verify and keeps settled ones as they were', () => {
    const base = {
      orderId: 'o1',
      packageId: 'p1',
      expected: { statuses: ['AWAITING_SHIPMENT'] },
      attempts: 1,
      nextAttemptAt: 1,
      lastError: null,
      createdAt: 1,
      updatedAt: 1,
      kind: 'ship-package',
      payload: { handoverMethod: 'DROP_OFF' },
    };
    const out = restoredBackupRows(
      [
        { ...base, id: 'a', idempotencyKey: 'ka', seq: 1, state: 'inflight' },
        { ...base, id: 'b', idempotencyKey: 'kb', seq: 2, state: 'pending' },
        { ...base, id: 'c', idempotencyKey: 'kc', seq: 3, state: 'done' },
        { nonsense: true },
      ],
      50,
    );
    expect(out.rows.map((r) => `${r.id}:${r.state}`)).toEqual(['a:verify', 'b:verify', 'c:done']);
    expect(out).toMatchObject({ toVerify: 2, invalid: 1 });
  });
});
