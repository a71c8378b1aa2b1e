/**
 * A 4×6 in (101.6 × 152.4 mm) waybill in ZPL II for 203, 300 or 600 dpi thermal printers.
 *
 * Layout is in millimetres and converted to dots per resolution, so the label has the same
 * physical size at every dpi; barcode module widths are whole dots chosen per dpi (`code128.ts`).
 * Every field, constant captions included, is written as `^FH_^FD…^FS` with hex escapes
 * (`zpl-escape.ts`), so customer text cannot inject commands.
 *
 * Fonts and scripts, honestly: the printer's resident scalable font 0 covers Latin only. Text
 * with CJK, Arabic, Cyrillic, Thai or other scripts is refused (`needs-unicode-font`) unless the
 * station profile names a TrueType font already downloaded to the printer (for example
 * `E:NOTOSANSSC.TTF`), which is then mapped with `^CW1,…` and used for every text field. Arabic
 * also needs printer firmware that shapes and orders right-to-left text; that has not been
 * checked on a real printer. For CJK and Arabic addresses the PDF label route is the supported
 * path; ZPL is for Latin-script labels.
 */
import { mmToDots } from '../../utils/units';
import { err, ok, type Result } from '../../utils/result';
import { fitCode128, type BarcodeFitError, type Dpi } from './code128';
import { fieldData, needsUnicodeFont, normalizeFieldText } from './zpl-escape';
import { fitText } from './text-fit';

export const WAYBILL_MM = { width: 101.6, height: 152.4 } as const;
export const PRACTICE_WATERMARK = 'PRACTICE - NOT A SHIPPING LABEL';

export interface WaybillItem {
  name: string;
  quantity: number;
}

export interface WaybillZplInput {
  trackingNumber: string;
  orderId: string;
  recipient: { name: string; phone: string; address: string };
  sender: { name: string; address: string };
  carrier: string;
  service: string;
  weightGrams: number | null;
  /** Already formatted for the station's locale and time zone. */
  shipByText: string;
  items: readonly WaybillItem[];
  practice: boolean;
}

export interface WaybillZplOptions {
  dpi: Dpi;
  /** A TrueType font stored on the printer, e.g. `E:NOTOSANSSC.TTF`; needed for non-Latin text. */
  unicodeFont?: string;
}

export type WaybillZplError =
  | BarcodeFitError
  | { code: 'needs-unicode-font'; fields: string[]; message: string }
  | { code: 'text-too-long'; field: string; message: string }
  | { code: 'invalid-font'; message: string };

const FONT_PATH = /^[A-Z]:[A-Z0-9_-]{1,16}\.(TTF|TTE)$/i;
const MARGIN_MM = 3;
const BARCODE_EDGE_MM = 1;

interface Ctx {
  dpi: Dpi;
  font: string;
  widthDots: number;
  out: string[];
}

function d(ctx: Ctx, mm: number): number {
  return mmToDots(mm, ctx.dpi);
}

function formatWeight(grams: number | null): string {
  if (grams === null || !Number.isFinite(grams) || grams < 0) return '-';
  if (grams < 1000) return `${Math.round(grams)} g`;
  return `${(grams / 1000).toFixed(2)} kg`;
}

function itemsText(items: readonly WaybillItem[], shown: number): string {
  const parts = items.slice(0, shown).map((i) => `${i.quantity} x ${normalizeFieldText(i.name)}`);
  const rest = items.length - shown;
  if (rest > 0) parts.push(`+${rest} more`);
  return parts.join('; ');
}

/** One text block at (xMm, yMm), sized to fit its box; fails rather than clip. */
function textBlock(
  ctx: Ctx,
  field: string,
  text: string,
  box: { xMm: number; yMm: number; widthMm: number; heightMm: number },
  sizeMm: { min: number; max: number },
  justify: 'L' | 'C' | 'R' = 'L',
  reverse = false,
): Result<null, WaybillZplError> {
  const widthDots = d(ctx, box.widthMm);
  const fit = fitText(
    text,
    { widthDots, heightDots: d(ctx, box.heightMm) },
    d(ctx, sizeMm.min),
    d(ctx, sizeMm.max),
  );
  if (fit === null) {
    return err({
      code: 'text-too-long',
      field,
      message: `${field} does not fit its box even at ${sizeMm.min} mm; use the PDF label`,
    });
  }
  const h = fit.heightDots;
  ctx.out.push(
    `^FO${d(ctx, box.xMm)},${d(ctx, box.yMm)}${reverse ? '^FR' : ''}^${ctx.font}N,${h},${h}` +
      `^FB${widthDots},${fit.maxLines},0,${justify},0${fieldData(text)}`,
  );
  return ok(null);
}

