import { describe, expect, it } from 'vitest';
import { OutboxEngine } from '../outbox/engine';
import { MemoryOutboxStore } from '../outbox/memory-store';
import type { OutboxRow, OutboxShop, ReadBackResult, SendResult } from '../outbox/index';
import { enqueueIntent, FakeClock, seededRandom } from '../outbox/testing';
import { decideMessageFromUpstream } from './message-outbox';

/** A buyer's conversation that can lose the answer to a send (applied, then the line drops). */
class Conversation implements OutboxShop {
  texts: string[] = [];
  sends = 0;
  faults: Array<'drop-after-write' | 'offline' | 'missing-scope'> = [];
  async send(row: OutboxRow): Promise<SendResult> {
    if (row.kind !== 'send-message') throw new Error('not a message');
    this.sends += 1;
    const fault = this.faults.shift();
    if (fault === 'offline') return { type: 'network', sent: false, message: 'no-network' };
    if (fault === 'missing-scope') {
      return { type: 'api', httpStatus: 400, code: 0, message: 'missing-scope: not granted' };
    }
    this.texts.push(row.payload.text);
    if (fault === 'drop-after-write') return { type: 'network', sent: true, message: 'reset' };
    return { type: 'ok' };
  }
  async readBack(row: OutboxRow): Promise<ReadBackResult> {
    if (row.kind !== 'send-message') throw new Error('not a message');
    return {
      type: 'ok',
      upstream: {
        orderStatus: 'IN_TRANSIT',
        isBuyerRequestCancel: false,
        trackingNumber: null,
        shippingProviderId: null,
        shippedAt: null,
        trackingUpdates: 0,
        message: { found: this.texts.includes(row.payload.text) },
      },
    };
  }
}

function setup() {
  const clock = new FakeClock();
  const store = new MemoryOutboxStore();
  const shop = new Conversation();
  const engine = new OutboxEngine({
    store,
    shop,
    clock,
    random: seededRandom(3),
    options: { ratePerSecond: 1000, burst: 1000 },
  });
  return { clock, store, shop, engine };
}

async function settle(engine: OutboxEngine, clock: FakeClock) {
  for (let i = 0; i < 100; i += 1) {
    const r = await engine.drain();
    if (r.stop === 'idle' && r.wakeAt === null) return;
    if (r.wakeAt !== null && r.wakeAt > clock.now()) clock.t = r.wakeAt;
  }
}

const message = (text: string) => ({
  orderId: 'o1',
  packageId: 'p1',
  intent: {
    kind: 'send-message' as const,
    payload: { messageId: 'm1', text, situation: 'delay' as const, language: 'en' as const },
  },
  expected: { statuses: ['IN_TRANSIT' as const] },
});

describe('buyer messages through the outbox', () => {
  it('a send whose answer is lost is read back, found, and never sent twice', async () => {
    const { clock, store, shop, engine } = setup();
    const row = await enqueueIntent(store, message('Your parcel is late'), clock.now());
    shop.faults.push('offline', 'drop-after-write');
    await settle(engine, clock);
    expect((await store.get(row.id))?.state).toBe('done');
    expect(shop.texts).toEqual(['Your parcel is late']);
  });

  it('missing scope parks only that row as dead', async () => {
    const { clock, store, shop, engine } = setup();
    const row = await enqueueIntent(store, message('Hello'), clock.now());
    shop.faults.push('missing-scope');
    await settle(engine, clock);
    const after = await store.get(row.id);
    expect(after?.state).toBe('dead');
    expect(after?.lastError?.message).toMatch(/^missing-scope/);
    expect(engine.gates().auth.state).toBe('closed');
  });

  it('the read-back decision: found → done, not found → send, no conversation → a person', () => {
    expect(decideMessageFromUpstream({ found: true })).toEqual({ decision: 'done' });
    expect(decideMessageFromUpstream({ found: false })).toEqual({ decision: 'send' });
    expect(decideMessageFromUpstream(null).decision).toBe('permanent');
  });
});
