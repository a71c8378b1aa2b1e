import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiOrderInput } from '#shared/domain/api-order';
import { practiceCatalog, practiceOrder } from '#shared/logic/practice-data';
import type { StationDb } from '../../data/db';
import { stationDbPerTest } from '../../data/test-db';
import {
  createIntakeRepository,
  type IntakeRepository,
} from '../../data/repositories/intake-repository';
import { FIRST_PULL_STATUSES, INTAKE_STATUSES, runPull, type PullDeps } from './pull';
import { createFakeShop, type FakeShop } from './test-support';

const NOW_S = 1_795_000_000;
const catalog = practiceCatalog();

function shopOrders(n: number): ApiOrderInput[] {
  return Array.from({ length: n }, (_, i) => practiceOrder(i, { nowSeconds: NOW_S, catalog }));
}

const stationDb = stationDbPerTest({ prefix: 'intake' });
let db: StationDb;
let repo: IntakeRepository;
let clock: number;

beforeEach(async () => {
  db = stationDb();
  repo = createIntakeRepository(db);
  clock = NOW_S * 1000;
});

function deps(shop: FakeShop, extra: Partial<PullDeps> = {}): PullDeps {
  return {
    shop,
    repo,
    now: () => clock,
    pause: async () => {},
    practice: false,
    pageSize: 20,
    ...extra,
  };
}

/** What a first pull must hold: the statuses the bench works with, and recent cancellations. */
function expectedIds(shop: FakeShop, nowS: number): string[] {
  return [...shop.orders.values()]
    .filter(
      (o) =>
        (INTAKE_STATUSES as readonly unknown[]).includes(o.status) ||
        (o.status === 'CANCELLED' && (o.update_time as number) >= nowS - 7 * 24 * 3600),
    )
    .map((o) => String(o.id))
    .sort();
}

async function storedIds(): Promise<string[]> {
  return (await db.orders.toCollection().primaryKeys()).map(String).sort();
}

function mutate(shop: FakeShop, id: string, change: (o: Record<string, unknown>) => void) {
  const o = shop.orders.get(id);
  if (!o) throw new Error(`no order ${id}`);
  change(o);
}

describe('first pull', () => {
  it('stores exactly the orders the bench works with, then moves the cursor', async () => {
    const shop = createFakeShop(shopOrders(180));
    // One order nobody needs: completed long ago.
    const first = [...shop.orders.keys()][0]!;
    mutate(shop, first, (o) => (o.status = 'COMPLETED'));
    const out = await runPull(deps(shop));
    expect(out.ok).toBe(true);
    const expected = expectedIds(shop, NOW_S);
    expect(await storedIds()).toEqual(expected);
    expect(expected).not.toContain(first);
    const state = await repo.state();
    expect(state.firstPullCompletedAt).toBe(clock);
    expect(state.cursor).toBe(NOW_S);
    expect(await repo.checkpoint()).toBeNull();
    // One search per status, then the incremental phase; every page sorted by update_time.
    const searched = shop.calls.filter((c) => c.method === 'search' && c.args.pageSize === 20);
    const statuses = new Set(searched.map((c) => c.args.orderStatus ?? 'any'));
    expect([...statuses]).toEqual([...FIRST_PULL_STATUSES, 'any']);
    expect(searched.every((c) => c.args.sortField === 'update_time')).toBe(true);
    // ON_HOLD orders are kept and flagged as not yet shippable.
    const onHold = await db.orders.where('status').equals('ON_HOLD').toArray();
    expect(onHold.length).toBeGreaterThan(0);
    expect(onHold.every((o) => o.flags.includes('on-hold'))).toBe(true);
  });

  it('resumes after a crash mid-pull without duplicates or gaps, from the checkpoint', async () => {
    const shop = createFakeShop(shopOrders(200));
    let chunks = 0;
    const crash = new Error('browser killed');
    // The "process" dies right after its third committed chunk.
    await expect(
      runPull(
        deps(shop, {
          pause: async () => {
            chunks += 1;
            if (chunks === 3) throw crash;
          },
        }),
      ),
    ).rejects.toBe(crash);
    const cp = await repo.checkpoint();
    expect(cp).not.toBeNull();
    // Data and checkpoint were written together: exactly what the checkpoint says is stored.
    expect(await db.orders.count()).toBe(cp!.done);
    expect(cp!.done).toBe(60);

    const before = shop.calls.length;
    const out = await runPull(deps(shop));
    expect(out.ok).toBe(true);
    // The resumed run starts at the checkpoint's page, not at the first page.
    const resumedFirst = shop.calls[before]!;
    expect(resumedFirst.args.pageToken).toBe(cp!.pageToken || undefined);
    expect(await storedIds()).toEqual(expectedIds(shop, NOW_S));
    expect(await repo.checkpoint()).toBeNull();
  });

  it('writes a page in transactions of `writeChunk` orders; a crash mid-page re-reads that page', async () => {
    const shop = createFakeShop(shopOrders(200));
    const sizes: number[] = [];
    const counting: IntakeRepository = {
      ...repo,
      applyChunk: (orders, ...rest) => {
        sizes.push(orders.length);
        return repo.applyChunk(orders, ...rest);
      },
    };
    let pauses = 0;
    const crash = new Error('browser killed');
    await expect(
      runPull(
        deps(shop, {
          repo: counting,
          pageSize: 100,
          writeChunk: 25,
          pause: async () => {
            pauses += 1;
            if (pauses === 2) throw crash;
          },
        }),
      ),
    ).rejects.toBe(crash);
    expect(sizes).toEqual([25, 25]);
    // Half a page is stored; the checkpoint still points at that page.
    expect(await db.orders.count()).toBe(50);
    const cp = await repo.checkpoint();
    expect(cp?.pageToken).toBe('');
    expect(cp?.done).toBe(0);
    expect(cp?.inserted).toBe(50);

    sizes.length = 0;
    const out = await runPull(deps(shop, { repo: counting, pageSize: 100, writeChunk: 25 }));
    expect(out.ok).toBe(true);
    expect(sizes.every((n) => n <= 25)).toBe(true);
    expect(await storedIds()).toEqual(expectedIds(shop, NOW_S));
    expect(await repo.checkpoint()).toBeNull();
  });

  it('keeps stored orders intact and records the error when the shop fails mid-pull', async () => {
    const shop = createFakeShop(shopOrders(120));
    const ok1 = await runPull(deps(shop));
    expect(ok1.ok).toBe(true);
    const snapshot = await db.orders.toArray();
    clock += 60_000;
    shop.failSearches(10, 'retryable', 'server-error: HTTP 503');
    const out = await runPull(deps(shop));
    expect(out).toMatchObject({ ok: false, code: 'retryable' });
    expect(await db.orders.toArray()).toEqual(snapshot);
    const state = await repo.state();
    expect(state.lastError?.message).toContain('503');
    expect(state.lastSuccessAt).toBe(NOW_S * 1000);
  });
});

