/**
 * Step 1 of the packing procedure: confirm an order before it is packed. Pure: every input,
 * including the time, is passed in. `ok` is false when any reason is a stop.
 */
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow, StockRow } from '#shared/domain/product';
import { checkAmounts } from './amounts';
import { checkRecipient } from './recipient';
import { stop, warn, type ConfirmCode, type Reason } from './reasons';
import { checkShipBy } from './shipby';
import { available, reserve, unitsBySku, withRows, type StockMap } from './stock';

export interface ConfirmContext {
  now: number;
  products: ReadonlyMap<string, ProductRow>;
  stock: StockMap;
  /** The order's own units are already reserved (re-checking a confirmed order). */
  alreadyReserved?: boolean;
}

export interface ConfirmResult {
  orderId: string;
  ok: boolean;
  /** Stops first, then warnings, each in rule order. */
  reasons: Reason[];
}

function checkStatus(order: OrderRow): Reason[] {
  const reasons: Reason[] = [];
  if (order.status === 'CANCELLED') reasons.push(stop('order.cancelled'));
  if (order.status === 'ON_HOLD' || order.isOnHold) reasons.push(stop('order.on-hold'));
  if (order.isBuyerRequestCancel) reasons.push(stop('order.cancel-requested'));
  if (order.flags.includes('stop-ship') && reasons.length === 0) {
    reasons.push(stop('order.stop-ship'));
  }
  if (order.status === 'UNPAID') reasons.push(stop('order.not-paid'));
  if (['IN_TRANSIT', 'DELIVERED', 'COMPLETED'].includes(order.status)) {
    reasons.push(stop('order.already-shipped', { status: order.status }));
  }
  if (order.status === 'AWAITING_COLLECTION') reasons.push(warn('order.already-arranged'));
  if (order.flags.includes('address-changed')) reasons.push(warn('order.address-changed'));
  return reasons;
}

function checkSkus(order: OrderRow, ctx: ConfirmContext): Reason[] {
  const reasons: Reason[] = [];
  const sellerSku = new Map(order.lines.map((l) => [l.skuId, l.sellerSku]));
  for (const [skuId, needed] of unitsBySku(order.lines)) {
    const sku = sellerSku.get(skuId) ?? '';
    const product = ctx.products.get(skuId);
    if (!product) {
      reasons.push(stop('sku.unknown', { skuId, sellerSku: sku }));
    } else if (product.barcodes.every((b) => b.trim().length === 0)) {
      reasons.push(warn('sku.no-barcode', { skuId, sellerSku: sku }));
    }
    const row = ctx.stock.get(skuId);
    if (!row) {
      reasons.push(warn('stock.untracked', { skuId, sellerSku: sku }));
      continue;
    }
    const free = available(row) + (ctx.alreadyReserved ? needed : 0);
    if (free < needed) {
      reasons.push(stop('stock.short', { skuId, sellerSku: sku, needed, available: free }));
    }
  }
  return reasons;
}

export function confirmOrder(order: OrderRow, ctx: ConfirmContext): ConfirmResult {
  const reasons: Reason[] = [...checkStatus(order)];
  const onHold = order.status === 'ON_HOLD' || order.isOnHold;
  // The API withholds the address of orders on hold: the hold is the reason, not the address.
  if (!onHold) reasons.push(...checkRecipient(order.recipient));
  if (order.lines.length === 0) reasons.push(stop('order.no-lines'));
  reasons.push(...checkAmounts(order.lines, order.payment));
  reasons.push(...checkSkus(order, ctx));
  reasons.push(...checkShipBy(order.shipBy, ctx.now));
  const sorted = [
    ...reasons.filter((r) => r.severity === 'stop'),
    ...reasons.filter((r) => r.severity === 'warn'),
  ];
  return { orderId: order.id, ok: sorted.every((r) => r.severity !== 'stop'), reasons: sorted };
}

/**
 * Warnings that a batch may carry: time pressure and manual counting. Anything else (a doubtful
 * address, an order already arranged, untracked data) needs a person to look at that order.
 */
export const BATCHABLE_WARNINGS: ReadonlySet<ConfirmCode> = new Set<ConfirmCode>([
  'shipby.overdue',
  'shipby.soon',
  'sku.no-barcode',
  'stock.untracked',
]);

export interface BatchBlocker {
  orderId: string;
  codes: ConfirmCode[];
}

/** The reasons that keep one order out of a batch: every stop and every unbatchable warning. */
export function blockingReasons(result: ConfirmResult): Reason[] {
  return result.reasons.filter((x) => x.severity === 'stop' || !BATCHABLE_WARNINGS.has(x.code));
}

/** The order may be confirmed in a batch: nothing in its result needs a person to look. */
export function isBatchClean(result: ConfirmResult): boolean {
  return result.ok && blockingReasons(result).length === 0;
}

/** The orders that keep a batch from being confirmed, with the reasons that do it. */
export function batchBlockers(results: readonly ConfirmResult[]): BatchBlocker[] {
  const blockers: BatchBlocker[] = [];
  for (const r of results) {
    const codes = blockingReasons(r).map((x) => x.code);
    if (codes.length > 0) blockers.push({ orderId: r.orderId, codes });
  }
  return blockers;
}

/** True when every order is clean enough to confirm in one go. */
export function canBatchConfirm(results: readonly ConfirmResult[]): boolean {
  return results.length > 0 && batchBlockers(results).length === 0;
}

export interface BatchOutcome {
  results: ConfirmResult[];
  /** Per order, the stock rows its reservation wrote (empty when it was not accepted). */
  reserved: StockRow[][];
  /** Stock after reserving every order that passed, in order. */
  stock: Map<string, StockRow>;
}

/**
 * Checks orders one after another against a running stock, so two orders cannot both take the
 * last unit. Each order that is accepted (by default: no stop) reserves its units before the
 * next is checked; one that is not accepted takes nothing.
 */
export function confirmBatch(
  orders: readonly OrderRow[],
  ctx: ConfirmContext,
  accept: (result: ConfirmResult) => boolean = (r) => r.ok,
): BatchOutcome {
  let stock = new Map(ctx.stock);
  const results: ConfirmResult[] = [];
  const reserved: StockRow[][] = [];
  for (const order of orders) {
    const result = confirmOrder(order, { ...ctx, stock });
    results.push(result);
    const rows = result.ok && accept(result) ? reserve(stock, order, ctx.now) : [];
    reserved.push(rows);
    if (rows.length > 0) stock = withRows(stock, rows);
  }
  return { results, reserved, stock };
}
