import {
  ACTIVE_STATES,
  assertTransition,
  isActiveState,
  isParkedState,
  OutboxRow,
  type OutboxState,
  type OutboxStore,
  type RowPatch,
} from '#shared/logic/outbox/index';
import { deriveFlags } from '#shared/domain/order';
import type { StationDb } from '../db';
import type { AuditRow, OutboxRow as StoredOutboxRow } from '../rows';

/**
 * The outbox store port over the station database (reliability.md §1.2). `transition` is one
 * `rw` transaction: read the row, compare its state, write the patch. A row that becomes a
 * conflict or a dead letter gets its audit row in the same transaction, and a cancelled-upstream
 * conflict flags the order stop-ship there too, so the queue shows it at once. No network here.
 */

/** Meta key: when the shop last confirmed an outbox row (status bar "last success"). */
export const LAST_SUCCESS_KEY = 'outbox.lastSuccessAt';
/** Meta key: bumped by every write to the outbox table, in the writing transaction. */
export const OUTBOX_VERSION_KEY = 'outbox.version';

/** Meta key: how many rows are active (pending, inflight, verify), kept by every writer. */
export const OUTBOX_ACTIVE_KEY = 'outbox.activeCount';

/**
 * Every writer of the outbox table calls this inside its `rw` transaction (which must include
 * `meta`), with how many rows it made active (+) or finished (−). The version tells a store's
 * cache of active rows when someone else changed the table; the count gives the status bar its
 * queue depth without counting a long queue on every change.
 */
export async function bumpOutboxVersion(
  db: StationDb,
  activeDelta = 0,
): Promise<{ before: number; after: number }> {
  const raw = (await db.meta.get(OUTBOX_VERSION_KEY))?.value;
  const before = typeof raw === 'number' ? raw : 0;
  await db.meta.put({ key: OUTBOX_VERSION_KEY, value: before + 1 });
  const count = (await db.meta.get(OUTBOX_ACTIVE_KEY))?.value;
  // First use on this database: count once (the write below is already applied by the caller).
  const base = typeof count === 'number' ? count + activeDelta : await countActive(db);
  await db.meta.put({ key: OUTBOX_ACTIVE_KEY, value: Math.max(0, base) });
  return { before, after: before + 1 };
}

/** Active rows by a native index count per state (Dexie counts `anyOf` with a JS cursor). */
export async function countActive(db: StationDb): Promise<number> {
  const counts = await Promise.all(
    ACTIVE_STATES.map((state) => db.outbox.where('state').equals(state).count()),
  );
  return counts.reduce((a, b) => a + b, 0);
}

export interface OutboxStoreHooks {
  /** Who the audit rows name; the sync worker by default. */
  actor?: () => { actor: string; station: string };
  /** A row failed schema validation: it is kept, but reported (never silently dropped). */
  onInvalidRow?: (id: string, message: string) => void;
}

export interface DexieOutboxStore extends OutboxStore {
  /** Every row, newest first: Outbox screen and tests. */
  listAll(): Promise<OutboxRow[]>;
}

