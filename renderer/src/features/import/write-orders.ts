/**
 * Writes imported orders in small transactions that yield between them, so scans stay quick
 * while a large file goes in. Counts are exact: every order and line written is counted.
 */
import type { OrderRow } from '#shared/domain/order';
import type {
  ImportWriteCounts,
  IntakeRepository,
} from '../../data/repositories/intake-repository';

export interface WriteProgress {
  done: number;
  total: number;
}

export async function writeImportedOrders(
  repo: Pick<IntakeRepository, 'writeImported'>,
  orders: readonly OrderRow[],
  opts: {
    practice: boolean;
    chunkSize?: number;
    onProgress?: (p: WriteProgress) => void;
    pause?: () => Promise<void>;
  },
): Promise<ImportWriteCounts> {
  const size = opts.chunkSize ?? 1000;
  const pause = opts.pause ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const total: ImportWriteCounts = { orders: 0, lines: 0, inserted: 0, updated: 0 };
  opts.onProgress?.({ done: 0, total: orders.length });
  for (let i = 0; i < orders.length; i += size) {
    const c = await repo.writeImported(orders.slice(i, i + size), { practice: opts.practice });
    total.orders += c.orders;
    total.lines += c.lines;
    total.inserted += c.inserted;
    total.updated += c.updated;
    opts.onProgress?.({ done: Math.min(orders.length, i + size), total: orders.length });
    if (i + size < orders.length) await pause();
  }
  return total;
}
