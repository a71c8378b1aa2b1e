/**
 * One export row (one SKU line of an order) → a validated, typed row, or a list of cell errors.
 * Every cell is cleaned first (BOM, trailing TAB, outer whitespace); ids stay strings.
 */
import { z } from 'zod';
import { err, ok, type Result } from '#shared/utils/result';
import { EXPORT_FIELDS, headerOf, type ExportField, type HeaderMatch } from './columns';
import { cleanCell, cleanIdCell, parseExportDate, parseMoney, type MarketFormat } from './values';

/** One problem in the file, as the import report shows it. */
export interface RowError {
  /** 1-based record number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column header as written in the file; empty for whole-row problems. */
  column: string;
  message: string;
  /** The order the row belongs to, when it could be read. */
  orderId?: string;
}

export interface ParseContext {
  format: MarketFormat;
  utcOffsetMinutes: number;
}

const ID_FIELDS = new Set<ExportField>(['orderId', 'skuId', 'packageId', 'zipcode', 'trackingId']);

function money(ctx: ParseContext) {
  return z.string().transform((s, c) => {
    const r = parseMoney(s, ctx.format.commaDecimal);
    if (r.ok) return r.value;
    c.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  });
}

/** Order-level money: `null` when the cell is empty, so the first non-empty row wins. */
function optionalMoney(ctx: ParseContext) {
  return z.string().transform((s, c) => {
    if (s === '') return null;
    const r = parseMoney(s, ctx.format.commaDecimal);
    if (r.ok) return r.value;
    c.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  });
}

function time(ctx: ParseContext) {
  return z.string().transform((s, c) => {
    const r = parseExportDate(s, ctx.format.dateOrder, ctx.utcOffsetMinutes);
    if (r.ok) return r.value;
    c.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  });
}

/** Columns read as plain text (cleaned, never rejected). */
export const TEXT_FIELDS = [
  'orderStatus',
  'orderSubstatus',
  'cancelType',
  'sellerSku',
  'productName',
  'variation',
  'fulfillmentType',
  'warehouseName',
  'trackingId',
  'deliveryOptionType',
  'deliveryOption',
  'shippingProviderName',
  'buyerMessage',
  'recipient',
  'phone',
  'country',
  'state',
  'city',
  'district',
  'commune',
  'zipcode',
  'addressLine1',
  'addressLine2',
  'detailAddress',
  'additionalAddress',
  'houseNameOrNumber',
  'packageId',
  'sellerNote',
  'shippingInformation',
] as const satisfies ExportField[];
export type TextField = (typeof TEXT_FIELDS)[number];

/** Built once per import, for the file's market and offset: the columns that must parse. */
export function exportRowSchema(ctx: ParseContext) {
  return z.object({
    orderId: z.string().regex(/^\d{15,20}$/, 'Order ID must be 15 to 20 digits'),
    skuId: z.string().min(1, 'SKU ID is empty'),
    quantity: z
      .string()
      .regex(/^\d+$/, 'Quantity must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1, 'Quantity must be at least 1').max(9999, 'Quantity too large')),
    unitOriginalPrice: money(ctx),
    skuPlatformDiscount: money(ctx),
    skuSellerDiscount: money(ctx),
    skuSubtotalAfterDiscount: optionalMoney(ctx),
    shippingFeeAfterDiscount: optionalMoney(ctx),
    taxes: optionalMoney(ctx),
    orderAmount: optionalMoney(ctx),
    createdTime: time(ctx),
    paidTime: time(ctx),
    rtsTime: time(ctx),
    shippedTime: time(ctx),
    deliveredTime: time(ctx),
    cancelledTime: time(ctx),
  } satisfies Record<Exclude<ExportField, TextField>, z.ZodType>);
}

export type ExportRowSchema = ReturnType<typeof exportRowSchema>;
export type ExportRowValues = z.output<ExportRowSchema>;

/** A valid row: the parsed values plus every cleaned cell (text columns are read from `text`). */
export interface ExportRow {
  rowNumber: number;
  values: ExportRowValues;
  text: Readonly<Record<TextField, string>>;
}

const FIELDS = Object.keys(EXPORT_FIELDS) as ExportField[];
const BLANK = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<ExportField, string>;

/** Per header: which cells to read and how (computed once, used for every row). */
const plans = new WeakMap<HeaderMatch, readonly [ExportField, number, boolean][]>();

function planOf(match: HeaderMatch): readonly [ExportField, number, boolean][] {
  let plan = plans.get(match);
  if (plan === undefined) {
    plan = FIELDS.flatMap((f) => {
      const index = match.columns[f];
      return index === undefined
        ? []
        : [[f, index, ID_FIELDS.has(f)] as [ExportField, number, boolean]];
    });
    plans.set(match, plan);
  }
  return plan;
}

/** Cells of one record → cleaned strings per field (absent columns read as empty). */
export function cellsToRecord(
  cells: readonly string[],
  match: HeaderMatch,
): Record<ExportField, string> {
  const record = { ...BLANK };
  for (const [field, index, isId] of planOf(match)) {
    const raw = cells[index] ?? '';
    record[field] = isId ? cleanIdCell(raw) : cleanCell(raw);
  }
  return record;
}

/** Validates one record. Errors name the column as the file writes it. */
export function parseExportRow(
  cells: readonly string[],
  rowNumber: number,
  match: HeaderMatch,
  schema: ExportRowSchema,
): Result<ExportRow, RowError[]> {
  if (cells.length !== match.headers.length) {
    const orderIndex = match.columns.orderId;
    const orderId = orderIndex === undefined ? '' : cleanIdCell(cells[orderIndex] ?? '');
    return err([
      {
        row: rowNumber,
        column: '',
        message: `expected ${match.headers.length} fields, found ${cells.length}`,
        ...(/^\d{15,20}$/.test(orderId) ? { orderId } : {}),
      },
    ]);
  }
  const record = cellsToRecord(cells, match);
  const parsed = schema.safeParse(record);
  if (parsed.success) return ok({ rowNumber, values: parsed.data, text: record });
  const orderId = /^\d{15,20}$/.test(record.orderId) ? record.orderId : undefined;
  return err(
    parsed.error.issues.map((issue) => {
      const field = issue.path[0] as ExportField;
      return {
        row: rowNumber,
        column: headerOf(field, match),
        message: issue.message,
        ...(orderId === undefined ? {} : { orderId }),
      };
    }),
  );
}
