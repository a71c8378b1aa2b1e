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
     * Packages of platform-shipped orders whose shipment is arranged, has reached the shop (no
     * unsent Ship Package in the outbox: the shop has no label before that), and whose label is
     * not stored yet: at most `limit`, skipping packages `skip` names (the fetcher's backoff).
     * Walks the `status` index with a cursor and stops at `limit`: a station with thousands of
     * arranged orders never loads them all.
     */
    async documentCandidates(
      limit: number,
      skip: (packageId: string) => boolean = () => false,
    ): Promise<Array<{ order: OrderRow; packageId: string }>> {
      const stored = new Set<unknown>(await db.documents.orderBy('packageId').uniqueKeys());
      const found: Array<{ order: OrderRow; packageId: string }> = [];
      // Room for the ones dropped below as not yet synced.
      const room = limit * 2;
      await db.orders
        .where('status')
        .anyOf([...DOCUMENT_STATUSES])
        .until(() => found.length >= room)
        .each((order) => {
          if (order.shippingType !== 'TIKTOK') return;
          for (const packageId of order.packageIds) {
            if (found.length < room && !stored.has(packageId) && !skip(packageId)) {
              found.push({ order, packageId });
            }
          }
        });
      const out: Array<{ order: OrderRow; packageId: string }> = [];
      for (const c of found) {
        if (out.length >= limit) break;
        const unsent = await db.outbox
          .where('orderId')
          .equals(c.order.id)
          .filter((r) => r.kind === 'ship-package' && r.state !== 'done')
          .count();
        if (unsent === 0) out.push(c);
      }
      return out;
    },
  };
}

export type LabelsRepository = ReturnType<typeof createLabelsRepository>;
