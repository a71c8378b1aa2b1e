import type { BackupSummary } from '#shared/bridge/recovery';
import { isActiveState, type OutboxRow } from '#shared/logic/outbox/index';
import {
  assignSeqs,
  planJournalRebuild,
  restoredBackupRows,
  type JournalLine,
  type RebuildPlan,
} from '#shared/logic/recovery/rebuild';
import type { StationDb } from '../db';
import type { RawExport } from '../export';
import { SEQ_KEY } from '../outbox/enqueue';
import { bumpOutboxVersion, OUTBOX_ACTIVE_KEY, OUTBOX_VERSION_KEY } from '../outbox/dexie-store';
import type { AuditRow, OutboxRow as StoredOutboxRow } from '../rows';
import { LATEST_SCHEMA_VERSION } from '../schema/versions';

/**
 * Recovery writes (issue 13): outbox rows rebuilt from the host journal, and a whole station
 * database restored from a backup. Each is one `rw` transaction: it happens entirely or not at
 * all. Every restored update the shop has not confirmed comes back in `verify`, so the sync
 * worker reads it back before sending (nothing the shop already applied is sent again).
 */

export interface RecoveryActor {
  actor: string;
  station: string;
}

export interface JournalRestoreReceipt extends Omit<RebuildPlan, 'rows'> {
  restored: number;
}

export interface BackupRestoreReceipt {
  tables: Record<string, number>;
  /** Updates from the backup that will be read back before anything is sent. */
  toVerify: number;
  /** Rows of the backup that did not match the schema (kept out, counted). */
  invalid: number;
  skippedTables: string[];
}

/** Backups carry the Dexie schema version; a native IndexedDB version is ten times it. */
export function schemaVersionOfExport(data: Pick<RawExport, 'version'>): number {
  return Math.floor(data.version / 10);
}

async function outboxIdentity(db: StationDb) {
  const rows = await db.outbox.toArray();
  return {
    dbName: db.name,
    ids: new Set(rows.map((r) => r.id)),
    keys: new Set(rows.map((r) => r.idempotencyKey)),
    seqs: new Set(rows.map((r) => r.seq)),
    maxSeq: rows.reduce((m, r) => Math.max(m, r.seq), 0),
  };
}

async function addRestoredRows(
  db: StationDb,
  rows: readonly OutboxRow[],
  actor: RecoveryActor,
  now: number,
  detail: Record<string, unknown>,
): Promise<number> {
  const here = await outboxIdentity(db);
  const stored = (await db.meta.get(SEQ_KEY))?.value;
  const top = Math.max(here.maxSeq, typeof stored === 'number' ? stored : 0);
  const fresh = rows.filter((r) => !here.ids.has(r.id) && !here.keys.has(r.idempotencyKey));
  const numbered = assignSeqs(fresh, here.seqs, top);
  if (numbered.rows.length === 0) return 0;
  await db.outbox.bulkAdd(numbered.rows as unknown as StoredOutboxRow[]);
  await db.meta.put({ key: SEQ_KEY, value: Math.max(top, numbered.maxSeq) });
  await bumpOutboxVersion(db, numbered.rows.filter((r) => isActiveState(r.state)).length);
  const audit: AuditRow = {
    id: crypto.randomUUID(),
    at: now,
    kind: 'outbox.restored',
    orderId: '',
    actor: actor.actor,
    station: actor.station,
    detail: { ...detail, rows: numbered.rows.map((r) => r.id) },
  };
  await db.audit.add(audit);
  return numbered.rows.length;
}

