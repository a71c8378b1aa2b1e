/**
 * Label jobs (`labels`), platform shipping documents (`documents`), the printer settings and the
 * label audit trail. A job row and its audit entry are written in one transaction, so the history
 * (who printed, reprinted or verified what, when and why) never disagrees with the job.
 */
import type { OrderRow } from '#shared/domain/order';
import type { StationDb } from '../db';
import type { AuditRow, DocumentRow, LabelRow } from '../rows';

export const LABEL_AUDIT_KINDS = [
  'label.handed-over',
  'label.state',
  'label.reprint',
  'label.answered',
  'label.verified',
  'label.wrong-label',
  'label.verify-skipped',
  'label.zpl-fallback',
  'document.fetched',
] as const;
export type LabelAuditKind = (typeof LABEL_AUDIT_KINDS)[number];

export interface LabelAudit {
  kind: LabelAuditKind;
  orderId: string;
  actor: string;
  station: string;
  at: number;
  detail: Record<string, unknown>;
}

/** Order states in which the platform's shipping document exists (shipment arranged). */
export const DOCUMENT_STATUSES = ['AWAITING_COLLECTION', 'PARTIALLY_SHIPPING'] as const;

function auditRow(a: LabelAudit): AuditRow {
  return { id: crypto.randomUUID(), ...a };
}

export function createLabelsRepository(db: StationDb) {
  return {
    async setting(key: string): Promise<unknown> {
      return (await db.settings.get(key))?.value;
    },

    async saveSetting(key: string, value: unknown): Promise<void> {
      await db.settings.put({ key, value });
    },

    /** A new job row with its audit entry, in one transaction. */
    async createJob(row: LabelRow, audit: LabelAudit): Promise<LabelRow> {
      await db.transaction('rw', db.labels, db.audit, async () => {
        await db.labels.add(row);
        await db.audit.add(auditRow(audit));
      });
      return row;
    },

    /**
     * Changes a job with `change` (which may refuse by returning null) and records `audit`, in
     * one transaction; returns the row as stored, or null when the job is missing or refused.
     */
    async updateJob(
      id: string,
      change: (row: LabelRow) => LabelRow | null,
      audit: (row: LabelRow) => LabelAudit,
    ): Promise<LabelRow | null> {
      return db.transaction('rw', db.labels, db.audit, async () => {
        const row = await db.labels.get(id);
        if (!row) return null;
        const next = change(row);
        if (!next) return null;
        await db.labels.put(next);
        await db.audit.add(auditRow(audit(next)));
        return next;
      });
    },

    job(id: string): Promise<LabelRow | undefined> {
      return db.labels.get(id);
    },

    /** Every job of an order, oldest first. */
    async jobsFor(orderId: string): Promise<LabelRow[]> {
      return db.labels.where('orderId').equals(orderId).sortBy('printedAt');
    },

    async recordAudit(audit: LabelAudit): Promise<void> {
      await db.audit.add(auditRow(audit));
    },

    async labelAudit(orderId: string): Promise<AuditRow[]> {
      const rows = await db.audit.where('orderId').equals(orderId).sortBy('at');
      return rows.filter((r) => r.kind.startsWith('label.'));
    },

    /** The stored shipping label of an order, newest first. */
    async documentFor(orderId: string): Promise<DocumentRow | undefined> {
      const rows = await db.documents.where('orderId').equals(orderId).sortBy('fetchedAt');
      return rows.filter((d) => d.kind === 'SHIPPING_LABEL').at(-1);
    },

    async hasDocument(packageId: string): Promise<boolean> {
      return (await db.documents.where('packageId').equals(packageId).count()) > 0;
    },

    async putDocument(row: DocumentRow, audit: LabelAudit): Promise<void> {
      await db.transaction('rw', db.documents, db.audit, async () => {
        await db.documents.put(row);
        await db.audit.add(auditRow(audit));
      });
    },

    /**
     * Packages of platform-shipped orders whose shipment is arranged and whose label is not
     * stored yet, at most `limit`. (Uses the `status` index; the rest is filtered in memory.)
     */
    async documentCandidates(
      limit: number,
    ): Promise<Array<{ order: OrderRow; packageId: string }>> {
      const orders = await db.orders
        .where('status')
        .anyOf([...DOCUMENT_STATUSES])
        .filter((o) => o.shippingType === 'TIKTOK' && o.packageIds.length > 0)
        .toArray();
      const out: Array<{ order: OrderRow; packageId: string }> = [];
      for (const order of orders) {
        for (const packageId of order.packageIds) {
          if (out.length >= limit) return out;
          if (!(await db.documents.where('packageId').equals(packageId).count())) {
            out.push({ order, packageId });
          }
        }
      }
      return out;
    },
  };
}

export type LabelsRepository = ReturnType<typeof createLabelsRepository>;