function barcode(
  ctx: Ctx,
  data: string,
  yMm: number,
  heightMm: number,
): Result<null, WaybillZplError> {
  const edge = d(ctx, BARCODE_EDGE_MM);
  const fit = fitCode128(data, ctx.dpi, ctx.widthDots - 2 * edge);
  if (!fit.ok) return fit;
  const { moduleDots, symbolDots } = fit.value;
  const x = Math.round((ctx.widthDots - symbolDots) / 2);
  const h = d(ctx, heightMm);
  // ^BY module width; ^BC normal, height, interpretation line below, no UCC check digit, automatic subsets.
  ctx.out.push(`^FO${x},${d(ctx, yMm)}^BY${moduleDots},3,${h}^BCN,${h},Y,N,N,A${fieldData(data)}`);
  return ok(null);
}

function rule(ctx: Ctx, yMm: number): void {
  const t = Math.max(2, d(ctx, 0.4));
  ctx.out.push(
    `^FO${d(ctx, MARGIN_MM)},${d(ctx, yMm)}^GB${d(ctx, WAYBILL_MM.width - 2 * MARGIN_MM)},${t},${t}^FS`,
  );
}

function practiceBanner(ctx: Ctx, yMm: number): Result<null, WaybillZplError> {
  const widthMm = WAYBILL_MM.width - 2 * MARGIN_MM;
  const h = d(ctx, 6);
  ctx.out.push(`^FO${d(ctx, MARGIN_MM)},${d(ctx, yMm)}^GB${d(ctx, widthMm)},${h},${h}^FS`);
  return textBlock(
    ctx,
    'watermark',
    PRACTICE_WATERMARK,
    { xMm: MARGIN_MM, yMm: yMm + 1, widthMm, heightMm: 4.5 },
    { min: 3, max: 4 },
    'C',
    true,
  );
}

function checkScripts(input: WaybillZplInput): string[] {
  const fields: Record<string, string> = {
    'recipient.name': input.recipient.name,
    'recipient.address': input.recipient.address,
    'recipient.phone': input.recipient.phone,
    'sender.name': input.sender.name,
    'sender.address': input.sender.address,
    carrier: input.carrier,
    service: input.service,
    shipBy: input.shipByText,
    items: input.items.map((i) => i.name).join(' '),
  };
  return Object.entries(fields)
    .filter(([, text]) => needsUnicodeFont(text))
    .map(([name]) => name);
}

