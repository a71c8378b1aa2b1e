/**
 * One writer per order, resumed packs and a full disk (issue 13 items 2–3), with two pack
 * controllers on one station database standing for two windows of one station. The order lock is
 * a shared in-memory lock here (the app uses Web Locks); the data layer's own refusal is tested
 * with no lock at all ("whatever the windows do").
 */
import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import { unitsBySku } from '#shared/logic/confirm/index';
import { practiceOrderId } from '#shared/logic/practice-data';
import type { StationDb } from '../../data/db';
import { createRepositories, type Repositories } from '../../data/repositories';
import { STALE_SESSION_MS } from '../../data/repositories/packing-repository';
import { stationDbPerTest } from '../../data/test-db';
import { createPackingStore, type PackingStore } from '../../stores/packing-store';
import { createPackController, type OrderLock, type PackController } from './controller';

const NOW_S = 1_795_000_000;
const ORDERS = 200;
const stationDb = stationDbPerTest({
  prefix: 'writer',
  seed: { orders: ORDERS, nowSeconds: NOW_S },
});

let db: StationDb;
let repos: Repositories;
let clock: number;
let held: Set<string>;

interface Window {
  c: PackController;
  store: PackingStore;
}

/** A window of the station: its own store and controller, the shared database. */
function openWindow(packer: string, opts: { locks?: boolean } = {}): Window {
  const store = createPackingStore();
  const lockOrder = async (orderId: string): Promise<OrderLock | null> => {
    if (held.has(orderId)) return null;
    held.add(orderId);
    return { release: () => held.delete(orderId) };
  };
  const c = createPackController({
    repos,
    store,
    who: () => ({ packer, station: 'ST-1' }),
    setOperator: () => {},
    now: () => (clock += 1000),
    play: () => {},
    getOrders: async () => ({ ok: false, error: { code: 'not-connected', message: 'offline' } }),
    online: () => false,
    showPackScreen: () => {},
    log: () => {},
    recheckTimeoutMs: 100,
    ...(opts.locks === false ? {} : { lockOrder }),
  });
  return { c, store };
}

beforeEach(() => {
  db = stationDb();
  repos = createRepositories(db);
  clock = NOW_S * 1000;
  held = new Set();
});

async function packable(skip = 0): Promise<OrderRow> {
  let found = 0;
  for (let i = 0; i < ORDERS; i += 1) {
    const order = await repos.orders.get(practiceOrderId(i));
    if (!order || order.status !== 'AWAITING_SHIPMENT' || order.flags.length > 0) continue;
    if (order.lines.length < 2) continue;
    const { confirmation } = await repos.packing.check(order, clock);
    if (!confirmation.ok) continue;
    if (found === skip) return order;
    found += 1;
  }
  throw new Error('no packable order');
}

async function codesOf(order: OrderRow): Promise<string[]> {
  const codes: string[] = [];
  for (const [skuId, n] of unitsBySku(order.lines)) {
    const [p] = await repos.catalog.bySkuIds([skuId]);
    for (let i = 0; i < n; i += 1) codes.push(p?.sellerSku ?? '');
  }
  return codes;
}

async function completedSessions(orderId: string) {
  return (await repos.packing.sessionsFor(orderId)).filter((s) => s.status === 'completed');
}

