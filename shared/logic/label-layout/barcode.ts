/**
 * Code 128 for printed labels. JsBarcode does the encoding (its object renderer needs no DOM);
 * this module turns the module pattern into geometry a thermal printer reproduces exactly: every
 * module is a whole number of printer dots, and each side keeps a quiet zone of at least 10
 * modules. Drawing is left to the caller (an SVG in the renderer).
 */
import JsBarcode from 'jsbarcode';
import { err, ok, type Result } from '../../utils/result';
import { MM_PER_INCH } from '../../utils/units';

export const LABEL_DPIS = [203, 300] as const;
export type LabelDpi = (typeof LABEL_DPIS)[number];

/** Blank modules required on each side of the symbol. */
export const QUIET_ZONE_MODULES = 10;

/**
 * Module (X-dimension) widths in dots, widest first. 203 dpi: 3 dots = 0.375 mm, 2 dots =
 * 0.25 mm. 300 dpi: 4 dots = 0.339 mm, 3 dots = 0.254 mm. Below about 0.25 mm carriers' scanners
 * struggle, so there is no narrower fallback: a symbol that does not fit is an error.
 */
export const MODULE_DOTS: Record<LabelDpi, readonly number[]> = {
  203: [3, 2],
  300: [4, 3],
};

/** Printable ASCII only: what a tracking number or an order id can hold, nothing ambiguous. */
const BARCODE_TEXT = /^[\x21-\x7e]{1,64}$/;

export type BarcodeError =
  | { code: 'barcode-empty'; message: string }
  | { code: 'barcode-invalid'; message: string }
  | { code: 'barcode-too-wide'; message: string };

/** The Code 128 module pattern of `data`: '1' for a dark module, '0' for a light one. */
export function encodeCode128(data: string): Result<string, BarcodeError> {
  if (data.length === 0) return err({ code: 'barcode-empty', message: 'Nothing to encode' });
  if (!BARCODE_TEXT.test(data)) {
    return err({ code: 'barcode-invalid', message: 'Only printable ASCII can be a label barcode' });
  }
  let valid = true;
  const target: { encodings?: Array<{ data?: unknown }> } = {};
  JsBarcode(target, data, {
    format: 'CODE128',
    valid: (v: boolean) => {
      valid = v;
    },
  });
  const bits = target.encodings?.map((e) => (typeof e.data === 'string' ? e.data : '')).join('');
  if (!valid || !bits || !/^[01]+$/.test(bits)) {
    return err({ code: 'barcode-invalid', message: `JsBarcode rejected "${data}"` });
  }
  return ok(bits);
}

/** A dark bar: start and width in modules from the left edge of the symbol (no quiet zone). */
export interface Bar {
  x: number;
  width: number;
}

/** Runs of dark modules in a module pattern. */
export function barsOf(bits: string): Bar[] {
  const bars: Bar[] = [];
  let start = -1;
  for (let i = 0; i <= bits.length; i += 1) {
    const dark = bits[i] === '1';
    if (dark && start < 0) start = i;
    if (!dark && start >= 0) {
      bars.push({ x: start, width: i - start });
      start = -1;
    }
  }
  return bars;
}

export interface BarcodeGeometry {
  bits: string;
  bars: Bar[];
  dpi: LabelDpi;
  moduleDots: number;
  /** The symbol alone, in modules. */
  symbolModules: number;
  quietZoneModules: number;
  /** Symbol plus both quiet zones, in modules and in dots. */
  totalModules: number;
  totalDots: number;
  heightDots: number;
}

/**
 * Lays out `data` for a printer of `dpi` in at most `maxWidthDots` (quiet zones included), with
 * the widest module that fits. `heightMm` is rounded to whole dots.
 */
export function layoutCode128(
  data: string,
  opts: { dpi: LabelDpi; maxWidthDots: number; heightMm: number },
): Result<BarcodeGeometry, BarcodeError> {
  const encoded = encodeCode128(data);
  if (!encoded.ok) return encoded;
  const bits = encoded.value;
  const totalModules = bits.length + 2 * QUIET_ZONE_MODULES;
  const moduleDots = MODULE_DOTS[opts.dpi].find((m) => totalModules * m <= opts.maxWidthDots);
  if (moduleDots === undefined) {
    const narrowest = MODULE_DOTS[opts.dpi].at(-1) ?? 1;
    return err({
      code: 'barcode-too-wide',
      message: `"${data}" needs ${totalModules * narrowest} dots at ${opts.dpi} dpi; ${opts.maxWidthDots} available`,
    });
  }
  return ok({
    bits,
    bars: barsOf(bits),
    dpi: opts.dpi,
    moduleDots,
    symbolModules: bits.length,
    quietZoneModules: QUIET_ZONE_MODULES,
    totalModules,
    totalDots: totalModules * moduleDots,
    heightDots: Math.max(1, Math.round((opts.heightMm / MM_PER_INCH) * opts.dpi)),
  });
}

/** Dots as a CSS length in inches: exact for the printer, whatever CSS px rounding does. */
export function dotsToCssInches(dots: number, dpi: LabelDpi): string {
  return `${(dots / dpi).toFixed(6)}in`;
}
