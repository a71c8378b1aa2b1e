/**
 * An in-memory PdfPrinter: a fake webContents that records every print call and answers from a
 * script, including the Electron failure modes (callback never fires, fires with a reason).
 */
import type {
  PdfPrinter,
  PrintCallback,
  PrinterInfo,
  WebContentsPrintOptions,
} from './pdf-printer';

export type FakePrintAnswer =
  | { kind: 'success' }
  | { kind: 'fail'; reason: string }
  /** The callback never fires (electron#18123). */
  | { kind: 'never' }
  /** The test fires the callback itself through `pendingCallbacks`. */
  | { kind: 'manual' };

export interface FakePrintCall {
  route: string;
  options: WebContentsPrintOptions;
}

export interface FakePdfPrinter extends PdfPrinter {
  readonly calls: FakePrintCall[];
  readonly opened: string[];
  readonly closed: string[];
  /** Callbacks of `manual` answers, in call order. */
  readonly pendingCallbacks: PrintCallback[];
  /** Answers for the next print calls; after they run out every call succeeds. */
  script(...answers: FakePrintAnswer[]): void;
  /** Makes `openRoute` fail for the next call. */
  failNextOpen(message: string): void;
}

export function createFakePdfPrinter(printers: PrinterInfo[]): FakePdfPrinter {
  const answers: FakePrintAnswer[] = [];
  const calls: FakePrintCall[] = [];
  const opened: string[] = [];
  const closed: string[] = [];
  const pendingCallbacks: PrintCallback[] = [];
  let openFailure: string | null = null;
  return {
    calls,
    opened,
    closed,
    pendingCallbacks,
    script: (...next) => void answers.push(...next),
    failNextOpen: (message) => void (openFailure = message),
    getPrintersAsync: async () => printers.map((p) => ({ ...p })),
    async openRoute(route) {
      if (openFailure !== null) {
        const message = openFailure;
        openFailure = null;
        throw new Error(message);
      }
      opened.push(route);
      return {
        print(options, callback) {
          calls.push({ route, options: structuredClone(options) });
          const answer = answers.shift() ?? { kind: 'success' };
          if (answer.kind === 'success') queueMicrotask(() => callback(true, ''));
          else if (answer.kind === 'fail') queueMicrotask(() => callback(false, answer.reason));
          else if (answer.kind === 'manual') pendingCallbacks.push(callback);
        },
        close: () => void closed.push(route),
      };
    },
  };
}
