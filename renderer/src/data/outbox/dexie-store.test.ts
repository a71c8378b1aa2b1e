import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isTerminalState,
  OutboxEngine,
  type OutboxEngineOptions,
  type OutboxRow,
} from '#shared/logic/outbox/index';
import {
  FakeClock,
  seededRandom,
  ShopModel,
  shipInput,
  updateInput,
  type ModelFault,
} from '#shared/logic/outbox/testing/index';
import { StationDb } from '../db';
import { countActive, createDexieOutboxStore, OUTBOX_ACTIVE_KEY } from './dexie-store';
import { enqueueShipment, shippedOrder } from './enqueue';
import { enqueueForTest, testOrder } from './test-support';

/**
 * The engine scenarios of shared/logic/outbox/engine.test.ts and a reduced invariant property,
 * run against the Dexie store on fake-indexeddb, with enqueues through the real transactional
 * path. "Restart" closes the database and opens it again, as a relaunch does.
 */

async function openDb(name: string): Promise<StationDb> {
  const db = new StationDb(name);
  await db.open();
  return db;
}

async function setup(options: Partial<OutboxEngineOptions> = {}, orders: string[] = ['o1']) {
  const name = `outbox-${crypto.randomUUID()}`;
  const db = await openDb(name);
  await db.orders.bulkPut(orders.map((o) => testOrder(o, [`${o}-p`])));
  const clock = new FakeClock();
  const store = createDexieOutboxStore(db);
  const shop = new ShopModel(() => clock.now());
  for (const o of orders) shop.addOrder(o, [`${o}-p`]);
  const make = (s = store) =>
    new OutboxEngine({
      store: s,
      shop,
      clock,
      random: seededRandom(7),
      options: { ratePerSecond: 1000, burst: 1000, ...options },
    });
  return { name, db, clock, store, shop, engine: make(), make };
}

async function settle(engine: OutboxEngine, clock: FakeClock, rounds = 300): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    const r = await engine.drain();
    if (r.stop === 'idle' && r.wakeAt === null) return;
    if (r.wakeAt !== null && r.wakeAt > clock.now()) clock.t = r.wakeAt;
  }
}

