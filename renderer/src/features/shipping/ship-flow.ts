import type { OrderRow } from '#shared/domain/order';
import type { EnqueueInput } from '#shared/logic/outbox/index';
import type { CarrierId } from '#shared/logic/shipping/index';
import { CARRIER_NAMES, normaliseTracking } from '#shared/logic/shipping/index';
import type { Result } from '#shared/utils/result';
import { shippedOrder, type EnqueueError, type EnqueueReceipt } from '../../data/outbox';
import type { Repositories } from '../../data/repositories';
import { bridge } from '../../platform/bridge';
import { wakeOutboxSync } from '../outbox/sync';

export type ShipChoice =
  | { kind: 'platform'; handoverMethod: 'PICKUP' | 'DROP_OFF' }
  | {
      kind: 'seller';
      carrier: CarrierId;
      provider: { id: string; name: string };
      trackingNumber: string;
    };

export const PLATFORM_CARRIER_NAME = 'TikTok Shipping';

/** The outbox intent for a choice: Ship Package, with self_shipment for seller shipping. */
export function shipmentInput(order: OrderRow, choice: ShipChoice): EnqueueInput {
  const packageId = order.packages[0]?.id ?? order.packageIds[0] ?? '';
  return {
    orderId: order.id,
    packageId,
    expected: { statuses: ['AWAITING_SHIPMENT'] },
    intent: {
      kind: 'ship-package',
      payload:
        choice.kind === 'platform'
          ? { handoverMethod: choice.handoverMethod }
          : {
              handoverMethod: 'DROP_OFF',
              selfShipment: {
                trackingNumber: normaliseTracking(choice.trackingNumber),
                shippingProviderId: choice.provider.id,
              },
            },
    },
  };
}

/**
 * Confirms a shipment: the order change and its outbox intent in one transaction (works offline),
 * then the journal copy, then a nudge to the sync worker.
 */
export async function confirmShipment(
  repos: Repositories,
  order: OrderRow,
  choice: ShipChoice,
  actor: { packer: string; station: string },
): Promise<Result<EnqueueReceipt, EnqueueError>> {
  const now = Date.now();
  const input = shipmentInput(order, choice);
  const r = await repos.outbox.enqueueShipment(
    input,
    (current) =>
      shippedOrder(current, {
        packageId: input.packageId,
        trackingNumber: choice.kind === 'seller' ? choice.trackingNumber : null,
        shippingProviderId: choice.kind === 'seller' ? choice.provider.id : null,
        shippingProviderName:
          choice.kind === 'seller' ? CARRIER_NAMES[choice.carrier] : PLATFORM_CARRIER_NAME,
        now,
      }),
    {
      now,
      actor,
      journal: async (entries) => bridge().journal.append({ entries }),
    },
  );
  if (r.ok) wakeOutboxSync();
  return r;
}