export function createRecoveryRepository(db: StationDb) {
  return {
    /** True while the station holds no outbox row at all: a new or wiped database. */
    async isFresh(): Promise<boolean> {
      return (await db.outbox.count()) === 0;
    },

    /** What a journal rebuild would restore into this station (nothing is written). */
    async planJournal(lines: readonly JournalLine[], now: number): Promise<RebuildPlan> {
      const here = await outboxIdentity(db);
      return planJournalRebuild(lines, here, now);
    },

    /** Adds the journal's unconfirmed updates that this station lacks, in verify. */
    async restoreFromJournal(
      lines: readonly JournalLine[],
      actor: RecoveryActor,
      now: number,
    ): Promise<JournalRestoreReceipt> {
      return db.transaction('rw', [db.outbox, db.meta, db.audit], async () => {
        const plan = planJournalRebuild(lines, await outboxIdentity(db), now);
        const { rows, ...counts } = plan;
        const restored = await addRestoredRows(db, rows, actor, now, {
          source: 'journal',
          ...counts,
        });
        return { ...counts, restored };
      });
    },

    /** Counts for a backup's summary (and for the preview's "now on this station" column). */
    async summary(appVersion: string): Promise<BackupSummary> {
      return db.transaction('r', db.tables, async () => {
        const counts: Record<string, number> = {};
        for (const table of db.tables) counts[table.name] = await table.count();
        const active = await Promise.all(
          (['pending', 'inflight', 'verify'] as const).map((s) =>
            db.outbox.where('state').equals(s).count(),
          ),
        );
        const newest = await db.outbox.orderBy('seq').last();
        return {
          dbName: db.name,
          schemaVersion: LATEST_SCHEMA_VERSION,
          appVersion,
          counts,
          activeUpdates: active.reduce((a, b) => a + b, 0),
          newestUpdateAt: newest?.createdAt ?? null,
        };
      });
    },

    /**
     * Replaces the station's data with a backup's, in one transaction, then adds the journal's
     * updates made after the backup. Refuses a backup of another schema version or database.
     */
    async restoreBackup(
      data: RawExport,
      journal: readonly JournalLine[],
      actor: RecoveryActor,
      now: number,
      onProgress?: (done: number, total: number) => void,
    ): Promise<BackupRestoreReceipt> {
      if (data.format !== 'packbench-export') throw new Error('Not a Packbench backup');
      if (data.database !== db.name) {
        throw new Error(`This backup is of "${data.database}", not of "${db.name}"`);
      }
      if (schemaVersionOfExport(data) !== LATEST_SCHEMA_VERSION) {
        throw new Error(
          `This backup has schema version ${schemaVersionOfExport(data)}; this Packbench uses ${LATEST_SCHEMA_VERSION}`,
        );
      }
      const names = new Set(db.tables.map((t) => t.name));
      const skippedTables = Object.keys(data.stores).filter((n) => !names.has(n));
      const total = Object.entries(data.stores)
        .filter(([n]) => names.has(n))
        .reduce((a, [, rows]) => a + rows.length, 0);
      let done = 0;
      return db.transaction('rw', db.tables, async () => {
        const tables: Record<string, number> = {};
        let toVerify = 0;
        let invalid = 0;
        for (const table of db.tables) {
          await table.clear();
          let rows = data.stores[table.name] ?? [];
          if (table.name === 'outbox') {
            const restored = restoredBackupRows(rows, now);
            rows = restored.rows;
            toVerify = restored.toVerify;
            invalid += restored.invalid;
          }
          if (table.name === 'meta') {
            // Counters are rebuilt below; the stamp is rewritten at the next open.
            rows = rows.filter((r) => {
              const key = (r as { key?: unknown }).key;
              return key !== OUTBOX_ACTIVE_KEY && key !== OUTBOX_VERSION_KEY;
            });
          }
          for (let i = 0; i < rows.length; i += 2000) {
            await table.bulkPut(rows.slice(i, i + 2000));
            done += Math.min(2000, rows.length - i);
            onProgress?.(done, total);
          }
          tables[table.name] = rows.length;
        }
        await bumpOutboxVersion(db, 0);
        await addRestoredRows(
          db,
          planJournalRebuild(journal, await outboxIdentity(db), now).rows,
          actor,
          now,
          { source: 'journal', after: 'backup' },
        );
        await db.audit.add({
          id: crypto.randomUUID(),
          at: now,
          kind: 'backup.restored',
          orderId: '',
          actor: actor.actor,
          station: actor.station,
          detail: { exportedAt: data.exportedAt, tables, toVerify, invalid },
        });
        return { tables, toVerify, invalid, skippedTables };
      });
    },
  };
}
export type RecoveryRepository = ReturnType<typeof createRecoveryRepository>;
