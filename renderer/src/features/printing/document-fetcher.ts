/**
 * Fetches the platform's shipping label (PDF) for platform-shipped orders as soon as it exists,
 * while online, and stores the bytes in `documents` so the label prints offline (the API's
 * `doc_url` expires after 24 h: bench-realities.md §4).
 *
 * Candidates: orders with TikTok logistics whose shipment is arranged, with a package and no
 * stored document. "Still being generated" (11034037 and kin, answered as `retryable` with reason
 * `label-not-ready`) and other retryable answers are retried per package with exponential backoff;
 * permanent answers wait a long pause. Clock and timers are injected (tests use a fake clock).
 */
import type { OrderRow } from '#shared/domain/order';
import type { Result } from '#shared/utils/result';
import type { LabelAudit } from '../../data/repositories/labels-repository';
import type { DocumentRow } from '../../data/rows';

export interface FetchedDocument {
  pdfBase64: string;
  trackingNumber: string;
  bytes: number;
}

export interface DocumentFetcherDeps {
  /** Up to `limit` packages still without a label, leaving out those `skip` names. */
  candidates: (
    limit: number,
    skip: (packageId: string) => boolean,
  ) => Promise<Array<{ order: OrderRow; packageId: string }>>;
  store: (row: DocumentRow, audit: LabelAudit) => Promise<void>;
  getShippingDocument: (args: {
    packageId: string;
    documentType: 'SHIPPING_LABEL';
    documentSize: 'A6';
  }) => Promise<Result<FetchedDocument, { code: string; message: string }>>;
  online: () => boolean;
  now: () => number;
  newId: () => string;
  station: () => string;
  /** A timer: calls `fn` after `ms`; returns a cancel function. */
  setTimer: (fn: () => void, ms: number) => () => void;
  log: (level: 'info' | 'warn', message: string, context?: Record<string, unknown>) => void;
  backoff?: Partial<Backoff>;
}

export interface Backoff {
  /** First retry after this long; doubles per attempt up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** After a permanent answer (wrong status, not applicable…), try again this much later. */
  permanentMs: number;
  /** How often to look for new candidates when nothing is due. */
  scanEveryMs: number;
  /** Candidates per pass. */
  batch: number;
}

export const DEFAULT_BACKOFF: Backoff = {
  baseMs: 2_000,
  maxMs: 5 * 60_000,
  permanentMs: 30 * 60_000,
  scanEveryMs: 60_000,
  batch: 20,
};

export interface RetryState {
  attempts: number;
  nextAt: number;
  lastError: string;
}

export type FetchOutcome =
  | { kind: 'stored'; packageId: string }
  | { kind: 'not-ready'; packageId: string; retryAt: number }
  | { kind: 'retry'; packageId: string; retryAt: number; code: string }
  | { kind: 'deferred'; packageId: string; retryAt: number; code: string };

export interface DocumentFetcher {
  /** One pass: fetches every candidate that is due now; returns what happened to each. */
  runOnce(): Promise<FetchOutcome[]>;
  /** Keeps running passes (when online) until `stop`. */
  start(): void;
  stop(): void;
  /** Asks for one order's label now (the label step), ignoring its backoff. */
  fetchNow(order: OrderRow): Promise<FetchOutcome | null>;
  retryState(packageId: string): RetryState | undefined;
}

/** "Still being generated": the label exists soon, retry quickly. */
export function isLabelNotReady(e: { code: string; message: string }): boolean {
  return (
    e.message.startsWith('label-not-ready') ||
    /\(code (11034037|11034023|21023022|11006010)\)/.test(e.message)
  );
}

