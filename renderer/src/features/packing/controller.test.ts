import { beforeEach, describe, expect, it } from 'vitest';
import { ApiOrder } from '#shared/domain/api-order';
import type { OrderRow } from '#shared/domain/order';
import { unitsBySku } from '#shared/logic/confirm/index';
import type { PackSound } from '#shared/logic/pack/index';
import {
  practiceCatalog,
  practiceOrder,
  practiceOrderId,
  PRACTICE_SEED,
} from '#shared/logic/practice-data';
import type { StationDb } from '../../data/db';
import { stationDbPerTest } from '../../data/test-db';
import { createRepositories, type Repositories } from '../../data/repositories';
import { SUPERVISOR_PIN_KEY } from '../../data/repositories/packing-repository';
import { createPackingStore, type PackingStore } from '../../stores/packing-store';
import { addAfterPackListener, type PackCompletion } from './after-pack';
import { createPackController, type PackController } from './controller';
import type { RecheckDeps } from './recheck';

const NOW_S = 1_795_000_000;
const ORDERS = 300;

const stationDb = stationDbPerTest({ prefix: 'pack', seed: { orders: ORDERS, nowSeconds: NOW_S } });
let db: StationDb;
let repos: Repositories;
let store: PackingStore;
let sounds: PackSound[];
let upstream: Awaited<ReturnType<RecheckDeps['getOrders']>>;
let clock: number;

function controller(): PackController {
  return createPackController({
    repos,
    store,
    who: () => ({ packer: 'Alice', station: 'ST-9' }),
    setOperator: () => {},
    now: () => (clock += 1000),
    play: (s) => sounds.push(s),
    getOrders: async () => upstream,
    online: () => true,
    showPackScreen: () => {},
    log: () => {},
    recheckTimeoutMs: 1000,
  });
}

beforeEach(async () => {
  db = stationDb();
  repos = createRepositories(db);
  store = createPackingStore();
  sounds = [];
  clock = NOW_S * 1000;
  upstream = { ok: false, error: { code: 'not-connected', message: 'offline in tests' } };
});

/** A confirmable practice order with several SKUs, and its API form. */
async function packable(minSkus = 2): Promise<{ order: OrderRow; api: ApiOrder }> {
  const catalog = practiceCatalog();
  for (let i = 0; i < ORDERS; i += 1) {
    const order = await repos.orders.get(practiceOrderId(i));
    if (!order || order.status !== 'AWAITING_SHIPMENT' || order.flags.length > 0) continue;
    if (unitsBySku(order.lines).size < minSkus) continue;
    const { confirmation } = await repos.packing.check(order, clock);
    if (!confirmation.ok) continue;
    const api = ApiOrder.parse(
      practiceOrder(i, { seed: PRACTICE_SEED, nowSeconds: NOW_S, catalog }),
    );
    return { order, api };
  }
  throw new Error('no packable order');
}

async function barcodeOf(skuId: string): Promise<string> {
  const [p] = await repos.catalog.bySkuIds([skuId]);
  return p?.sellerSku ?? '';
}

async function scanAll(c: PackController, order: OrderRow) {
  for (const [skuId, n] of unitsBySku(order.lines)) {
    const code = await barcodeOf(skuId);
    for (let i = 0; i < n; i += 1) c.scan(code);
  }
}

