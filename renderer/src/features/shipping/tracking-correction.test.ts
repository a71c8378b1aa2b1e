/**
 * The tracking correction's data path on a real station database (fake-indexeddb): the order
 * change, the `update-tracking` intent and the audit row commit together; refusals write nothing;
 * an unsent shipment takes the new number instead of a second write.
 */
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import { TRACKING_UPDATE_WINDOW_MS, type OutboxRow } from '#shared/logic/outbox/index';
import { StationDb } from '../../data/db';
import { shippedOrder } from '../../data/outbox';
import { testOrder } from '../../data/outbox/test-support';
import { createRepositories, type Repositories } from '../../data/repositories';
import { shippingText } from './i18n';
import {
  carrierOfProvider,
  confirmTrackingCorrection,
  correctablePackage,
  correctedOrder,
  correctionHistory,
  syncStage,
} from './tracking-correction';

const FEDEX = { id: '7132708441138333445', name: 'FedEx' };
const UPS = { id: '7117859084333745966', name: 'UPS' };
const ACTOR = { packer: 'Alice', station: 'BENCH-2' };

async function station(orders: OrderRow[]) {
  const db = new StationDb(`correction-${crypto.randomUUID()}`);
  await db.open();
  await db.orders.bulkPut(orders);
  return { db, repos: createRepositories(db) };
}

