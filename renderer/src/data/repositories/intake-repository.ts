/**
 * Order intake: pulled shop orders and imported Seller Center orders into the station database.
 * Every chunk is one transaction that also writes the pull checkpoint, so a crash mid-pull resumes
 * exactly where the last committed chunk ended (no duplicates: writes are keyed puts; no gaps: the
 * checkpoint never runs ahead of the data). Local state the shop does not know yet survives.
 */
import Dexie from 'dexie';
import type { ApiOrder } from '#shared/domain/api-order';
import {
  deriveFlags,
  type OrderFlag,
  type OrderRow,
  type OrderStatus,
  type Recipient,
} from '#shared/domain/order';
import { orderFromApi } from '#shared/logic/order-mapper';
import type { StationDb } from '../db';
import type { AuditRow } from '../rows';

export const INTAKE_STATE_KEY = 'intake-state';
export const INTAKE_CHECKPOINT_KEY = 'intake-checkpoint';
/** How many bad shop answers are kept for the report (all are counted). */
const MAX_PROBLEMS = 50;

/** One search of a pull: a status filter and/or an update_time lower bound, sorted by update_time. */
export interface IntakePhase {
  status?: OrderStatus;
  /** Unix seconds. */
  updateTimeGe?: number;
  /** From a page_size=1 count at the start of the run; null when unknown. */
  total: number | null;
  /** Incremental phases keep new orders only in these statuses (first-pull phases keep all). */
  keepNewOnly?: OrderStatus[];
}

export interface IntakeCheckpoint {
  kind: 'first' | 'incremental';
  /** Unix seconds, client clock, when the run was planned: the next cursor. */
  runStartedAt: number;
  phases: IntakePhase[];
  /** The phase to fetch next, and its page token ('' = its first page). */
  phase: number;
  pageToken: string;
  /** Orders processed so far in this run (pages written, bad orders counted). */
  done: number;
  total: number;
  inserted: number;
  updated: number;
  flagged: number;
  bad: number;
}

export interface IntakeProblem {
  at: number;
  orderId: string | null;
  message: string;
}

export interface IntakeState {
  /** Epoch ms when the first full pull finished; null until then. */
  firstPullCompletedAt: number | null;
  /** Unix seconds: the next incremental pull asks for update_time ≥ cursor − overlap. */
  cursor: number | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: { code: string; message: string; at: number } | null;
  lastRun: {
    kind: 'first' | 'incremental';
    at: number;
    pulled: number;
    inserted: number;
    updated: number;
    flagged: number;
    bad: number;
  } | null;
  /** Recent bad answers from the shop (malformed, unknown status, missing fields). */
  problems: IntakeProblem[];
  problemCount: number;
}

export const EMPTY_INTAKE_STATE: IntakeState = {
  firstPullCompletedAt: null,
  cursor: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  lastRun: null,
  problems: [],
  problemCount: 0,
};

/* ---------------- merging one incoming order with what the station has ---------------- */

/** Progress of an order through fulfilment; a pull never moves a local order backwards. */
const STATUS_RANK: Partial<Record<OrderStatus, number>> = {
  AWAITING_SHIPMENT: 0,
  PARTIALLY_SHIPPING: 1,
  AWAITING_COLLECTION: 2,
  IN_TRANSIT: 3,
  DELIVERED: 4,
  COMPLETED: 5,
};

const NOTIFY_FLAGS: readonly OrderFlag[] = ['stop-ship', 'cancel-requested', 'address-changed'];

function addressKey(r: Recipient): string {
  return JSON.stringify([
    r.name,
    r.phone,
    r.fullAddress,
    r.addressLines,
    r.postalCode,
    r.regionCode,
    r.districts,
  ]);
}

function hasAddress(r: Recipient): boolean {
  return r.fullAddress !== '' || r.addressLines.length > 0 || r.postalCode !== '';
}

/** True when the shop now sends a different address than the one the station stored. */
export function addressChanged(stored: Recipient, incoming: Recipient): boolean {
  return hasAddress(stored) && hasAddress(incoming) && addressKey(stored) !== addressKey(incoming);
}

export type MergeOutcome = 'inserted' | 'updated' | 'unchanged' | 'stale' | 'skipped';

export interface MergeResult {
  outcome: MergeOutcome;
  row: OrderRow | null;
  /** Flags the order did not have before (stop-ship, cancel-requested, address-changed). */
  raised: OrderFlag[];
}

export interface MergeOptions {
  practice: boolean;
  /** New orders (not yet stored) are kept only in these statuses; undefined keeps all. */
  keepNewOnly?: readonly OrderStatus[] | undefined;
}

/**
 * The row to store for an incoming shop order. Pure. Rules: an older answer never overwrites a
 * newer row; a changed address raises 'address-changed' (sticky until someone clears it); the
 * shop's cancel and cancel-request always win (stop-ship); a status the station is already past
 * (shipped locally, not yet confirmed upstream) is kept with its packages and tracking; fields
 * other features added to the row are kept.
 */
