/**
 * Pack sessions, scan events, stock and the audit trail. Every multi-table change is one
 * transaction: confirming an order reserves its stock in the same transaction that starts the
 * pack session; completing it consumes the stock in the same transaction that closes the session.
 *
 * Scan events are written after the screen has updated (fire-and-forget from the pack
 * controller): nothing here is on the scan → screen path.
 */
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow, StockRow } from '#shared/domain/product';
import {
  confirmBatch,
  confirmOrder,
  consume,
  isBatchClean,
  release,
  reserve,
  type ConfirmResult,
} from '#shared/logic/confirm/index';
import { err, ok, type Result } from '#shared/utils/result';
import type { StationDb } from '../db';
import type { AuditRow, PackSessionRow, ScanEventRow } from '../rows';

/** Who did it, where, when: stamped on every session, scan and audit row. */
export interface Actor {
  packer: string;
  station: string;
  now: number;
}

export const AUDIT_KINDS = [
  'order.confirmed',
  'order.released',
  'pack.started',
  'pack.manual',
  'pack.override',
  'pack.alerts-resolved',
  'pack.recount',
  'pack.stop-ship',
  'pack.recheck-offline',
  'pack.completed',
  'pack.abandoned',
  'pack.resumed',
  'pack.restarted',
  'pack.stale-closed',
  'packer.signed-in',
  'settings.supervisor-pin',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const SUPERVISOR_PIN_KEY = 'packing.supervisorPin';

interface PinRecord {
  algo: 'PBKDF2-SHA256';
  iterations: number;
  saltB64: string;
  hashB64: string;
  setAt: number;
}

const PIN_ITERATIONS = 150_000;

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i);
  return out;
}

