import { describe, expect, it } from 'vitest';
import type { OutboxEngineOptions } from './engine';
import { OutboxEngine } from './engine';
import { MemoryOutboxStore } from './memory-store';
import { runOutboxWorker } from './worker';
import {
  enqueueIntent,
  FakeClock,
  seededRandom,
  ShopModel,
  shipInput,
  updateInput,
} from './testing';

const HOUR = 60 * 60_000;

function setup(options: Partial<OutboxEngineOptions> = {}) {
  const clock = new FakeClock();
  const store = new MemoryOutboxStore();
  const shop = new ShopModel(() => clock.now());
  const events: string[] = [];
  const engine = new OutboxEngine({
    store,
    shop,
    clock,
    random: seededRandom(7),
    options: { ratePerSecond: 1000, burst: 1000, ...options },
    onTransition: (e) => events.push(`${e.row.id}:${e.from}->${e.row.state}`),
  });
  return { clock, store, shop, engine, events };
}

/** Drains, jumping the clock to each wake-up, until nothing more is due. */
async function settle(engine: OutboxEngine, clock: FakeClock, rounds = 200): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    const r = await engine.drain();
    if (r.stop === 'idle' && r.wakeAt === null) return;
    if (r.wakeAt !== null && r.wakeAt > clock.now()) clock.t = r.wakeAt;
  }
}

