/**
 * Writes imported orders in small transactions that yield between them, so scans stay quick
 * while a large file goes in. Counts are exact: every order and line written is counted.
 *
 * Orders come as an array or as a source that builds them a chunk at a time (an import report's
 * `orderBatches`): the next chunk is built while the previous chunk's transaction commits, so the
 * main thread works while IndexedDB writes, and a large file never holds every built order.
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

/** Orders built on demand, `size` at a time (see `ImportReport.orderBatches`). */
export interface OrderBatchSource {
  ordersToStore: number;
  orderBatches(size: number): Iterator<OrderRow[]>;
}

/**
 * Orders per transaction: large enough that commits do not dominate, small enough that building
 * and cloning one chunk stays well under a frame budget on a slow bench PC.
 */
export const DEFAULT_CHUNK_SIZE = 1000;

function batchesOf(
  orders: readonly OrderRow[] | OrderBatchSource,
  size: number,
): { total: number; batches: Iterator<readonly OrderRow[]> } {
  if ('orderBatches' in orders) {
    return { total: orders.ordersToStore, batches: orders.orderBatches(size) };
  }
  const list = orders;
  function* slices(): Generator<readonly OrderRow[]> {
    for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
  }
  return { total: list.length, batches: slices() };
}

export async function writeImportedOrders(
  repo: Pick<IntakeRepository, 'writeImported'>,
  orders: readonly OrderRow[] | OrderBatchSource,
  opts: {
    practice: boolean;
    chunkSize?: number;
    onProgress?: (p: WriteProgress) => void;
    pause?: () => Promise<void>;
  },
): Promise<ImportWriteCounts> {
  const size = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const pause = opts.pause ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const { total, batches } = batchesOf(orders, size);
  const counts: ImportWriteCounts = { orders: 0, lines: 0, inserted: 0, updated: 0 };
  let done = 0;
  opts.onProgress?.({ done, total });
  let next = batches.next();
  while (next.done !== true) {
    const chunk = next.value;
    // One transaction at a time: the chunk is committed before the next one starts, so a crash
    // leaves whole chunks. The next chunk is built while this one commits.
    const writing = repo.writeImported(chunk, { practice: opts.practice });
    // Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
    writing.catch(() => undefined);
    await pause();
    next = batches.next();
    const c = await writing;
    counts.orders += c.orders;
    counts.lines += c.lines;
    counts.inserted += c.inserted;
    counts.updated += c.updated;
    done += chunk.length;
    opts.onProgress?.({ done, total });
  }
  return counts;
}
