import { OrderRow } from '#shared/domain/order';
import { err, ok, type Result } from '#shared/utils/result';
import type { StationDb } from '../db';
import type { AuditRow } from '../rows';

/**
 * Replacement (reship) orders: a new order made at the bench from an original one, linked to it
 * and marked as a replacement, that enters the pack queue (`AWAITING_SHIPMENT`) like any order.
 *
 * Shared by the exceptions queue (a lost or damaged parcel) and returns (a replacement for a
 * returned item). API:
 *
 * ```ts
 * const r = await createReplacementOrder(db, {
 *   originalOrderId: '5770…',          // must be on this station
 *   reason: 'Parcel lost in transit',  // free text, kept as data (never markup), 1–500 chars
 *   origin: 'exception',               // or 'return': who asked for it (audited)
 *   lineIds: ['li-1'],                  // optional: the lines to send again; default all
 *   actor: { packer: 'Mei', station: 'bench-1' },
 *   now: Date.now(),
 * });
 * if (r.ok) r.value.id; // 'R5770…-1': the new order, in the pack queue
 * ```
 *
 * The new order's id is `R<original id>-<n>` (n counts the original's replacements from 1), its
 * one package `R<original id>-<n>-P` with no tracking yet, ship-by `now + shipWithinMs` (24 h by
 * default); recipient, lines, payment and shipping type are copied from the original. It carries
 * `replacementOf` and `replacementReason`. One audit row `replacement.created` is written on the
 * original and one on the new order. Everything commits in one `rw` transaction over `orders`
 * and `audit`; call it inside your own transaction when that one includes both tables (Dexie
 * nests it), so a return and its replacement commit together.
 *
 * The shop does not know a bench-made replacement: its shipment is not sent to the shop by the
 * outbox (the shop's own replacement orders, `is_replacement_order`, arrive through the pull).
 */

export interface ReplacementInput {
  originalOrderId: string;
  reason: string;
  origin: 'exception' | 'return';
  lineIds?: readonly string[];
  actor: { packer: string; station: string };
  now: number;
  /** Ship-by of the new order, from now. Default 24 h. */
  shipWithinMs?: number;
}

export type ReplacementError =
  | { code: 'order-not-found'; message: string }
  | { code: 'invalid-reason'; message: string }
  | { code: 'no-lines'; message: string }
  | { code: 'is-replacement-pending'; message: string; replacementId: string };

const DAY_MS = 24 * 60 * 60_000;

class Refused extends Error {
  constructor(readonly reason: ReplacementError) {
    super(reason.message);
  }
}

/** `R<original>-<n>`: the n-th replacement of an order. */
export function replacementId(originalOrderId: string, n: number): string {
  return `R${originalOrderId}-${n}`;
}

export function isReplacementOrder(order: Pick<OrderRow, 'replacementOf'>): boolean {
  return order.replacementOf !== undefined;
}

/** The replacement order built from the original (pure; exported for tests and previews). */
export function buildReplacementOrder(
  original: OrderRow,
  id: string,
  input: Pick<ReplacementInput, 'reason' | 'lineIds' | 'now' | 'shipWithinMs'>,
): OrderRow {
  const wanted = input.lineIds ? new Set(input.lineIds) : null;
  const packageId = `${id}-P`;
  const lines = original.lines
    .filter((l) => wanted === null || wanted.has(l.id))
    .map((l) => ({ ...l, id: `${id}-${l.id}`, packageId }));
  const carrier = original.packages[0];
  return OrderRow.parse({
    ...original,
    id,
    status: 'AWAITING_SHIPMENT',
    createdAt: input.now,
    updatedAt: input.now,
    paidAt: input.now,
    shipBy: input.now + (input.shipWithinMs ?? DAY_MS),
    lines,
    packages: [
      {
        id: packageId,
        trackingNumber: '',
        shippingProviderId: carrier?.shippingProviderId ?? '',
        shippingProviderName: carrier?.shippingProviderName ?? '',
      },
    ],
    packageIds: [packageId],
    trackingNumbers: [],
    isOnHold: false,
    isBuyerRequestCancel: false,
    flags: [],
    replacementOf: original.id,
    replacementReason: input.reason,
  });
}

/** Creates the linked replacement order; see the module comment for the contract. */
export async function createReplacementOrder(
  db: StationDb,
  input: ReplacementInput,
): Promise<Result<OrderRow, ReplacementError>> {
  const reason = input.reason.trim();
  if (reason.length < 1 || reason.length > 500) {
    return err({ code: 'invalid-reason', message: 'A reason of 1 to 500 characters is required' });
  }
  try {
    const created = await db.transaction('rw', [db.orders, db.audit], async () => {
      const original = await db.orders.get(input.originalOrderId);
      if (!original) {
        throw new Refused({
          code: 'order-not-found',
          message: `Order ${input.originalOrderId} is not on this station`,
        });
      }
      const existing = await db.orders
        .where(':id')
        .startsWith(`R${original.id}-`)
        .filter((o) => o.replacementOf === original.id)
        .toArray();
      const open = existing.find((o) => o.status === 'AWAITING_SHIPMENT');
      if (open) {
        throw new Refused({
          code: 'is-replacement-pending',
          message: `Replacement ${open.id} of order ${original.id} is still waiting to ship`,
          replacementId: open.id,
        });
      }
      const id = replacementId(original.id, existing.length + 1);
      const order = buildReplacementOrder(original, id, { ...input, reason });
      if (order.lines.length === 0) {
        throw new Refused({ code: 'no-lines', message: 'No lines of the order were chosen' });
      }
      await db.orders.add(order);
      const detail = {
        originalOrderId: original.id,
        replacementOrderId: id,
        reason,
        origin: input.origin,
        lines: order.lines.length,
      };
      const audit = (orderId: string): AuditRow => ({
        id: crypto.randomUUID(),
        at: input.now,
        kind: 'replacement.created',
        orderId,
        actor: input.actor.packer,
        station: input.actor.station,
        detail,
      });
      await db.audit.bulkAdd([audit(original.id), audit(id)]);
      return order;
    });
    return ok(created);
  } catch (cause) {
    if (cause instanceof Refused) return err(cause.reason);
    throw cause;
  }
}

/** Replacements made for an order, oldest first. */
export async function replacementsOf(db: StationDb, originalOrderId: string): Promise<OrderRow[]> {
  const rows = await db.orders.where(':id').startsWith(`R${originalOrderId}-`).toArray();
  return rows
    .filter((o) => o.replacementOf === originalOrderId)
    .sort((a, b) => a.createdAt - b.createdAt);
}
