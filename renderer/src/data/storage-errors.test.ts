/**
 * A full disk (browser quota) while shipping, on a real station database (fake-indexeddb): the
 * error is recognised however Dexie wraps it, and the shipment transaction leaves nothing behind.
 * Chromium's own quota could not be forced for an e2e test: CDP `Storage.overrideQuotaForOrigin`
 * left `navigator.storage.estimate().quota` at 4–5 GB in Debian's headless Chromium and 1 MB
 * writes went through, so the full disk is raised here the way Dexie reports it.
 * The pack case is in features/packing/one-writer.test.ts ("a full disk during a pack").
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { StationDb } from './db';
import { shippedOrder } from './outbox';
import { testOrder } from './outbox/test-support';
import { createRepositories } from './repositories';
import { isQuotaError, storageFailureKind } from './storage-errors';

describe('recognising a full disk', () => {
  it('finds QuotaExceededError directly, as AbortError.inner, or as a DOMException', () => {
    const quota = new Dexie.QuotaExceededError('quota');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota))).toBe(true);
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(
      isQuotaError(new Dexie.AbortError('aborted', new DOMException('x', 'QuotaExceededError'))),
    ).toBe(true);
    expect(storageFailureKind(new Dexie.ConstraintError('dup'))).toBe('other');
    expect(isQuotaError(new Error('boom'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('a full disk during a ship', () => {
  it('the enqueue rejects with a quota error and nothing is half-written', async () => {
    const db = new StationDb(`quota-${crypto.randomUUID()}`);
    await db.open();
    try {
      const repos = createRepositories(db);
      const order = testOrder('576000000000009001', ['1150000000000009001']);
      await db.orders.put(order);
      const before = {
        order: await db.orders.get(order.id),
        outbox: await db.outbox.count(),
        audit: await db.audit.count(),
        meta: await db.meta.toArray(),
      };
      // The outbox row is the last write of the transaction: the order change before it has
      // already been made inside the transaction when the disk is found full.
      const fail = () => {
        throw new Dexie.QuotaExceededError('QuotaExceededError: the disk is full (test)');
      };
      db.outbox.hook('creating', fail);
      const packageId = order.packages[0]?.id ?? '';
      const attempt = repos.outbox.enqueueShipment(
        {
          orderId: order.id,
          packageId,
          expected: { statuses: ['AWAITING_SHIPMENT'] },
          intent: { kind: 'ship-package', payload: { handoverMethod: 'PICKUP' } },
        },
        (o) =>
          shippedOrder(o, {
            packageId,
            trackingNumber: null,
            shippingProviderId: null,
            shippingProviderName: 'TikTok Shipping',
            now: Date.now(),
          }),
        { now: Date.now(), actor: { packer: 'Alice', station: 'ST-1' } },
      );
      const cause: unknown = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      db.outbox.hook('creating').unsubscribe(fail);
      expect(isQuotaError(cause)).toBe(true);
      expect(await db.orders.get(order.id)).toEqual(before.order);
      expect(await db.outbox.count()).toBe(before.outbox);
      expect(await db.audit.count()).toBe(before.audit);
      expect(await db.meta.toArray()).toEqual(before.meta);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
