import { describe, expect, it } from 'vitest';
import { OutboxEngine } from './engine';
import { MemoryOutboxStore } from './memory-store';
import { createMonotonicClock } from './monotonic-clock';
import type { OutboxClock } from './ports';
import { selectDue } from './schedule';
import { enqueueIntent, ShopModel, shipInput } from './testing';

const DAY = 24 * 60 * 60_000;

/**
 * The computer's clock (wall) and a monotonic source move separately, as when someone sets the
 * system clock while the station runs; `tick` is real time passing (both move).
 */
function setup() {
  const t = { wall: 1_800_000_000_000, mono: 5_000 };
  const clock = createMonotonicClock(
    () => t.wall,
    () => t.mono,
  );
  const tick = (ms: number) => {
    t.wall += ms;
    t.mono += ms;
  };
  const outboxClock: OutboxClock = { now: () => clock.now(), sleep: async (ms) => tick(ms) };
  const store = new MemoryOutboxStore();
  const shop = new ShopModel(() => clock.now());
  const engine = new OutboxEngine({
    store,
    shop,
    clock: outboxClock,
    // random 0.5 → the first retry waits half of 30 s.
    random: () => 0.5,
    options: { ratePerSecond: 1000, burst: 1000, backoff: { baseMs: 30_000, capMs: 120_000 } },
  });
  return { t, tick, clock, store, shop, engine };
}

async function queueRetry(s: ReturnType<typeof setup>, orderId: string) {
  s.shop.addOrder(orderId, [`${orderId}-p`]);
  const row = await enqueueIntent(s.store, shipInput(orderId, `${orderId}-p`), s.t.wall);
  s.shop.faults.push('http-503'); // a 503 on a write: read back, then sent, after a backoff
  expect(await s.engine.step()).toMatchObject({ kind: 'processed', to: 'verify' });
  const queued = await s.store.get(row.id);
  if (!queued) throw new Error('row missing');
  return { row: queued, delay: queued.nextAttemptAt - s.clock.now() };
}

describe('retries survive wall-clock jumps (monotonic scheduling)', () => {
  it('clock set back a day: the queued retry still runs on time, not a day late', async () => {
    const s = setup();
    const { row, delay } = await queueRetry(s, 'o1');
    expect(delay).toBe(15_000);
    s.t.wall -= DAY;
    // A scheduler on the wall clock would now wait a day and 15 s:
    expect(selectDue(await s.store.listActive(), s.t.wall)).toHaveLength(0);
    s.tick(delay - 1);
    expect(await s.engine.step()).toMatchObject({ kind: 'idle', wakeAt: row.nextAttemptAt });
    s.tick(1);
    expect(await s.engine.step()).toMatchObject({ kind: 'processed', to: 'done' });
    expect(s.shop.appliedCount(row.idempotencyKey)).toBe(1);
  });

  it('clock set forward a day: the queued retry is not run early, and runs on time', async () => {
    const s = setup();
    const { row, delay } = await queueRetry(s, 'o2');
    s.t.wall += DAY;
    // A scheduler on the wall clock would send at once, 15 s early.
    expect(selectDue(await s.store.listActive(), s.t.wall)).toHaveLength(1);
    expect(await s.engine.step()).toMatchObject({ kind: 'idle' });
    s.tick(delay - 1);
    expect(await s.engine.step()).toMatchObject({ kind: 'idle' });
    s.tick(1);
    expect(await s.engine.step()).toMatchObject({ kind: 'processed', to: 'done' });
    expect(s.shop.appliedCount(row.idempotencyKey)).toBe(1);
  });

  it('both ways in one run, with new updates stamped by the jumped wall clock sent at once', async () => {
    const s = setup();
    const first = await queueRetry(s, 'o3');
    s.t.wall -= DAY;
    const second = await queueRetry(s, 'o4');
    s.t.wall += 2 * DAY;
    // Recorded after the jump: stamped a day ahead of the station's clock, due now all the same.
    s.shop.addOrder('o5', ['o5-p']);
    const fresh = await enqueueIntent(s.store, shipInput('o5', 'o5-p'), s.t.wall);
    expect(await s.engine.step()).toMatchObject({ kind: 'processed', rowId: fresh.id, to: 'done' });
    s.tick(first.delay);
    expect(await s.engine.drain()).toMatchObject({ processed: 2 });
    for (const r of [first.row, second.row, fresh]) {
      expect(s.shop.appliedCount(r.idempotencyKey)).toBe(1);
    }
  });

  it('after a restart on a clock set back a day, rows stamped before are due, not stalled', async () => {
    const s = setup();
    const { row } = await queueRetry(s, 'o6');
    // The station restarts after the clock went back: a new engine and a new anchor.
    s.t.wall -= DAY;
    const restarted = new OutboxEngine({
      store: s.store,
      shop: s.shop,
      clock: {
        now: createMonotonicClock(
          () => s.t.wall,
          () => s.t.mono,
        ).now,
        sleep: async (ms) => s.tick(ms),
      },
      random: () => 0.5,
      options: { ratePerSecond: 1000, burst: 1000, backoff: { baseMs: 30_000, capMs: 120_000 } },
    });
    expect(await restarted.step()).toMatchObject({ kind: 'processed', to: 'done' });
    expect(s.shop.appliedCount(row.idempotencyKey)).toBe(1);
  });
});
