import type { JournalEntry } from '#shared/bridge/contract';
import type { ApiReturn } from '#shared/domain/api-return';
import type { OrderRow } from '#shared/domain/order';
import { OutboxRow, planEnqueue } from '#shared/logic/outbox/index';
import { actionFromShop, compareUrgency, nextActionFor } from '#shared/logic/returns/deadlines';
import {
  validDecisionPayload,
  type ReturnDecisionPayload,
} from '#shared/logic/returns/outbox-decision';
import { ReturnType as ReturnTypeSchema } from '#shared/logic/returns/types';
import { normaliseTracking } from '#shared/logic/shipping/tracking';
import { err, ok, type Result } from '#shared/utils/result';
import type { StationDb } from '../db';
import { SEQ_KEY } from '../outbox/enqueue';
import { bumpOutboxVersion, parseStoredRow } from '../outbox/dexie-store';
import type { AuditRow, OutboxRow as StoredOutboxRow } from '../rows';
import type { ReturnRow } from '../rows-returns';
import { createReplacementOrder } from './replacement-repository';

/**
 * After-sales requests on the station: written from the shop's Search Returns (incrementally, by
 * update time), found by what the bench scans (the return parcel's tracking number, the return
 * id, or the original order's id, package id or tracking number), and decided at the bench. A
 * decision is an outbox intent (`return-decision`) written in the same transaction as the request's
 * "decision pending" mark and its audit row, then sent exactly once by the sync worker.
 */

export const RETURNS_CURSOR_KEY = 'returns.cursor';

export interface Actor {
  packer: string;
  station: string;
}

export type ScanHit =
  | {
      kind: 'return';
      ret: ReturnRow;
      order: OrderRow | null;
      matchedBy: 'return-tracking' | 'return-id' | 'order';
    }
  | { kind: 'order-only'; order: OrderRow }
  | { kind: 'none' };

/** A request as the bench stores it, from the shop's wire shape; bench fields kept from `prev`. */
export function returnRowFromApi(
  r: ApiReturn,
  prev: ReturnRow | undefined,
  opts: { now: number; practice: boolean },
): ReturnRow {
  const type = ReturnTypeSchema.safeParse(r.return_type);
  const next = r.seller_next_action_response[0];
  const action = next
    ? actionFromShop(next.action, r.return_status)
    : nextActionFor(r.return_status);
  return {
    id: r.return_id,
    orderId: r.order_id,
    type: type.success ? type.data : 'RETURN_AND_REFUND',
    status: r.return_status,
    reasonCode: r.return_reason,
    reasonText: r.return_reason_text,
    returnTracking: r.return_tracking_number ? normaliseTracking(r.return_tracking_number) : '',
    returnCarrier: r.return_provider_name,
    nextAction: action,
    nextDeadline: next?.deadline !== undefined && action !== 'none' ? next.deadline * 1000 : 0,
    lines: r.return_line_items.map((li) => ({
      returnLineId: li.return_line_item_id,
      orderLineId: li.order_line_item_id,
      skuId: li.sku_id,
      sellerSku: li.seller_sku,
      productName: li.product_name,
      skuName: li.sku_name,
    })),
    refundTotal: r.refund_amount?.refund_total ?? '0',
    currency: r.refund_amount?.currency ?? '',
    createdAt: r.create_time * 1000,
    updatedAt: r.update_time * 1000,
    // A decision stays pending until the shop shows the request moved on.
    pendingDecision:
      prev?.pendingDecision && prev.status === r.return_status ? prev.pendingDecision : null,
    replacementOrderId: prev?.replacementOrderId ?? null,
    practice: opts.practice,
    pulledAt: opts.now,
  };
}

export type DecideError =
  | { code: 'not-found'; message: string }
  | { code: 'invalid'; message: string }
  | { code: 'already-pending'; message: string }
  | { code: 'replacement'; message: string };

export interface DecideInput extends Omit<ReturnDecisionPayload, 'returnId' | 'returnType'> {
  returnId: string;
  actor: Actor;
  now: number;
  ids?: () => { id: string; idempotencyKey: string };
  journal?: (entries: JournalEntry[]) => Promise<{ ok: boolean }>;
  /** An approved replacement: the linked replacement order made in the same transaction. */
  replacement?: { reason: string };
}

/** The order lines a request names, or null when it names all of them (or none we know). */
function returnedLines(ret: ReturnRow, order: OrderRow | undefined): string[] | null {
  const ids = ret.lines.map((l) => l.orderLineId).filter((id) => id !== '');
  if (!order || ids.length === 0 || order.lines.every((l) => ids.includes(l.id))) return null;
  return ids;
}

export interface PackEvidence {
  packedBy: { packer: string; station: string; at: number } | null;
  scanCount: number;
  scans: Array<{ code: string; outcome: string; at: number }>;
  label: { trackingNumber: string; printedAt: number; state: string } | null;
  /** Sum of the catalog weights of the order's units; null when any is unknown. */
  weightGrams: number | null;
}

class Refused extends Error {
  constructor(readonly reason: DecideError) {
    super(reason.message);
  }
}

