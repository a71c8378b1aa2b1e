/**
 * Code 128 sizing for thermal printers. A barcode scans when its narrowest bar (the module, or
 * X-dimension) is a whole number of printer dots of a sensible physical size, and when it has a
 * quiet zone of at least 10 modules on each side. The printer picks subsets itself (`^BC…,A`
 * automatic mode); we estimate the symbol width the same way so we can choose the module width
 * before sending.
 */
import { err, ok, type Result } from '../../utils/result';

export const SUPPORTED_DPI = [203, 300, 600] as const;
export type Dpi = (typeof SUPPORTED_DPI)[number];

/** Modules of blank space required on each side of the symbol. */
export const QUIET_ZONE_MODULES = 10;

/**
 * Module width in dots per resolution: the preferred width (about 0.34–0.38 mm, 13–15 mil, what
 * carriers ask for on shipping labels) and the narrowest we still accept (about 0.25 mm, 10 mil).
 */
export const MODULE_DOTS: Record<Dpi, { preferred: number; min: number }> = {
  203: { preferred: 3, min: 2 },
  300: { preferred: 4, min: 3 },
  600: { preferred: 8, min: 6 },
};

/** Characters we allow in barcode data: safe in ZPL and unambiguous when scanned back. */
export const BARCODE_DATA = /^[A-Za-z0-9-]{1,48}$/;

/**
 * Number of Code 128 symbol characters for `data`: start, data (subset C packs two digits into
 * one symbol where a digit run is long enough to pay for the switch), check, with the stop
 * symbol counted separately. This is an upper bound of what an automatic encoder produces.
 */
export function code128Symbols(data: string): number {
  let symbols = 1; // start
  let i = 0;
  let inC = false;
  while (i < data.length) {
    let run = 0;
    while (i + run < data.length && /\d/.test(data.charAt(i + run))) run += 1;
    const atStart = i === 0;
    const atEnd = i + run === data.length;
    const worthC = run >= (atStart && atEnd ? 2 : atStart || atEnd ? 4 : 6);
    if (worthC) {
      const pairs = Math.floor(run / 2);
      if (!inC && !atStart) symbols += 1; // code C switch
      symbols += pairs;
      inC = true;
      i += pairs * 2;
      if (run % 2 === 1) {
        symbols += 2; // switch back to B, then the odd digit
        inC = false;
        i += 1;
      }
    } else {
      const take = Math.max(run, 1);
      if (inC) symbols += 1; // code B switch
      inC = false;
      symbols += take;
      i += take;
    }
  }
  return symbols + 1; // check
}

/** Width of the symbol in modules, including the 13-module stop pattern, without quiet zones. */
export function code128Modules(data: string): number {
  return code128Symbols(data) * 11 + 13;
}

export interface BarcodeFit {
  moduleDots: number;
  /** Symbol width in dots, without quiet zones. */
  symbolDots: number;
  /** Quiet zone on each side, in dots. */
  quietZoneDots: number;
}

export type BarcodeFitError =
  { code: 'invalid-barcode-data'; message: string } | { code: 'barcode-too-long'; message: string };

/**
 * The widest module (up to the preferred width for the resolution) at which the symbol and both
 * quiet zones fit in `availableDots`.
 */
export function fitCode128(
  data: string,
  dpi: Dpi,
  availableDots: number,
): Result<BarcodeFit, BarcodeFitError> {
  if (!BARCODE_DATA.test(data)) {
    return err({
      code: 'invalid-barcode-data',
      message: 'Barcode data must be 1–48 letters, digits or dashes',
    });
  }
  const modules = code128Modules(data);
  const { preferred, min } = MODULE_DOTS[dpi];
  for (let m = preferred; m >= min; m -= 1) {
    if ((modules + 2 * QUIET_ZONE_MODULES) * m <= availableDots) {
      return ok({ moduleDots: m, symbolDots: modules * m, quietZoneDots: QUIET_ZONE_MODULES * m });
    }
  }
  return err({
    code: 'barcode-too-long',
    message: `"${data}" needs ${(modules + 2 * QUIET_ZONE_MODULES) * min} dots at ${dpi} dpi; only ${availableDots} available`,
  });
}