export function mergeIncoming(
  existing: OrderRow | undefined,
  api: ApiOrder,
  opts: MergeOptions,
): MergeResult {
  const mapped = orderFromApi(api, {
    practice: opts.practice,
    source: opts.practice ? 'practice' : 'api',
  });
  if (!existing) {
    if (opts.keepNewOnly && !opts.keepNewOnly.includes(mapped.status)) {
      return { outcome: 'skipped', row: null, raised: [] };
    }
    // A new order arrives with its flags; only a change to a stored order is "raised".
    return { outcome: 'inserted', row: mapped, raised: [] };
  }
  if (existing.updatedAt > mapped.updatedAt) return { outcome: 'stale', row: null, raised: [] };

  const sticky = new Set<OrderFlag>(existing.flags.filter((f) => f === 'address-changed'));
  if (existing.source !== 'file' && addressChanged(existing.recipient, mapped.recipient)) {
    sticky.add('address-changed');
  }
  const localRank = STATUS_RANK[existing.status];
  const upstreamRank = STATUS_RANK[mapped.status];
  const keepLocal =
    localRank !== undefined && upstreamRank !== undefined && localRank > upstreamRank;
  const status = keepLocal ? existing.status : mapped.status;
  const row: OrderRow = {
    ...existing,
    ...mapped,
    status,
    ...(keepLocal
      ? {
          packages: existing.packages,
          packageIds: existing.packageIds,
          trackingNumbers: existing.trackingNumbers,
        }
      : {}),
    flags: deriveFlags(
      {
        status,
        isOnHold: mapped.isOnHold,
        isBuyerRequestCancel: mapped.isBuyerRequestCancel,
      },
      [...sticky],
    ),
  };
  const raised = row.flags.filter((f) => NOTIFY_FLAGS.includes(f) && !existing.flags.includes(f));
  if (JSON.stringify(row) === JSON.stringify(existing)) {
    return { outcome: 'unchanged', row: null, raised: [] };
  }
  return { outcome: 'updated', row, raised };
}

/* ---------------- the repository ---------------- */

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  stale: number;
  skipped: number;
  flagged: number;
}

export interface ImportWriteCounts {
  orders: number;
  lines: number;
  inserted: number;
  updated: number;
}

const SHIPPED_STATUSES: readonly OrderStatus[] = [
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
];