describe('Dexie outbox store: engine scenarios', () => {
  it('sends a pending row once and marks it done; the compare-and-set refuses a stale state', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    expect((await engine.drain()).processed).toBe(1);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.applied.map((a) => a.key)).toEqual([row.idempotencyKey]);
    expect(await store.transition(row.id, 'pending', { state: 'inflight' })).toBeNull();
    expect(await store.listActive()).toEqual([]);
  });

  it('reads back after a timeout: applied → done without a second write', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    shop.faults.push('timeout-after-apply');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.writes.filter((w) => w.key === row.idempotencyKey)).toHaveLength(1);
    expect(shop.reads.map((r) => r.key)).toEqual([row.idempotencyKey]);
  });

  it('reads back after a timeout: not applied → sent again, applied once', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    shop.faults.push('timeout-before-apply', 'malformed-after-apply');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
  });

  it('absorbs a duplicate delivery', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    shop.faults.push('duplicate');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
  });

  it('parks conflict-shipped with both numbers, and audits it in the same transaction', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const pkg = shop.orders.get('o1')?.packages.get('o1-p');
    if (!pkg) throw new Error('model');
    Object.assign(pkg, { trackingNumber: 'OTHER123', shippingProviderId: 'x', shippedAt: 1 });
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    await settle(engine, clock);
    const parked = await store.get(row.id);
    expect(parked?.state).toBe('conflict-shipped');
    expect(parked?.conflict?.upstreamTrackingNumber).toBe('OTHER123');
    expect(parked?.payload).toMatchObject({ selfShipment: { trackingNumber: 'TRK0001' } });
    const audit = await db.audit.where('kind').equals('outbox.conflict-shipped').toArray();
    expect(audit.map((a) => a.detail.rowId)).toEqual([row.id]);
    expect(shop.applied).toHaveLength(0);
  });

  it('parks conflict-cancelled and flags the local order stop-ship', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    const model = shop.orders.get('o1');
    if (model) model.status = 'CANCELLED';
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('conflict-cancelled');
    const order = await db.orders.get('o1');
    expect(order?.status).toBe('CANCELLED');
    expect(order?.flags).toContain('stop-ship');
    expect(shop.applied).toHaveLength(0);
  });

  it('dead-letters a permanent error after one attempt; requeue reads back first', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'BADTRK1'), clock.now());
    const original = shop.send.bind(shop);
    shop.send = async () => ({ type: 'api', httpStatus: 200, code: 21011022, message: 'bad' });
    await settle(engine, clock);
    const dead = await store.get(row.id);
    expect(dead?.state).toBe('dead');
    expect(dead?.attempts).toBe(1);
    shop.send = original;
    const requeued = await engine.requeue(row.id);
    expect(requeued.ok && requeued.value.state).toBe('verify');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
  });

  it('a poisoned order dies after N attempts and never blocks another order', async () => {
    const { db, clock, store, shop, engine } = await setup({ maxAttempts: 3 }, ['bad', 'good']);
    shop.poisoned.add('bad');
    const bad = await enqueueForTest(db, shipInput('bad', 'bad-p', 'TRKBAD1'), clock.now());
    const good = await enqueueForTest(db, shipInput('good', 'good-p', 'TRKGOOD'), clock.now());
    await engine.drain();
    expect((await store.get(good.id))?.state).toBe('done');
    await settle(engine, clock);
    expect((await store.get(bad.id))?.state).toBe('dead');
    expect((await store.get(bad.id))?.attempts).toBe(3);
  });

  it('a tracking edited twice offline sends only the latest; earlier ones are superseded', async () => {
    const { db, clock, store, shop, engine } = await setup();
    const a = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRKAAAA1'), clock.now());
    const b = await enqueueForTest(db, updateInput('o1', 'o1-p', 'TRKBBBB2'), clock.now());
    const c = await enqueueForTest(db, updateInput('o1', 'o1-p', 'TRKCCCC3'), clock.now());
    expect((await store.get(a.id))?.state).toBe('superseded');
    expect((await store.get(b.id))?.state).toBe('superseded');
    expect((await store.get(b.id))?.supersededBy).toBe(c.id);
    await settle(engine, clock);
    expect(shop.applied.map((x) => x.trackingNumber)).toEqual(['TRKCCCC3']);
    expect((await db.orders.get('o1'))?.trackingNumbers).toEqual(['TRKCCCC3']);
  });

  it('keeps per-order sequence: an update waits behind an unverified ship', async () => {
    const { db, clock, shop, engine } = await setup();
    const ship = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    shop.faults.push('timeout-after-apply');
    await engine.step();
    const upd = await enqueueForTest(
      db,
      updateInput('o1', 'o1-p', 'TRK0002', 'TRK0001'),
      clock.now(),
    );
    await settle(engine, clock);
    expect(shop.applied.map((x) => x.key)).toEqual([ship.idempotencyKey, upd.idempotencyKey]);
  });

  it('honours Retry-After for the whole queue without counting attempts', async () => {
    const { db, clock, store, shop, engine } = await setup({}, ['o1', 'o2']);
    const a = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    await enqueueForTest(db, shipInput('o2', 'o2-p', 'TRK0002'), clock.now());
    shop.retryAfterMs = 7_000;
    shop.faults.push('http-429');
    const start = clock.now();
    const r = await engine.drain();
    expect(r).toMatchObject({ stop: 'blocked', wakeAt: start + 7_000 });
    expect((await store.get(a.id))?.attempts).toBe(0);
    await settle(engine, clock);
    expect(shop.applied).toHaveLength(2);
  });

  it('survives a restart mid-send: inflight → verify → done, one upstream write', async () => {
    const { name, db, clock, store, shop } = await setup();
    const row = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    await store.transition(row.id, 'pending', { state: 'inflight', attempts: 1 });
    await shop.send({ ...row, state: 'inflight' }); // applied; then the process died
    db.close();
    const reopened = await openDb(name);
    const engine = new OutboxEngine({
      store: createDexieOutboxStore(reopened),
      shop,
      clock,
      random: seededRandom(1),
    });
    expect(await engine.recover()).toBe(1);
    await settle(engine, clock);
    expect((await reopened.outbox.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
    expect(shop.writes).toHaveLength(1);
  });
});

