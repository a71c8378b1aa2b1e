import { OrderRow, deriveFlags } from '#shared/domain/order';
import {
  intentTracking,
  OutboxRow,
  planEnqueue,
  type EnqueueInput,
  type RowPatch,
} from '#shared/logic/outbox/index';
import { normaliseTracking } from '#shared/logic/shipping/index';
import { err, ok, type Result } from '#shared/utils/result';
import type { JournalEntry } from '#shared/bridge/contract';
import type { StationDb } from '../db';
import type { AuditRow, OutboxRow as StoredOutboxRow } from '../rows';
import { bumpOutboxVersion, parseStoredRow } from './dexie-store';

/**
 * The transactional outbox write (reliability.md §1.2, I4): the order change, the new outbox row,
 * the supersede patches of earlier unsent rows and the audit row commit in ONE `rw` transaction
 * with durability strict (the station database is opened strict), or none of them does. Nothing
 * inside catches a rejection: a failed `add` aborts everything. The JSONL journal (the Node-side
 * second copy) is appended only after the commit.
 */

export const SEQ_KEY = 'outbox.seq';

export interface EnqueueActor {
  packer: string;
  station: string;
}

export interface EnqueueOptions {
  now: number;
  actor: EnqueueActor;
  /** `journal.append` over the bridge; called after the commit. */
  journal?: (entries: JournalEntry[]) => Promise<{ ok: boolean }>;
  /** Ids for the new row; random UUIDs by default (never regenerated on retry). */
  ids?: () => { id: string; idempotencyKey: string };
  /** Runs inside the transaction after the order change and before the outbox add (tests). */
  beforeOutboxAdd?: () => void;
  /** The audit row's kind and extra detail; `ship.enqueued` by default. */
  audit?: { kind: string; detail?: Record<string, unknown> };
}

export type EnqueueError =
  | { code: 'order-not-found'; message: string }
  | { code: 'tracking-used'; message: string; orderIds: string[] }
  | { code: 'order-not-shippable'; message: string };

export interface EnqueueReceipt {
  row: OutboxRow;
  superseded: string[];
  /** False when the journal copy could not be written (the row itself is committed). */
  journaled: boolean;
}

class Rejected extends Error {
  constructor(readonly reason: EnqueueError) {
    super(reason.message);
  }
}

/** The order as the bench sees it once the shipment is recorded (tracking in the index). */
export function shippedOrder(
  order: OrderRow,
  change: {
    packageId: string;
    trackingNumber: string | null;
    shippingProviderId: string | null;
    shippingProviderName: string;
    now: number;
  },
): OrderRow {
  const tracking = change.trackingNumber === null ? null : normaliseTracking(change.trackingNumber);
  const packages = order.packages.map((p) =>
    p.id === change.packageId
      ? {
          ...p,
          trackingNumber: tracking ?? p.trackingNumber,
          shippingProviderId: change.shippingProviderId ?? p.shippingProviderId,
          shippingProviderName: change.shippingProviderName,
        }
      : p,
  );
  const trackingNumbers = [
    ...new Set(packages.map((p) => p.trackingNumber.toUpperCase()).filter((t) => t !== '')),
  ];
  const next: OrderRow = {
    ...order,
    status: 'AWAITING_COLLECTION',
    packages,
    trackingNumbers,
    updatedAt: change.now,
  };
  return {
    ...next,
    flags: deriveFlags(
      next,
      order.flags.filter((f) => f === 'address-changed'),
    ),
  };
}

/**
 * Records a shipment: `orderChange` turns the stored order into the shipped one. Resolves once
 * the transaction is on disk; rejects only on a database failure (quota, I/O), which the caller
 * must show. Expected refusals (unknown order, tracking already used) are `err` values.
 */
export async function enqueueShipment(
  db: StationDb,
  input: EnqueueInput,
  orderChange: (order: OrderRow) => OrderRow,
  opts: EnqueueOptions,
): Promise<Result<EnqueueReceipt, EnqueueError>> {
  const ids =
    opts.ids ?? (() => ({ id: crypto.randomUUID(), idempotencyKey: crypto.randomUUID() }));
  let receipt: Omit<EnqueueReceipt, 'journaled'>;
  try {
    receipt = await db.transaction('rw', [db.orders, db.outbox, db.audit, db.meta], async () => {
      const order = await db.orders.get(input.orderId);
      if (!order) {
        throw new Rejected({
          code: 'order-not-found',
          message: `Order ${input.orderId} is not on this station`,
        });
      }
      if (order.status === 'CANCELLED') {
        throw new Rejected({
          code: 'order-not-shippable',
          message: `Order ${input.orderId} is cancelled: do not ship it`,
        });
      }
      const wanted = intentTracking(input.intent);
      if (wanted) {
        const normalised = normaliseTracking(wanted.trackingNumber);
        const owners: string[] = await db.orders
          .where('trackingNumbers')
          .equals(normalised)
          .primaryKeys();
        const others = owners.filter((id) => id !== input.orderId);
        if (others.length > 0) {
          throw new Rejected({
            code: 'tracking-used',
            message: `Tracking number ${normalised} is already used on order ${others.join(', ')}`,
            orderIds: others,
          });
        }
      }

      const changed = OrderRow.parse(orderChange(order));
      await db.orders.put(changed);
      opts.beforeOutboxAdd?.();

      const lastRow = await db.outbox.orderBy('seq').last();
      const stored = (await db.meta.get(SEQ_KEY))?.value;
      const seq = Math.max(typeof stored === 'number' ? stored : 0, lastRow?.seq ?? 0) + 1;
      await db.meta.put({ key: SEQ_KEY, value: seq });

      const active = (await db.outbox.where('orderId').equals(input.orderId).toArray())
        .map(parseStoredRow)
        .filter((r): r is OutboxRow => r !== null);
      const plan = planEnqueue(input, active, { ...ids(), seq }, opts.now);
      const row = OutboxRow.parse(plan.row);
      const superseded: string[] = [];
      for (const s of plan.supersede) {
        const current = await db.outbox.get(s.id);
        if (current?.state !== 'pending') continue;
        const patch: RowPatch = s.patch;
        await db.outbox.put({ ...current, ...patch } as StoredOutboxRow);
        superseded.push(s.id);
      }
      await db.outbox.add(row as unknown as StoredOutboxRow);
      await bumpOutboxVersion(db, 1 - superseded.length);
      const audit: AuditRow = {
        id: crypto.randomUUID(),
        at: opts.now,
        kind: opts.audit?.kind ?? 'ship.enqueued',
        orderId: input.orderId,
        actor: opts.actor.packer,
        station: opts.actor.station,
        detail: {
          ...opts.audit?.detail,
          rowId: row.id,
          idempotencyKey: row.idempotencyKey,
          seq: row.seq,
          kind: row.kind,
          payload: row.payload,
          superseded,
        },
      };
      await db.audit.add(audit);
      return { row, superseded };
    });
  } catch (cause) {
    if (cause instanceof Rejected) return err(cause.reason);
    throw cause;
  }

  let journaled = false;
  if (opts.journal) {
    try {
      const r = await opts.journal([
        {
          id: receipt.row.id,
          kind: 'outbox.enqueued',
          at: opts.now,
          // The database it belongs to: one journal serves the practice and the live station.
          payload: { row: receipt.row, superseded: receipt.superseded, db: db.name },
        },
      ]);
      journaled = r.ok;
    } catch {
      journaled = false;
    }
  }
  return ok({ ...receipt, journaled });
}