export function createIntakeRepository(db: StationDb) {
  async function readState(): Promise<IntakeState> {
    const row = await db.meta.get(INTAKE_STATE_KEY);
    return { ...EMPTY_INTAKE_STATE, ...((row?.value as Partial<IntakeState> | undefined) ?? {}) };
  }

  function auditFlag(orderId: string, flags: OrderFlag[], at: number, why: string): AuditRow {
    return {
      id: crypto.randomUUID(),
      at,
      kind: 'intake.flagged',
      orderId,
      actor: 'intake',
      station: '',
      detail: { flags, why },
    };
  }

  return {
    state: readState,

    async checkpoint(): Promise<IntakeCheckpoint | null> {
      const row = await db.meta.get(INTAKE_CHECKPOINT_KEY);
      return (row?.value as IntakeCheckpoint | undefined) ?? null;
    },

    async saveCheckpoint(cp: IntakeCheckpoint): Promise<void> {
      await db.meta.put({ key: INTAKE_CHECKPOINT_KEY, value: cp });
    },

    /**
     * One chunk of a pull: merges the orders and moves the checkpoint in ONE transaction.
     * Bad orders (already validated out) are only recorded as problems.
     */
    async applyChunk(
      orders: readonly ApiOrder[],
      opts: MergeOptions & { now: number },
      next: IntakeCheckpoint,
      problems: readonly IntakeProblem[] = [],
    ): Promise<{ counts: ApplyCounts; checkpoint: IntakeCheckpoint }> {
      const counts: ApplyCounts = {
        inserted: 0,
        updated: 0,
        unchanged: 0,
        stale: 0,
        skipped: 0,
        flagged: 0,
      };
      let written = next;
      await db.transaction('rw', [db.orders, db.meta, db.audit], async () => {
        const existing = await db.orders.bulkGet(orders.map((o) => o.id));
        const rows: OrderRow[] = [];
        const audits: AuditRow[] = [];
        // The same id twice in one chunk: the later (merged with the earlier) wins.
        const pending = new Map<string, OrderRow>();
        orders.forEach((api, i) => {
          const before = pending.get(api.id) ?? existing[i];
          const r = mergeIncoming(before, api, opts);
          counts[r.outcome] += 1;
          if (r.row) pending.set(api.id, r.row);
          if (r.raised.length > 0) {
            counts.flagged += 1;
            audits.push(auditFlag(api.id, r.raised, opts.now, 'shop update'));
          }
        });
        rows.push(...pending.values());
        if (rows.length > 0) await db.orders.bulkPut(rows);
        if (audits.length > 0) await db.audit.bulkAdd(audits);
        const cp = {
          ...next,
          inserted: next.inserted + counts.inserted,
          updated: next.updated + counts.updated,
          flagged: next.flagged + counts.flagged,
        };
        await db.meta.put({ key: INTAKE_CHECKPOINT_KEY, value: cp });
        written = cp;
        if (problems.length > 0) {
          const state = await readState();
          await db.meta.put({
            key: INTAKE_STATE_KEY,
            value: {
              ...state,
              problems: [...problems, ...state.problems].slice(0, MAX_PROBLEMS),
              problemCount: state.problemCount + problems.length,
            },
          });
        }
      });
      return { counts, checkpoint: written };
    },

    /** The run finished: the cursor moves and the checkpoint goes, together. */
    async finishRun(cp: IntakeCheckpoint, now: number): Promise<IntakeState> {
      return db.transaction('rw', db.meta, async () => {
        const state = await readState();
        const next: IntakeState = {
          ...state,
          cursor: cp.runStartedAt,
          firstPullCompletedAt: cp.kind === 'first' ? now : (state.firstPullCompletedAt ?? now),
          lastSuccessAt: now,
          lastAttemptAt: now,
          lastError: null,
          lastRun: {
            kind: cp.kind,
            at: now,
            pulled: cp.done,
            inserted: cp.inserted,
            updated: cp.updated,
            flagged: cp.flagged,
            bad: cp.bad,
          },
        };
        await db.meta.put({ key: INTAKE_STATE_KEY, value: next });
        await db.meta.delete(INTAKE_CHECKPOINT_KEY);
        return next;
      });
    },

    /** A failed run: the checkpoint stays (the next run resumes from it). */
    async recordError(error: { code: string; message: string }, now: number): Promise<void> {
      await db.transaction('rw', db.meta, async () => {
        const state = await readState();
        await db.meta.put({
          key: INTAKE_STATE_KEY,
          value: { ...state, lastAttemptAt: now, lastError: { ...error, at: now } },
        });
      });
    },

    /** Forgets a checkpoint whose page token the shop no longer accepts (the phase restarts). */
    async resetPhaseToken(cp: IntakeCheckpoint): Promise<IntakeCheckpoint> {
      const next = { ...cp, pageToken: '' };
      await db.meta.put({ key: INTAKE_CHECKPOINT_KEY, value: next });
      return next;
    },

    /**
     * Imported Seller Center orders, one chunk: never overwrites a newer row, keeps the flags and
     * local fields of stored orders. Returns what was written.
     */
    async writeImported(
      rows: readonly OrderRow[],
      opts: { practice: boolean },
    ): Promise<ImportWriteCounts> {
      const counts: ImportWriteCounts = { orders: 0, lines: 0, inserted: 0, updated: 0 };
      await db.transaction('rw', db.orders, async () => {
        // One key-only cursor finds which orders exist; only those are read in full (a fresh
        // import of a large file reads nothing, where a get per order cost a request each).
        const ids = rows.map((r) => r.id);
        const present = await db.orders.where(':id').anyOf(ids).primaryKeys();
        const stored = present.length > 0 ? await db.orders.bulkGet(present) : [];
        const byId = new Map<string, OrderRow>();
        for (const row of stored) if (row) byId.set(row.id, row);
        const out: OrderRow[] = [];
        rows.forEach((incoming) => {
          const before = byId.get(incoming.id);
          counts.orders += 1;
          counts.lines += incoming.lines.length;
          if (before && before.updatedAt > incoming.updatedAt) return;
          const row: OrderRow = before
            ? {
                ...before,
                ...incoming,
                practice: opts.practice,
                flags: deriveFlags(
                  incoming,
                  before.flags.filter((f) => f === 'address-changed'),
                ),
              }
            : { ...incoming, practice: opts.practice };
          if (before) counts.updated += 1;
          else counts.inserted += 1;
          out.push(row);
        });
        if (out.length > 0) await db.orders.bulkPut(out);
      });
      return counts;
    },

    /** Bench/dev only: forgets every order and the intake's state, so a full first pull can be timed. */
    async resetForBench(): Promise<void> {
      await db.transaction('rw', db.orders, db.meta, async () => {
        await db.orders.clear();
        await db.meta.bulkDelete([INTAKE_STATE_KEY, INTAKE_CHECKPOINT_KEY]);
      });
    },

    /** Orders shipped at the bench: a tracking number and a status from awaiting-pickup on. */
    async shippedOrders(): Promise<OrderRow[]> {
      const out: OrderRow[] = [];
      for (const status of SHIPPED_STATUSES) {
        const rows = await db.orders
          .where('[status+shipBy]')
          .between([status, Dexie.minKey], [status, Dexie.maxKey])
          .filter((o) => o.trackingNumbers.length > 0)
          .toArray();
        out.push(...rows);
      }
      return out;
    },

    async countShipped(): Promise<number> {
      let n = 0;
      for (const status of SHIPPED_STATUSES) {
        n += await db.orders
          .where('[status+shipBy]')
          .between([status, Dexie.minKey], [status, Dexie.maxKey])
          .filter((o) => o.trackingNumbers.length > 0)
          .count();
      }
      return n;
    },
  };
}

export type IntakeRepository = ReturnType<typeof createIntakeRepository>;
