/**
 * Silent printing of renderer print routes to a chosen system printer, over the PdfPrinter port
 * (Electron's `webContents.print`). Rules from reliability.md §4:
 * - `deviceName` must be a system name from `getPrintersAsync()`; never the default printer;
 * - page size in microns, no margins, one copy;
 * - jobs are serialised per printer;
 * - a callback that does not come back in time ends the job in `unknown`, and nothing is ever
 *   reprinted automatically: a reprint is an explicit request with a reason, as a new job linked
 *   to the first;
 * - `success === true` only means the driver accepted the job; the packer's scan of the label is
 *   the real proof.
 */
import { randomUUID } from 'node:crypto';
import {
  canTransition,
  mapFailureReason,
  type PrinterSummary,
  type PrintFailure,
  type PrintJobRecord,
  type PrintJobState,
} from '#shared/logic/printing/print-job';
import { mmToMicrons } from '#shared/utils/units';
import { err, ok, type Result } from '#shared/utils/result';
import type { Clock } from '../../ports/clock';
import type {
  PdfPrinter,
  PrintableContents,
  WebContentsPrintOptions,
} from '../../ports/pdf-printer';
import { createKeyedQueue } from './keyed-queue';

/** Electron rejects page sizes under 353 microns. */
export const MIN_PAGE_MICRONS = 353;

export interface PrintServiceOptions {
  printer: PdfPrinter;
  clock: Clock;
  /** How long to wait for the print callback before the outcome is `unknown`. */
  timeoutMs: number;
  /** How long the route may take to render; defaults to `timeoutMs`. */
  loadTimeoutMs?: number;
  newId?: () => string;
  /** Jobs kept in memory for the history; default 500. */
  historyLimit?: number;
}

export interface PrintRequest {
  route: string;
  deviceName: string;
  paper: { widthMm: number; heightMm: number };
  requestedBy: string;
}

export interface ReprintRequest {
  jobId: string;
  reason: string;
  requestedBy: string;
}

export type PrintErrorCode =
  | PrintFailure
  | 'unknown-outcome'
  | 'job-not-found'
  | 'job-in-progress'
  | 'reprint-reason-required';

export interface PrintError {
  code: PrintErrorCode;
  message: string;
  job: PrintJobRecord | null;
}

export type PrintResult = Result<PrintJobRecord, PrintError>;

export interface PrintService {
  listPrinters(): Promise<PrinterSummary[]>;
  print(request: PrintRequest): Promise<PrintResult>;
  reprint(request: ReprintRequest): Promise<PrintResult>;
  getJob(id: string): PrintJobRecord | null;
  /** Newest first. */
  history(): PrintJobRecord[];
}

const FAILURE_TEXT: Record<PrintFailure, string> = {
  'printer-not-found': 'The chosen printer is not installed on this computer',
  'invalid-printer-settings': 'The printer rejected the settings',
  'print-cancelled': 'The print job was cancelled',
  'print-failed': 'The print job failed',
  'invalid-page-size': 'The page size is too small to print',
};

export function pageSizeMicrons(paper: { widthMm: number; heightMm: number }) {
  return { width: mmToMicrons(paper.widthMm), height: mmToMicrons(paper.heightMm) };
}