describe('enqueueShipment: one transaction (reliability.md §5 cases 1, 2)', () => {
  it('an error after the order change and before the outbox add persists neither (I4)', async () => {
    const { db, clock } = await setup();
    await expect(
      enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now(), {
        beforeOutboxAdd: () => {
          throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.orders.get('o1'))?.status).toBe('AWAITING_SHIPMENT');
    expect(await db.audit.count()).toBe(0);
  });

  it('a ConstraintError on outbox.add aborts the whole transaction', async () => {
    const { db, clock } = await setup({}, ['o1', 'o2']);
    const ids = () => ({ id: 'same-id', idempotencyKey: `k-${Math.random()}` });
    await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now(), { ids });
    await expect(
      enqueueForTest(db, shipInput('o2', 'o2-p', 'TRK0002'), clock.now(), { ids }),
    ).rejects.toThrow();
    expect(await db.outbox.count()).toBe(1);
    const o2 = await db.orders.get('o2');
    expect(o2?.status).toBe('AWAITING_SHIPMENT');
    expect(o2?.trackingNumbers).toEqual([]);
  });

  it('refuses a tracking number already used on another order, naming it', async () => {
    const { db, clock } = await setup({}, ['o1', 'o2']);
    await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    const input = shipInput('o2', 'o2-p', 'trk-0001');
    const r = await enqueueShipment(
      db,
      input,
      (o) =>
        shippedOrder(o, {
          packageId: 'o2-p',
          trackingNumber: 'trk-0001',
          shippingProviderId: 'prov-1',
          shippingProviderName: 'X',
          now: clock.now(),
        }),
      { now: clock.now(), actor: { packer: 'p', station: 's' } },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'tracking-used', orderIds: ['o1'] });
    expect(await db.outbox.count()).toBe(1);
  });

  it('numbers rows with a per-device monotonic seq, kept in meta, and journals after commit', async () => {
    const { db, clock } = await setup({}, ['o1', 'o2', 'o3']);
    const journal: unknown[] = [];
    const seqs: number[] = [];
    for (const o of ['o1', 'o2', 'o3']) {
      const row = await enqueueForTest(db, shipInput(o, `${o}-p`, `TRK-${o}00`), clock.now(), {
        journal: async (entries) => {
          // The row is committed before the journal is written.
          expect(await db.outbox.get(entries[0]?.id ?? '')).toBeDefined();
          journal.push(...entries);
          return { ok: true };
        },
      });
      seqs.push(row.seq);
    }
    expect(seqs).toEqual([1, 2, 3]);
    expect((await db.meta.get('outbox.seq'))?.value).toBe(3);
    expect(journal).toHaveLength(3);
  });
});

const ORDERS = ['o0', 'o1', 'o2'] as const;
const FAULTS: ModelFault[] = [
  'refused',
  'http-429',
  'http-500',
  'timeout-before-apply',
  'timeout-after-apply',
  'malformed-after-apply',
  'duplicate',
];

type Command =
  | { t: 'ship'; o: number; trk: number }
  | { t: 'edit'; o: number; trk: number }
  | { t: 'step'; fault: ModelFault | null }
  | { t: 'restart' }
  | { t: 'cancel'; o: number };

const orderIx = fc.integer({ min: 0, max: ORDERS.length - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc.record({ t: fc.constant('ship' as const), o: orderIx, trk: fc.nat(2) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ t: fc.constant('edit' as const), o: orderIx, trk: fc.nat(2) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('step' as const),
      fault: fc.option(fc.constantFrom(...FAULTS), { nil: null }),
    }),
    weight: 5,
  },
  { arbitrary: fc.constant({ t: 'restart' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('cancel' as const), o: orderIx }), weight: 1 },
);

