/**
 * "Confirm clean orders": walks the queue's current filter in chunks (keyset pages, so 100,000
 * orders are never in memory together), and confirms the awaiting-shipment orders that are not
 * yet confirmed and have no blocking reason, one transaction per chunk (stock reserved and audit
 * written together, as a single confirm does). Orders with a blocking reason stay unconfirmed
 * and are reported with their reasons. Between chunks it reports progress, yields to the event
 * loop (scans and typing keep going) and honours a cancel; a cancelled run keeps every chunk it
 * finished and nothing of the one it did not start.
 */
import type { OrderRow } from '#shared/domain/order';
import { blockingReasons, type Reason } from '#shared/logic/confirm/index';
import { err, ok, type Result } from '#shared/utils/result';
import type { QueueFilter, Repositories } from '../../data/repositories';

/** How many rows each chunk reads (and at most confirms) in one transaction. */
export const BATCH_CHUNK_SIZE = 200;
/** Flagged orders kept with their reasons for the summary; beyond this only counted. */
export const BATCH_MAX_LISTED = 2000;

export interface BatchCounts {
  /** Queue rows walked so far. */
  scanned: number;
  /** Rows in the filter when the run started (the progress bar's end). */
  total: number;
  /** Awaiting-shipment orders checked (not confirmed before the run). */
  checked: number;
  confirmed: number;
  flagged: number;
  /** Awaiting-shipment orders skipped because they were confirmed before. */
  alreadyConfirmed: number;
}

export interface FlaggedOrder {
  orderId: string;
  /** The reasons that kept it out of the batch: stops and warnings that need a person. */
  reasons: Reason[];
}

export interface BatchSummary extends BatchCounts {
  /** Up to `maxListed` flagged orders, in queue order. */
  flaggedOrders: FlaggedOrder[];
  cancelled: boolean;
}

export interface BatchConfirmOptions {
  repos: Pick<Repositories, 'orders' | 'packing'>;
  filter: QueueFilter;
  /** The signed-in packer and this station; null when nobody is signed in. */
  who: { packer: string; station: string } | null;
  now: () => number;
  chunkSize?: number;
  maxListed?: number;
  signal?: AbortSignal;
  onProgress?: (counts: BatchCounts) => void;
  /** Yields between chunks; the default gives the event loop a turn. */
  pause?: () => Promise<void>;
}

function defaultPause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The filter can hold awaiting-shipment orders, so the action has something to do there. */
export function filterCanConfirm(filter: QueueFilter): boolean {
  return filter.kind !== 'status' || filter.status === 'AWAITING_SHIPMENT';
}

export async function runBatchConfirm(
  opts: BatchConfirmOptions,
): Promise<Result<BatchSummary, { code: 'no-packer' }>> {
  const who = opts.who;
  if (!who || who.packer.trim() === '') return err({ code: 'no-packer' });
  const { repos, filter } = opts;
  const chunkSize = Math.max(1, opts.chunkSize ?? BATCH_CHUNK_SIZE);
  const maxListed = opts.maxListed ?? BATCH_MAX_LISTED;
  const pause = opts.pause ?? defaultPause;
  const counts: BatchCounts = {
    scanned: 0,
    total: await repos.orders.count(filter),
    checked: 0,
    confirmed: 0,
    flagged: 0,
    alreadyConfirmed: 0,
  };
  const flaggedOrders: FlaggedOrder[] = [];
  let cancelled = false;
  let after: Pick<OrderRow, 'id' | 'shipBy'> | null = null;
  opts.onProgress?.({ ...counts });
  for (;;) {
    if (opts.signal?.aborted) {
      cancelled = true;
      break;
    }
    const page: OrderRow[] = after
      ? await repos.orders.pageAfter(filter, after, chunkSize)
      : await repos.orders.page(filter, 0, chunkSize);
    const last = page.at(-1);
    if (!last) break;
    after = { id: last.id, shipBy: last.shipBy };
    const ids = page.filter((o) => o.status === 'AWAITING_SHIPMENT').map((o) => o.id);
    if (ids.length > 0) {
      const out = await repos.packing.confirmMany(
        ids,
        { ...who, now: opts.now() },
        { batchRules: true },
      );
      const confirmed = new Set(out.confirmed);
      counts.alreadyConfirmed += out.alreadyConfirmed.length;
      for (const result of out.results) {
        counts.checked += 1;
        if (confirmed.has(result.orderId)) {
          counts.confirmed += 1;
          continue;
        }
        counts.flagged += 1;
        if (flaggedOrders.length < maxListed) {
          flaggedOrders.push({ orderId: result.orderId, reasons: blockingReasons(result) });
        }
      }
    }
    counts.scanned += page.length;
    counts.total = Math.max(counts.total, counts.scanned);
    opts.onProgress?.({ ...counts });
    if (page.length < chunkSize) break;
    await pause();
  }
  return ok({ ...counts, flaggedOrders, cancelled });
}