describe('one writer per order on a station', () => {
  it('a second window cannot pack the order the first holds; it can once the first closes it', async () => {
    const order = await packable();
    const a = openWindow('Alice');
    const b = openWindow('Bob');
    await a.c.openOrder(order.id);
    expect((await a.c.confirmAndStart()).ok).toBe(true);

    await b.c.openOrder(order.id);
    expect(b.store.getState().guard).toEqual({ kind: 'held-elsewhere' });
    expect((await b.c.confirmAndStart()).ok).toBe(false);
    expect(b.store.getState().phase).toBe('confirm');

    const codes = await codesOf(order);
    for (const code of codes) a.c.scan(code);
    await a.c.settled();
    await vi.waitFor(() => expect(a.store.getState().phase).toBe('completed'));
    expect(await completedSessions(order.id)).toHaveLength(1);

    // The first window moves on: the second may open it now, and is told it is packed.
    await a.c.close();
    await b.c.openOrder(order.id);
    expect(b.store.getState().guard).toMatchObject({ kind: 'already-packed', packer: 'Alice' });
    expect((await b.c.confirmAndStart()).ok).toBe(false);
    expect(await completedSessions(order.id)).toHaveLength(1);
  });

  it('without any lock, two windows packing one order still complete it once (data layer)', async () => {
    const order = await packable();
    const a = openWindow('Alice', { locks: false });
    const b = openWindow('Bob', { locks: false });
    await a.c.openOrder(order.id);
    expect((await a.c.confirmAndStart()).ok).toBe(true);
    // Bob's window opened the order before Alice completed: it sees an unfinished pack and
    // starts over, which closes Alice's session.
    await b.c.openOrder(order.id);
    expect(b.store.getState().guard?.kind).toBe('resume');
    expect((await b.c.restart()).ok).toBe(true);

    const codes = await codesOf(order);
    for (const code of codes) a.c.scan(code);
    await a.c.settled();
    await vi.waitFor(() => expect(a.store.getState().guard?.kind).toBe('session-closed'));
    expect(a.store.getState().phase).not.toBe('completed');

    for (const code of codes) b.c.scan(code);
    await b.c.settled();
    await vi.waitFor(() => expect(b.store.getState().phase).toBe('completed'));
    const done = await completedSessions(order.id);
    expect(done).toHaveLength(1);
    expect(done[0]?.packer).toBe('Bob');
    const audit = await repos.packing.auditFor(order.id);
    expect(audit.filter((r) => r.kind === 'pack.completed')).toHaveLength(1);
    expect(audit.filter((r) => r.kind === 'pack.restarted')).toHaveLength(1);
  });

  it('refuses to complete a second session of a packed order inside the transaction', async () => {
    const order = await packable();
    const actor = (packer: string) => ({ packer, station: 'ST-1', now: (clock += 1000) });
    const first = await repos.packing.confirmAndStart(order.id, actor('Alice'));
    if (!first.ok) throw new Error('start failed');
    // A second session written behind the repository's back (as a racing window might).
    await db.packSessions.add({ ...first.value.session, id: 'racing', packer: 'Bob' });
    await repos.packing.complete('racing', order, {}, actor('Bob'), {});
    const stockBefore = await repos.packing.stockMap(order.lines.map((l) => l.skuId));
    await expect(
      repos.packing.complete(first.value.session.id, order, {}, actor('Alice'), {}),
    ).rejects.toMatchObject({ conflict: { code: 'already-packed', packer: 'Bob' } });
    // Nothing of the refused completion was written.
    expect(await repos.packing.stockMap(order.lines.map((l) => l.skuId))).toEqual(stockBefore);
    expect((await repos.packing.session(first.value.session.id))?.status).toBe('open');
    const audit = await repos.packing.auditFor(order.id);
    expect(audit.filter((r) => r.kind === 'pack.completed')).toHaveLength(1);
  });
});

describe('other writers of the station database', () => {
  it('the Ship screen never marks a packed order packed a second time', async () => {
    const order = await packable();
    const w = openWindow('Alice');
    await w.c.openOrder(order.id);
    await w.c.confirmAndStart();
    for (const code of await codesOf(order)) w.c.scan(code);
    await w.c.settled();
    await vi.waitFor(() => expect(w.store.getState().phase).toBe('completed'));
    await repos.shipping.markPacked(order.id, { packer: 'Bob', station: 'ST-2', now: clock });
    expect(await completedSessions(order.id)).toHaveLength(1);
  });

  it('another window deleting or upgrading the database closes ours and asks for a reload', async () => {
    const w = openWindow('Alice');
    const seen: (number | null)[] = [];
    const off = repos.packing.onDatabaseReplaced((v) => {
      seen.push(v);
      w.store.getState().actions.guardRaised({ kind: 'db-replaced' });
    });
    // The other window's delete is not blocked by this connection: it closes itself.
    await Dexie.delete(db.name);
    off();
    expect(seen).toEqual([null]);
    expect(db.isOpen()).toBe(false);
    expect(w.store.getState().guard).toEqual({ kind: 'db-replaced' });
    // Opening an order does not clear it: this window must reload first.
    w.store.getState().actions.loadStarted('576000000000000001');
    expect(w.store.getState().guard).toEqual({ kind: 'db-replaced' });
  });
});