/** Enqueues a decision inside the caller's `rw` transaction (returns, outbox, audit, meta). */
export async function enqueueDecisionInTx(
  db: StationDb,
  input: DecideInput,
): Promise<{ row: OutboxRow; ret: ReturnRow }> {
  const ret = await db.returns.get(input.returnId);
  if (!ret) {
    throw new Refused({
      code: 'not-found',
      message: `Return ${input.returnId} is not on this station`,
    });
  }
  if (ret.pendingDecision) {
    const existing = await db.outbox.get(ret.pendingDecision.rowId);
    if (existing && ['pending', 'inflight', 'verify'].includes(existing.state)) {
      throw new Refused({
        code: 'already-pending',
        message: `A decision (${ret.pendingDecision.decision}) on return ${ret.id} is already queued`,
      });
    }
  }
  const payload: ReturnDecisionPayload = {
    returnId: ret.id,
    returnType: ret.type,
    decision: input.decision,
    ...(input.rejectReason !== undefined ? { rejectReason: input.rejectReason } : {}),
    ...(input.comment !== undefined && input.comment !== '' ? { comment: input.comment } : {}),
  };
  const problem = validDecisionPayload(payload);
  if (problem) throw new Refused({ code: 'invalid', message: problem });
  const ids = (
    input.ids ?? (() => ({ id: crypto.randomUUID(), idempotencyKey: crypto.randomUUID() }))
  )();
  const lastRow = await db.outbox.orderBy('seq').last();
  const stored = (await db.meta.get(SEQ_KEY))?.value;
  const seq = Math.max(typeof stored === 'number' ? stored : 0, lastRow?.seq ?? 0) + 1;
  await db.meta.put({ key: SEQ_KEY, value: seq });
  const active = (await db.outbox.where('orderId').equals(ret.orderId).toArray())
    .map(parseStoredRow)
    .filter((r): r is OutboxRow => r !== null);
  const plan = planEnqueue(
    {
      orderId: ret.orderId,
      packageId: '',
      expected: { statuses: ['DELIVERED', 'IN_TRANSIT', 'AWAITING_COLLECTION', 'COMPLETED'] },
      intent: { kind: 'return-decision', payload },
    },
    active,
    { ...ids, seq },
    input.now,
  );
  const row = OutboxRow.parse(plan.row);
  let superseded = 0;
  for (const s of plan.supersede) {
    const current = await db.outbox.get(s.id);
    if (current?.state !== 'pending') continue;
    await db.outbox.put({ ...current, ...s.patch } as StoredOutboxRow);
    superseded += 1;
  }
  await db.outbox.add(row as unknown as StoredOutboxRow);
  await bumpOutboxVersion(db, 1 - superseded);
  const next: ReturnRow = {
    ...ret,
    pendingDecision: { decision: input.decision, rowId: row.id, at: input.now },
  };
  if (input.replacement) {
    const lineIds = returnedLines(ret, await db.orders.get(ret.orderId));
    const made = await createReplacementOrder(db, {
      originalOrderId: ret.orderId,
      reason: input.replacement.reason,
      origin: 'return',
      // The lines that come back; the whole order when the request names them all.
      ...(lineIds ? { lineIds } : {}),
      actor: input.actor,
      now: input.now,
    });
    if (!made.ok) throw new Refused({ code: 'replacement', message: made.error.message });
    next.replacementOrderId = made.value.id;
  }
  await db.returns.put(next);
  const audit: AuditRow = {
    id: crypto.randomUUID(),
    at: input.now,
    kind: 'return.decided',
    orderId: ret.orderId,
    actor: input.actor.packer,
    station: input.actor.station,
    detail: {
      returnId: ret.id,
      decision: input.decision,
      rejectReason: input.rejectReason ?? null,
      comment: input.comment ?? null,
      rowId: row.id,
      idempotencyKey: row.idempotencyKey,
    },
  };
  await db.audit.add(audit);
  return { row, ret: next };
}

