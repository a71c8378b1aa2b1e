import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BACKUPS_KEPT,
  BackupFileName,
  BackupSummary,
  type BackupInfo,
} from '#shared/bridge/recovery';

/**
 * Automatic backups of the station database in the host's data folder: one JSON file per backup
 * (`<db>.v<schema>.<UTC time>.backup.json`) with its summary beside it (`….summary.json`), so a
 * list and a preview never parse the data. Written atomically (temp file, fsync, rename); the
 * oldest beyond `keep` are deleted after a new one is safely written.
 */
export interface BackupStoreOptions {
  dir: string;
  keep?: number;
  now?: () => number;
}

const SUFFIX = '.backup.json';
const SUMMARY_SUFFIX = '.summary.json';

function stamp(ms: number): string {
  // 20261204T153000123Z: sortable, and safe in a file name on every OS.
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(name: string): number | null {
  const m = /\.(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.backup\.json$/.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  return Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms),
  );
}

async function writeAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (cause) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw cause;
  }
  await handle.close();
  await rename(temp, path);
}

export function createBackupStore(opts: BackupStoreOptions) {
  const keep = opts.keep ?? BACKUPS_KEPT;
  const now = opts.now ?? Date.now;

  async function list(dbName: string): Promise<BackupInfo[]> {
    let names: string[];
    try {
      names = await readdir(opts.dir);
    } catch (cause) {
      if ((cause as { code?: unknown }).code === 'ENOENT') return [];
      throw cause;
    }
    const out: BackupInfo[] = [];
    for (const name of names) {
      if (!name.startsWith(`${dbName}.v`) || !name.endsWith(SUFFIX)) continue;
      if (!BackupFileName.safeParse(name).success) continue;
      const createdAt = parseStamp(name);
      if (createdAt === null) continue;
      try {
        const summaryText = await readFile(join(opts.dir, name + SUMMARY_SUFFIX), 'utf8');
        const summary = BackupSummary.safeParse(JSON.parse(summaryText));
        if (!summary.success || summary.data.dbName !== dbName) continue;
        const { size } = await stat(join(opts.dir, name));
        out.push({ ...summary.data, name, createdAt, bytes: size });
      } catch {
        // A backup without a readable summary is not offered (it may be half-deleted).
      }
    }
    return out.sort((a, b) => b.createdAt - a.createdAt);
  }

  return {
    dir: opts.dir,
    list,

    async write(summary: BackupSummary, content: string): Promise<BackupInfo> {
      await mkdir(opts.dir, { recursive: true });
      let at = now();
      const existing = new Set(await readdir(opts.dir));
      let name = `${summary.dbName}.v${summary.schemaVersion}.${stamp(at)}${SUFFIX}`;
      while (existing.has(name)) {
        at += 1;
        name = `${summary.dbName}.v${summary.schemaVersion}.${stamp(at)}${SUFFIX}`;
      }
      const path = join(opts.dir, name);
      // Data first, then its summary: a listed backup always has its data.
      await writeAtomic(path, content);
      await writeAtomic(path + SUMMARY_SUFFIX, JSON.stringify(summary));
      const all = await list(summary.dbName);
      for (const old of all.slice(keep)) {
        await unlink(join(opts.dir, old.name + SUMMARY_SUFFIX)).catch(() => undefined);
        await unlink(join(opts.dir, old.name)).catch(() => undefined);
      }
      return { ...summary, name, createdAt: at, bytes: Buffer.byteLength(content) };
    },

    /** The data of one listed backup; null when there is no such file. */
    async read(name: string): Promise<string | null> {
      if (!BackupFileName.safeParse(name).success) return null;
      try {
        return await readFile(join(opts.dir, name), 'utf8');
      } catch (cause) {
        if ((cause as { code?: unknown }).code === 'ENOENT') return null;
        throw cause;
      }
    },
  };
}
export type BackupStore = ReturnType<typeof createBackupStore>;
