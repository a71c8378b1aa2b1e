import type { OrderStatus } from '#shared/domain/order';
import type { ReadBackResult, SendResult, ShopFailure } from '../classify';
import type { OutboxShop } from '../ports';
import type { OutboxRow } from '../row';
import { intentTracking } from '../row';

/**
 * An in-memory model of the shop's fulfilment rules, with fault injection, for engine tests and
 * the property test. It behaves like TikTok where the reference documents it: a second ship of a
 * shipped package is refused (21011040), a cancelled order refuses (21011041), tracking updates
 * are allowed once (21011051) and within 72 h (21011050). It records every write it receives.
 */

export type ModelFault =
  | 'refused' // nothing sent
  | 'http-429'
  | 'http-500' // before apply
  | 'http-503' // before apply
  | 'timeout-before-apply'
  | 'timeout-after-apply'
  | 'malformed-after-apply'
  | 'duplicate' // the request reaches the shop twice
  | 'auth-expired';

export interface ModelPackage {
  trackingNumber: string | null;
  shippingProviderId: string | null;
  shippedAt: number | null;
  trackingUpdates: number;
}

export interface ModelOrder {
  status: OrderStatus;
  isBuyerRequestCancel: boolean;
  packages: Map<string, ModelPackage>;
}

export interface ModelWrite {
  key: string;
  orderId: string;
  seq: number;
  /** True when injected by the `duplicate` fault rather than sent by the engine. */
  injected: boolean;
  /** The key had already changed upstream state when this write arrived. */
  afterApplied: boolean;
}

export interface ModelApplied {
  key: string;
  orderId: string;
  seq: number;
  kind: OutboxRow['kind'];
  trackingNumber: string | null;
}

const WINDOW_MS = 72 * 60 * 60_000;

function apiError(
  code: number,
  message: string,
  httpStatus = 200,
): Extract<ShopFailure, { type: 'api' }> {
  return { type: 'api', httpStatus, code, message };
}

export class ShopModel implements OutboxShop {
  readonly orders = new Map<string, ModelOrder>();
  readonly writes: ModelWrite[] = [];
  readonly applied: ModelApplied[] = [];
  readonly reads: { key: string; at: number }[] = [];
  /** Faults for the next calls, first in first out; each call takes one. */
  readonly faults: ModelFault[] = [];
  /** Orders whose every call fails with HTTP 500 before anything is applied. */
  readonly poisoned = new Set<string>();
  retryAfterMs: number | null = null;

  constructor(private readonly now: () => number) {}

  addOrder(
    orderId: string,
    packageIds: readonly string[],
    status: OrderStatus = 'AWAITING_SHIPMENT',
  ): void {
    const packages = new Map<string, ModelPackage>();
    for (const id of packageIds) {
      packages.set(id, {
        trackingNumber: null,
        shippingProviderId: null,
        shippedAt: null,
        trackingUpdates: 0,
      });
    }
    this.orders.set(orderId, { status, isBuyerRequestCancel: false, packages });
  }

  appliedCount(key: string): number {
    return this.applied.filter((a) => a.key === key).length;
  }

  private early(orderId: string): ShopFailure | null {
    if (this.poisoned.has(orderId)) return apiError(0, 'Internal Server Error', 500);
    const fault = this.faults[0];
    switch (fault) {
      case 'refused':
        this.faults.shift();
        return { type: 'network', sent: false, message: 'ECONNREFUSED' };
      case 'http-429':
        this.faults.shift();
        return { ...apiError(36009002, 'Too many requests', 429), retryAfterMs: this.retryAfterMs };
      case 'auth-expired':
        this.faults.shift();
        return apiError(105002, 'Expired credentials', 401);
      case 'http-500':
        this.faults.shift();
        return apiError(0, 'Internal Server Error', 500);
      case 'http-503':
        this.faults.shift();
        return apiError(0, 'Service Unavailable', 503);
      default:
        return null;
    }
  }

