/**
 * Bridge handlers for printing: system printers through the PdfPrinter port (Electron only; the
 * web host passes none and answers `unavailable-in-host`), and raw ZPL to network label printers
 * over TCP (both hosts).
 */
import {
  COMMON_ERRORS,
  methods,
  type BridgeError,
  type ErrorCodeOf,
} from '#shared/bridge/contract';
import { PAPER } from '#shared/utils/units';
import { err, ok } from '#shared/utils/result';
import { createSystemClock, type Clock } from '../ports/clock';
import type { PdfPrinter } from '../ports/pdf-printer';
import {
  createPrintService,
  type PrintError,
  type PrintService,
} from '../services/print/print-service';
import { createZplSender, type ZplError, type ZplSender } from '../services/zpl/zpl-sender';
import type { Handlers, Logger } from './types';

export interface PrintingDeps {
  log: Logger;
  /** The system-printer port; null where there is no webContents (the web host). */
  pdfPrinter: PdfPrinter | null;
  clock?: Clock;
  /** Print callback timeout before the outcome is `unknown`; default 30 s. */
  printTimeoutMs?: number;
  /** Raw ZPL connect/status/write timeout; default 5 s. */
  zplTimeoutMs?: number;
  /** For tests: a prepared sender. */
  zplSender?: ZplSender;
}

export type PrintingMethod =
  | 'printer.list'
  | 'printer.printLabel'
  | 'printer.reprint'
  | 'printer.jobs'
  | 'zpl.status'
  | 'zpl.send';

const UNAVAILABLE = {
  code: 'unavailable-in-host',
  message:
    'System printers are only reachable from the desktop app. In the browser, print to a ' +
    'network label printer (ZPL) or save the label as PDF.',
} as const;

/**
 * A service error as the method's bridge error: codes the contract lists for the method pass
 * through, rule violations become `invalid-args`, anything else is `internal`.
 */
function bridgeError<M extends PrintingMethod>(
  method: M,
  e: PrintError | ZplError,
): BridgeError<ErrorCodeOf<M>> {
  if (e.code === 'reprint-reason-required' || e.code === 'invalid-zpl') {
    return { code: 'invalid-args', message: e.message };
  }
  const allowed: readonly string[] = [...methods[method].errors, ...COMMON_ERRORS];
  const code = allowed.includes(e.code) ? (e.code as ErrorCodeOf<M>) : 'internal';
  return { code, message: e.message };
}

export function createPrintingHandlers(deps: PrintingDeps): Pick<Handlers, PrintingMethod> {
  const clock = deps.clock ?? createSystemClock();
  const service: PrintService | null =
    deps.pdfPrinter === null
      ? null
      : createPrintService({
          printer: deps.pdfPrinter,
          clock,
          timeoutMs: deps.printTimeoutMs ?? 30_000,
        });
  const zpl =
    deps.zplSender ?? createZplSender(deps.zplTimeoutMs ? { timeoutMs: deps.zplTimeoutMs } : {});

  return {
    'printer.list': async () => (service ? ok(await service.listPrinters()) : err(UNAVAILABLE)),

    'printer.printLabel': async ({ route, deviceName, paper, requestedBy }) => {
      if (!service) return err(UNAVAILABLE);
      const r = await service.print({ route, deviceName, paper: PAPER[paper], requestedBy });
      const job = r.ok ? r.value : r.error.job;
      deps.log.info('print job ended', {
        jobId: job?.id,
        state: job?.state,
        deviceName,
        route,
        code: r.ok ? null : r.error.code,
      });
      return r.ok ? r : err(bridgeError('printer.printLabel', r.error));
    },

    'printer.reprint': async ({ jobId, reason, requestedBy }) => {
      if (!service) return err(UNAVAILABLE);
      const r = await service.reprint({ jobId, reason, requestedBy });
      deps.log.info('reprint requested', {
        of: jobId,
        reason,
        requestedBy,
        state: r.ok ? r.value.state : r.error.job?.state,
        code: r.ok ? null : r.error.code,
      });
      return r.ok ? r : err(bridgeError('printer.reprint', r.error));
    },

    'printer.jobs': async () => (service ? ok(service.history()) : err(UNAVAILABLE)),

    'zpl.status': async ({ host, port }) => {
      const r = await zpl.status({ host, port });
      return r.ok ? r : err(bridgeError('zpl.status', r.error));
    },

    'zpl.send': async ({ host, port, jobId, zpl: job }) => {
      const r = await zpl.send({ host, port, jobId, zpl: job });
      deps.log.info('zpl job ended', {
        jobId,
        printer: `${host}:${port}`,
        code: r.ok ? null : r.error.code,
        observed: r.ok ? r.value.observed : null,
      });
      return r.ok ? r : err(bridgeError('zpl.send', r.error));
    },
  };
}
