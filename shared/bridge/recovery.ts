/**
 * Bridge types for recovery: reading the host's outbox journal back, and the station database's
 * automatic backups in the host's data folder (issue 13). Imported by the contract.
 */
import { z } from 'zod';

/** A station database name as backups carry it in their file name. */
export const BackupDbName = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes only');

/** A backup's file name, as `backup.list` gave it; nothing else is ever read. */
export const BackupFileName = z
  .string()
  .min(1)
  .max(160)
  .regex(/^[a-z0-9-]+\.v\d+\.\d{8}T\d{9}Z\.backup\.json$/, 'not a backup file name');

/** What a backup holds, written beside it so a list never has to parse the data. */
export const BackupSummary = z.strictObject({
  dbName: BackupDbName,
  /** Dexie schema version of the station database when it was copied. */
  schemaVersion: z.number().int().min(1).max(10_000),
  appVersion: z.string().max(40),
  /** Rows per table. */
  counts: z.record(z.string().max(60), z.number().int().nonnegative()),
  /** Shipment updates not yet confirmed by the shop (pending, inflight, verify). */
  activeUpdates: z.number().int().nonnegative(),
  /** When the newest outbox row was made, epoch ms; null without any. */
  newestUpdateAt: z.number().nullable(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

export interface BackupInfo extends BackupSummary {
  name: string;
  createdAt: number;
  bytes: number;
}

export interface JournalPageInfo {
  entries: Array<{ id: string; kind: string; at: number; payload: Record<string, unknown> }>;
  nextOffset: number | null;
  skipped: number;
}

/** How many backups of one station database are kept; the oldest go first. */
export const BACKUPS_KEPT = 10;
