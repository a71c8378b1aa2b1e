import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutboxEngine } from './engine';
import { MemoryOutboxStore } from './memory-store';
import type { OutboxStore } from './ports';
import type { OutboxRow, OutboxState, RowPatch } from './row';
import { isTerminalState } from './row';
import type { ModelFault } from './testing';
import {
  enqueueIntent,
  FakeClock,
  seededRandom,
  ShopModel,
  shipInput,
  updateInput,
} from './testing';

/**
 * The outbox invariants (reliability.md §1.1) against a model shop with faults, over random
 * interleavings of enqueue, edit, send steps, crashes, restarts, timeouts and upstream cancels.
 */

class SimulatedCrash extends Error {}

/** The durable store survives a crash; a crash lands after a send, before its outcome is saved. */
class CrashingStore implements OutboxStore {
  armed = false;
  constructor(readonly inner: MemoryOutboxStore) {}
  listActive(): Promise<readonly OutboxRow[]> {
    return this.inner.listActive();
  }
  get(id: string): Promise<OutboxRow | undefined> {
    return this.inner.get(id);
  }
  async transition(id: string, from: OutboxState, patch: RowPatch): Promise<OutboxRow | null> {
    if (this.armed && from === 'inflight') {
      this.armed = false;
      throw new SimulatedCrash('killed mid-sync');
    }
    return this.inner.transition(id, from, patch);
  }
}

const ORDERS = ['o0', 'o1', 'o2', 'o3'] as const;
const POISONED = 'o3';
const MAX_ATTEMPTS = 100;

const FAULTS: ModelFault[] = [
  'refused',
  'http-429',
  'http-500',
  'http-503',
  'timeout-before-apply',
  'timeout-after-apply',
  'malformed-after-apply',
  'duplicate',
  'auth-expired',
];

type Command =
  | { t: 'ship'; o: number; trk: number }
  | { t: 'update'; o: number; trk: number }
  | { t: 'step'; fault: ModelFault | null }
  | { t: 'drain' }
  | { t: 'advance'; ms: number }
  | { t: 'crash-next-send' }
  | { t: 'restart' }
  | { t: 'cancel'; o: number };

const order = fc.integer({ min: 0, max: ORDERS.length - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc.record({ t: fc.constant('ship' as const), o: order, trk: fc.nat(3) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ t: fc.constant('update' as const), o: order, trk: fc.nat(3) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('step' as const),
      fault: fc.option(fc.constantFrom(...FAULTS), { nil: null }),
    }),
    weight: 6,
  },
  { arbitrary: fc.constant({ t: 'drain' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.nat(120_000) }), weight: 2 },
  { arbitrary: fc.constant({ t: 'crash-next-send' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'restart' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('cancel' as const), o: order }), weight: 1 },
);

async function runScenario(commands: Command[], poison: boolean, seed: number): Promise<void> {
  const clock = new FakeClock();
  const memory = new MemoryOutboxStore();
  const store = new CrashingStore(memory);
  const shop = new ShopModel(() => clock.now());
  for (const o of ORDERS) shop.addOrder(o, [`${o}-p`]);
  if (poison) shop.poisoned.add(POISONED);
  const random = seededRandom(seed);
  const makeEngine = () =>
    new OutboxEngine({
      store,
      shop,
      clock,
      random,
      options: {
        maxAttempts: MAX_ATTEMPTS,
        backoff: { baseMs: 1_000, capMs: 60_000 },
        ratePerSecond: 1_000,
        burst: 1_000,
        authProbeMs: 30_000,
      },
    });
  let engine = makeEngine();
  const acknowledged: string[] = [];
  const shipped = new Set<string>();
  const cancelled = new Set<string>();

  const guarded = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof SimulatedCrash)) throw e;
      engine = makeEngine();
      await engine.recover();
    }
  };

  for (const c of commands) {
    const o = 'o' in c ? (ORDERS[c.o] ?? 'o0') : 'o0';
    switch (c.t) {
      case 'ship':
        acknowledged.push(
          (await enqueueIntent(memory, shipInput(o, `${o}-p`, `${o}-T${c.trk}`), clock.now())).id,
        );
        shipped.add(o);
        break;
      case 'update':
        acknowledged.push(
          (await enqueueIntent(memory, updateInput(o, `${o}-p`, `${o}-U${c.trk}`), clock.now())).id,
        );
        break;
      case 'step':
        if (c.fault) shop.faults.push(c.fault);
        await guarded(() => engine.step());
        break;
      case 'drain':
        await guarded(() => engine.drain(20));
        break;
      case 'advance':
        clock.advance(c.ms);
        break;
      case 'crash-next-send':
        store.armed = true;
        break;
      case 'restart':
        engine = makeEngine();
        await engine.recover();
        break;
      case 'cancel': {
        const model = shop.orders.get(o);
        if (model) model.status = 'CANCELLED';
        cancelled.add(o);
        break;
      }
    }
  }

  // The network heals: no more faults or crashes. The queue must drain.
  shop.faults.length = 0;
  store.armed = false;
  engine = makeEngine();
  await engine.recover();
  for (let round = 0; round < 5_000; round += 1) {
    const r = await engine.drain();
    if (r.stop === 'idle' && r.wakeAt === null) break;
    clock.t = Math.max(clock.t + 1, r.wakeAt ?? clock.t);
  }

  const rows = await memory.list();
  const byId = new Map(rows.map((r) => [r.id, r]));

  // I1: nothing acknowledged disappears, and everything ends terminal (done, parked, superseded).
  for (const id of acknowledged) {
    const row = byId.get(id);
    expect(row, `row ${id} lost`).toBeDefined();
    expect(isTerminalState(row?.state ?? 'pending'), `row ${id} stuck in ${row?.state}`).toBe(true);
    if (row?.state === 'superseded') {
      const by = byId.get(row.supersededBy ?? '');
      expect(by && by.seq > row.seq && by.orderId === row.orderId).toBe(true);
    }
  }

  // I2: at most one applied change per key; the engine never re-sends an applied write.
  const perKey = new Map<string, number>();
  for (const a of shop.applied) perKey.set(a.key, (perKey.get(a.key) ?? 0) + 1);
  for (const [key, n] of perKey) expect(n, `key ${key} applied ${n}×`).toBe(1);
  expect(shop.writes.filter((w) => w.afterApplied && !w.injected)).toEqual([]);
  for (const a of shop.applied)
    expect(byId.get(a.key.replace('key-', 'row-'))?.state).not.toBe('superseded');

  // I3: per order, applied intents are in sequence.
  for (const o of ORDERS) {
    const seqs = shop.applied.filter((a) => a.orderId === o).map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  }

  // I5: a poisoned order blocks no other; rows elsewhere are never retried to death.
  for (const o of ORDERS) {
    if (poison && o === POISONED) continue;
    for (const row of rows.filter((r) => r.orderId === o)) {
      if (row.state === 'dead') expect(row.attempts).toBeLessThan(MAX_ATTEMPTS);
    }
    if (shipped.has(o) && !cancelled.has(o)) {
      expect(shop.orders.get(o)?.packages.get(`${o}-p`)?.shippedAt, `${o} never shipped`).not.toBe(
        null,
      );
    }
  }
}

describe('outbox invariants (property)', () => {
  it('holds I1 no loss, I2 no duplicate, I3 per-order order and I5 liveness under faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.nat(),
        async (commands, poison, seed) => runScenario(commands, poison, seed),
      ),
      { numRuns: 200 },
    );
  });
});