/** Ships an order with seller shipping through the real enqueue, as the Ship screen does. */
async function ship(repos: Repositories, orderId: string, tracking: string): Promise<OutboxRow> {
  const order = await repos.orders.get(orderId);
  if (!order) throw new Error('no order');
  const packageId = order.packages[0]?.id ?? '';
  const r = await repos.outbox.enqueueShipment(
    {
      orderId,
      packageId,
      expected: { statuses: ['AWAITING_SHIPMENT'] },
      intent: {
        kind: 'ship-package',
        payload: {
          handoverMethod: 'DROP_OFF',
          selfShipment: { trackingNumber: tracking, shippingProviderId: FEDEX.id },
        },
      },
    },
    (o) =>
      shippedOrder(o, {
        packageId,
        trackingNumber: tracking,
        shippingProviderId: FEDEX.id,
        shippingProviderName: 'FedEx',
        now: Date.now(),
      }),
    { now: Date.now(), actor: ACTOR },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value.row;
}

/** The sync worker's part, without a shop: the row was sent and accepted. */
async function markSent(repos: Repositories, row: OutboxRow, at = Date.now()): Promise<void> {
  const store = repos.outbox.store();
  const inflight = await store.transition(row.id, 'pending', {
    state: 'inflight',
    attempts: 1,
    updatedAt: at,
  });
  if (!inflight) throw new Error('not pending');
  await store.transition(row.id, 'inflight', { state: 'done', updatedAt: at, nextAttemptAt: at });
}

async function counts(db: StationDb) {
  return { outbox: await db.outbox.count(), audit: await db.audit.count() };
}

describe('confirmTrackingCorrection', () => {
  it('changes the number, queues one update-tracking intent and audits who did it', async () => {
    const { db, repos } = await station([testOrder('o1', ['p1'])]);
    const shipped = await ship(repos, 'o1', '111111111111');
    await markSent(repos, shipped);
    const order = await repos.orders.get('o1');
    if (!order) throw new Error('no order');

    const r = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'ups', provider: UPS, trackingNumber: ' 1z999aa1 0123456784 ' },
      ACTOR,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.row).toMatchObject({
      kind: 'update-tracking',
      orderId: 'o1',
      packageId: 'p1',
      state: 'pending',
      payload: { trackingNumber: '1Z999AA10123456784', shippingProviderId: UPS.id, scope: 'order' },
      expected: { statuses: ['AWAITING_COLLECTION'], previousTrackingNumber: '111111111111' },
    });
    expect(r.value.superseded).toEqual([]);

    const after = await repos.orders.get('o1');
    expect(after?.status).toBe('AWAITING_COLLECTION');
    expect(after?.packages[0]).toEqual({
      id: 'p1',
      trackingNumber: '1Z999AA10123456784',
      shippingProviderId: UPS.id,
      shippingProviderName: 'UPS',
    });
    // The index follows: the new number finds the order, the old one no longer does.
    expect(await repos.shipping.trackingOwners('1Z999AA10123456784')).toEqual(['o1']);
    expect(await repos.shipping.trackingOwners('111111111111')).toEqual([]);

    const audit = await db.audit.where('kind').equals('tracking.corrected').toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      orderId: 'o1',
      actor: 'Alice',
      station: 'BENCH-2',
      detail: {
        rowId: r.value.row.id,
        previousTrackingNumber: '111111111111',
        trackingNumber: '1Z999AA10123456784',
        shippingProviderId: UPS.id,
        carrier: 'ups',
      },
    });
    expect(await repos.outbox.depth()).toBe(1);
  });

  it('uses package scope on a split order', async () => {
    const { repos } = await station([testOrder('o2', ['p2a', 'p2b'])]);
    await markSent(repos, await ship(repos, 'o2', '222222222222'));
    const order = await repos.orders.get('o2');
    if (!order) throw new Error('no order');
    const r = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'fedex', provider: FEDEX, trackingNumber: '222222222223' },
      ACTOR,
    );
    expect(r.ok && r.value.row.kind === 'update-tracking' && r.value.row.payload.scope).toBe(
      'package',
    );
  });

  it('folds the new number into a shipment that has not synced: one write, not two', async () => {
    const { db, repos } = await station([testOrder('o3', ['p3'])]);
    const ship1 = await ship(repos, 'o3', '333333333333');
    const order = await repos.orders.get('o3');
    if (!order) throw new Error('no order');
    const r = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'fedex', provider: FEDEX, trackingNumber: '333333333334' },
      ACTOR,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.row).toMatchObject({
      kind: 'ship-package',
      payload: { selfShipment: { trackingNumber: '333333333334', shippingProviderId: FEDEX.id } },
    });
    expect(r.value.superseded).toEqual([ship1.id]);
    expect((await db.outbox.get(ship1.id))?.state).toBe('superseded');
    expect(await repos.outbox.depth()).toBe(1);
  });

  it('refuses a number used on another order, a bad number, the same number — writing nothing', async () => {
    const { db, repos } = await station([testOrder('o4', ['p4']), testOrder('o5', ['p5'])]);
    await markSent(repos, await ship(repos, 'o4', '444444444444'));
    await markSent(repos, await ship(repos, 'o5', '555555555555'));
    const order = await repos.orders.get('o4');
    if (!order) throw new Error('no order');
    const before = await counts(db);

    const used = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'fedex', provider: FEDEX, trackingNumber: '5555 5555 5555' },
      ACTOR,
    );
    expect(used.ok ? null : used.error).toMatchObject({ code: 'tracking-used', orderIds: ['o5'] });

    const bad = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'usps', provider: FEDEX, trackingNumber: '9400111111111111111111' },
      ACTOR,
    );
    expect(bad.ok ? null : bad.error.code).toBe('invalid-tracking');

    const same = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'fedex', provider: FEDEX, trackingNumber: '444444444444' },
      ACTOR,
    );
    expect(same.ok ? null : same.error.code).toBe('same-number');

    expect(await counts(db)).toEqual(before);
    expect((await repos.orders.get('o4'))?.packages[0]?.trackingNumber).toBe('444444444444');
  });

  it('refuses an order that is not a shipped seller-shipping order', async () => {
    const platform = { ...testOrder('o6', ['p6']), shippingType: 'TIKTOK' as const };
    const { db, repos } = await station([platform, testOrder('o7', ['p7'])]);
    const unshipped = await repos.orders.get('o7');
    for (const order of [platform, unshipped]) {
      if (!order) throw new Error('no order');
      const r = await confirmTrackingCorrection(
        repos,
        order,
        { carrier: 'fedex', provider: FEDEX, trackingNumber: '666666666666' },
        ACTOR,
      );
      expect(r.ok ? null : r.error.code, order.id).toBe('not-correctable');
    }
    expect(await counts(db)).toEqual({ outbox: 0, audit: 0 });
  });
});