/** Builds the ZPL for one waybill, or says why ZPL cannot carry it (then print the PDF). */
export function buildWaybillZpl(
  input: WaybillZplInput,
  options: WaybillZplOptions,
): Result<string, WaybillZplError> {
  let font = 'A0';
  const head: string[] = [];
  if (options.unicodeFont !== undefined) {
    if (!FONT_PATH.test(options.unicodeFont)) {
      return err({ code: 'invalid-font', message: 'Font must look like E:NAME.TTF' });
    }
    head.push(`^CW1,${options.unicodeFont.toUpperCase()}`);
    font = 'A1';
  } else {
    const fields = checkScripts(input);
    if (fields.length > 0) {
      return err({
        code: 'needs-unicode-font',
        fields,
        message: `Non-Latin text in ${fields.join(', ')}: print the PDF label, or set a printer font`,
      });
    }
  }
  const ctx: Ctx = {
    dpi: options.dpi,
    font,
    widthDots: mmToDots(WAYBILL_MM.width, options.dpi),
    out: [],
  };
  const heightDots = d(ctx, WAYBILL_MM.height);
  ctx.out.push('^XA', '^CI28', `^PW${ctx.widthDots}`, `^LL${heightDots}`, '^LH0,0', ...head);

  const x = MARGIN_MM;
  const w = WAYBILL_MM.width - 2 * MARGIN_MM;
  const steps: (() => Result<null, WaybillZplError>)[] = [];
  let y = MARGIN_MM;
  const at = (advance: number) => {
    const here = y;
    y += advance;
    return here;
  };
  const norm = normalizeFieldText;
  const recipient = input.recipient;

  if (input.practice) {
    const top = at(7);
    steps.push(() => practiceBanner(ctx, top));
  }
  const header = at(6.5);
  const headerText = `${norm(input.carrier)} ${norm(input.service)}`.trim();
  steps.push(() =>
    textBlock(
      ctx,
      'carrier',
      headerText,
      { xMm: x, yMm: header, widthMm: w * 0.6, heightMm: 5 },
      { min: 2.5, max: 4.5 },
    ),
  );
  steps.push(() =>
    textBlock(
      ctx,
      'shipBy',
      `SHIP BY ${norm(input.shipByText)}`,
      { xMm: x + w * 0.6, yMm: header, widthMm: w * 0.4, heightMm: 5 },
      { min: 2, max: 3.5 },
      'R',
    ),
  );
  const r1 = at(1.5);
  steps.push(() => (rule(ctx, r1), ok(null)));
  const cap1 = at(3);
  steps.push(() =>
    textBlock(
      ctx,
      'caption',
      'TRACKING',
      { xMm: x, yMm: cap1, widthMm: w, heightMm: 2.5 },
      { min: 2.5, max: 2.5 },
    ),
  );
  const bc1 = at(27);
  steps.push(() => barcode(ctx, input.trackingNumber, bc1, 22));
  const r2 = at(1.5);
  steps.push(() => (rule(ctx, r2), ok(null)));
  const cap2 = at(3);
  steps.push(() =>
    textBlock(
      ctx,
      'caption',
      'SHIP TO',
      { xMm: x, yMm: cap2, widthMm: w, heightMm: 2.5 },
      { min: 2.5, max: 2.5 },
    ),
  );
  const name = at(6.5);
  steps.push(() =>
    textBlock(
      ctx,
      'recipient.name',
      norm(recipient.name),
      { xMm: x, yMm: name, widthMm: w, heightMm: 6 },
      { min: 2.5, max: 5.5 },
    ),
  );
  const addr = at(26.5);
  steps.push(() =>
    textBlock(
      ctx,
      'recipient.address',
      norm(recipient.address),
      { xMm: x, yMm: addr, widthMm: w, heightMm: 26 },
      { min: 2.2, max: 4.5 },
    ),
  );
  const phone = at(5);
  steps.push(() =>
    textBlock(
      ctx,
      'recipient.phone',
      `TEL ${norm(recipient.phone)}`,
      { xMm: x, yMm: phone, widthMm: w, heightMm: 4.5 },
      { min: 2.5, max: 4 },
    ),
  );
  const r3 = at(1.5);
  steps.push(() => (rule(ctx, r3), ok(null)));
  const from = at(9);
  const fromText = `FROM ${norm(input.sender.name)}, ${norm(input.sender.address)}`;
  steps.push(() =>
    textBlock(
      ctx,
      'sender',
      fromText,
      { xMm: x, yMm: from, widthMm: w, heightMm: 8.5 },
      { min: 2, max: 3 },
    ),
  );
  const r4 = at(1.5);
  steps.push(() => (rule(ctx, r4), ok(null)));
  const weight = at(4.5);
  steps.push(() =>
    textBlock(
      ctx,
      'weight',
      `WEIGHT ${formatWeight(input.weightGrams)}`,
      { xMm: x, yMm: weight, widthMm: w, heightMm: 4 },
      { min: 2.5, max: 3.5 },
    ),
  );
  const items = at(12.5);
  steps.push(() => itemsBlock(ctx, input.items, { xMm: x, yMm: items, widthMm: w, heightMm: 12 }));
  const cap3 = at(3);
  steps.push(() =>
    textBlock(
      ctx,
      'caption',
      'ORDER',
      { xMm: x, yMm: cap3, widthMm: w, heightMm: 2.5 },
      { min: 2.5, max: 2.5 },
    ),
  );
  const bc2 = at(16);
  steps.push(() => barcode(ctx, input.orderId, bc2, 11));
  if (input.practice) {
    const bottom = at(7);
    steps.push(() => practiceBanner(ctx, bottom));
  }

  if (y > WAYBILL_MM.height - MARGIN_MM) throw new Error(`Waybill layout overflows: ${y} mm`);
  for (const step of steps) {
    const r = step();
    if (!r.ok) return r;
  }
  ctx.out.push('^PQ1', '^XZ');
  return ok(ctx.out.join('\n') + '\n');
}

/** Items, dropping the tail into "+N more" until the summary fits. */
function itemsBlock(
  ctx: Ctx,
  items: readonly WaybillItem[],
  box: { xMm: number; yMm: number; widthMm: number; heightMm: number },
): Result<null, WaybillZplError> {
  for (let shown = items.length; shown >= 0; shown -= 1) {
    const mark = ctx.out.length;
    const r = textBlock(ctx, 'items', itemsText(items, shown), box, { min: 2, max: 3 });
    if (r.ok) return r;
    ctx.out.length = mark;
  }
  return err({ code: 'text-too-long', field: 'items', message: 'Item summary does not fit' });
}
