/**
 * Return decisions through the outbox engine and the bridge shop adapter: the write carries the
 * row's idempotency key, an ambiguous answer (connection dropped after the write) is read back
 * and absorbed without a second write, and a request the buyer withdrew parks as a conflict. The
 * bridge is an in-memory stand-in for the shop at the process edge; the sandbox-backed run is the
 * e2e returns spec.
 */
import { describe, expect, it } from 'vitest';
import type { ApiOrder } from '#shared/domain/api-order';
import {
  MemoryOutboxStore,
  OutboxEngine,
  planEnqueue,
  type OutboxRow,
} from '#shared/logic/outbox/index';
import { FakeClock } from '#shared/logic/outbox/testing/index';
import { createBridgeShop, type ShopBridge } from '../outbox/shop-adapter';

const ORDER = '576461413038393211';
const RETURN = '4035633475056536357';

function order(): ApiOrder {
  return { id: ORDER, status: 'DELIVERED', is_buyer_request_cancel: false } as unknown as ApiOrder;
}

/** A shop that applies a decision once per key and can drop the answer of the next write. */
function fakeShop(initial: string) {
  let status = initial;
  const applied: string[] = [];
  let dropNext = false;
  const bridge: ShopBridge = {
    shipPackage: async () => ({ ok: true, value: null }),
    markShipped: async () => ({ ok: true, value: { packageId: null, warning: null } }),
    updateShippingInfo: async () => ({ ok: true, value: null }),
    getOrders: async () => ({ ok: true, value: { orders: [order()], parseErrors: [] } }),
    decideReturn: async (a) => {
      if (!applied.includes(a.idempotencyKey) && status === 'BUYER_SHIPPED_ITEM') {
        applied.push(a.idempotencyKey);
        status = 'RETURN_OR_REFUND_REQUEST_SUCCESS';
      }
      if (dropNext) {
        dropNext = false;
        return { ok: false, error: { code: 'ambiguous', message: 'connection-reset: dropped' } };
      }
      return { ok: true, value: null };
    },
    searchReturns: async () => ({
      ok: true,
      value: {
        returns: [{ return_id: RETURN, order_id: ORDER, return_status: status }] as never,
        parseErrors: [],
        nextPageToken: '',
        totalCount: 1,
      },
    }),
  };
  return {
    bridge,
    applied,
    dropNextAnswer: () => (dropNext = true),
    withdraw: () => (status = 'RETURN_OR_REFUND_REQUEST_CANCEL'),
  };
}

async function run(shop: ReturnType<typeof fakeShop>) {
  const store = new MemoryOutboxStore();
  const clock = new FakeClock();
  const engine = new OutboxEngine({
    store,
    shop: createBridgeShop(shop.bridge),
    clock,
    random: () => 0.5,
    options: { ratePerSecond: 1_000, burst: 10 },
  });
  const row = await store.enqueue(
    planEnqueue(
      {
        orderId: ORDER,
        packageId: '',
        expected: { statuses: ['DELIVERED'] },
        intent: {
          kind: 'return-decision',
          payload: {
            returnId: RETURN,
            returnType: 'RETURN_AND_REFUND',
            decision: 'APPROVE_RECEIVED_PACKAGE',
          },
        },
      },
      [],
      { id: 'row-1', idempotencyKey: 'idem-1', seq: store.takeSeq() },
      clock.now(),
    ),
  );
  for (let i = 0; i < 6; i += 1) {
    await engine.drain();
    clock.advance(60_000);
  }
  return (await store.get(row.id)) as OutboxRow;
}

describe('return decisions in the outbox', () => {
  it('sends once with the idempotency key', async () => {
    const shop = fakeShop('BUYER_SHIPPED_ITEM');
    const row = await run(shop);
    expect(row.state).toBe('done');
    expect(shop.applied).toEqual(['idem-1']);
  });

  it('an answer lost after the write is read back and absorbed: applied exactly once', async () => {
    const shop = fakeShop('BUYER_SHIPPED_ITEM');
    shop.dropNextAnswer();
    const row = await run(shop);
    expect(row.state).toBe('done');
    expect(shop.applied).toEqual(['idem-1']);
  });

  it('a request the buyer withdrew parks for a person instead of being sent', async () => {
    const shop = fakeShop('BUYER_SHIPPED_ITEM');
    shop.withdraw();
    shop.dropNextAnswer();
    const row = await run(shop);
    expect(row.state).toBe('conflict-cancelled');
    expect(shop.applied).toEqual([]);
  });
});
