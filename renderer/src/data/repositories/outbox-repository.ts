import type { OrderRow } from '#shared/domain/order';
import {
  ACTIVE_STATES,
  isRequeueable,
  PARKED_STATES,
  type EnqueueInput,
  type OutboxRow,
} from '#shared/logic/outbox/index';
import { err, ok, type Result } from '#shared/utils/result';
import type { StationDb } from '../db';
import {
  bumpOutboxVersion,
  countActive,
  createDexieOutboxStore,
  OUTBOX_ACTIVE_KEY,
  enqueueShipment,
  LAST_SUCCESS_KEY,
  parseStoredRow,
  type EnqueueError,
  type EnqueueOptions,
  type EnqueueReceipt,
  type OutboxStoreHooks,
} from '../outbox';
import type { AuditRow, OutboxRow as StoredOutboxRow } from '../rows';

const OPEN_STATES: string[] = [...ACTIVE_STATES];
const PARKED: string[] = [...PARKED_STATES];

export interface OutboxActor {
  packer: string;
  station: string;
}

export interface OutboxStatus {
  depth: number;
  oldestPendingAt: number | null;
  lastSuccessAt: number | null;
  /** Conflicts and dead letters that nobody has dismissed yet. */
  needsPerson: number;
}

export interface OutboxScreenData {
  active: OutboxRow[];
  /** Conflicts and dead letters waiting for a decision, oldest first. */
  parked: OutboxRow[];
  /** Parked rows a person has dismissed (kept, never deleted). */
  dismissed: OutboxRow[];
  recentDone: OutboxRow[];
}

function parseRows(raw: readonly unknown[]): OutboxRow[] {
  return raw.map(parseStoredRow).filter((r): r is OutboxRow => r !== null);
}

/**
 * The outbox as the screens need it: status numbers through indexes, parked rows for the Outbox
 * screen, and the supervisor's requeue and dismiss (both audited, in the same transaction).
 */
