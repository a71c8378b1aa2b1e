/**
 * The Seller Center bulk upload-tracking ("batch ship") file for orders shipped at the bench
 * (seller-center-files.md §3): the 7-column layout (headers on row 1) or the 4-column layout
 * (a note on row 1, headers on row 2), as CSV or XLSX. Reading it back locates the header row by
 * name, so the round trip checks what a seller would upload.
 */
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/universal';
import type { OrderRow } from '#shared/domain/order';
import { err, ok, type Result } from '#shared/utils/result';
import { FORMULA_START, neutraliseFormula } from '#shared/logic/spreadsheet/formula';
import { normalizeHeader } from './columns';
import { cleanCell, cleanIdCell } from './values';
import { readXlsxSheets } from './xlsx';

export const BULK_SHIP_LAYOUTS = {
  seven: [
    'Order ID',
    'SKU ID(optional)',
    'Quantity(optional)',
    'Tracking ID',
    'Shipping Provider Name',
    'Shipping Service(optional)',
    'Auto Combine Group ID',
  ],
  four: ['Order ID', 'Tracking ID', 'Shipping Provider Name', 'Auto Combine Group ID'],
} as const;
export type BulkShipLayout = keyof typeof BULK_SHIP_LAYOUTS;

const FOUR_COLUMN_NOTE = 'Review the examples before you fill out this sheet.';
const SHEET_NAME = 'Shipping info';
/** What the generating tool wrote for orders that are not combined (§3.2). */
const NOT_COMBINED = 'N/A';

export interface BulkShipRow {
  orderId: string;
  trackingId: string;
  providerName: string;
  skuId: string;
  quantity: string;
  shippingService: string;
  combineGroupId: string;
}

export type BulkShipExclusion =
  'not-seller-shipping' | 'cancelled' | 'no-tracking' | 'no-provider' | 'split-order';

export interface BulkShipSelection {
  rows: BulkShipRow[];
  excluded: { orderId: string; reason: BulkShipExclusion }[];
}

/**
 * One row per order shipped whole in one package. Split orders cannot be batch-uploaded
 * (official rule), so they are listed as excluded, as are platform-shipped and cancelled orders.
 */
export function bulkShipRowsFromOrders(orders: readonly OrderRow[]): BulkShipSelection {
  const rows: BulkShipRow[] = [];
  const excluded: BulkShipSelection['excluded'] = [];
  for (const order of orders) {
    const exclude = (reason: BulkShipExclusion) => excluded.push({ orderId: order.id, reason });
    if (order.shippingType !== 'SELLER') {
      exclude('not-seller-shipping');
      continue;
    }
    if (order.status === 'CANCELLED' || order.flags.includes('stop-ship')) {
      exclude('cancelled');
      continue;
    }
    const tracked = order.packages.filter((p) => p.trackingNumber !== '');
    const numbers = new Set(tracked.map((p) => p.trackingNumber));
    if (numbers.size === 0) {
      exclude('no-tracking');
      continue;
    }
    if (numbers.size > 1) {
      exclude('split-order');
      continue;
    }
    const pkg = tracked[0]!;
    if (pkg.shippingProviderName === '') {
      exclude('no-provider');
      continue;
    }
    rows.push({
      orderId: order.id,
      trackingId: pkg.trackingNumber,
      providerName: pkg.shippingProviderName,
      skuId: '',
      quantity: '',
      shippingService: '',
      combineGroupId: '',
    });
  }
  return { rows, excluded };
}

function cellsOf(row: BulkShipRow, layout: BulkShipLayout): string[] {
  const group = row.combineGroupId === '' ? NOT_COMBINED : row.combineGroupId;
  if (layout === 'four') return [row.orderId, row.trackingId, row.providerName, group];
  return [
    row.orderId,
    row.skuId,
    row.quantity,
    row.trackingId,
    row.providerName,
    row.shippingService,
    group,
  ];
}

function sheetRows(rows: readonly BulkShipRow[], layout: BulkShipLayout): string[][] {
  const header = [...BULK_SHIP_LAYOUTS[layout]];
  const data = rows.map((r) => cellsOf(r, layout));
  return layout === 'four' ? [[FOUR_COLUMN_NOTE], header, ...data] : [header, ...data];
}

