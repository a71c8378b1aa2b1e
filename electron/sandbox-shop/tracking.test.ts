import { afterEach, describe, expect, it } from 'vitest';
import { classifyPackage, deriveParcelState, toEvent } from '#shared/logic/tracking/index';
import { defaultJourney, JOURNEYS } from './routes-tracking';
import { findPracticeOrder, startRig, type Rig } from './test-support';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.shop.close();
  rig = undefined;
});

const HOUR = 3_600_000;

async function admin(r: Rig, method: string, path: string, body?: unknown) {
  const res = await fetch(`${r.shop.baseUrl}${path}`, {
    method,
    headers: { 'x-admin-token': r.shop.credentials.adminToken, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const shipped = (o: { status: string }) => o.status === 'AWAITING_COLLECTION';

describe('sandbox parcel journeys', () => {
  it('every journey is reachable from the id, and stable', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i += 1) seen.add(defaultJourney(`57${String(i).padStart(16, '0')}`));
    expect([...seen].sort()).toEqual([...JOURNEYS].sort());
    expect(defaultJourney('5700000000000000042')).toBe(defaultJourney('5700000000000000042'));
  });

  it('a stuck parcel stops after the facility scan; lost and delivered show in the package', async () => {
    rig = await startRig({ orderCount: 300 });
    const o = findPracticeOrder(300, shipped);
    const pkg = o.packages?.[0]?.id ?? '';
    const set = await admin(rig, 'POST', `/__admin/tracking/orders/${o.id}/journey`, {
      journey: 'stuck',
      shippedHoursAgo: 200,
    });
    expect(set.status).toBe(200);
    const stuck = await rig.api.getParcel(o.id, pkg);
    expect(stuck.ok).toBe(true);
    if (!stuck.ok) return;
    expect(stuck.value.tracking).toHaveLength(3);
    expect(stuck.value.packageStatus).toBe('FULFILLING');
    const events = stuck.value.tracking.map(toEvent).sort((a, b) => a.at - b.at);
    const state = deriveParcelState(events, null, rig.clock.ms, 30 * 24 * HOUR);
    expect(state.status).toBe('in-transit');
    expect(rig.clock.ms - (state.lastEventAt ?? 0)).toBeGreaterThan(4 * 24 * HOUR);

    await admin(rig, 'POST', `/__admin/tracking/orders/${o.id}/journey`, { journey: 'lost' });
    const lost = await rig.api.getParcel(o.id, pkg);
    expect(lost.ok && classifyPackage(lost.value)).toEqual({
      status: 'exception',
      exception: 'lost',
    });

    await admin(rig, 'POST', `/__admin/tracking/orders/${o.id}/journey`, { journey: 'on-time' });
    const done = await rig.api.getParcel(o.id, pkg);
    expect(done.ok && done.value.packageStatus).toBe('COMPLETED');
    expect(done.ok && done.value.deliveredAt).toBeGreaterThan(0);
  });

  it('events appear as the sandbox clock passes them', async () => {
    rig = await startRig({ orderCount: 300 });
    const o = findPracticeOrder(300, shipped, 1);
    await admin(rig, 'POST', `/__admin/tracking/orders/${o.id}/journey`, {
      journey: 'failed-then-delivered',
      shippedHoursAgo: 63,
    });
    const before = await rig.api.getTracking(o.id);
    const n = before.ok ? before.value.tracking.length : -1;
    rig.clock.ms += 2 * HOUR;
    const after = await rig.api.getTracking(o.id);
    expect(after.ok && after.value.tracking.length).toBe(n + 1);
    // Newest first, as the shop sends them.
    const times = after.ok ? after.value.tracking.map((e) => e.update_time_millis) : [];
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe('sandbox customer-service messaging', () => {
  it('sends a text to the buyer once, finds it on read-back, and lists it for the admin', async () => {
    rig = await startRig({ orderCount: 300 });
    const o = findPracticeOrder(300, shipped);
    const text = 'Hi <b>Ann</b>, your order is late {name}';
    const sent = await rig.api.sendBuyerMessage(o.id, text, 'key-1');
    expect(sent.ok).toBe(true);
    const found = await rig.api.findBuyerMessage(o.id, text, rig.clock.ms - HOUR);
    expect(found.ok && found.value.found).toBe(true);
    const other = await rig.api.findBuyerMessage(o.id, 'another text', rig.clock.ms - HOUR);
    expect(other.ok && other.value.found).toBe(false);
    const log = await admin(rig, 'GET', '/__admin/messages');
    expect(log.body.messages).toEqual([
      expect.objectContaining({ orderId: o.id, text, idempotencyKey: 'key-1' }),
    ]);
  });

  it('answers missing scope when the shop has not granted customer service', async () => {
    rig = await startRig({ orderCount: 300 });
    const o = findPracticeOrder(300, shipped);
    await admin(rig, 'POST', '/__admin/scopes', { denied: ['customer_service'] });
    const sent = await rig.api.sendBuyerMessage(o.id, 'hello', 'key-2');
    expect(!sent.ok && sent.error).toMatchObject({ reason: 'missing-scope', action: 'auth' });
    const log = await admin(rig, 'GET', '/__admin/messages');
    expect(log.body.messages).toEqual([]);
  });
});
