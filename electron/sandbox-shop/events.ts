import { z } from 'zod';
import type { SandboxStore } from './store';

/**
 * Upstream changes that happen to an order "over time": a cancellation, a buyer cancel request,
 * an address change. Each takes effect at a chosen moment (Unix seconds); one in the future is
 * queued and applied on the first request after that moment.
 */
export const AddressPatch = z.looseObject({
  name: z.string().max(200).optional(),
  phone_number: z.string().max(50).optional(),
  full_address: z.string().max(1000).optional(),
  address_line1: z.string().max(500).optional(),
  address_line2: z.string().max(500).optional(),
  postal_code: z.string().max(20).optional(),
  region_code: z.string().max(4).optional(),
});
export type AddressPatch = z.infer<typeof AddressPatch>;

export type UpstreamEvent =
  | { kind: 'cancel'; orderId: string; at: number; reason: string }
  | { kind: 'buyer-cancel-request'; orderId: string; at: number; reason: string }
  | { kind: 'address-change'; orderId: string; at: number; address: AddressPatch };

export function createEvents(store: SandboxStore) {
  const queue: UpstreamEvent[] = [];
  let cancelSeq = 0;

  function cancelId(): string {
    cancelSeq += 1;
    return `4${String(5_770_000_000_000_000 + cancelSeq).padStart(17, '0')}`;
  }

  function apply(e: UpstreamEvent): string | null {
    const index = store.orderIndex(e.orderId);
    if (index === null) return `Order ${e.orderId} is not in this shop`;
    const before = store.order(index);
    const lineItems = before.line_items.map((li) => ({
      order_line_item_id: li.id,
      sku_id: li.sku_id,
      seller_sku: li.seller_sku ?? '',
    }));
    switch (e.kind) {
      case 'cancel':
        store.mutate(index, e.at, (o) => {
          o.status = 'CANCELLED';
          o.is_buyer_request_cancel = false;
          Object.assign(o, { cancel_reason: e.reason, cancellation_initiator: 'BUYER' });
        });
        store.cancellations.push({
          cancel_id: cancelId(),
          order_id: e.orderId,
          cancel_status: 'CANCELLATION_REQUEST_COMPLETE',
          cancel_type: 'BUYER_CANCEL',
          role: 'BUYER',
          cancel_reason: e.reason,
          create_time: e.at,
          update_time: e.at,
          cancel_line_items: lineItems,
        });
        return null;
      case 'buyer-cancel-request':
        store.mutate(index, e.at, (o) => {
          o.is_buyer_request_cancel = true;
          Object.assign(o, { request_cancel_time: e.at });
        });
        store.cancellations.push({
          cancel_id: cancelId(),
          order_id: e.orderId,
          cancel_status: 'CANCELLATION_REQUEST_PENDING',
          cancel_type: 'BUYER_CANCEL',
          role: 'BUYER',
          cancel_reason: e.reason,
          create_time: e.at,
          update_time: e.at,
          cancel_line_items: lineItems,
        });
        return null;
      case 'address-change':
        if (!before.recipient_address)
          return `Order ${e.orderId} has no address yet (${before.status})`;
        store.mutate(index, e.at, (o) => {
          o.recipient_address = { ...o.recipient_address, ...e.address };
        });
        return null;
    }
  }

  return {
    /** Applies now when due, otherwise queues; returns an error text for an unknown order. */
    submit(e: UpstreamEvent, nowSeconds: number): string | null {
      if (store.orderIndex(e.orderId) === null) return `Order ${e.orderId} is not in this shop`;
      if (e.at > nowSeconds) {
        queue.push(e);
        return null;
      }
      return apply(e);
    },
    /** Applies every queued event whose moment has come, in time order. */
    applyDue(nowSeconds: number): void {
      const due = queue.filter((e) => e.at <= nowSeconds).sort((a, b) => a.at - b.at);
      if (due.length === 0) return;
      for (const e of due) {
        queue.splice(queue.indexOf(e), 1);
        apply(e);
      }
    },
    pending: (): readonly UpstreamEvent[] => [...queue],
  };
}
export type Events = ReturnType<typeof createEvents>;