describe('pack controller with the station database', () => {
  it('confirms (reserving stock with the session), ticks from memory, and completes on the last scan', async () => {
    const { order } = await packable();
    const c = controller();
    const completions: PackCompletion[] = [];
    const off = addAfterPackListener((d) => completions.push(d));
    const skuIds = [...unitsBySku(order.lines).keys()];
    const before = await repos.packing.stockMap(skuIds);

    expect(await c.openOrder(order.id)).toBe(true);
    expect(store.getState().phase).toBe('confirm');
    expect((await c.confirmAndStart()).ok).toBe(true);
    const reserved = await repos.packing.stockMap(skuIds);
    for (const [sku, n] of unitsBySku(order.lines)) {
      expect(reserved.get(sku)?.reserved).toBe((before.get(sku)?.reserved ?? 0) + n);
    }
    const sessionId = store.getState().session?.id ?? '';
    expect((await repos.packing.session(sessionId))?.status).toBe('open');

    // The first scan changes the store before anything is awaited.
    const [firstSku] = skuIds;
    const step = c.scan(await barcodeOf(firstSku ?? ''));
    expect(step?.outcome.kind === 'ticked' || step?.outcome.kind === 'complete').toBe(true);
    expect(store.getState().pack?.lines.find((l) => l.skuId === firstSku)?.counted).toBe(1);
    store.getState().actions.recounted();
    await scanAll(c, order);
    await c.settled();
    await c.settled();

    expect(store.getState().phase).toBe('completed');
    expect(store.getState().recheck.state).toBe('offline');
    expect(sounds.at(-1)).toBe('complete');
    const session = await repos.packing.session(sessionId);
    expect(session?.status).toBe('completed');
    expect(session?.counts).toEqual(Object.fromEntries(unitsBySku(order.lines)));
    const scans = await repos.packing.scanEventsFor(sessionId);
    expect(scans).toHaveLength(order.lines.length + 1);
    expect(scans.every((s) => s.packer === 'Alice' && s.station === 'ST-9')).toBe(true);
    const after = await repos.packing.stockMap(skuIds);
    for (const [sku, n] of unitsBySku(order.lines)) {
      expect(after.get(sku)?.onHand).toBe((before.get(sku)?.onHand ?? 0) - n);
      expect(after.get(sku)?.reserved).toBe(before.get(sku)?.reserved ?? 0);
    }
    const kinds = (await repos.packing.auditFor(order.id)).map((a) => a.kind).sort();
    expect(kinds).toEqual(['order.confirmed', 'pack.completed', 'pack.started']);
    expect(completions.map((d) => [d.order.id, d.recheck, d.forced])).toEqual([
      [order.id, 'offline', false],
    ]);
    off();
  });

  it('raises stop-ship at the seal when the shop now says cancelled, and releases the stock', async () => {
    const { order, api } = await packable();
    upstream = { ok: true, value: { orders: [{ ...api, status: 'CANCELLED' }] } };
    const c = controller();
    const skuIds = [...unitsBySku(order.lines).keys()];
    const before = await repos.packing.stockMap(skuIds);
    await c.openOrder(order.id);
    await c.confirmAndStart();
    await scanAll(c, order);
    await c.settled();
    await c.settled();
    expect(store.getState().phase).toBe('stopped');
    expect(store.getState().recheck.codes).toContain('order.cancelled');
    expect(sounds.at(-1)).toBe('error');
    const session = await repos.packing.session(store.getState().session?.id ?? '');
    expect(session?.status).toBe('abandoned');
    const after = await repos.packing.stockMap(skuIds);
    for (const sku of skuIds)
      expect(after.get(sku)).toMatchObject({
        onHand: before.get(sku)?.onHand,
        reserved: before.get(sku)?.reserved,
      });
    expect((await repos.packing.auditFor(order.id)).map((a) => a.kind)).toContain('pack.stop-ship');
  });

  it('completes after an unchanged upstream re-check', async () => {
    const { order, api } = await packable();
    upstream = { ok: true, value: { orders: [api] } };
    const c = controller();
    await c.openOrder(order.id);
    await c.confirmAndStart();
    await scanAll(c, order);
    await c.settled();
    await c.settled();
    expect(store.getState().phase).toBe('completed');
    expect(store.getState().recheck.state).toBe('ok');
  });

  it('never counts a wrong item, an over-scan or an unknown barcode, and blocks until resolved', async () => {
    const { order } = await packable();
    const c = controller();
    await c.openOrder(order.id);
    await c.confirmAndStart();
    const inOrder = new Set(order.lines.map((l) => l.skuId));
    const stranger = (await repos.packing.catalog()).find((p) => !inOrder.has(p.id));
    const [[sku, n] = ['', 0]] = [...unitsBySku(order.lines)];
    const code = await barcodeOf(sku);
    for (let i = 0; i < n; i += 1) c.scan(code);
    const counted = store.getState().pack?.countedTotal;
    const kinds = [c.scan(code), c.scan(stranger?.sellerSku ?? ''), c.scan('ZZ-NOT-A-SKU')].map(
      (s) => s?.outcome.kind,
    );
    expect(kinds).toEqual(['over-scan', 'wrong-item', 'unknown-barcode']);
    expect(sounds.slice(-3)).toEqual(['error', 'error', 'error']);
    expect(store.getState().pack?.countedTotal).toBe(counted);
    expect(store.getState().pack?.alerts).toHaveLength(3);
    c.resolve();
    expect(store.getState().pack?.alerts).toHaveLength(0);
    await c.settled();
    const audit = await repos.packing.auditFor(order.id);
    expect(audit.map((a) => a.kind)).toContain('pack.alerts-resolved');
  });

  it('overrides only with the supervisor PIN, stored hashed, and audits refusals too', async () => {
    const { order } = await packable();
    const c = controller();
    await c.openOrder(order.id);
    await c.confirmAndStart();
    expect(await c.override(null, 'Sam', '1234', 'box sealed')).toEqual({
      ok: false,
      error: 'no-pin',
    });
    await repos.packing.setSupervisorPin('482913', { packer: 'Sam', station: 'ST-9', now: clock });
    const stored = JSON.stringify(await db.settings.get(SUPERVISOR_PIN_KEY));
    expect(stored).not.toContain('482913');
    expect(await c.override(null, 'Sam', '000000', 'box sealed')).toEqual({
      ok: false,
      error: 'bad-pin',
    });
    const r = await c.override(null, 'Sam', '482913', 'customer called');
    expect(r.ok).toBe(true);
    await c.settled();
    await c.settled();
    expect(store.getState().phase).toBe('completed');
    const overrides = (await repos.packing.auditFor(order.id)).filter(
      (a) => a.kind === 'pack.override',
    );
    expect(overrides.map((a) => a.detail.refused ?? a.detail.reason)).toEqual([
      'bad-pin',
      'customer called',
    ]);
    expect(store.getState().pack?.lines.every((l) => l.overriddenBy === 'Sam')).toBe(true);
  });

  it('refuses to confirm a cancelled order and reserves nothing', async () => {
    let cancelled: OrderRow | undefined;
    for (let i = 0; i < ORDERS && !cancelled; i += 1) {
      const o = await repos.orders.get(practiceOrderId(i));
      if (o?.status === 'CANCELLED') cancelled = o;
    }
    if (!cancelled) throw new Error('no cancelled practice order');
    const skuIds = [...unitsBySku(cancelled.lines).keys()];
    const before = await repos.packing.stockMap(skuIds);
    const c = controller();
    await c.openOrder(cancelled.id);
    expect(store.getState().confirmation?.ok).toBe(false);
    const r = await c.confirmAndStart();
    expect(r.ok).toBe(false);
    expect(store.getState().phase).toBe('confirm');
    expect(await repos.packing.stockMap(skuIds)).toEqual(before);
    expect(await repos.packing.sessionsFor(cancelled.id)).toEqual([]);
  });

  it('confirms clean orders in a batch against a running stock, once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) ids.push(practiceOrderId(i));
    const first = await repos.packing.confirmMany(ids, {
      packer: 'Alice',
      station: 'ST-9',
      now: clock,
    });
    expect(first.confirmed.length).toBeGreaterThan(0);
    expect(first.confirmed.length).toBe(first.results.filter((r) => r.ok).length);
    const again = await repos.packing.confirmMany(ids, {
      packer: 'Alice',
      station: 'ST-9',
      now: clock,
    });
    expect(again.confirmed).toEqual([]);
    const orders = (await db.orders.bulkGet(first.confirmed)).filter((o) => o !== undefined);
    const expected = new Map<string, number>();
    for (const o of orders)
      for (const [s, n] of unitsBySku(o.lines)) expected.set(s, (expected.get(s) ?? 0) + n);
    const stock = await repos.packing.stockMap(expected.keys());
    for (const [s, n] of expected) expect(stock.get(s)?.reserved).toBe(n);
    expect(await repos.packing.isConfirmed(first.confirmed[0] ?? '')).toBe(true);
  });
});
