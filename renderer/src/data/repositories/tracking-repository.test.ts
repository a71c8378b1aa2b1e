import { beforeEach, describe, expect, it } from 'vitest';
import type { StationDb } from '../db';
import { stationDbPerTest } from '../test-db';
import { createTrackingRepository, type TrackingRepository } from './tracking-repository';

const NOW_S = 1_795_000_000;
const stationDb = stationDbPerTest({
  prefix: 'tracking',
  seed: { orders: 120, nowSeconds: NOW_S },
});
let db: StationDb;
let repo: TrackingRepository;
const H = 3_600_000;
const D = 24 * H;

beforeEach(() => {
  db = stationDb();
  repo = createTrackingRepository(db);
});

async function oneParcel() {
  const added = await repo.syncFromOrders(NOW_S * 1000);
  expect(added).toBeGreaterThan(0);
  expect(await repo.syncFromOrders(NOW_S * 1000)).toBe(0);
  const [p] = await db.parcels.limit(1).toArray();
  if (!p) throw new Error('no parcel');
  return p;
}

const stuck = (shipped: number) => ({
  tracking: [
    { description: 'Arrived at regional facility', update_time_millis: shipped + 20 * H },
    { description: 'Picked up by carrier', update_time_millis: shipped + 2 * H },
    { description: 'Shipping label created', update_time_millis: shipped },
  ],
  packageStatus: 'FULFILLING',
  subStatus: 'TTS',
  exceptionReason: null,
  deliveredAt: null,
});

describe('tracking repository', () => {
  it('merges refreshes without duplicates and opens a stuck parcel in the exceptions queue', async () => {
    const p = await oneParcel();
    const shipped = p.handedOverAt;
    const now = shipped + 6 * D;
    const first = await repo.applyRefresh(p.id, stuck(shipped), now);
    const again = await repo.applyRefresh(p.id, stuck(shipped), now + 1);
    expect(again?.events.map((e) => e.text)).toEqual([
      'Shipping label created',
      'Picked up by carrier',
      'Arrived at regional facility',
    ]);
    expect(first?.findings.map((f) => f.code)).toContain('no-movement');
    expect(again?.queue).toBe('open');
    expect(again?.nextRefreshAt).toBeGreaterThan(now);
    expect((await repo.openExceptions()).map((x) => x.id)).toEqual([p.id]);
    expect(await repo.openCount()).toBe(1);
  });

  it('re-evaluates on the clock without a refresh (offline)', async () => {
    const p = await oneParcel();
    const shipped = p.handedOverAt;
    await repo.applyRefresh(p.id, stuck(shipped), shipped + 21 * H);
    expect((await repo.get(p.id))?.queue).toBe('none');
    expect(await repo.reevaluate(shipped + 5 * D)).toBeGreaterThan(0);
    const after = await repo.get(p.id);
    expect(after?.queue).toBe('open');
    expect(after?.findings.map((f) => f.code)).toEqual(['no-movement']);
  });

  it('audits every action; resolving closes it until a new reason appears', async () => {
    const p = await oneParcel();
    const now = p.handedOverAt + 6 * D;
    await repo.applyRefresh(p.id, stuck(p.handedOverAt), now);
    const actor = { packer: 'Mei', station: 'bench-1', now };
    expect((await repo.contacted(p.id, actor, 'phone')).ok).toBe(true);
    expect((await repo.fileClaim(p.id, 'x', actor)).ok).toBe(false);
    expect((await repo.fileClaim(p.id, 'CLM-12345', actor)).ok).toBe(true);
    const reship = await repo.reship(p.id, 'Stuck for days', actor);
    expect(reship.ok && reship.value.replacementOf).toBe(p.orderId);
    expect(reship.ok && reship.value.status).toBe('AWAITING_SHIPMENT');
    expect((await repo.resolve(p.id, actor, 'replacement sent')).ok).toBe(true);
    expect(await repo.openCount()).toBe(0);
    const kinds = (await db.audit.where('orderId').equals(p.orderId).toArray()).map((a) => a.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'exception.contacted',
        'exception.claim-filed',
        'exception.reshipped',
        'exception.resolved',
        'replacement.created',
      ]),
    );
    const row = await repo.get(p.id);
    expect(row?.claim?.reference).toBe('CLM-12345');
    expect(row?.replacementOrderId).toBe(reship.ok ? reship.value.id : null);
    // A new reason (the parcel is now lost) reopens it.
    await repo.applyRefresh(
      p.id,
      { ...stuck(p.handedOverAt), packageStatus: 'CANCELLED', exceptionReason: 'PACKAGE_LOST' },
      now + H,
    );
    expect(await repo.openCount()).toBe(1);
  });

  it('queues an API message with its outbox row in one transaction; a copied one without', async () => {
    const p = await oneParcel();
    const actor = { packer: 'Mei', station: 'bench-1', now: p.handedOverAt + D };
    const input = {
      orderId: p.orderId,
      packageId: p.id,
      situation: 'delay' as const,
      language: 'en' as const,
      text: 'Hi <b>Ann</b>, sorry for the wait',
    };
    const sent = await repo.queueMessage({ ...input, channel: 'api' }, actor);
    const copied = await repo.queueMessage({ ...input, channel: 'copied' }, actor);
    const outbox = await db.outbox.where('orderId').equals(p.orderId).toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: 'send-message',
      state: 'pending',
      id: sent.outboxRowId,
    });
    expect(copied.outboxRowId).toBeNull();
    const log = await repo.messagesOf(p.orderId);
    expect(log.map((m) => [m.channel, m.sendState])).toEqual(
      expect.arrayContaining([
        ['api', 'pending'],
        ['copied', null],
      ]),
    );
    expect(log[0]?.text).toBe('Hi <b>Ann</b>, sorry for the wait');
    await expect(
      repo.queueMessage({ ...input, text: '  ', channel: 'api' }, actor),
    ).rejects.toThrow();
  });
});
