import { describe, expect, it } from 'vitest';
import { ApiOrder } from '#shared/domain/api-order';
import { quantitiesBySku } from '#shared/domain/order';
import { confirmOrder } from '#shared/logic/confirm/index';
import { orderFromApi } from '#shared/logic/order-mapper';
import { buildBarcodeIndex } from '#shared/logic/pack/index';
import { practiceCatalog, practiceOrder } from '#shared/logic/practice-data';
import { createPackingStore } from './packing-store';

const catalog = practiceCatalog();
const products = catalog.map((c) => c.product);
const index = buildBarcodeIndex(products);

function multiSkuOrder() {
  for (let i = 0; i < 500; i += 1) {
    const api = ApiOrder.parse(practiceOrder(i, { nowSeconds: 1_795_000_000, catalog }));
    const order = orderFromApi(api, { practice: true, source: 'practice' });
    if (order.status === 'AWAITING_SHIPMENT' && quantitiesBySku(order.lines).length >= 2)
      return order;
  }
  throw new Error('no order');
}

function opened() {
  const store = createPackingStore();
  const order = multiSkuOrder();
  const confirmation = confirmOrder(order, {
    now: 0,
    products: new Map(products.map((p) => [p.id, p])),
    stock: new Map(),
  });
  const a = () => store.getState().actions;
  a().loadStarted(order.id);
  a().orderLoaded({ order, confirmation, index, alreadyConfirmed: false });
  return { store, order, a };
}

describe('packing store', () => {
  it('ignores scans until a session has started, then ticks synchronously', () => {
    const { store, order, a } = opened();
    const sku = quantitiesBySku(order.lines)[0]?.sellerSku ?? '';
    expect(store.getState().phase).toBe('confirm');
    expect(a().scanned(sku)).toBeNull();
    a().sessionStarted({ id: 's1', startedAt: 1 });
    const step = a().scanned(sku);
    expect(step?.outcome.kind).toMatch(/ticked|complete/);
    expect(store.getState().pack?.countedTotal).toBe(1);
    expect(store.getState().feedback).toMatchObject({ tone: 'ok', sound: 'success', code: sku });
  });

  it('ignores a result for an order that is no longer the one being opened', () => {
    const { store, order, a } = opened();
    a().loadStarted('another');
    a().orderLoaded({
      order,
      confirmation: { orderId: order.id, ok: true, reasons: [] },
      index,
      alreadyConfirmed: false,
    });
    expect(store.getState()).toMatchObject({ phase: 'loading', orderId: 'another', order: null });
  });

  it('seals only a verified checklist, recounts from zero, and completes only while sealing', () => {
    const { store, order, a } = opened();
    a().sessionStarted({ id: 's1', startedAt: 1 });
    a().sealStarted();
    expect(store.getState().phase).toBe('packing');
    const first = quantitiesBySku(order.lines)[0];
    a().scanned(first?.sellerSku ?? '');
    a().recounted();
    expect(store.getState().pack?.countedTotal).toBe(0);
    expect(store.getState().feedback?.event).toBe('recount');
    for (const q of quantitiesBySku(order.lines)) {
      for (let i = 0; i < q.quantity; i += 1) a().scanned(q.sellerSku);
    }
    a().completed();
    expect(store.getState().phase).toBe('packing');
    a().sealStarted();
    expect(store.getState()).toMatchObject({ phase: 'sealing', recheck: { state: 'checking' } });
    a().completed();
    expect(store.getState().phase).toBe('completed');
  });

  it('turns a stop-ship into a loud error state and closes back to idle', () => {
    const { store, a } = opened();
    a().sessionStarted({ id: 's1', startedAt: 1 });
    a().dialogOpened({ kind: 'recount' });
    a().stopped(['order.cancelled']);
    expect(store.getState()).toMatchObject({
      phase: 'stopped',
      dialog: null,
      recheck: { state: 'stop', codes: ['order.cancelled'] },
      feedback: { tone: 'error', sound: 'error', event: 'stop-ship' },
    });
    a().closed();
    expect(store.getState()).toMatchObject({ phase: 'idle', order: null, pack: null });
  });

  it('rejects manual entry for a scannable SKU and accepts it for one without a barcode', () => {
    const { store, order, a } = opened();
    a().sessionStarted({ id: 's1', startedAt: 1 });
    const sku = quantitiesBySku(order.lines)[0];
    const r = a().manualEntered(sku?.skuId ?? '', 1);
    expect(r.ok ? null : r.error.code).toBe('pack.manual-not-allowed');
    expect(store.getState().pack?.countedTotal).toBe(0);
  });
});