/** CSV with a UTF-8 BOM and CRLF, as spreadsheet programs expect. */
export function bulkShipCsv(
  rows: readonly BulkShipRow[],
  layout: BulkShipLayout = 'seven',
): string {
  const csv = Papa.unparse(sheetRows(rows, layout), {
    newline: '\r\n',
    escapeFormulae: FORMULA_START,
  });
  return `\uFEFF${csv}\r\n`;
}

interface BlobLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The XLSX workbook (one "Shipping info" sheet); ids are written as text cells. */
export async function bulkShipXlsx(
  rows: readonly BulkShipRow[],
  layout: BulkShipLayout = 'seven',
): Promise<Uint8Array> {
  const data = sheetRows(rows, layout).map((r) =>
    r[0] === FOUR_COLUMN_NOTE
      ? [{ value: FOUR_COLUMN_NOTE, type: String, columnSpan: 4 }, null, null, null]
      : r.map((value) => ({ value: neutraliseFormula(value), type: String })),
  );
  const blob: unknown = await writeXlsxFile(data, { sheet: SHEET_NAME }).toBlob();
  return new Uint8Array(await (blob as BlobLike).arrayBuffer());
}

export type BulkShipReadError =
  | { code: 'no-header' }
  | { code: 'unreadable'; message: string }
  | { code: 'bad-rows'; rows: { row: number; message: string }[] };

const FIELD_BY_HEADER: Readonly<Record<string, keyof BulkShipRow>> = {
  'order id': 'orderId',
  'sku id(optional)': 'skuId',
  'sku id': 'skuId',
  'quantity(optional)': 'quantity',
  quantity: 'quantity',
  'tracking id': 'trackingId',
  'shipping provider name': 'providerName',
  'shipping service(optional)': 'shippingService',
  'auto combine group id': 'combineGroupId',
};

/** Rows of a filled template (from CSV or XLSX cells): the header row is found by name. */
export function parseBulkShipCells(
  cells: readonly (readonly string[])[],
): Result<BulkShipRow[], BulkShipReadError> {
  const headerIndex = cells.findIndex((r) => r.some((c) => normalizeHeader(c) === 'order id'));
  if (headerIndex < 0) return err({ code: 'no-header' });
  const columns = (cells[headerIndex] ?? []).map((h) => FIELD_BY_HEADER[normalizeHeader(h)]);
  const rows: BulkShipRow[] = [];
  const bad: { row: number; message: string }[] = [];
  for (let r = headerIndex + 1; r < cells.length; r += 1) {
    const line = cells[r] ?? [];
    if (line.every((c) => cleanCell(c) === '')) continue;
    const row: BulkShipRow = {
      orderId: '',
      trackingId: '',
      providerName: '',
      skuId: '',
      quantity: '',
      shippingService: '',
      combineGroupId: '',
    };
    for (const [i, field] of columns.entries()) {
      if (field !== undefined) row[field] = cleanIdCell(line[i] ?? '');
    }
    if (row.combineGroupId === NOT_COMBINED) row.combineGroupId = '';
    if (!/^\d{15,20}$/.test(row.orderId)) bad.push({ row: r + 1, message: 'bad Order ID' });
    else if (row.trackingId === '') bad.push({ row: r + 1, message: 'Tracking ID is empty' });
    else if (row.providerName === '') bad.push({ row: r + 1, message: 'no shipping provider' });
    else rows.push(row);
  }
  return bad.length > 0 ? err({ code: 'bad-rows', rows: bad }) : ok(rows);
}

export function readBulkShipCsv(text: string): Result<BulkShipRow[], BulkShipReadError> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    return err({ code: 'unreadable', message: parsed.errors[0]?.message ?? 'bad CSV' });
  }
  return parseBulkShipCells(parsed.data);
}

export async function readBulkShipXlsx(
  data: ArrayBuffer | Uint8Array,
): Promise<Result<BulkShipRow[], BulkShipReadError>> {
  const sheets = await readXlsxSheets(data);
  if (!sheets.ok) {
    return err({
      code: 'unreadable',
      message: 'message' in sheets.error ? sheets.error.message : '',
    });
  }
  const sheet = sheets.value.find((s) => s.sheet === SHEET_NAME) ?? sheets.value[0];
  if (sheet === undefined) return err({ code: 'no-header' });
  const cells = sheet.data.map((r) =>
    r.map((c) => (typeof c === 'string' ? c : c === null ? '' : String(c))),
  );
  return parseBulkShipCells(cells);
}