describe('OutboxEngine', () => {
  it('sends a pending row once and marks it done', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    const result = await engine.drain();
    expect(result.processed).toBe(1);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.applied.map((a) => a.key)).toEqual([row.idempotencyKey]);
  });

  it('reads back after a timeout instead of sending again (timeout after apply → done)', async () => {
    const { clock, store, shop, engine, events } = setup();
    shop.addOrder('o1', ['p1']);
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    shop.faults.push('timeout-after-apply');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.writes.filter((w) => w.key === row.idempotencyKey)).toHaveLength(1);
    expect(shop.reads.map((r) => r.key)).toEqual([row.idempotencyKey]);
    expect(events).toContain(`${row.id}:inflight->verify`);
  });

  it('sends again after a read-back proves a timed-out write was not applied', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    shop.faults.push('timeout-before-apply');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
    expect(shop.writes.every((w) => !w.afterApplied)).toBe(true);
  });

  it('absorbs a duplicate delivery: the already-shipped answer is verified, not retried', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    shop.faults.push('duplicate');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
  });

  it('parks a row as conflict-shipped when upstream shipped with another number', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const pkg = shop.orders.get('o1')?.packages.get('p1');
    if (!pkg) throw new Error('model');
    Object.assign(pkg, {
      trackingNumber: 'OTHER',
      shippingProviderId: 'x',
      shippedAt: clock.now(),
    });
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    await settle(engine, clock);
    const parked = await store.get(row.id);
    expect(parked?.state).toBe('conflict-shipped');
    expect(parked?.conflict?.upstreamTrackingNumber).toBe('OTHER');
    expect(shop.applied).toHaveLength(0);
  });

  it('parks a row as conflict-cancelled when the order was cancelled while offline', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1'], 'CANCELLED');
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('conflict-cancelled');
  });

  it('waits on an ON_HOLD order without spending attempts, then ships when released', async () => {
    const { clock, store, shop, engine } = setup({ holdRecheckMs: HOUR });
    shop.addOrder('o1', ['p1'], 'ON_HOLD');
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    await engine.drain();
    await engine.drain();
    const waiting = await store.get(row.id);
    expect(waiting?.state).toBe('verify');
    expect(waiting?.lastError?.code).toBe('UPSTREAM_HOLD');
    expect(waiting?.nextAttemptAt).toBe(clock.now() + HOUR);
    const order = shop.orders.get('o1');
    if (order) order.status = 'AWAITING_SHIPMENT';
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
  });

  it('parks a tracking update after the 72-hour window as conflict-window', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    await settle(engine, clock);
    clock.advance(73 * HOUR);
    const upd = await enqueueIntent(store, updateInput('o1', 'p1', 'TRK2', 'TRK1'), clock.now());
    await settle(engine, clock);
    expect((await store.get(upd.id))?.state).toBe('conflict-window');
    expect(shop.applied).toHaveLength(1);
  });

  it('pauses the whole queue on an auth failure without counting attempts', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    shop.addOrder('o2', ['p2']);
    const a = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    const b = await enqueueIntent(store, shipInput('o2', 'p2', 'TRK2'), clock.now());
    const original = shop.send.bind(shop);
    let expired = true;
    shop.send = async (row) =>
      expired
        ? { type: 'api', httpStatus: 401, code: 105002, message: 'Expired credentials' }
        : original(row);
    const first = await engine.drain();
    expect(first.stop).toBe('blocked');
    expect(engine.gates().auth.state).toBe('open');
    expect((await store.get(a.id))?.attempts).toBe(0);
    expect((await store.get(b.id))?.state).toBe('pending');
    expect((await engine.step()).kind).toBe('blocked');
    expired = false;
    engine.resumeAuth();
    await settle(engine, clock);
    expect((await store.get(a.id))?.state).toBe('done');
    expect((await store.get(b.id))?.state).toBe('done');
  });

  it('kills a row after one permanent error and lets a supervisor requeue it', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'BAD'), clock.now());
    const original = shop.send.bind(shop);
    shop.send = async () => ({
      type: 'api',
      httpStatus: 200,
      code: 21011022,
      message: 'bad tracking',
    });
    await settle(engine, clock);
    const dead = await store.get(row.id);
    expect(dead?.state).toBe('dead');
    expect(dead?.attempts).toBe(1);
    expect(dead?.lastError?.code).toBe('21011022');
    shop.send = original;
    const requeued = await engine.requeue(row.id);
    expect(requeued.ok && requeued.value.state).toBe('verify');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect((await engine.requeue(row.id)).ok).toBe(false);
  });

  it('kills a row after N attempts of server errors, and never blocks another order', async () => {
    const { clock, store, shop, engine } = setup({ maxAttempts: 4 });
    shop.addOrder('bad', ['pb']);
    shop.addOrder('good', ['pg']);
    shop.poisoned.add('bad');
    const bad = await enqueueIntent(store, shipInput('bad', 'pb', 'T1'), clock.now());
    const good = await enqueueIntent(store, shipInput('good', 'pg', 'T2'), clock.now());
    await engine.drain();
    expect((await store.get(good.id))?.state).toBe('done');
    await settle(engine, clock);
    const dead = await store.get(bad.id);
    expect(dead?.state).toBe('dead');
    expect(dead?.attempts).toBe(4);
  });

  it('applies one order’s intents in sequence: a later one waits for an unverified earlier one', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const ship = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    shop.faults.push('timeout-after-apply');
    await engine.step();
    expect((await store.get(ship.id))?.state).toBe('verify');
    const upd = await enqueueIntent(store, updateInput('o1', 'p1', 'TRK2', 'TRK1'), clock.now());
    // The ship is in verify, so the update was not merged into it and waits behind it.
    expect(upd.kind).toBe('update-tracking');
    await settle(engine, clock);
    expect(shop.applied.map((a) => a.key)).toEqual([ship.idempotencyKey, upd.idempotencyKey]);
    expect(shop.orders.get('o1')?.packages.get('p1')?.trackingNumber).toBe('TRK2');
  });

  it('lets a later edit supersede an unsent earlier intent', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const first = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    const edit = await enqueueIntent(store, updateInput('o1', 'p1', 'TRK2'), clock.now());
    expect(edit.kind).toBe('ship-package');
    expect((await store.get(first.id))?.supersededBy).toBe(edit.id);
    await settle(engine, clock);
    expect(shop.applied.map((a) => a.trackingNumber)).toEqual(['TRK2']);
  });

  it('supersedes a verify row that the read-back proves unsent when a later edit waits', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    const first = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK1'), clock.now());
    shop.faults.push('timeout-before-apply');
    await engine.step();
    const edit = await enqueueIntent(store, shipInput('o1', 'p1', 'TRK2'), clock.now());
    await settle(engine, clock);
    expect((await store.get(first.id))?.state).toBe('superseded');
    expect((await store.get(edit.id))?.state).toBe('done');
    expect(shop.applied.map((a) => a.trackingNumber)).toEqual(['TRK2']);
  });

  it('honours Retry-After on 429 for the whole queue without counting attempts', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    shop.addOrder('o2', ['p2']);
    const a = await enqueueIntent(store, shipInput('o1', 'p1', 'T1'), clock.now());
    await enqueueIntent(store, shipInput('o2', 'p2', 'T2'), clock.now());
    shop.retryAfterMs = 7_000;
    shop.faults.push('http-429');
    const start = clock.now();
    const r = await engine.drain();
    expect(r.stop).toBe('blocked');
    expect(r.wakeAt).toBe(start + 7_000);
    const row = await store.get(a.id);
    expect(row?.attempts).toBe(0);
    expect(row?.nextAttemptAt).toBe(start + 7_000);
    expect(shop.writes).toHaveLength(0);
    await settle(engine, clock);
    expect(shop.applied).toHaveLength(2);
  });

  it('treats a refused connection as offline: hold the queue, keep attempts', async () => {
    const { clock, store, shop, engine } = setup({ maxAttempts: 2 });
    shop.addOrder('o1', ['p1']);
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'T1'), clock.now());
    shop.faults.push('refused', 'refused', 'refused', 'refused');
    await settle(engine, clock);
    const done = await store.get(row.id);
    expect(done?.state).toBe('done');
    expect(done?.attempts).toBe(1);
  });

  it('spaces requests by the configured rate', async () => {
    const { clock, store, shop, engine } = setup({ ratePerSecond: 4, burst: 1 });
    const sentAt: number[] = [];
    const original = shop.send.bind(shop);
    shop.send = async (row) => {
      sentAt.push(clock.now());
      return original(row);
    };
    for (let i = 0; i < 6; i += 1) {
      shop.addOrder(`o${i}`, [`p${i}`]);
      await enqueueIntent(store, shipInput(`o${i}`, `p${i}`, `T${i}`), clock.now());
    }
    await settle(engine, clock);
    expect(shop.applied).toHaveLength(6);
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
  });

  it('works on several orders at once but never two rows of one order', async () => {
    const { clock, store, shop, engine } = setup({ concurrency: 4 });
    const busy = new Set<string>();
    let overlap = 0;
    const original = shop.send.bind(shop);
    shop.send = async (row) => {
      expect(busy.has(row.orderId)).toBe(false);
      busy.add(row.orderId);
      overlap = Math.max(overlap, busy.size);
      for (let i = 0; i < 3; i += 1) await Promise.resolve();
      busy.delete(row.orderId);
      return original(row);
    };
    const expected: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      shop.addOrder(`o${i}`, [`p${i}`]);
      const ship = await enqueueIntent(store, shipInput(`o${i}`, `p${i}`, `A${i}`), clock.now());
      expected.push(ship.idempotencyKey);
    }
    await engine.drain();
    for (let i = 0; i < 12; i += 1) {
      const upd = await enqueueIntent(
        store,
        updateInput(`o${i}`, `p${i}`, `B${i}`, `A${i}`),
        clock.now(),
      );
      expected.push(upd.idempotencyKey);
    }
    await settle(engine, clock);
    expect(overlap).toBeGreaterThan(1);
    expect([...shop.applied.map((a) => a.key)].sort()).toEqual([...expected].sort());
    for (let i = 0; i < 12; i += 1) {
      const kinds = shop.applied.filter((a) => a.orderId === `o${i}`).map((a) => a.kind);
      expect(kinds).toEqual(['ship-package', 'update-tracking']);
    }
  });

  it('runs as a loop: picks up rows enqueued later and waits out a rate-limit hold', async () => {
    const { clock, store, shop, engine } = setup();
    shop.addOrder('o1', ['p1']);
    shop.addOrder('o2', ['p2']);
    const a = await enqueueIntent(store, shipInput('o1', 'p1', 'T1'), clock.now());
    shop.retryAfterMs = 5_000;
    shop.faults.push('http-429');
    let b: Awaited<ReturnType<typeof enqueueIntent>> | null = null;
    let loops = 0;
    await runOutboxWorker(engine, clock, {
      pollMs: 1_000,
      shouldStop: () => {
        loops += 1;
        if (loops === 3) {
          void enqueueIntent(store, shipInput('o2', 'p2', 'T2'), clock.now()).then((r) => {
            b = r;
          });
        }
        return shop.applied.length === 2 || loops > 50;
      },
    });
    expect((await store.get(a.id))?.state).toBe('done');
    expect(b).not.toBeNull();
    expect(shop.applied.map((x) => x.orderId).sort()).toEqual(['o1', 'o2']);
    expect(clock.sleeps.length).toBeGreaterThan(0);
  });

  it('after a restart reads back every row that was inflight', async () => {
    const { clock, store, shop } = setup();
    shop.addOrder('o1', ['p1']);
    const row = await enqueueIntent(store, shipInput('o1', 'p1', 'T1'), clock.now());
    await store.transition(row.id, 'pending', { state: 'inflight', attempts: 1 });
    await shop.send({ ...row, state: 'inflight' }); // applied, then the process died
    const engine = new OutboxEngine({ store, shop, clock, random: seededRandom(1) });
    expect(await engine.recover()).toBe(1);
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
    expect(shop.writes).toHaveLength(1);
  });
});