describe('incremental pull', () => {
  async function firstPull(shop: FakeShop) {
    const out = await runPull(deps(shop));
    if (!out.ok) throw new Error(out.message);
  }

  it('asks from the cursor minus the overlap window and catches late updates inside it', async () => {
    const shop = createFakeShop(shopOrders(100));
    await firstPull(shop);
    const target = (await db.orders.where('status').equals('AWAITING_SHIPMENT').first())!;
    // An update stamped 100 s before the cursor (clock skew, a late commit upstream): inside the
    // overlap, so the next pull must see it.
    mutate(shop, target.id, (o) => {
      o.update_time = NOW_S - 100;
      o.seller_note = 'late note';
    });
    clock += 60_000;
    shop.calls.length = 0;
    const out = await runPull(deps(shop));
    expect(out.ok).toBe(true);
    const searches = shop.calls.filter((c) => c.method === 'search');
    expect(searches.every((c) => c.args.updateTimeGe === NOW_S - 300)).toBe(true);
    expect(searches.every((c) => c.args.orderStatus === undefined)).toBe(true);
    expect((await db.orders.get(target.id))?.sellerNote).toBe('late note');
    expect((await repo.state()).cursor).toBe(NOW_S + 60);
  });

  it('flags cancelled, cancel-requested and re-addressed orders at once', async () => {
    const shop = createFakeShop(shopOrders(100));
    await firstPull(shop);
    const open = await db.orders.where('status').equals('AWAITING_SHIPMENT').toArray();
    const plain = open.filter((o) => o.flags.length === 0);
    const [cancelled, requested, moved] = plain;
    const later = NOW_S + 30;
    mutate(shop, cancelled!.id, (o) => {
      o.status = 'CANCELLED';
      o.update_time = later;
    });
    mutate(shop, requested!.id, (o) => {
      o.is_buyer_request_cancel = true;
      o.update_time = later;
    });
    mutate(shop, moved!.id, (o) => {
      (o.recipient_address as Record<string, unknown>).address_line1 = '1 New Street';
      o.update_time = later;
    });
    clock += 60_000;
    const out = await runPull(deps(shop));
    expect(out).toMatchObject({ ok: true, flagged: 3 });
    expect((await db.orders.get(cancelled!.id))!.flags).toContain('stop-ship');
    expect((await db.orders.get(requested!.id))!.flags).toEqual(
      expect.arrayContaining(['stop-ship', 'cancel-requested']),
    );
    const movedRow = (await db.orders.get(moved!.id))!;
    expect(movedRow.flags).toContain('address-changed');
    expect(movedRow.recipient.addressLines[0]).toBe('1 New Street');
    // Stop-ship orders are listed by the queue's index.
    const stop = await db.orders.where('flags').equals('stop-ship').primaryKeys();
    expect(stop).toEqual(expect.arrayContaining([cancelled!.id, requested!.id]));
    const audit = await db.audit.where('kind').equals('intake.flagged').toArray();
    expect(audit.map((a) => a.orderId).sort()).toEqual(
      [cancelled!.id, requested!.id, moved!.id].sort(),
    );

    // The address flag stays on later pulls (re-check is a person's job), and nothing new is raised.
    mutate(shop, moved!.id, (o) => {
      o.seller_note = 'touched';
      o.update_time = later + 60;
    });
    clock += 60_000;
    const again = await runPull(deps(shop));
    expect(again).toMatchObject({ ok: true, flagged: 0 });
    expect((await db.orders.get(moved!.id))!.flags).toContain('address-changed');
  });

  it('keeps local ship state the shop does not know yet, and ignores older answers', async () => {
    const shop = createFakeShop(shopOrders(100));
    await firstPull(shop);
    const open = (await db.orders.where('status').equals('AWAITING_SHIPMENT').first())!;
    // Shipped at the bench; the outbox has not told the shop yet. Another feature added a field.
    const local = {
      ...open,
      status: 'AWAITING_COLLECTION' as const,
      trackingNumbers: ['9400100000000000000001'],
      packages: open.packages.map((p) => ({ ...p, trackingNumber: '9400100000000000000001' })),
      packedBy: 'amy',
    };
    await db.orders.put(local);
    mutate(shop, open.id, (o) => {
      o.buyer_message = 'hello';
      o.update_time = NOW_S + 10;
    });
    clock += 60_000;
    expect((await runPull(deps(shop))).ok).toBe(true);
    const row = (await db.orders.get(open.id)) as typeof local | undefined;
    expect(row?.status).toBe('AWAITING_COLLECTION');
    expect(row?.trackingNumbers).toEqual(['9400100000000000000001']);
    expect(row?.buyerMessage).toBe('hello');
    expect(row?.packedBy).toBe('amy');

    // An answer older than what is stored (out-of-order page) changes nothing.
    const stored = await db.orders.get(open.id);
    mutate(shop, open.id, (o) => {
      o.buyer_message = 'stale';
      o.update_time = NOW_S - 200;
    });
    clock += 60_000;
    expect((await runPull(deps(shop))).ok).toBe(true);
    expect(await db.orders.get(open.id)).toEqual(stored);
  });

  it('does not store new orders outside the bench statuses', async () => {
    const shop = createFakeShop(shopOrders(60));
    await firstPull(shop);
    const fresh = practiceOrder(500, { nowSeconds: NOW_S, catalog });
    shop.orders.set(fresh.id, {
      ...(structuredClone(fresh) as unknown as Record<string, unknown>),
      status: 'COMPLETED',
      update_time: NOW_S + 20,
    });
    const fresh2 = practiceOrder(501, { nowSeconds: NOW_S, catalog });
    shop.orders.set(fresh2.id, {
      ...(structuredClone(fresh2) as unknown as Record<string, unknown>),
      status: 'AWAITING_SHIPMENT',
      update_time: NOW_S + 20,
    });
    clock += 60_000;
    expect((await runPull(deps(shop))).ok).toBe(true);
    expect(await db.orders.get(fresh.id)).toBeUndefined();
    expect((await db.orders.get(fresh2.id))?.status).toBe('AWAITING_SHIPMENT');
  });
});