export function createOutboxRepository(db: StationDb) {
  /**
   * No active row has a seq below this: rows become active only when enqueued (a new, higher seq)
   * or requeued here (which lowers the hint). Saves walking every done row for "oldest pending".
   */
  let oldestSeqHint = 0;

  /** Dismissals by row id: the time of the latest one. */
  async function dismissals(): Promise<Map<string, number>> {
    const rows = await db.audit.where('kind').equals('outbox.dismissed').toArray();
    const out = new Map<string, number>();
    for (const r of rows) {
      const id = typeof r.detail.rowId === 'string' ? r.detail.rowId : null;
      if (id) out.set(id, Math.max(out.get(id) ?? 0, r.at));
    }
    return out;
  }

  function isDismissed(row: OutboxRow, map: Map<string, number>): boolean {
    const at = map.get(row.id);
    return at !== undefined && at >= row.updatedAt;
  }

  /** Active rows: the count every outbox writer keeps in meta, or a count when there is none. */
  async function activeCount(): Promise<number> {
    const kept = (await db.meta.get(OUTBOX_ACTIVE_KEY))?.value;
    return typeof kept === 'number' ? kept : countActive(db);
  }

  return {
    /** Updates waiting to reach the shop. */
    depth(): Promise<number> {
      return activeCount();
    },

    store(hooks: OutboxStoreHooks = {}) {
      return createDexieOutboxStore(db, hooks);
    },

    enqueueShipment(
      input: EnqueueInput,
      orderChange: (order: OrderRow) => OrderRow,
      opts: EnqueueOptions,
    ): Promise<Result<EnqueueReceipt, EnqueueError>> {
      return enqueueShipment(db, input, orderChange, opts);
    },

    /** Status bar numbers, through indexes (no full-table read on a large queue). */
    async status(): Promise<OutboxStatus> {
      const depth = await activeCount();
      let oldestPendingAt: number | null = null;
      if (depth > 0) {
        // seq rises with creation time: the first active row by seq is the oldest.
        const oldest = await db.outbox
          .where('seq')
          .aboveOrEqual(oldestSeqHint)
          .filter((r) => OPEN_STATES.includes(r.state))
          .first();
        if (oldest) oldestSeqHint = oldest.seq;
        oldestPendingAt = oldest?.createdAt ?? null;
      }
      const last = (await db.meta.get(LAST_SUCCESS_KEY))?.value;
      const parkedRows = parseRows(await db.outbox.where('state').anyOf(PARKED).toArray());
      const dismissed = parkedRows.length > 0 ? await dismissals() : new Map<string, number>();
      return {
        depth,
        oldestPendingAt,
        lastSuccessAt: typeof last === 'number' ? last : null,
        needsPerson: parkedRows.filter((r) => !isDismissed(r, dismissed)).length,
      };
    },

    async screenData(doneLimit = 20): Promise<OutboxScreenData> {
      const active = parseRows(await db.outbox.where('state').anyOf(OPEN_STATES).toArray()).sort(
        (a, b) => a.seq - b.seq,
      );
      const parkedAll = parseRows(await db.outbox.where('state').anyOf(PARKED).toArray()).sort(
        (a, b) => a.seq - b.seq,
      );
      const map = await dismissals();
      const recentDone = parseRows(
        await db.outbox
          .orderBy('seq')
          .reverse()
          .filter((r) => r.state === 'done')
          .limit(doneLimit)
          .toArray(),
      );
      return {
        active,
        parked: parkedAll.filter((r) => !isDismissed(r, map)),
        dismissed: parkedAll.filter((r) => isDismissed(r, map)),
        recentDone,
      };
    },

    async rowsForOrder(orderId: string): Promise<OutboxRow[]> {
      return parseRows(await db.outbox.where('orderId').equals(orderId).toArray()).sort(
        (a, b) => a.seq - b.seq,
      );
    },

    /**
     * A supervisor's retry of a dead or conflicted row: back to `verify` (read back before any
     * send), attempts reset, with its audit row in the same transaction.
     */
    async requeue(
      id: string,
      actor: OutboxActor,
      now: number,
    ): Promise<Result<OutboxRow, 'not-found' | 'not-requeueable'>> {
      return db.transaction('rw', [db.outbox, db.audit, db.meta], async () => {
        const row = parseStoredRow(await db.outbox.get(id));
        if (!row) return err('not-found' as const);
        if (!isRequeueable(row.state)) return err('not-requeueable' as const);
        oldestSeqHint = Math.min(oldestSeqHint, row.seq);
        const next: OutboxRow = {
          ...row,
          state: 'verify',
          attempts: 0,
          nextAttemptAt: now,
          updatedAt: now,
        };
        await db.outbox.put(next as unknown as StoredOutboxRow);
        await bumpOutboxVersion(db, 1);
        const audit: AuditRow = {
          id: crypto.randomUUID(),
          at: now,
          kind: 'outbox.requeued',
          orderId: row.orderId,
          actor: actor.packer,
          station: actor.station,
          detail: { rowId: row.id, from: row.state, lastError: row.lastError },
        };
        await db.audit.add(audit);
        return ok(next);
      });
    },

    /** Discard a dead letter or mark a conflict handled: audited; the row itself is kept. */
    async dismiss(
      id: string,
      actor: OutboxActor,
      now: number,
      decision: 'discard' | 'resolved',
    ): Promise<Result<null, 'not-found' | 'not-parked'>> {
      return db.transaction('rw', [db.outbox, db.audit], async () => {
        const row = parseStoredRow(await db.outbox.get(id));
        if (!row) return err('not-found' as const);
        if (!PARKED.includes(row.state)) return err('not-parked' as const);
        const audit: AuditRow = {
          id: crypto.randomUUID(),
          at: Math.max(now, row.updatedAt),
          kind: 'outbox.dismissed',
          orderId: row.orderId,
          actor: actor.packer,
          station: actor.station,
          detail: { rowId: row.id, state: row.state, decision, lastError: row.lastError },
        };
        await db.audit.add(audit);
        return ok(null);
      });
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