/** Parses a stored row; null when it does not match the schema. */
export function parseStoredRow(raw: unknown): OutboxRow | null {
  const parsed = OutboxRow.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function toStored(row: OutboxRow): StoredOutboxRow {
  return row as unknown as StoredOutboxRow;
}

export function createDexieOutboxStore(
  db: StationDb,
  hooks: OutboxStoreHooks = {},
): DexieOutboxStore {
  const actor = hooks.actor ?? (() => ({ actor: 'sync', station: '' }));

  function parseAll(rows: readonly StoredOutboxRow[]): OutboxRow[] {
    const out: OutboxRow[] = [];
    for (const raw of rows) {
      const row = parseStoredRow(raw);
      if (row) out.push(row);
      else hooks.onInvalidRow?.(raw.id, 'row does not match the outbox schema');
    }
    return out;
  }

  // Active rows as of `cacheVersion`: the engine lists them before every batch, and on a long
  // queue re-reading and re-parsing thousands of rows each time would dominate the drain. Every
  // write bumps the table's version; the cache stays valid while every bump since it was read
  // came from this store's own transitions (which it applied to the cache as they committed).
  let cache: Map<string, OutboxRow> | null = null;
  let cacheVersion = -1;
  const ownVersions = new Set<number>();

  function keepCache(row: OutboxRow, version: { before: number; after: number }): void {
    if (!cache) return;
    if (isActiveState(row.state)) cache.set(row.id, row);
    else cache.delete(row.id);
    ownVersions.add(version.after);
  }

  function cacheValidAt(version: number): boolean {
    if (!cache || version < cacheVersion) return false;
    for (let v = cacheVersion + 1; v <= version; v += 1) if (!ownVersions.has(v)) return false;
    for (let v = cacheVersion + 1; v <= version; v += 1) ownVersions.delete(v);
    cacheVersion = version;
    return true;
  }

  return {
    async listActive() {
      return db.transaction('r', [db.outbox, db.meta], async () => {
        const raw = (await db.meta.get(OUTBOX_VERSION_KEY))?.value;
        const version = typeof raw === 'number' ? raw : 0;
        if (cacheValidAt(version)) return [...(cache?.values() ?? [])];
        const rows = parseAll(
          await db.outbox
            .where('state')
            .anyOf([...ACTIVE_STATES])
            .toArray(),
        );
        cache = new Map(rows.map((r) => [r.id, r]));
        cacheVersion = version;
        ownVersions.clear();
        return rows;
      });
    },

    async listAll() {
      const rows = await db.outbox.orderBy('seq').reverse().toArray();
      return parseAll(rows);
    },

    async get(id) {
      const raw = await db.outbox.get(id);
      return raw ? (parseStoredRow(raw) ?? undefined) : undefined;
    },

    async transition(id: string, from: OutboxState, patch: RowPatch) {
      // Most transitions touch the outbox only; the order and audit tables (which screens read
      // all the time) join the transaction just for a row that is parked for a person.
      const parking =
        patch.state !== undefined && patch.state !== from && isParkedState(patch.state);
      const tables = parking ? [db.outbox, db.audit, db.orders, db.meta] : [db.outbox, db.meta];
      const result = await db.transaction('rw', tables, async () => {
        const raw = await db.outbox.get(id);
        if (!raw || raw.state !== from) return null;
        if (patch.state !== undefined) assertTransition(from, patch.state);
        const current = parseStoredRow(raw);
        if (!current) throw new Error(`Outbox row ${id} does not match the schema`);
        const next = OutboxRow.parse({ ...current, ...patch });
        await db.outbox.put(toStored(next));
        const delta =
          patch.state === undefined
            ? 0
            : Number(isActiveState(patch.state)) - Number(isActiveState(from));
        const version = await bumpOutboxVersion(db, delta);
        if (patch.state === 'done' && from !== 'done') {
          await db.meta.put({ key: LAST_SUCCESS_KEY, value: next.updatedAt });
        }
        if (parking && patch.state !== undefined) {
          const who = actor();
          const audit: AuditRow = {
            id: crypto.randomUUID(),
            at: next.updatedAt,
            kind: `outbox.${patch.state}`,
            orderId: next.orderId,
            actor: who.actor,
            station: who.station,
            detail: {
              rowId: next.id,
              idempotencyKey: next.idempotencyKey,
              from,
              lastError: next.lastError,
              ...(next.conflict ? { conflict: next.conflict } : {}),
            },
          };
          await db.audit.add(audit);
          // A withdrawn return request is no reason to stop shipping anything.
          if (patch.state === 'conflict-cancelled' && next.kind !== 'return-decision') {
            const order = await db.orders.get(next.orderId);
            if (order) {
              const status =
                next.conflict?.upstreamStatus === 'CANCELLED' ? 'CANCELLED' : order.status;
              const base = { ...order, status };
              await db.orders.put({
                ...base,
                flags: deriveFlags(base, [...order.flags, 'stop-ship']),
                updatedAt: next.updatedAt,
              });
            }
          }
        }
        return { next, version };
      });
      if (!result) return null;
      keepCache(result.next, result.version);
      return result.next;
    },
  };
}
