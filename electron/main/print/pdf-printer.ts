/**
 * The Electron side of the system-printer port: each job renders its print route in a hidden,
 * sandboxed window on our own origin, waits until the page says it is ready (fonts loaded,
 * barcodes drawn, text fitted), and prints that window's webContents. Pure wiring over small
 * interfaces, so it is unit-tested without Electron.
 */
import type {
  PdfPrinter,
  PrintableContents,
  PrinterInfo,
  WebContentsPrintOptions,
  PrintCallback,
} from '../../core/ports/pdf-printer';
import { APP_ORIGIN } from '../app-origin';

/** The part of a BrowserWindow this adapter uses. */
export interface HiddenWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    print(options: WebContentsPrintOptions, callback: PrintCallback): void;
  };
}

export interface ElectronPdfPrinterDeps {
  /** A new hidden window with the app's secure webPreferences. */
  createHiddenWindow: () => HiddenWindow;
  /** `webContents.getPrintersAsync()` of any live window. */
  listPrinters: () => Promise<PrinterInfo[]>;
  sleep: (ms: number) => Promise<void>;
  readyTimeoutMs?: number;
}

const READY_PROBE =
  "({ ready: document.body?.dataset.printReady === 'true', error: document.body?.dataset.printError ?? null })";

export function createElectronPdfPrinter(deps: ElectronPdfPrinterDeps): PdfPrinter {
  const timeoutMs = deps.readyTimeoutMs ?? 15_000;
  return {
    getPrintersAsync: () => deps.listPrinters(),
    async openRoute(route: string): Promise<PrintableContents> {
      if (!route.startsWith('/print/')) throw new Error(`Not a print route: ${route}`);
      const win = deps.createHiddenWindow();
      const close = () => {
        if (!win.isDestroyed()) win.destroy();
      };
      try {
        await win.loadURL(`${APP_ORIGIN}${route}`);
        const started = Date.now();
        for (;;) {
          const probe = (await win.webContents.executeJavaScript(READY_PROBE)) as {
            ready: boolean;
            error: string | null;
          };
          if (probe.error) throw new Error(`The print page failed: ${probe.error}`);
          if (probe.ready) break;
          if (Date.now() - started > timeoutMs) {
            throw new Error(`The print page was not ready within ${timeoutMs} ms`);
          }
          await deps.sleep(50);
        }
      } catch (cause) {
        close();
        throw cause;
      }
      return {
        print: (options, callback) => win.webContents.print(options, callback),
        close,
      };
    },
  };
}