  async send(row: OutboxRow): Promise<SendResult> {
    const early = this.early(row.orderId);
    if (early) return early;
    const fault = this.faults.shift();
    if (fault === 'timeout-before-apply') {
      this.record(row, false);
      return { type: 'network', sent: true, message: 'ETIMEDOUT' };
    }
    this.record(row, false);
    let result = this.write(row);
    if (fault === 'duplicate') {
      this.record(row, true);
      result = this.write(row);
    }
    if (fault === 'timeout-after-apply')
      return { type: 'network', sent: true, message: 'ETIMEDOUT' };
    if (fault === 'malformed-after-apply') {
      return { type: 'malformed', httpStatus: 200, message: 'Unexpected token <' };
    }
    return result;
  }

  async readBack(row: OutboxRow): Promise<ReadBackResult> {
    const early = this.early(row.orderId);
    if (early) return early;
    const fault = this.faults.shift();
    if (fault === 'timeout-before-apply' || fault === 'timeout-after-apply') {
      return { type: 'network', sent: true, message: 'ETIMEDOUT' };
    }
    if (fault === 'malformed-after-apply') {
      return { type: 'malformed', httpStatus: 200, message: 'Unexpected token <' };
    }
    this.reads.push({ key: row.idempotencyKey, at: this.now() });
    const order = this.orders.get(row.orderId);
    const pkg = order?.packages.get(row.packageId);
    if (!order || !pkg) return apiError(21011028, 'Package is not in the current shop');
    return {
      type: 'ok',
      upstream: {
        orderStatus: order.status,
        isBuyerRequestCancel: order.isBuyerRequestCancel,
        trackingNumber: pkg.trackingNumber,
        shippingProviderId: pkg.shippingProviderId,
        shippedAt: pkg.shippedAt,
        trackingUpdates: pkg.trackingUpdates,
      },
    };
  }

  private record(row: OutboxRow, injected: boolean): void {
    this.writes.push({
      key: row.idempotencyKey,
      orderId: row.orderId,
      seq: row.seq,
      injected,
      afterApplied: this.appliedCount(row.idempotencyKey) > 0,
    });
  }

  private write(row: OutboxRow): SendResult {
    const order = this.orders.get(row.orderId);
    const pkg = order?.packages.get(row.packageId);
    if (!order || !pkg) return apiError(21011028, 'Package is not in the current shop');
    if (order.status === 'CANCELLED') return apiError(21011041, 'Order is cancelled');
    const now = this.now();
    const wanted = intentTracking(row);
    if (row.kind === 'update-tracking') {
      if (pkg.shippedAt === null) return apiError(21011004, 'Package is not shipped by seller');
      if (now - pkg.shippedAt > WINDOW_MS) return apiError(21011050, 'Update window passed');
      if (pkg.trackingUpdates >= 1) return apiError(21011051, 'Can only be updated once');
      pkg.trackingUpdates += 1;
    } else {
      if (order.status === 'ON_HOLD' || order.status === 'UNPAID') {
        return apiError(21042057, 'Order is not awaiting shipment');
      }
      if (pkg.shippedAt !== null) return apiError(21011040, 'Package has already been shipped.');
      if (order.isBuyerRequestCancel) return apiError(21011007, 'Package has after-sale request');
      pkg.shippedAt = now;
    }
    pkg.trackingNumber = wanted?.trackingNumber ?? `PLATFORM-${row.packageId}`;
    pkg.shippingProviderId = wanted?.shippingProviderId ?? 'platform';
    if ([...order.packages.values()].every((p) => p.shippedAt !== null)) {
      order.status = 'AWAITING_COLLECTION';
    }
    this.applied.push({
      key: row.idempotencyKey,
      orderId: row.orderId,
      seq: row.seq,
      kind: row.kind,
      trackingNumber: pkg.trackingNumber,
    });
    return { type: 'ok' };
  }
}
