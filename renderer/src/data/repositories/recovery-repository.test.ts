import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '#shared/bridge/contract';
import { OutboxEngine } from '#shared/logic/outbox/index';
import { FakeClock, seededRandom, ShopModel, shipInput } from '#shared/logic/outbox/testing/index';
import { StationDb } from '../db';
import { exportRawDatabase } from '../export';
import { createDexieOutboxStore } from '../outbox/dexie-store';
import { enqueueForTest, testOrder } from '../outbox/test-support';
import { createRecoveryRepository } from './recovery-repository';

const actor = { actor: 'supervisor', station: 'T1' };

async function openDb(name = `recovery-${crypto.randomUUID()}`) {
  const db = new StationDb(name);
  await db.open();
  return db;
}

function engine(db: StationDb, shop: ShopModel, clock: FakeClock) {
  return new OutboxEngine({
    store: createDexieOutboxStore(db),
    shop,
    clock,
    random: seededRandom(5),
    options: { ratePerSecond: 1000, burst: 1000 },
  });
}

async function setup(orders: string[]) {
  const db = await openDb();
  const clock = new FakeClock();
  const shop = new ShopModel(() => clock.now());
  const journal: JournalEntry[] = [];
  await db.orders.bulkPut(orders.map((o) => testOrder(o, [`${o}-p`])));
  for (const o of orders) shop.addOrder(o, [`${o}-p`]);
  const ship = (o: string) =>
    enqueueForTest(db, shipInput(o, `${o}-p`, `TRK${o}`), clock.now(), {
      journal: async (entries) => {
        journal.push(...entries);
        return { ok: true };
      },
    });
  return { db, clock, shop, journal, ship };
}

describe('recovery repository', () => {
  it('rebuilds a wiped station from the journal: unconfirmed updates in verify, each applied once', async () => {
    const { db, clock, shop, journal, ship } = await setup(['o1', 'o2', 'o3']);
    const rows = [await ship('o1'), await ship('o2'), await ship('o3')];
    await engine(db, shop, clock).step(); // o1 reaches the shop
    expect(shop.applied).toHaveLength(1);

    // The database is wiped: the same station database, new and empty.
    const name = db.name;
    await db.delete();
    const fresh = await openDb(name);
    const recovery = createRecoveryRepository(fresh);
    expect(await recovery.isFresh()).toBe(true);
    const plan = await recovery.planJournal(journal, clock.now());
    expect(plan.rows).toHaveLength(3);
    const receipt = await recovery.restoreFromJournal(journal, actor, clock.now());
    expect(receipt).toMatchObject({ restored: 3, alreadyHere: 0 });
    expect((await fresh.outbox.toArray()).map((r) => r.state)).toEqual([
      'verify',
      'verify',
      'verify',
    ]);
    const [audit] = await fresh.audit.where('kind').equals('outbox.restored').toArray();
    expect(audit).toMatchObject({ actor: 'supervisor', detail: { source: 'journal' } });
    expect((audit?.detail as { rows: string[] }).rows).toEqual(rows.map((r) => r.id));
    // A second restore finds everything here already.
    expect(await recovery.restoreFromJournal(journal, actor, clock.now())).toMatchObject({
      restored: 0,
      alreadyHere: 3,
    });
    // New intents keep numbering above the restored ones.
    expect((await fresh.meta.get('outbox.seq'))?.value).toBe(3);

    const again = engine(fresh, shop, clock);
    for (let i = 0; i < 10; i += 1) await again.drain();
    expect((await fresh.outbox.toArray()).map((r) => r.state)).toEqual(['done', 'done', 'done']);
    for (const row of rows) expect(shop.appliedCount(row.idempotencyKey)).toBe(1);
    // Another station database (practice vs live) never takes these updates.
    const other = createRecoveryRepository(await openDb());
    expect(await other.restoreFromJournal(journal, actor, clock.now())).toMatchObject({
      restored: 0,
      otherDatabase: 3,
    });
    fresh.close();
  });

  it('restores a backup: its unconfirmed updates are read back, later journal updates are added', async () => {
    const { db, clock, shop, journal, ship } = await setup(['o1', 'o2', 'o3']);
    await ship('o1');
    await ship('o2');
    await engine(db, shop, clock).step(); // o1 done
    const recovery = createRecoveryRepository(db);
    const summary = await recovery.summary('0.1.0');
    expect(summary).toMatchObject({ activeUpdates: 1, counts: { orders: 3, outbox: 2 } });
    const backup = await exportRawDatabase(db.name);
    const later = await ship('o3'); // after the backup: only the journal has it
    await db.orders.clear(); // the loss the backup repairs

    let progress = 0;
    const receipt = await recovery.restoreBackup(backup, journal, actor, clock.now(), (d) => {
      progress = d;
    });
    expect(receipt).toMatchObject({ toVerify: 1, invalid: 0, tables: { orders: 3, outbox: 2 } });
    expect(progress).toBeGreaterThan(0);
    expect(await db.orders.count()).toBe(3);
    const states = Object.fromEntries((await db.outbox.toArray()).map((r) => [r.orderId, r.state]));
    expect(states).toEqual({ o1: 'done', o2: 'verify', o3: 'verify' });
    expect((await db.outbox.get(later.id))?.idempotencyKey).toBe(later.idempotencyKey);

    const again = engine(db, shop, clock);
    for (let i = 0; i < 10; i += 1) await again.drain();
    expect(shop.applied.map((a) => a.orderId).sort()).toEqual(['o1', 'o2', 'o3']);
    db.close();
  });

  it('refuses a backup of another database or schema, and a failing restore changes nothing', async () => {
    const { db, ship } = await setup(['o1', 'o2']);
    await ship('o1');
    const recovery = createRecoveryRepository(db);
    const backup = await exportRawDatabase(db.name);
    await expect(
      recovery.restoreBackup({ ...backup, database: 'packbench' }, [], actor, 1),
    ).rejects.toThrow(/not of/);
    await expect(
      recovery.restoreBackup({ ...backup, version: backup.version + 10 }, [], actor, 1),
    ).rejects.toThrow(/schema version/);
    // A row without its key makes IndexedDB refuse the write: the whole restore rolls back.
    const broken = {
      ...backup,
      stores: { ...backup.stores, orders: [...(backup.stores.orders ?? []), { nope: true }] },
    };
    await expect(recovery.restoreBackup(broken, [], actor, 1)).rejects.toThrow();
    expect(await db.orders.count()).toBe(2);
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });
});
