/**
 * The system-printer port. It models Electron's API so the Electron main can implement it in a few
 * lines (a hidden BrowserWindow per job): `webContents.getPrintersAsync()` and
 * `webContents.print(options, callback)`. The core never imports Electron; the web host has no
 * webContents and passes no printer at all.
 */

/** What `getPrintersAsync()` returns per printer (the fields we use). */
export interface PrinterInfo {
  /** The system name; the only valid `deviceName`. */
  name: string;
  displayName: string;
  description: string;
  isDefault?: boolean;
}

/** The options we pass to `webContents.print`. Page size is in microns (toolchain.md P16). */
export interface WebContentsPrintOptions {
  silent: true;
  printBackground: true;
  deviceName: string;
  pageSize: { width: number; height: number };
  margins: { marginType: 'none' };
  copies: 1;
}

/** Electron's callback: `failureReason` is e.g. "Print job canceled" when `success` is false. */
export type PrintCallback = (success: boolean, failureReason: string) => void;

/** A rendered document ready to print: the webContents of a hidden window. */
export interface PrintableContents {
  print(options: WebContentsPrintOptions, callback: PrintCallback): void;
  /** Closes the hidden window. Called once the job has ended (or timed out). */
  close(): void;
}

export interface PdfPrinter {
  getPrintersAsync(): Promise<PrinterInfo[]>;
  /** Loads a renderer print route (e.g. `/print/label/<orderId>`) and resolves once rendered. */
  openRoute(route: string): Promise<PrintableContents>;
}
