/**
 * Tracking (issue 18), returns (issue 14) and scale weighings (devices) as metric inputs. Each
 * mapper is pure over its rows, so the metrics never depend on those tables' layout.
 */
import type { OrderRow } from '#shared/domain/order';
import type { InsightDelivery, InsightReturn, InsightWeight } from '#shared/logic/insights/index';
import type { WeighingRow } from '../rows-devices';
import type { ReturnIntakeRow, ReturnRow } from '../rows-returns';
import type { ParcelRow } from '../rows-tracking';

/** A tracked parcel's outcome; the state (region) comes from its order's address. */
export function deliveryFromParcel(p: ParcelRow, order: OrderRow | undefined): InsightDelivery {
  return {
    orderId: p.orderId,
    packageId: p.id,
    carrier: p.carrier,
    country: p.destination.toUpperCase(),
    region: order?.recipient.districts[1] ?? '',
    shippedAt: p.handedOverAt,
    promisedAt: p.promisedAt,
    deliveredAt: p.status === 'delivered' ? p.deliveredAt : null,
    exception: p.status === 'exception' || p.exception !== undefined,
    lost: p.exception === 'lost',
  };
}

/**
 * Returned units: the units graded at the bench when the parcel was opened, otherwise the
 * request's lines (not graded yet). The buyer's reason is the request's reason code.
 */
export function returnsFrom(
  requests: readonly ReturnRow[],
  intakes: readonly ReturnIntakeRow[],
): InsightReturn[] {
  const byReturn = new Map<string, ReturnIntakeRow[]>();
  for (const i of intakes) {
    if (i.returnId === null) continue;
    byReturn.set(i.returnId, [...(byReturn.get(i.returnId) ?? []), i]);
  }
  const out: InsightReturn[] = [];
  for (const r of requests) {
    const opened = byReturn.get(r.id) ?? [];
    const units = opened.flatMap((i) =>
      i.units
        .filter((u) => u.skuId !== null)
        .map((u) => ({ skuId: u.skuId ?? '', grade: u.grade, at: i.completedAt ?? i.startedAt })),
    );
    if (units.length > 0) {
      for (const u of units) {
        out.push({
          orderId: r.orderId,
          skuId: u.skuId,
          at: u.at,
          buyerReason: r.reasonCode,
          grade: u.grade,
        });
      }
    } else {
      for (const l of r.lines) {
        out.push({
          orderId: r.orderId,
          skuId: l.skuId,
          at: r.createdAt,
          buyerReason: r.reasonCode,
          grade: null,
        });
      }
    }
  }
  return out;
}

/** Weighed parcels with an expected weight. */
export function weightsFrom(rows: readonly WeighingRow[]): InsightWeight[] {
  return rows.flatMap((w) =>
    w.expectedGrams === null
      ? []
      : [{ orderId: w.orderId, at: w.at, expectedGrams: w.expectedGrams, measuredGrams: w.grams }],
  );
}

/** Tracked parcels replace the delivery summary of the same package. */
export function mergeDeliveries(
  summary: readonly InsightDelivery[],
  tracked: readonly InsightDelivery[],
): InsightDelivery[] {
  const seen = new Set(tracked.map((d) => d.packageId));
  return [...summary.filter((d) => !seen.has(d.packageId)), ...tracked];
}
