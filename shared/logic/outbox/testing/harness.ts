import type { OutboxClock } from '../ports';
import type { EnqueueInput } from '../schedule';
import { planEnqueue } from '../schedule';
import type { OutboxRow } from '../row';
import type { MemoryOutboxStore } from '../memory-store';

/** A manual clock: `sleep` advances time instead of waiting. */
export class FakeClock implements OutboxClock {
  readonly sleeps: number[] = [];
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A seeded random in [0, 1) (mulberry32), so runs replay exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Enqueues like the renderer will: plan against the order's active rows, commit together. */
export async function enqueueIntent(
  store: MemoryOutboxStore,
  input: EnqueueInput,
  now: number,
): Promise<OutboxRow> {
  const active = (await store.listActive()).filter((r) => r.orderId === input.orderId);
  const seq = store.takeSeq();
  const plan = planEnqueue(
    input,
    active,
    { id: `row-${seq}`, idempotencyKey: `key-${seq}`, seq },
    now,
  );
  return store.enqueue(plan);
}

export function shipInput(
  orderId: string,
  packageId: string,
  trackingNumber?: string,
): EnqueueInput {
  return {
    orderId,
    packageId,
    expected: { statuses: ['AWAITING_SHIPMENT'] },
    intent: {
      kind: 'ship-package',
      payload:
        trackingNumber === undefined
          ? { handoverMethod: 'DROP_OFF' }
          : {
              handoverMethod: 'DROP_OFF',
              selfShipment: { trackingNumber, shippingProviderId: 'prov-1' },
            },
    },
  };
}

export function updateInput(
  orderId: string,
  packageId: string,
  trackingNumber: string,
  previousTrackingNumber?: string,
): EnqueueInput {
  return {
    orderId,
    packageId,
    expected:
      previousTrackingNumber === undefined
        ? { statuses: ['AWAITING_COLLECTION', 'IN_TRANSIT'] }
        : { statuses: ['AWAITING_COLLECTION', 'IN_TRANSIT'], previousTrackingNumber },
    intent: {
      kind: 'update-tracking',
      payload: { trackingNumber, shippingProviderId: 'prov-1', scope: 'package' },
    },
  };
}