export function createReturnsRepository(db: StationDb) {
  return {
    /** Writes one pulled page; bench fields (pending decision, replacement) are kept. */
    async upsertFromShop(
      page: readonly ApiReturn[],
      opts: { now: number; practice: boolean },
    ): Promise<{ added: number; updated: number }> {
      return db.transaction('rw', db.returns, async () => {
        const prev = await db.returns.bulkGet(page.map((r) => r.return_id));
        const rows = page.map((r, i) => returnRowFromApi(r, prev[i], opts));
        await db.returns.bulkPut(rows);
        const added = prev.filter((p) => p === undefined).length;
        return { added, updated: rows.length - added };
      });
    },

    async cursor(): Promise<number | null> {
      const v = (await db.meta.get(RETURNS_CURSOR_KEY))?.value;
      return typeof v === 'number' ? v : null;
    },

    async saveCursor(updateTimeSeconds: number): Promise<void> {
      await db.meta.put({ key: RETURNS_CURSOR_KEY, value: updateTimeSeconds });
    },

    get(id: string): Promise<ReturnRow | undefined> {
      return db.returns.get(id);
    },

    forOrder(orderId: string): Promise<ReturnRow[]> {
      return db.returns.where('orderId').equals(orderId).toArray();
    },

    /** The queue: requests waiting for the seller first (overdue first), then the rest. */
    async queue(limit = 500): Promise<ReturnRow[]> {
      const rows = await db.returns.orderBy('updatedAt').reverse().limit(5000).toArray();
      return rows
        .map((r) => ({ r, action: r.nextAction as 'review-request' | 'receive-package' | 'none' }))
        .sort((a, b) =>
          compareUrgency(
            { action: a.action, deadline: a.r.nextDeadline || null },
            { action: b.action, deadline: b.r.nextDeadline || null },
          ),
        )
        .slice(0, limit)
        .map((x) => x.r);
    },

    /**
     * What a scan at the returns bench points at: the return parcel's tracking number, a return
     * id, or the original order (order id, package id, outbound tracking number) and its request.
     */
    async findByScan(code: string): Promise<ScanHit> {
      const raw = code.trim();
      if (!raw) return { kind: 'none' };
      const tracking = normaliseTracking(raw);
      const byTracking = tracking
        ? await db.returns.where('returnTracking').equals(tracking).first()
        : undefined;
      if (byTracking) {
        const order = (await db.orders.get(byTracking.orderId)) ?? null;
        return { kind: 'return', ret: byTracking, order, matchedBy: 'return-tracking' };
      }
      const byId = await db.returns.get(raw);
      if (byId) {
        const order = (await db.orders.get(byId.orderId)) ?? null;
        return { kind: 'return', ret: byId, order, matchedBy: 'return-id' };
      }
      const order =
        (await db.orders.get(raw)) ??
        (await db.orders.where('packageIds').equals(raw).first()) ??
        (tracking ? await db.orders.where('trackingNumbers').equals(tracking).first() : undefined);
      if (!order) return { kind: 'none' };
      const reqs = await db.returns.where('orderId').equals(order.id).toArray();
      const open =
        reqs.find((r) => r.nextAction === 'receive-package') ??
        reqs.find((r) => r.nextAction !== 'none') ??
        reqs.sort((a, b) => b.updatedAt - a.updatedAt)[0];
      return open
        ? { kind: 'return', ret: open, order, matchedBy: 'order' }
        : { kind: 'order-only', order };
    },

    /** Records a decision and queues it for the shop, in one transaction. */
    async decide(
      input: DecideInput,
    ): Promise<Result<{ row: OutboxRow; ret: ReturnRow; journaled: boolean }, DecideError>> {
      let made: { row: OutboxRow; ret: ReturnRow };
      try {
        made = await db.transaction(
          'rw',
          [db.returns, db.outbox, db.audit, db.meta, db.orders],
          () => enqueueDecisionInTx(db, input),
        );
      } catch (cause) {
        if (cause instanceof Refused) return err(cause.reason);
        throw cause;
      }
      let journaled = false;
      if (input.journal) {
        try {
          journaled = (
            await input.journal([
              {
                id: made.row.id,
                kind: 'outbox.enqueued',
                at: input.now,
                payload: { row: made.row, superseded: [] },
              },
            ])
          ).ok;
        } catch {
          journaled = false;
        }
      }
      return ok({ ...made, journaled });
    },

    /** The outbox state of a queued decision, or null when the row is gone. */
    async decisionState(rowId: string): Promise<string | null> {
      return (await db.outbox.get(rowId))?.state ?? null;
    },

    /** Who packed the order, what was scanned, the label and the weight: shown with a request. */
    async packEvidence(orderId: string): Promise<PackEvidence> {
      const [sessions, scans, labels, order] = await Promise.all([
        db.packSessions.where('orderId').equals(orderId).toArray(),
        db.scanEvents.where('orderId').equals(orderId).sortBy('at'),
        db.labels.where('orderId').equals(orderId).sortBy('printedAt'),
        db.orders.get(orderId),
      ]);
      const packed = sessions
        .filter((x) => x.status === 'completed')
        .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))[0];
      const products = order
        ? await db.products.bulkGet([...new Set(order.lines.map((l) => l.skuId))])
        : [];
      const grams = new Map(products.flatMap((p) => (p ? [[p.id, p.weightGrams] as const] : [])));
      const weights = (order?.lines ?? []).map((l) => grams.get(l.skuId) ?? 0);
      const label = labels.at(-1);
      return {
        packedBy: packed
          ? {
              packer: packed.packer,
              station: packed.station,
              at: packed.endedAt ?? packed.startedAt,
            }
          : null,
        scanCount: scans.length,
        scans: scans.slice(-12).map((x) => ({ code: x.code, outcome: x.outcome, at: x.at })),
        label: label
          ? { trackingNumber: label.trackingNumber, printedAt: label.printedAt, state: label.state }
          : null,
        weightGrams:
          weights.length > 0 && weights.every((w) => w > 0)
            ? weights.reduce((a, b) => a + b, 0)
            : null,
      };
    },
  };
}

export { Refused as DecisionRefused };
export type ReturnsRepository = ReturnType<typeof createReturnsRepository>;
