import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxShop, type SandboxShop } from '../../sandbox-shop/server';
import { findPracticeOrder } from '../../sandbox-shop/test-support';
import { createDefaultShopService } from '../services/shop/service';
import { createDispatch } from './dispatch';
import { createReturnsHandlers } from './returns';
import type { Handlers, Logger } from './types';

/**
 * The returns bridge handlers over real HTTP against the sandbox shop (real signatures): search
 * by update time, the shop's reject reasons, approve and reject with the idempotency key, and the
 * admin log of decisions applied exactly once per key.
 */
const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const ADMIN = 'returns-test-admin';
const shops: SandboxShop[] = [];
afterEach(async () => {
  await Promise.all(shops.splice(0).map((s) => s.close()));
});

async function rig() {
  const shop = await startSandboxShop({ port: 0, orderCount: 200, adminToken: ADMIN });
  shops.push(shop);
  const service = createDefaultShopService();
  service.connect(
    {
      baseUrl: shop.baseUrl,
      appKey: shop.credentials.appKey,
      appSecret: shop.credentials.appSecret,
      accessToken: shop.credentials.accessToken,
      shopCipher: shop.credentials.shopCipher,
    },
    'practice',
  );
  const dispatch = createDispatch(createReturnsHandlers(service) as unknown as Handlers, silentLog);
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${shop.baseUrl}${path}`, {
      method,
      headers: { 'x-admin-token': ADMIN, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as T;
  };
  return { shop, dispatch, admin };
}

type Page = {
  returns: Array<{
    return_id: string;
    order_id: string;
    return_status: string;
    return_type: string;
  }>;
  nextPageToken: string;
  totalCount: number;
};

describe('returns handlers against the sandbox shop', () => {
  it('searches the practice requests page by page, each validated', async () => {
    const { dispatch } = await rig();
    const first = await dispatch('shop.searchReturns', { pageSize: 4 });
    expect(first.ok).toBe(true);
    const page = (first as { value: Page }).value;
    expect(page.totalCount).toBeGreaterThanOrEqual(5);
    expect(page.returns).toHaveLength(4);
    expect(page.nextPageToken).toMatch(/[+/]/);
    const second = await dispatch('shop.searchReturns', {
      pageSize: 4,
      pageToken: page.nextPageToken,
    });
    const rest = (second as { value: Page }).value.returns;
    const ids = [...page.returns, ...rest].map((r) => r.return_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(page.totalCount);
  });

  it('approves once per idempotency key: a repeat answers ok and is not applied again', async () => {
    const { dispatch, admin } = await rig();
    const all = (await dispatch('shop.searchReturns', { pageSize: 50 })) as { value: Page };
    const pending = all.value.returns.find(
      (r) =>
        r.return_status === 'RETURN_OR_REFUND_REQUEST_PENDING' &&
        r.return_type === 'RETURN_AND_REFUND',
    );
    expect(pending).toBeDefined();
    const args = {
      returnId: pending?.return_id ?? '',
      decision: 'APPROVE_RETURN',
      idempotencyKey: 'k-1',
    } as const;
    expect((await dispatch('shop.decideReturn', args)).ok).toBe(true);
    expect((await dispatch('shop.decideReturn', args)).ok).toBe(true);
    const log = await admin<{
      decisions: Array<{ idempotencyKey: string; statusAfter: string }>;
      replays: number;
    }>('GET', '/__admin/returns/decisions');
    expect(log.decisions.filter((d) => d.idempotencyKey === 'k-1')).toHaveLength(1);
    expect(log.decisions[0]?.statusAfter).toBe('AWAITING_BUYER_SHIP');
    expect(log.replays).toBe(1);
    // Another key for a decision the status no longer allows: refused, nothing applied.
    const again = await dispatch('shop.decideReturn', { ...args, idempotencyKey: 'k-2' });
    expect(again.ok).toBe(false);
    const after = await dispatch('shop.searchReturns', { pageSize: 1, returnIds: [args.returnId] });
    expect((after as { value: Page }).value.returns[0]?.return_status).toBe('AWAITING_BUYER_SHIP');
  });

  it("rejects only with a reason from the shop's list", async () => {
    const { dispatch } = await rig();
    const all = (await dispatch('shop.searchReturns', { pageSize: 50 })) as { value: Page };
    const pending = all.value.returns.find((r) => r.return_status.endsWith('_PENDING'));
    const returnId = pending?.return_id ?? '';
    const reasons = await dispatch('shop.getRejectReasons', { returnId });
    expect(reasons.ok).toBe(true);
    const list = (reasons as { value: { reasons: Array<{ name: string; text: string }> } }).value
      .reasons;
    expect(list.length).toBeGreaterThan(0);
    const decision =
      pending?.return_type === 'REPLACEMENT'
        ? 'REJECT_REPLACEMENT'
        : pending?.return_type === 'REFUND'
          ? 'REJECT_REFUND'
          : 'REJECT_RETURN';
    const none = await dispatch('shop.decideReturn', { returnId, decision, idempotencyKey: 'r-0' });
    expect(none).toMatchObject({ ok: false, error: { code: 'permanent' } });
    const made = await dispatch('shop.decideReturn', {
      returnId,
      decision,
      rejectReason: list[0]?.name ?? '',
      comment: '<b>not</b> markup',
      idempotencyKey: 'r-1',
    });
    expect(made.ok).toBe(true);
  });

  it('admin: opens a request on an order, the buyer ships it back, the receipt is approved', async () => {
    const { dispatch, admin } = await rig();
    const found = (await dispatch('shop.searchReturns', { pageSize: 50 })) as { value: Page };
    const used = new Set(found.value.returns.map((r) => r.order_id));
    // Any shipped practice order without a request.
    const order = findPracticeOrder(
      200,
      (o) => o.status === 'AWAITING_COLLECTION' && !used.has(o.id),
    );
    const made = await admin<{ ok: boolean; return: { return_id: string } }>(
      'POST',
      '/__admin/returns',
      {
        orderId: order.id,
        type: 'RETURN_AND_REFUND',
        reason: 'ecom_order_delivered_refund_and_return_reason_damaged',
      },
    );
    expect(made.ok).toBe(true);
    const id = made.return.return_id;
    expect(
      (
        await dispatch('shop.decideReturn', {
          returnId: id,
          decision: 'APPROVE_RETURN',
          idempotencyKey: 'a',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await admin<{ ok: boolean }>('POST', `/__admin/returns/${id}/buyer-ship`, {
          trackingNumber: 'RT123456789US',
        })
      ).ok,
    ).toBe(true);
    const shipped = (await dispatch('shop.searchReturns', { pageSize: 1, returnIds: [id] })) as {
      value: Page;
    };
    expect(shipped.value.returns[0]).toMatchObject({
      return_status: 'BUYER_SHIPPED_ITEM',
      return_tracking_number: 'RT123456789US',
    });
    expect(
      (
        await dispatch('shop.decideReturn', {
          returnId: id,
          decision: 'APPROVE_RECEIVED_PACKAGE',
          idempotencyKey: 'b',
        })
      ).ok,
    ).toBe(true);
    const done = (await dispatch('shop.searchReturns', { pageSize: 1, orderIds: [order.id] })) as {
      value: Page;
    };
    expect(done.value.returns[0]?.return_status).toBe('RETURN_OR_REFUND_REQUEST_SUCCESS');
  });
});