describe('bad answers from the shop', () => {
  it('reports malformed orders, re-reads them by id, and never stores a broken one', async () => {
    const shop = createFakeShop(shopOrders(80));
    const ids = [...shop.orders.keys()];
    const broken = ids[5]!;
    const unknown = ids[6]!;
    const repairable = ids[7]!;
    mutate(shop, broken, (o) => delete o.line_items);
    mutate(shop, unknown, (o) => {
      o.status = 'TELEPORTED';
      o.update_time = NOW_S; // served by the incremental phase (no status filter)
    });
    shop.badInSearchOnly.add(repairable);
    const out = await runPull(deps(shop));
    expect(out).toMatchObject({ ok: true, bad: 2 });
    expect(await db.orders.get(broken)).toBeUndefined();
    expect(await db.orders.get(unknown)).toBeUndefined();
    // Bad in the search page, fine in order detail (asked in a batch of at most 50).
    expect(await db.orders.get(repairable)).toBeDefined();
    const detail = shop.calls.filter((c) => c.method === 'detail');
    expect(detail.length).toBeGreaterThan(0);
    expect(detail.every((c) => (c.args.ids as string[]).length <= 50)).toBe(true);
    const state = await repo.state();
    expect(state.problemCount).toBe(2);
    expect(state.problems.map((p) => p.orderId).sort()).toEqual([broken, unknown].sort());

    // A later malformed answer for a stored order leaves the stored row as it was.
    const good = ids.find((id) => id !== broken && id !== unknown && id !== repairable)!;
    const before = await db.orders.get(good);
    expect(before).toBeDefined();
    mutate(shop, good, (o) => {
      o.payment = { currency: 'USD', sub_total: 'twelve' };
      o.update_time = NOW_S + 50;
    });
    clock += 60_000;
    expect((await runPull(deps(shop))).ok).toBe(true);
    expect(await db.orders.get(good)).toEqual(before);
    expect((await repo.state()).problems.map((p) => p.orderId)).toContain(good);
  });
});
