/**
 * Raw ZPL to a network label printer (TCP, port 9100 by convention), per reliability.md §4:
 * - one socket per job, and jobs serialised per printer (the raw port is first-come-first-served);
 * - `~HS` first, and no job on head open, paper out, ribbon out or pause: the refusal says why,
 *   and nothing of the label reaches the printer, so the same job may be sent again once fixed;
 * - then the job, then `~HS` again; anything odd after sending is `unknown-outcome`, never a retry;
 * - a job id is sent at most once (a retried bridge call cannot print twice); a reprint is a new id;
 * - a finished send is not a print: the receipt says what the printer reported, nothing more.
 */
import {
  PROBLEM_MESSAGES,
  statusProblem,
  type HostStatus,
  type StatusProblem,
} from '#shared/logic/printing/host-status';
import type { ZplReceipt } from '#shared/logic/printing/print-job';
import { checkJobZpl, countFormats } from '#shared/logic/printing/zpl-escape';
import { err, ok, type Result } from '#shared/utils/result';
import { createKeyedQueue } from '../print/keyed-queue';
import { openPrinterLink, type LinkErrorCode, type PrinterLink } from './printer-link';

export type ZplErrorCode =
  LinkErrorCode | StatusProblem | 'unknown-outcome' | 'duplicate-job' | 'invalid-zpl';

export interface ZplError {
  code: ZplErrorCode;
  message: string;
  /** The last status the printer reported, when it reported one. */
  status: HostStatus | null;
}

export interface ZplTarget {
  host: string;
  port: number;
}

export interface ZplSendRequest extends ZplTarget {
  jobId: string;
  zpl: string;
  timeoutMs?: number;
}

export interface ZplSenderOptions {
  /** Connect, status answer and write timeout each; default 5000 ms. */
  timeoutMs?: number;
  /** How many sent job ids to remember for the duplicate check; default 5000. */
  rememberJobs?: number;
}

export interface ZplSender {
  status(target: ZplTarget, timeoutMs?: number): Promise<Result<HostStatus, ZplError>>;
  send(request: ZplSendRequest): Promise<Result<ZplReceipt, ZplError>>;
}

function printerKey({ host, port }: ZplTarget): string {
  return `${host.toLowerCase()}:${port}`;
}

function refuse(problem: StatusProblem, status: HostStatus): ZplError {
  return { code: problem, message: PROBLEM_MESSAGES[problem], status };
}

function unknownOutcome(detail: string, status: HostStatus | null): ZplError {
  return {
    code: 'unknown-outcome',
    message:
      `The job was sent, but ${detail}. Check whether the label came out before printing ` +
      'it again.',
    status,
  };
}

export function createZplSender(options: ZplSenderOptions = {}): ZplSender {
  const defaultTimeout = options.timeoutMs ?? 5000;
  const rememberJobs = options.rememberJobs ?? 5000;
  const queue = createKeyedQueue();
  /** Job ids claimed or sent, oldest first. */
  const claimed = new Set<string>();

  function claim(jobId: string): boolean {
    if (claimed.has(jobId)) return false;
    claimed.add(jobId);
    for (const old of claimed) {
      if (claimed.size <= rememberJobs) break;
      claimed.delete(old);
    }
    return true;
  }

  async function withLink<T>(
    target: ZplTarget,
    timeoutMs: number,
    use: (link: PrinterLink) => Promise<Result<T, ZplError>>,
  ): Promise<Result<T, ZplError>> {
    const opened = await openPrinterLink(target.host, target.port, timeoutMs);
    if (!opened.ok) return err({ ...opened.error, status: null });
    try {
      return await use(opened.value);
    } finally {
      // The raw port serves one client at a time: let this connection close before the next.
      await opened.value.close();
    }
  }

  async function sendOnLink(
    link: PrinterLink,
    request: ZplSendRequest,
    timeoutMs: number,
  ): Promise<{ result: Result<ZplReceipt, ZplError>; sent: boolean }> {
    const before = await link.queryStatus(timeoutMs);
    if (!before.ok) return { result: err({ ...before.error, status: null }), sent: false };
    const problem = statusProblem(before.value);
    if (problem !== null) return { result: err(refuse(problem, before.value)), sent: false };

    const written = await link.write(request.zpl, timeoutMs);
    if (!written.ok) {
      return {
        result: err(unknownOutcome(`the connection failed (${written.error.message})`, null)),
        sent: true,
      };
    }
    const after = await link.queryStatus(timeoutMs);
    if (!after.ok) {
      const detail = `the printer did not report its status afterwards (${after.error.message})`;
      return { result: err(unknownOutcome(detail, null)), sent: true };
    }
    const s = after.value;
    const afterProblem = statusProblem(s);
    if (afterProblem !== null) {
      const detail = `the printer then reported: ${PROBLEM_MESSAGES[afterProblem]}`;
      return { result: err(unknownOutcome(detail, s)), sent: true };
    }
    if (s.partialFormat || s.bufferFull) {
      const detail = s.partialFormat
        ? 'the printer reports an incomplete format'
        : 'the printer reports a full buffer';
      return { result: err(unknownOutcome(detail, s)), sent: true };
    }
    return {
      result: ok({
        jobId: request.jobId,
        bytes: written.value,
        before: before.value,
        after: s,
        observed: s.formatsInBuffer > 0 || s.labelsRemaining > 0 ? 'queued' : 'idle',
      }),
      sent: true,
    };
  }

  return {
    status(target, timeoutMs = defaultTimeout) {
      return queue.run(printerKey(target), () =>
        withLink(target, timeoutMs, async (link) => {
          const r = await link.queryStatus(timeoutMs);
          return r.ok ? r : err({ ...r.error, status: null });
        }),
      );
    },

    async send(request) {
      const invalid = checkJobZpl(request.zpl);
      if (invalid !== null) return err({ code: 'invalid-zpl', message: invalid, status: null });
      if (countFormats(request.zpl) === 0) {
        return err({ code: 'invalid-zpl', message: 'No ^XA format in the job', status: null });
      }
      if (!claim(request.jobId)) {
        return err({
          code: 'duplicate-job',
          message: 'This job was already sent. A reprint needs a new job id and a reason.',
          status: null,
        });
      }
      const timeoutMs = request.timeoutMs ?? defaultTimeout;
      let sent = false;
      const result = await queue.run(printerKey(request), () =>
        withLink(request, timeoutMs, async (link) => {
          const r = await sendOnLink(link, request, timeoutMs);
          sent = r.sent;
          return r.result;
        }),
      );
      // Nothing reached the printer: the same job may be sent again once the printer is fixed.
      if (!sent) claimed.delete(request.jobId);
      return result;
    },
  };
}
