/**
 * The bridge shop adapter on its own: which bridge write each intent kind makes, with which
 * arguments, and how the host's errors become the failures the engine classifies. The bridge is
 * an in-memory stand-in at the process edge (the HTTP/IPC call); the sandbox-backed run of the
 * same adapter is tests/outbox/bridge-sync.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { BridgeError } from '#shared/bridge/contract';
import {
  classifyFailure,
  MemoryOutboxStore,
  OutboxEngine,
  planEnqueue,
  type EnqueueInput,
  type OutboxRow,
} from '#shared/logic/outbox/index';
import { createBridgeShop, toShopFailure, type ShopBridge } from './shop-adapter';

type Call = { method: string; args: unknown };
type Answer = { ok: true; value: unknown } | { ok: false; error: BridgeError };

/** Records every bridge call and answers with `answer` (ok by default). */
function fakeBridge(answer: (method: string) => Answer = () => ({ ok: true, value: null })) {
  const calls: Call[] = [];
  const make =
    (method: string) =>
    async (args: unknown): Promise<never> => {
      calls.push({ method, args });
      return answer(method) as never;
    };
  const bridge: ShopBridge = {
    shipPackage: make('shipPackage'),
    markShipped: make('markShipped'),
    updateShippingInfo: make('updateShippingInfo'),
    getOrders: make('getOrders'),
  };
  return { bridge, calls };
}

const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);

function rowOf(input: EnqueueInput, key = 'key-1'): OutboxRow {
  return planEnqueue(input, [], { id: `row-${key}`, idempotencyKey: key, seq: 1 }, NOW).row;
}

const ORDER = '576461413038393211';
const PACKAGE = '1152921504606846977';
const USPS = '7117858858072016686';

const shipRow = (selfShipment?: { trackingNumber: string; shippingProviderId: string }) =>
  rowOf({
    orderId: ORDER,
    packageId: PACKAGE,
    expected: { statuses: ['AWAITING_SHIPMENT'] },
    intent: {
      kind: 'ship-package',
      payload: { handoverMethod: 'DROP_OFF', ...(selfShipment ? { selfShipment } : {}) },
    },
  });

const markRow = (orderLineItemIds: string[]) =>
  rowOf(
    {
      orderId: ORDER,
      packageId: '',
      expected: { statuses: ['AWAITING_SHIPMENT'] },
      intent: {
        kind: 'mark-shipped',
        payload: { trackingNumber: 'PB0000000001', shippingProviderId: USPS, orderLineItemIds },
      },
    },
    'mark-key',
  );

const trackingRow = (scope: 'order' | 'package') =>
  rowOf(
    {
      orderId: ORDER,
      packageId: PACKAGE,
      expected: { statuses: ['AWAITING_COLLECTION'], previousTrackingNumber: '123456789012' },
      intent: {
        kind: 'update-tracking',
        payload: { trackingNumber: '987654321098', shippingProviderId: USPS, scope },
      },
    },
    `fix-${scope}`,
  );

describe('createBridgeShop: one bridge write per intent kind', () => {
  it('ship-package → shop.shipPackage, with self_shipment only for seller shipping', async () => {
    const { bridge, calls } = fakeBridge();
    const shop = createBridgeShop(bridge);
    expect(await shop.send(shipRow())).toEqual({ type: 'ok' });
    expect(
      await shop.send(shipRow({ trackingNumber: '123456789012', shippingProviderId: USPS })),
    ).toEqual({ type: 'ok' });
    expect(calls).toEqual([
      {
        method: 'shipPackage',
        args: { packageId: PACKAGE, handoverMethod: 'DROP_OFF', idempotencyKey: 'key-1' },
      },
      {
        method: 'shipPackage',
        args: {
          packageId: PACKAGE,
          handoverMethod: 'DROP_OFF',
          selfShipment: { trackingNumber: '123456789012', shippingProviderId: USPS },
          idempotencyKey: 'key-1',
        },
      },
    ]);
  });

  it('mark-shipped → shop.markShipped by order; no line list means the whole order', async () => {
    const { bridge, calls } = fakeBridge();
    const shop = createBridgeShop(bridge);
    expect(await shop.send(markRow([]))).toEqual({ type: 'ok' });
    expect(await shop.send(markRow(['577000000000000001']))).toEqual({ type: 'ok' });
    expect(calls).toEqual([
      {
        method: 'markShipped',
        args: {
          orderId: ORDER,
          trackingNumber: 'PB0000000001',
          shippingProviderId: USPS,
          idempotencyKey: 'mark-key',
        },
      },
      {
        method: 'markShipped',
        args: {
          orderId: ORDER,
          trackingNumber: 'PB0000000001',
          shippingProviderId: USPS,
          orderLineItemIds: ['577000000000000001'],
          idempotencyKey: 'mark-key',
        },
      },
    ]);
  });

  it('update-tracking → shop.updateShippingInfo at the row’s scope (order id or package id)', async () => {
    const { bridge, calls } = fakeBridge();
    const shop = createBridgeShop(bridge);
    expect(await shop.send(trackingRow('order'))).toEqual({ type: 'ok' });
    expect(await shop.send(trackingRow('package'))).toEqual({ type: 'ok' });
    expect(calls).toEqual([
      {
        method: 'updateShippingInfo',
        args: {
          scope: 'order',
          orderId: ORDER,
          trackingNumber: '987654321098',
          shippingProviderId: USPS,
          idempotencyKey: 'fix-order',
        },
      },
      {
        method: 'updateShippingInfo',
        args: {
          scope: 'package',
          packageId: PACKAGE,
          trackingNumber: '987654321098',
          shippingProviderId: USPS,
          idempotencyKey: 'fix-package',
        },
      },
    ]);
  });

  it('sends nothing while the browser is offline, and reports what reached the shop', async () => {
    const { bridge, calls } = fakeBridge();
    let online = false;
    const outcomes: boolean[] = [];
    const shop = createBridgeShop(bridge, {
      isOnline: () => online,
      onOutcome: (reached) => outcomes.push(reached),
    });
    const offline = await shop.send(trackingRow('order'));
    expect(offline).toMatchObject({ type: 'network', sent: false });
    expect(calls).toEqual([]);
    online = true;
    expect(await shop.send(trackingRow('order'))).toEqual({ type: 'ok' });
    expect(outcomes).toEqual([false, true]);
  });

  it('a refused correction (once only, 72 h) becomes a conflict the engine parks', async () => {
    const { bridge } = fakeBridge(() => ({
      ok: false,
      error: {
        code: 'permanent',
        message: 'update-window: Shipping info can only be updated once. (code 21011051)',
      },
    }));
    const failure = await createBridgeShop(bridge).send(trackingRow('order'));
    expect(failure).toEqual({
      type: 'api',
      httpStatus: 200,
      code: 21011051,
      message: 'update-window: Shipping info can only be updated once. (code 21011051)',
    });
    if (failure.type === 'ok') throw new Error('unreachable');
    expect(classifyFailure(failure, 'write')).toEqual({
      class: 'conflict',
      state: 'conflict-window',
    });
  });

  it('an invalid-args answer (bad provider id) is a permanent failure, never a retry', async () => {
    const { bridge } = fakeBridge(() => ({
      ok: false,
      error: { code: 'invalid-args', message: 'shippingProviderId: digits only' },
    }));
    const failure = await createBridgeShop(bridge).send(markRow([]));
    if (failure.type === 'ok') throw new Error('unreachable');
    expect(classifyFailure(failure, 'write')).toEqual({ class: 'permanent' });
  });
});

