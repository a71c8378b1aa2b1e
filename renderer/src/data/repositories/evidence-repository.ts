/**
 * Camera evidence per order: photos (and clips) with who, when and what triggered them. Kept in
 * IndexedDB with the order; a retention setting prunes old evidence, and a full disk (quota)
 * prunes the oldest evidence once and retries, or refuses with a clear error, never silently.
 *
 * The read API other features use (order history, return intake): `forOrder(orderId)`.
 */
import type { StationDb } from '../db';
import type { AuditRow } from '../rows';
import type { EvidenceRow } from '../rows-devices';

export type EvidenceSaveError =
  { code: 'quota'; message: string } | { code: 'write-failed'; message: string };

/** Dexie wraps QuotaExceededError in AbortError (`inner`), sometimes twice: look down the chain. */
function isQuota(cause: unknown): boolean {
  let c = cause as { name?: string; inner?: unknown } | null | undefined;
  for (let depth = 0; c && depth < 4; depth += 1) {
    if (c.name === 'QuotaExceededError') return true;
    c = c.inner as typeof c;
  }
  return false;
}

export function createEvidenceRepository(db: StationDb) {
  async function put(row: EvidenceRow): Promise<void> {
    const audit: AuditRow = {
      id: crypto.randomUUID(),
      at: row.at,
      kind: 'evidence.captured',
      orderId: row.orderId,
      actor: row.packer,
      station: row.station,
      detail: { evidenceId: row.id, evidence: row.kind, bytes: row.bytes, trigger: row.trigger },
    };
    await db.transaction('rw', db.evidence, db.audit, async () => {
      await db.evidence.put(row);
      await db.audit.add(audit);
    });
  }

  const repo = {
    /** Stores a photo; on a full disk prunes the oldest `pruneOnQuota` items once and retries. */
    async save(
      row: EvidenceRow,
      opts: { pruneOnQuota: number } = { pruneOnQuota: 20 },
    ): Promise<{ ok: true; pruned: number } | { ok: false; error: EvidenceSaveError }> {
      try {
        await put(row);
        return { ok: true, pruned: 0 };
      } catch (cause) {
        if (!isQuota(cause)) {
          return { ok: false, error: { code: 'write-failed', message: String(cause) } };
        }
      }
      const pruned = await repo.pruneOldest(opts.pruneOnQuota);
      try {
        await put(row);
        return { ok: true, pruned };
      } catch (cause) {
        return {
          ok: false,
          error: isQuota(cause)
            ? {
                code: 'quota',
                message:
                  'The disk is full: the photo was not stored. Free space or shorten retention.',
              }
            : { code: 'write-failed', message: String(cause) },
        };
      }
    },

    /** Evidence of an order, oldest first, with the image data. */
    async forOrder(orderId: string): Promise<EvidenceRow[]> {
      return db.evidence.where('orderId').equals(orderId).sortBy('at');
    },

    async get(id: string): Promise<EvidenceRow | undefined> {
      return db.evidence.get(id);
    },

    /** Retention: deletes evidence taken before `cutoff` (ms); returns how many. */
    async pruneBefore(cutoff: number): Promise<number> {
      return db.evidence.where('at').below(cutoff).delete();
    },

    async pruneOldest(count: number): Promise<number> {
      const keys = await db.evidence.orderBy('at').limit(count).primaryKeys();
      await db.evidence.bulkDelete(keys);
      return keys.length;
    },

    async totals(): Promise<{ count: number; bytes: number }> {
      let bytes = 0;
      let count = 0;
      await db.evidence.each((r) => {
        count += 1;
        bytes += r.bytes;
      });
      return { count, bytes };
    },
  };
  return repo;
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