describe('an interrupted pack', () => {
  it('is offered on reopening and continues with the scans so far (audited)', async () => {
    const order = await packable();
    const codes = await codesOf(order);
    const first = openWindow('Alice');
    await first.c.openOrder(order.id);
    await first.c.confirmAndStart();
    first.c.scan(codes[0] ?? '');
    await first.c.settled();
    // The window dies here (no close): its lock goes with it, the session stays open.
    held.clear();

    const again = openWindow('Alice');
    await again.c.openOrder(order.id);
    const guard = again.store.getState().guard;
    expect(guard).toMatchObject({ kind: 'resume', counted: 1, expected: codes.length, scans: 1 });
    expect((await again.c.resume()).ok).toBe(true);
    const s = again.store.getState();
    expect(s.phase).toBe('packing');
    expect(s.pack?.countedTotal).toBe(1);
    for (const code of codes.slice(1)) again.c.scan(code);
    await again.c.settled();
    await vi.waitFor(() => expect(again.store.getState().phase).toBe('completed'));
    const sessions = await repos.packing.sessionsFor(order.id);
    expect(sessions.map((x) => x.status)).toEqual(['completed']);
    const kinds = (await repos.packing.auditFor(order.id)).map((r) => r.kind);
    expect(kinds).toContain('pack.resumed');
    expect(kinds.filter((k) => k === 'pack.completed')).toHaveLength(1);
  });

  it('can be started over instead: the old session closes, its scans are audited', async () => {
    const order = await packable();
    const codes = await codesOf(order);
    const first = openWindow('Alice');
    await first.c.openOrder(order.id);
    await first.c.confirmAndStart();
    first.c.scan(codes[0] ?? '');
    await first.c.settled();
    held.clear();

    const again = openWindow('Bob');
    await again.c.openOrder(order.id);
    expect((await again.c.restart()).ok).toBe(true);
    expect(again.store.getState().pack?.countedTotal).toBe(0);
    const sessions = await repos.packing.sessionsFor(order.id);
    expect(sessions.map((x) => x.status)).toEqual(['abandoned', 'open']);
    const restarted = (await repos.packing.auditFor(order.id)).find(
      (r) => r.kind === 'pack.restarted',
    );
    expect(restarted?.detail).toMatchObject({ scans: 1, startedBy: 'Alice' });
  });

  it('is closed when stale, and then not offered', async () => {
    const order = await packable();
    const first = openWindow('Alice');
    await first.c.openOrder(order.id);
    await first.c.confirmAndStart();
    held.clear();
    clock += STALE_SESSION_MS + 60_000;
    const closed = await repos.packing.closeStaleSessions({
      packer: 'station',
      station: 'ST-1',
      now: clock,
    });
    expect(closed).toHaveLength(1);
    const again = openWindow('Alice');
    await again.c.openOrder(order.id);
    expect(again.store.getState().guard).toBeNull();
    const kinds = (await repos.packing.auditFor(order.id)).map((r) => r.kind);
    expect(kinds).toContain('pack.stale-closed');
  });
});

/** Makes every `add`/`put` on `table` fail as a full disk does (inside the transaction). */
function quotaOn(table: { hook: StationDb['audit']['hook'] }) {
  const fail = () => {
    throw new Dexie.QuotaExceededError('QuotaExceededError: the disk is full (test)');
  };
  table.hook('creating', fail);
  table.hook('updating', fail);
  return () => {
    table.hook('creating').unsubscribe(fail);
    table.hook('updating').unsubscribe(fail);
  };
}

describe('a full disk during a pack', () => {
  it('the completing transaction aborts whole and the packer is told the disk is full', async () => {
    const order = await packable();
    const w = openWindow('Alice');
    await w.c.openOrder(order.id);
    await w.c.confirmAndStart();
    const sessionId = w.store.getState().session?.id ?? '';
    const skuIds = order.lines.map((l) => l.skuId);
    const stockBefore = await repos.packing.stockMap(skuIds);
    const auditBefore = await repos.packing.auditFor(order.id);

    const off = quotaOn(db.audit);
    for (const code of await codesOf(order)) w.c.scan(code);
    await w.c.settled();
    await vi.waitFor(() => expect(w.store.getState().guard?.kind).toBe('write-failed'));
    off();
    expect(w.store.getState().guard).toMatchObject({ kind: 'write-failed', quota: true });
    expect(w.store.getState().phase).not.toBe('completed');
    // Nothing half-written: the session is still open, stock not consumed, no completion row.
    expect((await repos.packing.session(sessionId))?.status).toBe('open');
    expect(await repos.packing.stockMap(skuIds)).toEqual(stockBefore);
    expect(await repos.packing.auditFor(order.id)).toEqual(auditBefore);
  });
});