describe('toShopFailure: rate limits', () => {
  it('passes the host’s Retry-After on to the engine', () => {
    const failure = toShopFailure(
      {
        code: 'rate-limited',
        message: 'rate-limited: Too many requests. (code 36009002)',
        retryAfterMs: 42_000,
      },
      'write',
    );
    expect(failure).toMatchObject({ type: 'api', httpStatus: 429, retryAfterMs: 42_000 });
    expect(classifyFailure(failure, 'write')).toEqual({
      class: 'rate-limited',
      retryAfterMs: 42_000,
    });
  });

  it('says null when the host had none, or sent something unusable', () => {
    for (const retryAfterMs of [undefined, -1, Number.NaN]) {
      const error: BridgeError = {
        code: 'rate-limited',
        message: 'rate-limited: Too many requests. (code 36009002)',
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
      expect(toShopFailure(error, 'read'), String(retryAfterMs)).toMatchObject({
        httpStatus: 429,
        retryAfterMs: null,
      });
    }
  });

  it('holds the whole queue for the server’s Retry-After once the host gives up', async () => {
    let limited = true;
    const { bridge, calls } = fakeBridge(() =>
      limited
        ? {
            ok: false,
            error: {
              code: 'rate-limited',
              message: 'rate-limited: Too many requests. (code 36009002)',
              retryAfterMs: 90_000,
            },
          }
        : { ok: true, value: null },
    );
    const clock = { ms: NOW };
    const store = new MemoryOutboxStore();
    const engine = new OutboxEngine({
      store,
      shop: createBridgeShop(bridge),
      clock: { now: () => clock.ms, sleep: async (ms) => void (clock.ms += ms) },
      random: () => 0.5,
      options: { ratePerSecond: 1_000, burst: 10 },
    });
    const first = await store.enqueue(
      planEnqueue(
        {
          orderId: ORDER,
          packageId: PACKAGE,
          expected: { statuses: ['AWAITING_COLLECTION'] },
          intent: {
            kind: 'update-tracking',
            payload: { trackingNumber: '987654321098', shippingProviderId: USPS, scope: 'order' },
          },
        },
        [],
        { id: 'a', idempotencyKey: 'ka', seq: store.takeSeq() },
        clock.ms,
      ),
    );
    const other = await store.enqueue(
      planEnqueue(
        {
          orderId: '576461413038393299',
          packageId: '1152921504606846999',
          expected: { statuses: ['AWAITING_SHIPMENT'] },
          intent: { kind: 'ship-package', payload: { handoverMethod: 'PICKUP' } },
        },
        [],
        { id: 'b', idempotencyKey: 'kb', seq: store.takeSeq() },
        clock.ms,
      ),
    );
    const drained = await engine.drain();
    expect(drained.stop).toBe('blocked');
    const hold = engine.gates().rateLimit.until;
    expect(hold - clock.ms).toBe(90_000);
    // The 429 is not the row's fault: it stays pending with its attempt given back.
    expect(await store.get(first.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(calls.map((c) => c.method)).toEqual(['updateShippingInfo']);

    // Nothing else is sent during the hold, not even another order's row.
    clock.ms += 89_000;
    expect(await engine.step()).toMatchObject({ kind: 'blocked', gate: 'rate-limit' });
    expect(calls).toHaveLength(1);

    limited = false;
    clock.ms += 1_000;
    await engine.drain();
    expect((await store.get(first.id))?.state).toBe('done');
    expect((await store.get(other.id))?.state).toBe('done');
  });
});
