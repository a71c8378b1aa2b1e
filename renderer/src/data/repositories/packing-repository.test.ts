import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import type { StationDb } from '../db';
import { stationDbPerTest } from '../test-db';
import { createRepositories, type Repositories } from './index';
import type { Actor } from './packing-repository';

const NOW_S = 1_795_000_000;
const NOW = NOW_S * 1000;
const at = (ms: number): Actor => ({ packer: 'Alice', station: 'ST-9', now: NOW + ms });

const stationDb = stationDbPerTest({ prefix: 'packing', seed: { orders: 200, nowSeconds: NOW_S } });
let db: StationDb;
let repos: Repositories;

beforeEach(async () => {
  db = stationDb();
  repos = createRepositories(db);
});
afterEach(async () => {
  vi.restoreAllMocks();
});

/** A page of the queue as the list shows it (awaiting shipment, by ship-by). */
async function queuePage(offset: number, size: number): Promise<OrderRow[]> {
  return repos.orders.page({ kind: 'status', status: 'AWAITING_SHIPMENT' }, offset, size);
}

describe('packing repository: which orders on screen are confirmed', () => {
  it('answers for the ids asked only, from the latest confirm/release row of each', async () => {
    const page = await queuePage(0, 50);
    const later = await queuePage(50, 50);
    expect(page).toHaveLength(50);
    expect(later).toHaveLength(50);

    // Confirm some orders on the page and some after it, the way the batch does.
    const batch = await repos.packing.confirmMany(
      [...page, ...later].map((o) => o.id),
      at(0),
      { batchRules: true },
    );
    const confirmed = new Set(batch.confirmed);
    const onPage = page.filter((o) => confirmed.has(o.id)).map((o) => o.id);
    expect(onPage.length).toBeGreaterThan(1);
    expect(onPage.length).toBeLessThan(page.length);
    expect(later.some((o) => confirmed.has(o.id))).toBe(true);

    // One confirmed order's pack is abandoned with its stock released: no longer confirmed.
    const releasedId = onPage[0] ?? '';
    const released = page.find((o) => o.id === releasedId);
    if (!released) throw new Error('no confirmed order on the page');
    await repos.packing.abandon(null, released, at(1000), 'pack.abandoned', {}, true);

    const shown = await repos.packing.confirmedAmong(page.map((o) => o.id));
    expect([...shown].sort()).toEqual(onPage.filter((id) => id !== releasedId).sort());
    // Confirmed orders that are not on screen are not in the answer.
    expect(later.some((o) => shown.has(o.id))).toBe(false);
    // It agrees with the one-order check for every order on the page.
    for (const o of page) expect(shown.has(o.id)).toBe(await repos.packing.isConfirmed(o.id));
  });

  it('takes the latest row: confirmed again after a release counts, a release wins a tie', async () => {
    const [a, b, c] = await queuePage(0, 3);
    if (!a || !b || !c) throw new Error('seed too small');
    await repos.packing.recordAudit('order.confirmed', a.id, at(0), {});
    await repos.packing.recordAudit('order.released', a.id, at(10), {});
    await repos.packing.recordAudit('order.confirmed', a.id, at(20), {});
    await repos.packing.recordAudit('pack.started', a.id, at(30), {});
    await repos.packing.recordAudit('order.confirmed', b.id, at(0), {});
    await repos.packing.recordAudit('order.released', b.id, at(0), {});
    await repos.packing.recordAudit('pack.started', c.id, at(0), {});

    const shown = await repos.packing.confirmedAmong([a.id, b.id, c.id, a.id, 'no-such-order']);
    expect([...shown]).toEqual([a.id]);
    expect((await repos.packing.confirmedAmong([])).size).toBe(0);
  });

  it('reads through the orderId index once and never walks the audit table', async () => {
    const page = await queuePage(0, 50);
    await repos.packing.confirmMany(
      page.map((o) => o.id),
      at(0),
    );
    const where = vi.spyOn(db.audit, 'where');
    const whole = [
      vi.spyOn(db.audit, 'toArray'),
      vi.spyOn(db.audit, 'toCollection'),
      vi.spyOn(db.audit, 'each'),
      vi.spyOn(db.audit, 'filter'),
      vi.spyOn(db.audit, 'orderBy'),
    ];

    const shown = await repos.packing.confirmedAmong(page.map((o) => o.id));
    expect(shown.size).toBeGreaterThan(0);
    expect(where.mock.calls).toEqual([['orderId']]);
    for (const spy of whole) expect(spy).not.toHaveBeenCalled();

    where.mockClear();
    await repos.packing.confirmedAmong([]);
    expect(where).not.toHaveBeenCalled();
  });

  it('as a live query, answers again when orders on screen are confirmed', async () => {
    const page = await queuePage(0, 20);
    const ids = page.map((o) => o.id);
    const seen: ReadonlySet<string>[] = [];
    const sub = liveQuery(() => repos.packing.confirmedAmong(ids)).subscribe({
      next: (v) => seen.push(v),
    });
    try {
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen[0]?.size).toBe(0);
      const batch = await repos.packing.confirmMany(ids, at(0), { batchRules: true });
      expect(batch.confirmed.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(seen.at(-1)?.size).toBe(batch.confirmed.length));
      expect([...(seen.at(-1) ?? [])].sort()).toEqual([...batch.confirmed].sort());
    } finally {
      sub.unsubscribe();
    }
  });
});