describe('correction rules', () => {
  it('offers the correction only on shipped seller-shipping orders with a number', () => {
    const base = testOrder('o', ['p']);
    const shipped = shippedOrder(base, {
      packageId: 'p',
      trackingNumber: '123456789012',
      shippingProviderId: FEDEX.id,
      shippingProviderName: 'FedEx',
      now: 5,
    });
    expect(correctablePackage(base)).toBeNull();
    expect(correctablePackage(shipped)?.id).toBe('p');
    expect(correctablePackage({ ...shipped, status: 'IN_TRANSIT' })?.id).toBe('p');
    expect(correctablePackage({ ...shipped, shippingType: 'TIKTOK' })).toBeNull();
    expect(correctablePackage({ ...shipped, status: 'CANCELLED' })).toBeNull();
  });

  it('keeps status and flags; only the package and the index change', () => {
    const shipped = {
      ...shippedOrder(testOrder('o', ['p', 'q']), {
        packageId: 'p',
        trackingNumber: '123456789012',
        shippingProviderId: FEDEX.id,
        shippingProviderName: 'FedEx',
        now: 5,
      }),
      status: 'IN_TRANSIT' as const,
      flags: ['address-changed' as const],
    };
    const next = correctedOrder(shipped, {
      packageId: 'p',
      trackingNumber: 'jt1234567890',
      shippingProviderId: '9',
      shippingProviderName: 'J&T Express',
      now: 10,
    });
    expect(next.status).toBe('IN_TRANSIT');
    expect(next.flags).toEqual(['address-changed']);
    expect(next.trackingNumbers).toEqual(['JT1234567890']);
    expect(next.packages[1]).toEqual(shipped.packages[1]);
    expect(next.updatedAt).toBe(10);
  });

  it('maps shop provider names to rate-table carriers', () => {
    expect(carrierOfProvider('USPS')).toBe('usps');
    expect(carrierOfProvider('DHL eCommerce')).toBe('dhl');
    expect(carrierOfProvider('fedex')).toBe('fedex');
    expect(carrierOfProvider('')).toBeNull();
    expect(carrierOfProvider('Pony Express')).toBeNull();
  });

  it('warns about a second correction and a closed 72-hour window, from the station’s rows', async () => {
    const { repos } = await station([testOrder('o8', ['p8'])]);
    const t0 = Date.now() - TRACKING_UPDATE_WINDOW_MS - 60_000;
    await markSent(repos, await ship(repos, 'o8', '888888888888'), t0);
    const order = await repos.orders.get('o8');
    if (!order) throw new Error('no order');
    const first = await confirmTrackingCorrection(
      repos,
      order,
      { carrier: 'fedex', provider: FEDEX, trackingNumber: '888888888889' },
      ACTOR,
    );
    if (!first.ok) throw new Error(first.error.message);

    let rows = await repos.outbox.rowsForOrder('o8');
    let h = correctionHistory(rows, Date.now());
    expect(h).toMatchObject({ alreadyCorrected: false, shippedAt: t0, pastWindow: true });
    expect(h.inFlight?.id).toBe(first.value.row.id);
    expect(rows.map(syncStage)).toEqual(['sent', 'waiting']);

    await markSent(repos, first.value.row);
    rows = await repos.outbox.rowsForOrder('o8');
    h = correctionHistory(rows, Date.now());
    expect(h).toMatchObject({ alreadyCorrected: true, inFlight: null });
    expect(rows.map(syncStage)).toEqual(['sent', 'sent']);
  });

  it('has every correction string in both languages', () => {
    const keys = (o: unknown, prefix = ''): string[] =>
      typeof o === 'object' && o !== null
        ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
        : [prefix];
    expect(keys(shippingText.zhCN.correct).sort()).toEqual(keys(shippingText.en.correct).sort());
    expect(keys(shippingText.en.correct).length).toBeGreaterThan(20);
  });
});