export function backoffDelay(attempts: number, b: Backoff): number {
  return Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createDocumentFetcher(deps: DocumentFetcherDeps): DocumentFetcher {
  const b: Backoff = { ...DEFAULT_BACKOFF, ...deps.backoff };
  const retries = new Map<string, RetryState>();
  let cancelTimer: (() => void) | null = null;
  let running = false;
  let busy: Promise<FetchOutcome[]> | null = null;

  async function fetchOne(order: OrderRow, packageId: string): Promise<FetchOutcome> {
    const r = await deps.getShippingDocument({
      packageId,
      documentType: 'SHIPPING_LABEL',
      documentSize: 'A6',
    });
    const now = deps.now();
    if (r.ok) {
      retries.delete(packageId);
      const row: DocumentRow = {
        id: deps.newId(),
        orderId: order.id,
        packageId,
        trackingNumber: r.value.trackingNumber,
        kind: 'SHIPPING_LABEL',
        format: 'pdf',
        dataBase64: r.value.pdfBase64,
        fetchedAt: now,
      };
      await deps.store(row, {
        kind: 'document.fetched',
        orderId: order.id,
        actor: 'station',
        station: deps.station(),
        at: now,
        detail: { packageId, bytes: r.value.bytes, trackingNumber: r.value.trackingNumber },
      });
      return { kind: 'stored', packageId };
    }
    const prev = retries.get(packageId);
    const attempts = (prev?.attempts ?? 0) + 1;
    const e = r.error;
    if (isLabelNotReady(e)) {
      const retryAt = now + backoffDelay(attempts, b);
      retries.set(packageId, { attempts, nextAt: retryAt, lastError: e.message });
      return { kind: 'not-ready', packageId, retryAt };
    }
    if (e.code === 'retryable' || e.code === 'rate-limited' || e.code === 'host-unreachable') {
      const retryAt = now + backoffDelay(attempts, b);
      retries.set(packageId, { attempts, nextAt: retryAt, lastError: e.message });
      return { kind: 'retry', packageId, retryAt, code: e.code };
    }
    const retryAt = now + b.permanentMs;
    retries.set(packageId, { attempts, nextAt: retryAt, lastError: e.message });
    deps.log('warn', 'platform label not fetched', { packageId, code: e.code, message: e.message });
    return { kind: 'deferred', packageId, retryAt, code: e.code };
  }

  async function pass(): Promise<FetchOutcome[]> {
    if (!deps.online()) return [];
    const now = deps.now();
    // Packages waiting out a backoff are skipped by the query itself, so they never crowd out
    // the ones that are due.
    const waiting = (packageId: string) => (retries.get(packageId)?.nextAt ?? 0) > now;
    const due = (await deps.candidates(b.batch, waiting)).filter((c) => !waiting(c.packageId));
    const out: FetchOutcome[] = [];
    for (const c of due.slice(0, b.batch)) {
      if (!deps.online()) break;
      out.push(await fetchOne(c.order, c.packageId));
    }
    return out;
  }

  function runOnce(): Promise<FetchOutcome[]> {
    // One pass at a time: a second caller shares the running pass.
    busy ??= pass().finally(() => {
      busy = null;
    });
    return busy;
  }

  function scheduleNext() {
    if (!running) return;
    const now = deps.now();
    let wait = b.scanEveryMs;
    for (const s of retries.values()) wait = Math.min(wait, Math.max(0, s.nextAt - now));
    cancelTimer = deps.setTimer(
      () => {
        cancelTimer = null;
        void runOnce()
          .catch((cause: unknown) =>
            deps.log('warn', 'label fetch pass failed', { error: String(cause) }),
          )
          .finally(scheduleNext);
      },
      Math.max(250, wait),
    );
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      void runOnce()
        .catch((cause: unknown) =>
          deps.log('warn', 'label fetch pass failed', { error: String(cause) }),
        )
        .finally(scheduleNext);
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
    },
    async fetchNow(order) {
      const packageId = order.packageIds[0];
      if (order.shippingType !== 'TIKTOK' || packageId === undefined || !deps.online()) return null;
      return fetchOne(order, packageId);
    },
    retryState: (packageId) => retries.get(packageId),
  };
}
