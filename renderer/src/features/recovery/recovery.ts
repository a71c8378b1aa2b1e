import type { BackupInfo } from '#shared/bridge/recovery';
import type { JournalLine } from '#shared/logic/recovery/rebuild';
import type { Repositories } from '../../data/repositories';
import { exportRawDatabase, type RawExport } from '../../data/export';
import { log } from '../../lib/logger';
import { bridge } from '../../platform/bridge';
import { getSessionState } from '../../stores/session-store';
import { currentOutboxSync } from '../outbox';

/** How often the station database is backed up while the station runs. */
export const BACKUP_INTERVAL_MS = 30 * 60_000;
/** The first backup after a start waits this long, so it never competes with the first pull. */
export const FIRST_BACKUP_DELAY_MS = 2 * 60_000;

export function recoveryActor() {
  const s = getSessionState();
  return { actor: s.operator?.name ?? 'station', station: s.stationId };
}

/** The whole host journal, page by page. */
export async function readHostJournal(): Promise<{ lines: JournalLine[]; skipped: number }> {
  const lines: JournalLine[] = [];
  let skipped = 0;
  let offset: number | null = 0;
  while (offset !== null) {
    const res = await bridge().journal.read({ offset, limit: 5000 });
    if (!res.ok) throw new Error(res.error.message);
    lines.push(...res.value.entries);
    skipped += res.value.skipped;
    offset = res.value.nextOffset;
  }
  return { lines, skipped };
}

/** After a restore, the sync worker starts over so it reads the restored rows at once. */
export function resumeSyncAfterRestore(): void {
  currentOutboxSync()?.restart();
}

export async function backupNow(repos: Repositories, dbName: string): Promise<BackupInfo> {
  const summary = await repos.recovery.summary(__APP_VERSION__);
  const data = await exportRawDatabase(dbName);
  const res = await bridge().backup.write({ summary, content: JSON.stringify(data) });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

export async function listBackups(dbName: string): Promise<BackupInfo[]> {
  const res = await bridge().backup.list({ dbName });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

export async function readBackup(name: string): Promise<RawExport> {
  const res = await bridge().backup.read({ name });
  if (!res.ok) throw new Error(res.error.message);
  const data = JSON.parse(res.value.content) as RawExport;
  if (data?.format !== 'packbench-export') throw new Error('Not a Packbench backup');
  return data;
}

/**
 * Backs the station database up every `intervalMs` while the station runs. A backup is skipped
 * when nothing changed since the newest one (same counts and the same newest update).
 */
export function startAutoBackup(
  repos: Repositories,
  dbName: string,
  opts: { intervalMs?: number; firstDelayMs?: number } = {},
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  async function tick() {
    try {
      const [newest] = await listBackups(dbName);
      const summary = await repos.recovery.summary(__APP_VERSION__);
      const same =
        newest !== undefined &&
        newest.schemaVersion === summary.schemaVersion &&
        newest.activeUpdates === summary.activeUpdates &&
        newest.newestUpdateAt === summary.newestUpdateAt &&
        JSON.stringify(newest.counts) === JSON.stringify(summary.counts);
      if (!same) {
        const info = await backupNow(repos, dbName);
        log.info('automatic backup written', { name: info.name, bytes: info.bytes });
      }
    } catch (cause) {
      log.warn('automatic backup failed', { error: String(cause) });
    }
    if (!stopped) timer = setTimeout(() => void tick(), opts.intervalMs ?? BACKUP_INTERVAL_MS);
  }
  timer = setTimeout(() => void tick(), opts.firstDelayMs ?? FIRST_BACKUP_DELAY_MS);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
