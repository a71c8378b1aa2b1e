import { z } from 'zod';
import { isActiveState, OutboxRow, OutboxState } from '../outbox/row';

/**
 * Rebuilding the outbox from the host's journal, and restoring it from a backup, as pure rules
 * (reliability.md §1.2 "Second copy", issue 13). Every update that the shop has not confirmed comes
 * back in `verify`: the sync worker reads the order back before it sends anything, so an update
 * the shop already applied becomes `done` without a second write (I2), and one it never saw is
 * sent once.
 */

export const JOURNAL_ENQUEUED = 'outbox.enqueued';
export const JOURNAL_SETTLED = 'outbox.settled';

const EnqueuedPayload = z.object({
  row: z.unknown(),
  superseded: z.array(z.string()).default([]),
  /** The station database the update was recorded in (absent in journals before issue 13). */
  db: z.string().optional(),
});
const SettledPayload = z.object({
  settled: z.array(z.object({ id: z.string(), state: OutboxState })),
});

export interface JournalLine {
  id: string;
  kind: string;
  at: number;
  payload: Record<string, unknown>;
}

export interface RebuildPlan {
  /** Rows to add, in `verify`, oldest first. */
  rows: OutboxRow[];
  /** Journal intents the station already holds (same id or idempotency key). */
  alreadyHere: number;
  /** Settled by the shop (done, conflict, dead) or replaced by a later edit: not restored. */
  settled: number;
  superseded: number;
  /** Journal lines that were not a readable intent. */
  invalid: number;
  /** Updates recorded in another station database (practice vs live): never restored here. */
  otherDatabase: number;
}

/** Marks a row as restored: read back before anything is sent. */
export function asRestored(row: OutboxRow, now: number, source: 'journal' | 'backup'): OutboxRow {
  return OutboxRow.parse({
    ...row,
    state: 'verify',
    nextAttemptAt: now,
    updatedAt: now,
    lastError: {
      code: 'RESTORED',
      message:
        source === 'journal'
          ? 'Rebuilt from the host journal: read back from the shop before sending'
          : 'Restored from a backup: read back from the shop before sending',
      at: now,
    },
  });
}

/**
 * From journal lines (in file order) and what the station already holds, the rows to restore.
 * An intent is restored unless the station has it, the journal records it as settled, or a later
 * intent superseded it (only unsent rows are ever superseded, so dropping them loses nothing).
 */
export function planJournalRebuild(
  lines: readonly JournalLine[],
  here: { ids: ReadonlySet<string>; keys: ReadonlySet<string>; dbName?: string },
  now: number,
): RebuildPlan {
  const intents = new Map<string, OutboxRow>();
  const settledIds = new Set<string>();
  const supersededIds = new Set<string>();
  let invalid = 0;
  let otherDatabase = 0;
  for (const line of lines) {
    if (line.kind === JOURNAL_ENQUEUED) {
      const payload = EnqueuedPayload.safeParse(line.payload);
      const row = payload.success ? OutboxRow.safeParse(payload.data.row) : null;
      if (!payload.success || !row?.success) {
        invalid += 1;
        continue;
      }
      const from = payload.data.db;
      if (here.dbName !== undefined && from !== undefined && from !== here.dbName) {
        otherDatabase += 1;
        continue;
      }
      if (!intents.has(row.data.id)) intents.set(row.data.id, row.data);
      for (const id of payload.data.superseded) supersededIds.add(id);
    } else if (line.kind === JOURNAL_SETTLED) {
      const payload = SettledPayload.safeParse(line.payload);
      if (!payload.success) {
        invalid += 1;
        continue;
      }
      // Confirmed or replaced: not restored. Conflicts and dead letters come back in verify,
      // so the read-back shows them to a person again rather than losing them.
      for (const s of payload.data.settled) {
        if (s.state === 'done' || s.state === 'superseded') settledIds.add(s.id);
        else settledIds.delete(s.id);
      }
    }
  }
  const plan: RebuildPlan = {
    rows: [],
    alreadyHere: 0,
    settled: 0,
    superseded: 0,
    invalid,
    otherDatabase,
  };
  for (const row of [...intents.values()].sort((a, b) => a.seq - b.seq)) {
    if (here.ids.has(row.id) || here.keys.has(row.idempotencyKey)) plan.alreadyHere += 1;
    else if (supersededIds.has(row.id)) plan.superseded += 1;
    else if (settledIds.has(row.id)) plan.settled += 1;
    else plan.rows.push(asRestored(row, now, 'journal'));
  }
  return plan;
}

/**
 * Renumbers restored rows whose `seq` is taken on the station, above everything there, keeping
 * their relative order (so per-order sequence, I3, still holds among them).
 */
export function assignSeqs(
  rows: readonly OutboxRow[],
  takenSeqs: ReadonlySet<number>,
  maxSeq: number,
): {
  rows: OutboxRow[];
  maxSeq: number;
} {
  let next = maxSeq;
  const collide = rows.some((r) => takenSeqs.has(r.seq));
  const out = rows.map((r) => {
    if (!collide) return r;
    next += 1;
    return { ...r, seq: next };
  });
  const top = out.reduce((m, r) => Math.max(m, r.seq), maxSeq);
  return { rows: out, maxSeq: top };
}

/** Outbox rows from a backup: anything the shop had not confirmed then is read back first. */
export function restoredBackupRows(
  rows: readonly unknown[],
  now: number,
): {
  rows: OutboxRow[];
  toVerify: number;
  invalid: number;
} {
  const out: OutboxRow[] = [];
  let toVerify = 0;
  let invalid = 0;
  for (const raw of rows) {
    const parsed = OutboxRow.safeParse(raw);
    if (!parsed.success) {
      invalid += 1;
      continue;
    }
    if (isActiveState(parsed.data.state)) {
      toVerify += 1;
      out.push(asRestored(parsed.data, now, 'backup'));
    } else out.push(parsed.data);
  }
  return { rows: out, toVerify, invalid };
}