async function pbkdf2(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export type ConfirmStartError =
  | { code: 'confirm-stopped'; confirmation: ConfirmResult }
  | { code: 'order-changed'; message: string }
  | PackConflict;

/**
 * Why a pack cannot start or complete: the order is packed already (by whom, where), or this
 * session was closed meanwhile (restarted in another window, or closed as stale). Decided inside
 * the writing transaction, whatever the windows did before.
 */
export type PackConflict =
  | { code: 'already-packed'; packer: string; station: string; at: number }
  | { code: 'session-closed'; sessionId: string };

/** Thrown inside a pack transaction (so it aborts, nothing written); carries the conflict. */
export class PackConflictError extends Error {
  constructor(readonly conflict: PackConflict) {
    super(
      conflict.code === 'already-packed'
        ? `order already packed by ${conflict.packer} at ${conflict.station}`
        : `pack session ${conflict.sessionId} was closed`,
    );
    this.name = 'PackConflictError';
  }
}

/** An open pack session no longer worked on for this long is closed, not offered to continue. */
export const STALE_SESSION_MS = 12 * 60 * 60 * 1000;

/** An open session that can be continued: its counts so far and when it was last worked on. */
export interface OpenSession {
  session: PackSessionRow;
  scans: number;
  lastActivityAt: number;
}

export interface StartedSession {
  session: PackSessionRow;
  confirmation: ConfirmResult;
  reservedNow: boolean;
}

export function createPackingRepository(db: StationDb) {
  const newId = () => crypto.randomUUID();

  function auditRow(
    kind: AuditKind,
    orderId: string,
    actor: Actor,
    detail: Record<string, unknown>,
  ): AuditRow {
    return {
      id: newId(),
      at: actor.now,
      kind,
      orderId,
      actor: actor.packer,
      station: actor.station,
      detail,
    };
  }

  async function stockMap(skuIds: Iterable<string>): Promise<Map<string, StockRow>> {
    const ids = [...new Set(skuIds)];
    const rows = await db.stock.bulkGet(ids);
    const map = new Map<string, StockRow>();
    for (const row of rows) if (row) map.set(row.skuId, row);
    return map;
  }

  /** The latest confirm/release row of each order in `rows` (a release wins a tie). */
  function latestConfirmRows(rows: readonly AuditRow[]): Map<string, AuditRow> {
    const latest = new Map<string, AuditRow>();
    for (const r of rows) {
      if (r.kind !== 'order.confirmed' && r.kind !== 'order.released') continue;
      const last = latest.get(r.orderId);
      if (!last || r.at > last.at || (r.at === last.at && r.kind === 'order.released')) {
        latest.set(r.orderId, r);
      }
    }
    return latest;
  }

  /** Is stock reserved for this order? The latest confirm/release audit row says. */
  async function isConfirmed(orderId: string): Promise<boolean> {
    const rows = await db.audit.where('orderId').equals(orderId).toArray();
    return latestConfirmRows(rows).get(orderId)?.kind === 'order.confirmed';
  }

  /** The orders among `orderIds` whose stock is reserved: one index query for all of them. */
  async function confirmedAmong(orderIds: readonly string[]): Promise<Set<string>> {
    if (orderIds.length === 0) return new Set();
    const rows = await db.audit
      .where('orderId')
      .anyOf([...orderIds])
      .toArray();
    const confirmed = new Set<string>();
    for (const [id, row] of latestConfirmRows(rows)) {
      if (row.kind === 'order.confirmed') confirmed.add(id);
    }
    return confirmed;
  }

  async function productMap(order: OrderRow): Promise<Map<string, ProductRow>> {
    const ids = [...new Set(order.lines.map((l) => l.skuId))];
    const rows = await db.products.bulkGet(ids);
    const map = new Map<string, ProductRow>();
    for (const p of rows) if (p) map.set(p.id, p);
    return map;
  }

  /** The completed session of an order, if any (one index read). */
  async function completedSession(orderId: string): Promise<PackSessionRow | undefined> {
    const rows = await db.packSessions.where('orderId').equals(orderId).toArray();
    return rows.find((s) => s.status === 'completed');
  }

  async function lastActivity(session: PackSessionRow): Promise<{ at: number; scans: number }> {
    const scans = await db.scanEvents.where('sessionId').equals(session.id).toArray();
    const at = scans.reduce((m, e) => Math.max(m, e.at), session.startedAt);
    return { at, scans: scans.length };
  }

  return {
    /** The whole catalog, for the barcode index (built once per opened order). */
    catalog(): Promise<ProductRow[]> {
      return db.products.toArray();
    },

    stockMap,
    isConfirmed,
    confirmedAmong,

    /** The confirmation result for an order as it stands now (reads, writes nothing). */
    async check(
      order: OrderRow,
      now: number,
    ): Promise<{ confirmation: ConfirmResult; alreadyConfirmed: boolean }> {
      const [products, stock, alreadyConfirmed] = await Promise.all([
        productMap(order),
        stockMap(order.lines.map((l) => l.skuId)),
        isConfirmed(order.id),
      ]);
      const confirmation = confirmOrder(order, {
        now,
        products,
        stock,
        alreadyReserved: alreadyConfirmed,
      });
      return { confirmation, alreadyConfirmed };
    },

    /**
     * Confirms the order (re-checked against the stored order and stock inside the transaction)
     * and starts a pack session: stock reserved, session opened and audit written together.
     */
    async confirmAndStart(
      orderId: string,
      actor: Actor,
    ): Promise<Result<StartedSession, ConfirmStartError>> {
      return db.transaction(
        'rw',
        [db.orders, db.products, db.stock, db.packSessions, db.audit, db.scanEvents],
        async (): Promise<Result<StartedSession, ConfirmStartError>> => {
          const order = await db.orders.get(orderId);
          if (!order) return err({ code: 'order-changed', message: `order ${orderId} not found` });
          const packed = await completedSession(order.id);
          if (packed) {
            return err({
              code: 'already-packed',
              packer: packed.packer,
              station: packed.station,
              at: packed.endedAt ?? packed.startedAt,
            });
          }
          const [products, stock, alreadyConfirmed] = await Promise.all([
            productMap(order),
            stockMap(order.lines.map((l) => l.skuId)),
            isConfirmed(order.id),
          ]);
          const confirmation = confirmOrder(order, {
            now: actor.now,
            products,
            stock,
            alreadyReserved: alreadyConfirmed,
          });
          if (!confirmation.ok) return err({ code: 'confirm-stopped', confirmation });
          if (!alreadyConfirmed) {
            const rows = reserve(stock, order, actor.now);
            await db.stock.bulkPut(rows);
            await db.audit.add(
              auditRow('order.confirmed', order.id, actor, {
                reserved: rows.map((r) => ({ skuId: r.skuId, reserved: r.reserved })),
                warnings: confirmation.reasons.map((r) => r.code),
              }),
            );
          }
          // A session left open (crash, order reopened) is closed; its reservation stays.
          const open = await db.packSessions
            .where('orderId')
            .equals(order.id)
            .filter((s) => s.status === 'open' || s.status === 'verified')
            .toArray();
          for (const s of open) {
            await db.packSessions.put({ ...s, status: 'abandoned', endedAt: actor.now });
            // Starting over drops the scans so far: audited with what was dropped.
            const scans = await db.scanEvents.where('sessionId').equals(s.id).count();
            await db.audit.add(
              auditRow('pack.restarted', order.id, actor, {
                sessionId: s.id,
                counts: s.counts,
                scans,
                startedBy: s.packer,
              }),
            );
          }
          const session: PackSessionRow = {
            id: newId(),
            orderId: order.id,
            packer: actor.packer,
            station: actor.station,
            status: 'open',
            startedAt: actor.now,
            endedAt: null,
            counts: {},
          };
          await db.packSessions.add(session);
          await db.audit.add(
            auditRow('pack.started', order.id, actor, {
              sessionId: session.id,
              reservedNow: !alreadyConfirmed,
              replaced: open.map((s) => s.id),
            }),
          );
          return ok({ session, confirmation, reservedNow: !alreadyConfirmed });
        },
      );
    },

    /**
     * Confirms several orders in one transaction against a running stock (two orders never take
     * the same last unit), in the order given. Orders already confirmed are skipped (listed in
     * `alreadyConfirmed`); `results` holds one result per order checked. With `batchRules`, an
     * order is confirmed only when nothing in its result blocks a batch (`isBatchClean`: no stop
     * and no warning that needs a person); otherwise only stops hold it back. Each confirmation
     * is audited as a single confirm is: the actor, the reserved rows and the warnings.
     */
    async confirmMany(
      orderIds: readonly string[],
      actor: Actor,
      options: { batchRules?: boolean } = {},
    ): Promise<{ results: ConfirmResult[]; confirmed: string[]; alreadyConfirmed: string[] }> {
      return db.transaction('rw', [db.orders, db.products, db.stock, db.audit], async () => {
        const orders = (await db.orders.bulkGet([...orderIds])).filter(
          (o): o is OrderRow => o !== undefined,
        );
        const done = await confirmedAmong(orders.map((o) => o.id));
        const fresh = orders.filter((o) => !done.has(o.id));
        const skuIds = fresh.flatMap((o) => o.lines.map((l) => l.skuId));
        const [stock, productRows] = await Promise.all([
          stockMap(skuIds),
          db.products.bulkGet([...new Set(skuIds)]),
        ]);
        const products = new Map<string, ProductRow>();
        for (const p of productRows) if (p) products.set(p.id, p);
        const accept = options.batchRules ? isBatchClean : (r: ConfirmResult) => r.ok;
        const batch = confirmBatch(fresh, { now: actor.now, products, stock }, accept);
        const confirmed: string[] = [];
        const audits: AuditRow[] = [];
        batch.results.forEach((result, i) => {
          if (!result.ok || !accept(result)) return;
          confirmed.push(result.orderId);
          audits.push(
            auditRow('order.confirmed', result.orderId, actor, {
              batch: true,
              reserved: (batch.reserved[i] ?? []).map((r) => ({
                skuId: r.skuId,
                reserved: r.reserved,
              })),
              warnings: result.reasons.map((r) => r.code),
            }),
          );
        });
        const touched = [...batch.stock.values()].filter((row) => stock.get(row.skuId) !== row);
        if (touched.length > 0) await db.stock.bulkPut(touched);
        if (audits.length > 0) await db.audit.bulkAdd(audits);
        return {
          results: batch.results,
          confirmed,
          alreadyConfirmed: orders.filter((o) => done.has(o.id)).map((o) => o.id),
        };
      });
    },

    /** One scan and the session's counts after it. Called after the screen updated. */
    async recordScan(
      event: Omit<ScanEventRow, 'id'>,
      counts: Record<string, number>,
    ): Promise<ScanEventRow> {
      const row: ScanEventRow = { id: newId(), ...event };
      await db.transaction('rw', [db.scanEvents, db.packSessions], async () => {
        await db.scanEvents.add(row);
        await db.packSessions.update(event.sessionId, { counts });
      });
      return row;
    },

    async recordAudit(
      kind: AuditKind,
      orderId: string,
      actor: Actor,
      detail: Record<string, unknown>,
    ): Promise<AuditRow> {
      const row = auditRow(kind, orderId, actor, detail);
      await db.audit.add(row);
      return row;
    },

    /** The pack is done: session completed, stock consumed, audit written, together. */
    async complete(
      sessionId: string,
      order: OrderRow,
      counts: Record<string, number>,
      actor: Actor,
      detail: Record<string, unknown>,
    ): Promise<PackSessionRow> {
      return db.transaction('rw', [db.packSessions, db.stock, db.audit], async () => {
        const session = await db.packSessions.get(sessionId);
        if (!session) throw new Error(`pack session ${sessionId} not found`);
        if (session.status === 'completed') return session;
        // One pack per order, whatever the windows did: decided here, in the transaction that
        // completes it. A throw aborts the transaction, so nothing of this pack is written.
        if (session.status === 'abandoned') {
          throw new PackConflictError({ code: 'session-closed', sessionId });
        }
        const packed = await completedSession(order.id);
        if (packed) {
          throw new PackConflictError({
            code: 'already-packed',
            packer: packed.packer,
            station: packed.station,
            at: packed.endedAt ?? packed.startedAt,
          });
        }
        const stock = await stockMap(order.lines.map((l) => l.skuId));
        const rows = consume(stock, order, actor.now);
        await db.stock.bulkPut(rows);
        const done: PackSessionRow = {
          ...session,
          status: 'completed',
          endedAt: actor.now,
          counts,
        };
        await db.packSessions.put(done);
        await db.audit.add(
          auditRow('pack.completed', order.id, actor, {
            sessionId,
            counts,
            consumed: rows.map((r) => r.skuId),
            ...detail,
          }),
        );
        return done;
      });
    },

    /** Stop-ship (or an abandoned pack): session closed, reservation released, audited. */
    async abandon(
      sessionId: string | null,
      order: OrderRow,
      actor: Actor,
      kind: 'pack.stop-ship' | 'pack.abandoned',
      detail: Record<string, unknown>,
      releaseStock: boolean,
    ): Promise<void> {
      await db.transaction('rw', [db.packSessions, db.stock, db.audit], async () => {
        if (sessionId) {
          const session = await db.packSessions.get(sessionId);
          if (session && session.status !== 'completed') {
            await db.packSessions.put({ ...session, status: 'abandoned', endedAt: actor.now });
          }
        }
        await db.audit.add(auditRow(kind, order.id, actor, { sessionId, ...detail }));
        if (releaseStock && (await isConfirmed(order.id))) {
          const stock = await stockMap(order.lines.map((l) => l.skuId));
          await db.stock.bulkPut(release(stock, order, actor.now));
          await db.audit.add(auditRow('order.released', order.id, actor, { sessionId }));
        }
      });
    },

    /**
     * The order's open session that can be continued (the latest, not stale), or null. Stale open
     * sessions of the order are closed on the way (audited).
     */
    async openSessionFor(orderId: string, now: number): Promise<OpenSession | null> {
      const open = (await db.packSessions.where('orderId').equals(orderId).toArray())
        .filter((s) => s.status === 'open' || s.status === 'verified')
        .sort((a, b) => b.startedAt - a.startedAt);
      const latest = open[0];
      if (!latest) return null;
      const activity = await lastActivity(latest);
      if (now - activity.at > STALE_SESSION_MS) return null;
      return { session: latest, scans: activity.scans, lastActivityAt: activity.at };
    },

    /**
     * Continues an open session in this window: audited with the counts it continues from. Fails
     * when the session was closed meanwhile or the order got packed.
     */
    async resume(sessionId: string, actor: Actor): Promise<Result<PackSessionRow, PackConflict>> {
      try {
        return await db.transaction('rw', [db.packSessions, db.audit], async () => {
          const session = await db.packSessions.get(sessionId);
          if (!session || (session.status !== 'open' && session.status !== 'verified')) {
            throw new PackConflictError({ code: 'session-closed', sessionId });
          }
          const packed = await completedSession(session.orderId);
          if (packed) {
            throw new PackConflictError({
              code: 'already-packed',
              packer: packed.packer,
              station: packed.station,
              at: packed.endedAt ?? packed.startedAt,
            });
          }
          await db.audit.add(
            auditRow('pack.resumed', session.orderId, actor, {
              sessionId,
              counts: session.counts,
              startedBy: session.packer,
            }),
          );
          return ok(session);
        });
      } catch (cause) {
        if (cause instanceof PackConflictError) return err(cause.conflict);
        throw cause;
      }
    },

    /**
     * Closes every open session not worked on for `STALE_SESSION_MS` (scans kept, stock stays
     * reserved, audited). Returns the ids closed.
     */
    async closeStaleSessions(actor: Actor): Promise<string[]> {
      const open = await db.packSessions.where('status').anyOf(['open', 'verified']).toArray();
      const stale: PackSessionRow[] = [];
      for (const s of open) {
        if (actor.now - (await lastActivity(s)).at > STALE_SESSION_MS) stale.push(s);
      }
      if (stale.length === 0) return [];
      await db.transaction('rw', [db.packSessions, db.audit], async () => {
        for (const s of stale) {
          const current = await db.packSessions.get(s.id);
          if (current?.status !== 'open' && current?.status !== 'verified') continue;
          await db.packSessions.put({ ...current, status: 'abandoned', endedAt: actor.now });
          await db.audit.add(
            auditRow('pack.stale-closed', s.orderId, actor, {
              sessionId: s.id,
              counts: s.counts,
              startedBy: s.packer,
            }),
          );
        }
      });
      return stale.map((s) => s.id);
    },

    /**
     * Calls `listener` when another window upgrades or deletes the station database: this
     * connection is closed (so the other window is not blocked) and this window must reload.
     */
    onDatabaseReplaced(listener: (newVersion: number | null) => void): () => void {
      const handler = (event: IDBVersionChangeEvent) => {
        db.close();
        listener(event.newVersion);
        return false;
      };
      db.on('versionchange', handler);
      return () => db.on('versionchange').unsubscribe(handler);
    },

    session(id: string): Promise<PackSessionRow | undefined> {
      return db.packSessions.get(id);
    },

    sessionsFor(orderId: string): Promise<PackSessionRow[]> {
      return db.packSessions.where('orderId').equals(orderId).sortBy('startedAt');
    },

    scanEventsFor(sessionId: string): Promise<ScanEventRow[]> {
      return db.scanEvents.where('sessionId').equals(sessionId).sortBy('at');
    },

    auditFor(orderId: string): Promise<AuditRow[]> {
      return db.audit.where('orderId').equals(orderId).sortBy('at');
    },

    /** Every scan made while packing `orderId`, at any station session, oldest first. */
    scanEventsForOrder(orderId: string): Promise<ScanEventRow[]> {
      return db.scanEvents.where('orderId').equals(orderId).sortBy('at');
    },

    /** Stores the supervisor PIN as a salted PBKDF2 hash; the PIN itself is never stored. */
    async setSupervisorPin(pin: string, actor: Actor): Promise<Result<null, 'pin-too-short'>> {
      if (!/^\d{4,12}$/.test(pin)) return err('pin-too-short');
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const hash = await pbkdf2(pin, salt, PIN_ITERATIONS);
      const record: PinRecord = {
        algo: 'PBKDF2-SHA256',
        iterations: PIN_ITERATIONS,
        saltB64: b64(salt),
        hashB64: b64(hash),
        setAt: actor.now,
      };
      await db.transaction('rw', [db.settings, db.audit], async () => {
        await db.settings.put({ key: SUPERVISOR_PIN_KEY, value: record });
        await db.audit.add(auditRow('settings.supervisor-pin', '', actor, {}));
      });
      return ok(null);
    },

    async hasSupervisorPin(): Promise<boolean> {
      return (await db.settings.get(SUPERVISOR_PIN_KEY)) !== undefined;
    },

    async verifySupervisorPin(pin: string): Promise<boolean> {
      const row = await db.settings.get(SUPERVISOR_PIN_KEY);
      const rec = row?.value as Partial<PinRecord> | undefined;
      if (!rec?.saltB64 || !rec.hashB64 || !rec.iterations) return false;
      const hash = await pbkdf2(pin, unb64(rec.saltB64), rec.iterations);
      return constantTimeEqual(hash, unb64(rec.hashB64));
    },
  };
}

export type PackingRepository = ReturnType<typeof createPackingRepository>;
