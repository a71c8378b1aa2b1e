import type { Repositories } from '../../data/repositories';
import { bridge } from '../../platform/bridge';
import { confirmShipment, type ShipChoice } from '../shipping/ship-flow';
import { currentOutboxSync, DEV_OPTIONS_KEY, type SyncOptions } from './sync';

/**
 * `window.__packbench.outbox` with `?dev=1`: the same enqueue path as the Ship screen, timing
 * overrides for tests (stored for the next start too), and read access for assertions.
 */
export function outboxDevHooks(repos: Repositories) {
  return {
    async ship(orderId: string, choice: ShipChoice) {
      const order = await repos.orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      const r = await confirmShipment(repos, order, choice, { packer: 'dev', station: 'DEV' });
      if (!r.ok) throw new Error(r.error.message);
      return { id: r.value.row.id, idempotencyKey: r.value.row.idempotencyKey };
    },
    configure(options: SyncOptions) {
      localStorage.setItem(DEV_OPTIONS_KEY, JSON.stringify(options));
      currentOutboxSync()?.restart(options);
    },
    rows: () => repos.outbox.store().listAll(),
    status: () => repos.outbox.status(),
    wake: () => currentOutboxSync()?.wake(),
    /** Orders that can ship now, checked against the shop (not shipped or cancelled there). */
    async freshOrders(count: number, shippingType: 'TIKTOK' | 'SELLER', skip: string[] = []) {
      const local = (
        await repos.orders.page({ kind: 'status', status: 'AWAITING_SHIPMENT' }, 0, 500)
      ).filter(
        (o) =>
          o.shippingType === shippingType &&
          o.flags.length === 0 &&
          !o.isOnHold &&
          !skip.includes(o.id) &&
          (shippingType === 'TIKTOK' || o.recipient.regionCode === 'US'),
      );
      const out: string[] = [];
      for (let i = 0; i < local.length && out.length < count; i += 50) {
        const ids = local.slice(i, i + 50).map((o) => o.id);
        const r = await bridge().shop.getOrders({ ids });
        if (!r.ok) throw new Error(r.error.message);
        for (const o of r.value.orders) {
          const lines = o.line_items.every((li) => li.tracking_number === '');
          if (o.status === 'AWAITING_SHIPMENT' && !o.is_buyer_request_cancel && lines)
            out.push(o.id);
        }
      }
      return out.slice(0, count);
    },
    shop: () => bridge().shop,
  };
}
