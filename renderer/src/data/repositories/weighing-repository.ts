/**
 * Parcel weighings: each weight check (accepted, blocked, overridden) with its audit entry in one
 * transaction, and the accepted weights of a SKU combination for the tolerance learner.
 */
import Dexie from 'dexie';
import type { StationDb } from '../db';
import type { AuditRow } from '../rows';
import type { WeighingRow } from '../rows-devices';

export const WEIGHT_AUDIT_KINDS = [
  'weight.accepted',
  'weight.blocked',
  'weight.override',
  'weight.unchecked',
] as const;
export type WeightAuditKind = (typeof WEIGHT_AUDIT_KINDS)[number];

export function createWeighingRepository(db: StationDb) {
  return {
    /** The weighing and its audit entry, in one transaction. */
    async record(row: WeighingRow, kind: WeightAuditKind): Promise<WeighingRow> {
      const audit: AuditRow = {
        id: crypto.randomUUID(),
        at: row.at,
        kind,
        orderId: row.orderId,
        actor: row.packer,
        station: row.station,
        detail: {
          grams: row.grams,
          expected: row.expectedGrams,
          tolerance: row.toleranceGrams,
          verdict: row.verdict,
          source: row.source,
          ...(row.supervisor ? { supervisor: row.supervisor } : {}),
          ...(row.reason ? { reason: row.reason } : {}),
        },
      };
      await db.transaction('rw', db.weighings, db.audit, async () => {
        await db.weighings.put(row);
        await db.audit.add(audit);
      });
      return row;
    },

    /** A refused override (wrong PIN): audited, nothing else changes. */
    async recordRefusedOverride(
      orderId: string,
      who: { packer: string; station: string },
      detail: Record<string, unknown>,
      at: number,
    ): Promise<void> {
      await db.audit.add({
        id: crypto.randomUUID(),
        at,
        kind: 'weight.override',
        orderId,
        actor: who.packer,
        station: who.station,
        detail,
      });
    },

    /** Accepted weights of a combination, oldest first (the newest `max`). */
    async acceptedGrams(comboKey: string, max: number): Promise<number[]> {
      const rows = await db.weighings
        .where('[comboKey+at]')
        .between([comboKey, Dexie.minKey], [comboKey, Dexie.maxKey])
        .reverse()
        .filter((r) => r.accepted)
        .limit(max)
        .toArray();
      return rows.map((r) => r.grams).reverse();
    },

    /** The newest weighing of an order (its parcel weight), or undefined. */
    async latestFor(orderId: string): Promise<WeighingRow | undefined> {
      const rows = await db.weighings.where('orderId').equals(orderId).sortBy('at');
      return rows.at(-1);
    },

    async forOrder(orderId: string): Promise<WeighingRow[]> {
      return db.weighings.where('orderId').equals(orderId).sortBy('at');
    },
  };
}

export type WeighingRepository = ReturnType<typeof createWeighingRepository>;