export function createPrintService(opts: PrintServiceOptions): PrintService {
  const { printer, clock, timeoutMs } = opts;
  const loadTimeoutMs = opts.loadTimeoutMs ?? timeoutMs;
  const newId = opts.newId ?? (() => randomUUID());
  const historyLimit = opts.historyLimit ?? 500;
  const jobs = new Map<string, PrintJobRecord>();
  const queue = createKeyedQueue();

  function snapshot(job: PrintJobRecord): PrintJobRecord {
    return structuredClone(job);
  }

  function move(job: PrintJobRecord, to: PrintJobState): void {
    if (!canTransition(job.state, to)) throw new Error(`Print job ${job.id}: ${job.state} → ${to}`);
    job.state = to;
    if (to === 'sent') job.sentAt = clock.now();
    else job.finishedAt = clock.now();
  }

  function fail(job: PrintJobRecord, failure: PrintFailure, reason: string | null): void {
    move(job, 'failed');
    job.failure = failure;
    job.failureReason = reason;
  }

  function remember(job: PrintJobRecord): void {
    jobs.set(job.id, job);
    for (const [id, old] of jobs) {
      if (jobs.size <= historyLimit) break;
      if (old.state !== 'queued' && old.state !== 'sent') jobs.delete(id);
    }
  }

  function outcome(job: PrintJobRecord): PrintResult {
    const copy = snapshot(job);
    if (job.state === 'confirmed') return ok(copy);
    if (job.state === 'unknown') {
      return err({
        code: 'unknown-outcome',
        message:
          'The printer did not confirm the job in time. Check whether the label came out; ' +
          'reprint only if it did not.',
        job: copy,
      });
    }
    const failure = job.failure ?? 'print-failed';
    const detail = job.failureReason ? `: ${job.failureReason}` : '';
    return err({ code: failure, message: `${FAILURE_TEXT[failure]}${detail}`, job: copy });
  }

  function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = clock.setTimeout(() => reject(new Error(`${what} timed out`)), ms);
      promise.then(
        (value) => {
          clock.clearTimeout(timer);
          resolve(value);
        },
        (cause: unknown) => {
          clock.clearTimeout(timer);
          reject(cause instanceof Error ? cause : new Error(String(cause)));
        },
      );
    });
  }

  /** Calls print once and settles on the callback, a throw, or the timeout; never retries. */
  function printOnce(job: PrintJobRecord, contents: PrintableContents): Promise<void> {
    const options: WebContentsPrintOptions = {
      silent: true,
      printBackground: true,
      deviceName: job.deviceName,
      pageSize: { ...job.pageSizeMicrons },
      margins: { marginType: 'none' },
      copies: 1,
    };
    return new Promise<void>((resolve) => {
      let settled = false;
      const timer = clock.setTimeout(() => {
        if (settled) return;
        settled = true;
        move(job, 'unknown');
        resolve();
      }, timeoutMs);
      move(job, 'sent');
      try {
        contents.print(options, (success, failureReason) => {
          if (settled) {
            job.lateCallback = { success, reason: failureReason, at: clock.now() };
            return;
          }
          settled = true;
          clock.clearTimeout(timer);
          if (success) move(job, 'confirmed');
          else fail(job, mapFailureReason(failureReason), failureReason || null);
          resolve();
        });
      } catch (cause) {
        // Electron throws synchronously for settings it cannot use (e.g. an invalid pageSize).
        if (!settled) {
          settled = true;
          clock.clearTimeout(timer);
          fail(job, 'invalid-printer-settings', String(cause));
          resolve();
        }
      }
    });
  }

  async function runJob(job: PrintJobRecord): Promise<void> {
    const printers = await printer.getPrintersAsync();
    if (job.deviceName === '' || !printers.some((p) => p.name === job.deviceName)) {
      fail(job, 'printer-not-found', `"${job.deviceName}" is not in the system printer list`);
      return;
    }
    let contents: PrintableContents;
    try {
      contents = await withTimeout(printer.openRoute(job.route), loadTimeoutMs, 'Rendering');
    } catch (cause) {
      fail(job, 'print-failed', `The document did not render: ${String(cause)}`);
      return;
    }
    try {
      await printOnce(job, contents);
    } finally {
      contents.close();
    }
  }

  async function submit(job: PrintJobRecord): Promise<PrintResult> {
    const { width, height } = job.pageSizeMicrons;
    if (width < MIN_PAGE_MICRONS || height < MIN_PAGE_MICRONS) {
      fail(job, 'invalid-page-size', `${width} × ${height} µm`);
      remember(job);
      return outcome(job);
    }
    remember(job);
    await queue.run(job.deviceName, () => runJob(job));
    return outcome(job);
  }

  function newJob(
    fields: Pick<PrintJobRecord, 'route' | 'deviceName' | 'pageSizeMicrons' | 'requestedBy'>,
  ): PrintJobRecord {
    return {
      id: newId(),
      ...fields,
      state: 'queued',
      createdAt: clock.now(),
      sentAt: null,
      finishedAt: null,
      failure: null,
      failureReason: null,
      reprintOf: null,
      reprintReason: null,
      lateCallback: null,
    };
  }

  return {
    async listPrinters() {
      const list = await printer.getPrintersAsync();
      return list.map((p) => ({
        name: p.name,
        displayName: p.displayName || p.name,
        isDefault: p.isDefault === true,
      }));
    },

    print(request) {
      const job = newJob({
        route: request.route,
        deviceName: request.deviceName,
        pageSizeMicrons: pageSizeMicrons(request.paper),
        requestedBy: request.requestedBy,
      });
      return submit(job);
    },

    async reprint(request) {
      const original = jobs.get(request.jobId);
      if (original === undefined) {
        return err({ code: 'job-not-found', message: 'No such print job', job: null });
      }
      if (original.state === 'queued' || original.state === 'sent') {
        return err({
          code: 'job-in-progress',
          message: 'That job has not finished yet; wait for its outcome first',
          job: snapshot(original),
        });
      }
      const reason = request.reason.trim();
      if (reason.length < 3) {
        return err({
          code: 'reprint-reason-required',
          message: 'Say why the label is printed again',
          job: null,
        });
      }
      const job = newJob({
        route: original.route,
        deviceName: original.deviceName,
        pageSizeMicrons: { ...original.pageSizeMicrons },
        requestedBy: request.requestedBy,
      });
      job.reprintOf = original.id;
      job.reprintReason = reason;
      return submit(job);
    },

    getJob(id) {
      const job = jobs.get(id);
      return job === undefined ? null : snapshot(job);
    },

    history() {
      return [...jobs.values()].reverse().map(snapshot);
    },
  };
}
