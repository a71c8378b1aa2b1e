import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { practiceOrderId } from '#shared/logic/practice-data';
import { z } from 'zod';
import { findPracticeOrder, sellerUs, startRig, T0, type Rig } from './test-support';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.shop.close();
  rig = undefined;
});

const USPS = '7117858858072016686';
const UPS = '7117859084333745966';
const HOUR_MS = 3600_000;

describe('sandbox fulfilment rules', () => {
  it('allows one tracking update within 72 hours, then refuses', async () => {
    rig = await startRig({ orderCount: 300 });
    const a = findPracticeOrder(300, sellerUs, 0);
    const b = findPracticeOrder(300, sellerUs, 1);
    for (const [o, tn] of [
      [a, 'PBA0000001'],
      [b, 'PBB0000001'],
    ] as const) {
      const shipped = await rig.api.markPackageShipped(o.id, {
        tracking_number: tn,
        shipping_provider_id: USPS,
      });
      expect(shipped.ok).toBe(true);
    }
    rig.clock.ms += 71 * HOUR_MS;
    const fix = await rig.api.updateShippingInfo(a.id, {
      tracking_number: 'PBA0000002',
      shipping_provider_id: UPS,
    });
    expect(fix.ok).toBe(true);
    const second = await rig.api.updateShippingInfo(a.id, {
      tracking_number: 'PBA0000003',
      shipping_provider_id: UPS,
    });
    expect(!second.ok && second.error).toMatchObject({
      code: 21011051,
      action: 'permanent',
      reason: 'update-window',
    });
    rig.clock.ms += 2 * HOUR_MS;
    const late = await rig.api.updateShippingInfo(b.id, {
      tracking_number: 'PBB0000002',
      shipping_provider_id: UPS,
    });
    expect(!late.ok && late.error).toMatchObject({
      code: 21011050,
      action: 'permanent',
      reason: 'update-window',
    });
    expect(rig.shop.admin.writes().map((w) => w.kind)).toEqual([
      'mark-package-shipped',
      'mark-package-shipped',
      'update-shipping-info',
    ]);
  });

  it('refuses more than 50 ids: locally before sending, and in the shop', async () => {
    rig = await startRig({ orderCount: 60 });
    const ids = Array.from({ length: 51 }, (_, i) => practiceOrderId(i));
    const local = await rig.api.getOrders(ids);
    expect(!local.ok && local.error.reason).toBe('invalid-param');
    expect(rig.requests).toHaveLength(0);
    const remote = await rig.client.call({
      method: 'GET',
      path: '/order/202309/orders',
      query: { ids },
      write: false,
      data: z.unknown(),
    });
    expect(!remote.ok && remote.error).toMatchObject({
      code: 36009004,
      action: 'permanent',
      reason: 'invalid-param',
    });
    const fifty = await rig.api.getOrders(ids.slice(0, 50));
    expect(fifty.ok && fifty.value.orders.map((o) => o.id)).toEqual(ids.slice(0, 50));
  });

  it('serves a real PDF label after Ship Package, retrying while it is generated', async () => {
    rig = await startRig({
      orderCount: 50,
      faults: { rules: [{ kind: 'label-not-ready', path: '/shipping_documents' }] },
    });
    const o = findPracticeOrder(
      50,
      (x) => x.shipping_type === 'TIKTOK' && x.status === 'AWAITING_SHIPMENT',
    );
    const pkg = o.packages?.[0]?.id ?? '';
    const early = await rig.api.getShippingDocument(pkg);
    expect(!early.ok && early.error.reason).toBe('wrong-status');
    expect((await rig.api.shipPackage(pkg, { handover_method: 'DROP_OFF' })).ok).toBe(true);
    const doc = await rig.api.getShippingDocument(pkg);
    if (!doc.ok) throw new Error(doc.error.message);
    expect(rig.sleeps).toHaveLength(1);
    const pdf = await PDFDocument.load(doc.value.pdf);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toContain(doc.value.trackingNumber);
    const pkgDetail = await rig.api.getPackage(pkg);
    expect(pkgDetail.ok && pkgDetail.value).toMatchObject({
      package_status: 'PROCESSING',
      handover_method: 'DROP_OFF',
      tracking_number: doc.value.trackingNumber,
    });
  });

  it('cancels an order upstream at a chosen moment; the next pull sees it and shipping stops', async () => {
    rig = await startRig({ orderCount: 100 });
    const o = findPracticeOrder(100, sellerUs);
    const at = Math.floor(T0 / 1000) + 600;
    expect(rig.shop.admin.cancelOrder(o.id, { at })).toBeNull();
    const filter = { update_time_ge: at, order_status: 'CANCELLED' };
    const before = await rig.api.searchOrders({ pageSize: 50, filter });
    expect(before.ok && before.value.orders.map((x) => x.id)).toEqual([]);
    rig.clock.ms += 601_000;
    const after = await rig.api.searchOrders({ pageSize: 50, filter });
    expect(after.ok && after.value.orders.map((x) => x.id)).toEqual([o.id]);
    const cancels = await rig.api.searchCancellations({
      pageSize: 10,
      filter: { order_ids: [o.id] },
    });
    expect(cancels.ok && cancels.value.cancellations).toHaveLength(1);
    const ship = await rig.api.markPackageShipped(o.id, {
      tracking_number: 'PBC0000001',
      shipping_provider_id: USPS,
    });
    expect(!ship.ok && ship.error).toMatchObject({ code: 21011041, reason: 'cancelled' });
    expect(rig.shop.admin.writes()).toHaveLength(0);
  });

  it('re-signs once on a clock-skew rejection, then reports it', async () => {
    rig = await startRig({ orderCount: 10 }, { clockSkewMs: -10 * 60_000 });
    const r = await rig.api.searchOrders({ pageSize: 5 });
    expect(!r.ok && r.error).toMatchObject({ code: 36009004, reason: 'clock-skew', attempts: 2 });
  });
});
