import type { ApiOrderInput } from '#shared/domain/api-order';
import { practiceOrder, practiceOrderId, type PracticeSku } from '#shared/logic/practice-data';
import { orderIndexFromId, packageIndexFromId } from './ids';

/**
 * The sandbox shop's data: orders are generated lazily from the practice generator; only orders
 * that changed are kept in memory, with their shipping history. Search uses a small row index,
 * sorted views are cached until the next change.
 */
export interface OrderExtra {
  shippedAt?: number;
  handoverMethod?: string;
  trackingUpdates: number;
}

export interface IndexRow {
  index: number;
  id: string;
  status: string;
  create_time: number;
  update_time: number;
  shipping_type: string;
  is_buyer_request_cancel: boolean;
}

export interface Cancellation {
  cancel_id: string;
  order_id: string;
  cancel_status: string;
  cancel_type: 'CANCEL' | 'BUYER_CANCEL';
  role: 'BUYER' | 'SELLER' | 'SYSTEM';
  cancel_reason: string;
  create_time: number;
  update_time: number;
  cancel_line_items: Array<{ order_line_item_id: string; sku_id: string; seller_sku: string }>;
}

export interface WriteRecord {
  seq: number;
  /** Milliseconds on the sandbox clock. */
  at: number;
  kind: 'ship-package' | 'mark-package-shipped' | 'update-shipping-info';
  orderId: string;
  packageId: string;
  trackingNumber: string;
  shippingProviderId: string;
  handoverMethod: string | null;
  idempotencyKey: string | null;
}

export function createStore(opts: {
  seed: number;
  orderCount: number;
  nowSeconds: number;
  catalog: readonly PracticeSku[];
}) {
  const changed = new Map<number, ApiOrderInput>();
  const extras = new Map<number, OrderExtra>();
  const writes: WriteRecord[] = [];
  const cancellations: Cancellation[] = [];
  const usedTracking = new Map<string, string>();
  let rows: IndexRow[] | null = null;
  let version = 0;
  const views = new Map<string, { version: number; rows: IndexRow[] }>();

  function generate(index: number): ApiOrderInput {
    return practiceOrder(index, {
      seed: opts.seed,
      nowSeconds: opts.nowSeconds,
      catalog: opts.catalog,
    });
  }

  function order(index: number): ApiOrderInput {
    return changed.get(index) ?? generate(index);
  }

  function rowOf(index: number, o: ApiOrderInput): IndexRow {
    return {
      index,
      id: o.id,
      status: o.status,
      create_time: o.create_time,
      update_time: o.update_time,
      shipping_type: o.shipping_type,
      is_buyer_request_cancel: o.is_buyer_request_cancel ?? false,
    };
  }

  function allRows(): IndexRow[] {
    if (!rows) {
      rows = [];
      for (let i = 0; i < opts.orderCount; i += 1) rows.push(rowOf(i, order(i)));
    }
    return rows;
  }

  return {
    orderCount: opts.orderCount,
    order,
    orderIdOf: (index: number) => practiceOrderId(index),
    orderIndex: (id: string) => orderIndexFromId(id, opts.orderCount),
    packageIndex: (id: string) => packageIndexFromId(id, opts.orderCount),
    extra: (index: number): OrderExtra => extras.get(index) ?? { trackingUpdates: 0 },
    /** Applies a change to one order and bumps its update_time (never backwards). */
    mutate(index: number, at: number, change: (o: ApiOrderInput, x: OrderExtra) => void): void {
      const copy = structuredClone(order(index));
      const extra = { ...(extras.get(index) ?? { trackingUpdates: 0 }) };
      change(copy, extra);
      copy.update_time = Math.max(at, copy.update_time + 1);
      changed.set(index, copy);
      extras.set(index, extra);
      if (rows) rows[index] = rowOf(index, copy);
      version += 1;
    },
    /** A sorted, filtered view, cached until the next change. */
    view(key: string, build: (all: readonly IndexRow[]) => IndexRow[]): IndexRow[] {
      const hit = views.get(key);
      if (hit && hit.version === version) return hit.rows;
      const built = build(allRows());
      views.set(key, { version, rows: built });
      return built;
    },
    writes,
    recordWrite(w: Omit<WriteRecord, 'seq'>): WriteRecord {
      const record = { ...w, seq: writes.length + 1 };
      writes.push(record);
      return record;
    },
    cancellations,
    /** tracking number → package id that uses it */
    usedTracking,
  };
}
export type SandboxStore = ReturnType<typeof createStore>;
