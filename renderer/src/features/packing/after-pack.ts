/**
 * Hook point after a pack is completed (session completed, stock consumed, audit written).
 *
 * `onPackCompleted(order)` is called once per completed pack, after the completing transaction
 * has committed, from the pack controller. Today it only records the completion (log); the label
 * feature will register a listener here to print the label on the last scan ("auto-print on last
 * scan", bench-realities.md §3) — do that with `addAfterPackListener`, which returns an
 * unsubscribe function. Listeners must not throw; a throwing listener is logged and skipped, so
 * one failing feature never blocks the next pack.
 */
import type { OrderRow } from '#shared/domain/order';
import { log } from '../../lib/logger';

export interface PackCompletion {
  order: OrderRow;
  sessionId: string;
  packer: string;
  station: string;
  at: number;
  /** Some line was force-verified by a supervisor. */
  forced: boolean;
  /** The upstream re-check at the seal: 'ok', or 'offline' when it could not run. */
  recheck: 'ok' | 'offline';
}

type Listener = (done: PackCompletion) => void;
const listeners = new Set<Listener>();
const recent: PackCompletion[] = [];

export function addAfterPackListener(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Completed packs of this page session, newest last (at most 50). */
export function recentCompletions(): readonly PackCompletion[] {
  return recent;
}

export function onPackCompleted(done: PackCompletion): void {
  recent.push(done);
  if (recent.length > 50) recent.shift();
  for (const l of listeners) {
    try {
      l(done);
    } catch (cause) {
      safeLog('error', 'after-pack listener failed', { error: String(cause) });
    }
  }
  safeLog('info', 'pack completed', {
    orderId: done.order.id,
    sessionId: done.sessionId,
    packer: done.packer,
    station: done.station,
    forced: done.forced,
    recheck: done.recheck,
  });
}

function safeLog(level: 'info' | 'error', message: string, context: Record<string, unknown>) {
  try {
    log[level](message, context);
  } catch {
    // No host to log to (unit tests): the completion is still recorded above.
  }
}

/**
 * A scan on the pack screen after the pack completed (the label step: the packer scans the label
 * on the parcel). The handler says whether it took the scan; when none is set, or it declines,
 * the scan opens an order as before. Set by the printing feature.
 */
type CompletedScanHandler = (code: string) => Promise<boolean>;
let completedScanHandler: CompletedScanHandler | null = null;

export function setCompletedScanHandler(handler: CompletedScanHandler | null): () => void {
  completedScanHandler = handler;
  return () => {
    if (completedScanHandler === handler) completedScanHandler = null;
  };
}

export async function completedScan(code: string): Promise<boolean> {
  if (!completedScanHandler) return false;
  try {
    return await completedScanHandler(code);
  } catch (cause) {
    safeLog('error', 'completed-scan handler failed', { error: String(cause) });
    return false;
  }
}