describe('Dexie outbox store: invariants under faults and restarts (property)', () => {
  it('I1 no loss, I2 no duplicate, I3 per-order order hold with real transactions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 25 }),
        fc.nat(),
        async (commands, seed) => {
          const name = `outbox-prop-${crypto.randomUUID()}`;
          let db = await openDb(name);
          await db.orders.bulkPut(ORDERS.map((o) => testOrder(o, [`${o}-p`])));
          const clock = new FakeClock();
          const shop = new ShopModel(() => clock.now());
          for (const o of ORDERS) shop.addOrder(o, [`${o}-p`]);
          const random = seededRandom(seed);
          const make = () =>
            new OutboxEngine({
              store: createDexieOutboxStore(db),
              shop,
              clock,
              random,
              options: { ratePerSecond: 1000, burst: 1000, maxAttempts: 50 },
            });
          let engine = make();
          const acknowledged: string[] = [];
          const shipped = new Set<string>();
          const cancelled = new Set<string>();
          let n = 0;
          for (const c of commands) {
            const o = 'o' in c ? (ORDERS[c.o] ?? 'o0') : 'o0';
            if (c.t === 'ship' || c.t === 'edit') {
              if ((await db.orders.get(o))?.status === 'CANCELLED') continue;
              n += 1;
              const trk = `${o.toUpperCase()}T${c.trk}N${n}`;
              const input =
                c.t === 'ship' ? shipInput(o, `${o}-p`, trk) : updateInput(o, `${o}-p`, trk);
              acknowledged.push((await enqueueForTest(db, input, clock.now())).id);
              if (c.t === 'ship') shipped.add(o);
            } else if (c.t === 'step') {
              if (c.fault) shop.faults.push(c.fault);
              await engine.step();
            } else if (c.t === 'restart') {
              db.close();
              db = await openDb(name);
              engine = make();
              await engine.recover();
            } else {
              const model = shop.orders.get(o);
              if (model) model.status = 'CANCELLED';
              cancelled.add(o);
            }
            clock.advance(500);
          }
          shop.faults.length = 0;
          engine = make();
          await engine.recover();
          await settle(engine, clock, 2_000);

          const rows = new Map<string, OutboxRow>(
            (await createDexieOutboxStore(db).listAll()).map((r) => [r.id, r]),
          );
          for (const id of acknowledged) {
            const row = rows.get(id);
            expect(row, `row ${id} lost`).toBeDefined();
            expect(isTerminalState(row?.state ?? 'pending')).toBe(true);
          }
          // The queue depth kept in meta by every writer matches a real count.
          const kept = (await db.meta.get(OUTBOX_ACTIVE_KEY))?.value ?? 0;
          expect(kept).toBe(await countActive(db));
          const perKey = new Map<string, number>();
          for (const a of shop.applied) perKey.set(a.key, (perKey.get(a.key) ?? 0) + 1);
          for (const count of perKey.values()) expect(count).toBe(1);
          expect(shop.writes.filter((w) => w.afterApplied && !w.injected)).toEqual([]);
          for (const o of ORDERS) {
            const seqs = shop.applied.filter((a) => a.orderId === o).map((a) => a.seq);
            expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
            // I5: once the faults stop, every shipped, uncancelled order reaches the shop.
            if (shipped.has(o) && !cancelled.has(o)) {
              expect(shop.orders.get(o)?.packages.get(`${o}-p`)?.shippedAt).not.toBeNull();
            }
          }
          db.close();
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('Dexie outbox store: the active-row cache', () => {
  it('sees rows enqueued and requeued by other writers after it cached the list', async () => {
    const { db, clock, store } = await setup({}, ['o1', 'o2']);
    const a = await enqueueForTest(db, shipInput('o1', 'o1-p', 'TRK0001'), clock.now());
    expect((await store.listActive()).map((r) => r.id)).toEqual([a.id]);
    const b = await enqueueForTest(db, shipInput('o2', 'o2-p', 'TRK0002'), clock.now());
    expect((await store.listActive()).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    await store.transition(a.id, 'pending', { state: 'inflight', attempts: 1 });
    await store.transition(a.id, 'inflight', { state: 'dead' });
    expect((await store.listActive()).map((r) => r.id)).toEqual([b.id]);
    // A second store on the same database (another engine) moves a row: the first one notices.
    const other = createDexieOutboxStore(db);
    await other.transition(b.id, 'pending', { state: 'superseded' });
    expect(await store.listActive()).toEqual([]);
  });
});
