import type { Transaction } from 'dexie';
import { deriveFlags, OrderStatus, type OrderFlag } from '#shared/domain/order';
import type { OrderRowV1 } from '../../rows';

/**
 * v2: orders carry `flags` (stop-ship, on-hold, cancel-requested, address-changed) with a
 * multi-entry index, so the queue can list every stop-ship order without a scan.
 * Pure: an old row in, the new row out; idempotent (keeps flags it cannot derive).
 */
export function upgradeOrderRowV2(row: OrderRowV1): OrderRowV1 & { flags: OrderFlag[] } {
  const parsed = OrderStatus.safeParse(row.status);
  const derived = deriveFlags(
    {
      status: parsed.success ? parsed.data : 'AWAITING_SHIPMENT',
      isOnHold: row.isOnHold === true,
      isBuyerRequestCancel: row.isBuyerRequestCancel === true,
    },
    (row.flags ?? []).filter((f) => f === 'address-changed'),
  );
  return { ...row, flags: derived };
}

export async function runV2(tx: Transaction): Promise<void> {
  await tx
    .table<OrderRowV1>('orders')
    .toCollection()
    .modify((row) => {
      row.flags = upgradeOrderRowV2(row).flags;
    });
}
