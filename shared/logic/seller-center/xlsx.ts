/**
 * Seller Center XLSX exports (OrderSKUList and friends) through read-excel-file's universal build,
 * which runs in the renderer and in Node. Numbers are kept as their text (18-digit ids would lose
 * precision as JS numbers); the header row is found by name in the first rows of any sheet; the
 * localised description row under it (row 2) is skipped; date cells are written back in the
 * market's export format so CSV and XLSX share one row parser.
 */
import readXlsxFile from 'read-excel-file/universal';
import type { Sheet } from 'read-excel-file/universal';
import { err, type Result } from '#shared/utils/result';
import { isHeaderRow, matchHeader } from './columns';
import type { ProgressListener } from './csv-stream';
import {
  ExportRowSink,
  limitFailure,
  parseImportOptions,
  type ImportFailure,
  type ImportOptions,
  type ImportReport,
  type ResolvedImportOptions,
} from './import';
import { DEFAULT_IMPORT_LIMITS } from './limits';
import { MARKET_FORMATS, type DateOrder } from './values';
import { checkUnzippedSize } from './zip-limit';

/** How many leading rows to search for the header (one public parser scans 8). */
const HEADER_SCAN_ROWS = 8;

const TIME_FIELDS = [
  'createdTime',
  'paidTime',
  'rtsTime',
  'shippedTime',
  'deliveredTime',
  'cancelledTime',
] as const;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const pad = (n: number) => String(n).padStart(2, '0');

/** A wall-clock instant (stored as UTC) in the market's export format. */
export function formatExportDate(utcWallClock: number, order: DateOrder): string {
  const d = new Date(utcWallClock);
  const [y, mo, da] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const [h, mi, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  if (order === 'DMY') return `${pad(da)}/${pad(mo)}/${y} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${pad(mo)}/${pad(da)}/${y} ${h12}:${pad(mi)}:${pad(s)} ${h < 12 ? 'AM' : 'PM'}`;
}

function cellText(value: unknown, order: DateOrder): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return formatExportDate(value.getTime(), order);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function toBuffer(data: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}

/**
 * Reads all sheets with numbers kept as text. Shared with the bulk-ship reader. The file size and
 * the unzipped size are checked first (streamed, nothing kept), so a zip bomb is refused before
 * the workbook is read.
 */
export async function readXlsxSheets(
  data: ArrayBuffer | Uint8Array,
  limits: { maxFileBytes: number; maxUnzippedBytes: number } = DEFAULT_IMPORT_LIMITS,
): Promise<Result<Sheet<string>[], ImportFailure>> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength > limits.maxFileBytes) {
    return err({ code: 'file-too-large', size: bytes.byteLength, limit: limits.maxFileBytes });
  }
  const unzipped = await checkUnzippedSize([bytes], limits.maxUnzippedBytes);
  if (!unzipped.ok) return unzipped;
  try {
    const sheets = await readXlsxFile<string>(toBuffer(data), { parseNumber: (s) => s });
    return { ok: true, value: sheets };
  } catch (e) {
    return err({ code: 'unreadable', message: e instanceof Error ? e.message : String(e) });
  }
}

/** Imports a Seller Center XLSX export; same report and rules as the CSV import. */
export async function importSellerCenterXlsx(
  data: ArrayBuffer | Uint8Array,
  options: ImportOptions,
  onProgress?: ProgressListener,
): Promise<Result<ImportReport, ImportFailure>> {
  const opts = parseImportOptions(options);
  if (!opts.ok) return opts;
  const sheets = await readXlsxSheets(data, opts.value.limits);
  if (!sheets.ok) return sheets;
  try {
    return readWorkbook(sheets.value, opts.value, onProgress);
  } catch (e) {
    const limit = limitFailure(e);
    if (limit) return err(limit);
    throw e;
  }
}

function readWorkbook(
  sheets: Sheet<string>[],
  options: ResolvedImportOptions,
  onProgress?: ProgressListener,
): Result<ImportReport, ImportFailure> {
  const order = MARKET_FORMATS[options.market].dateOrder;

  for (const sheet of sheets) {
    const rows = sheet.data.map((row) => row.map((c) => cellText(c, order)));
    const headerIndex = rows.slice(0, HEADER_SCAN_ROWS).findIndex(isHeaderRow);
    if (headerIndex < 0) continue;
    const sink = new ExportRowSink(options);
    const header = sink.header(rows[headerIndex] ?? []);
    if (!header.ok) return err(header.error);
    const width = header.value.headers.length;
    const orderCol = header.value.columns.orderId ?? 0;
    const timeCols = TIME_FIELDS.map((f) => header.value.columns[f]).filter(
      (i): i is number => i !== undefined,
    );
    const total = rows.length;
    const step = Math.max(1, Math.floor(total / 100));
    for (let r = headerIndex + 1; r < total; r += 1) {
      const cells = (rows[r] ?? []).slice(0, width);
      while (cells.length < width) cells.push('');
      // Row 2 of a TikTok workbook describes the columns (localised): skip it.
      if (r === headerIndex + 1 && !/^\s*\d+\s*$/.test(cells[orderCol] ?? '')) continue;
      for (const c of timeCols) {
        const serial = cells[c] ?? '';
        if (/^\d+(\.\d+)?$/.test(serial)) {
          cells[c] = formatExportDate(EXCEL_EPOCH_MS + Number(serial) * 86_400_000, order);
        }
      }
      sink.record(cells, r + 1);
      if ((r + 1) % step === 0) {
        onProgress?.({ processed: r + 1, total, rows: r + 1, fraction: (r + 1) / total });
      }
    }
    onProgress?.({ processed: total, total, rows: total, fraction: 1 });
    return sink.finish();
  }
  const first = sheets[0]?.data[0]?.map((c) => cellText(c, order)) ?? [];
  const match = matchHeader(first);
  return err(match.ok ? { code: 'no-header' } : match.error);
}
