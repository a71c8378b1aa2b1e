/**
 * Seller Center order export → station orders, with a per-row error report.
 * By default a file with any bad row imports nothing; with `valid-rows-only` every order whose rows
 * are all valid is imported and orders touched by a bad row are skipped whole (a partial order
 * would be packed short).
 */
import { z } from 'zod';
import type { OrderRow } from '#shared/domain/order';
import { err, ok, type Result } from '#shared/utils/result';
import { matchHeader, type HeaderError, type HeaderMatch } from './columns';
import {
  readCsvRecords,
  RecordTooLongError,
  type ProgressListener,
  type TextSource,
} from './csv-stream';
import { OrderGrouper, type OrderDraft } from './group';
import { ImportLimitError, ImportLimits, UNDECODABLE, type LimitFailure } from './limits';
import { exportRowSchema, parseExportRow, type ExportRowSchema, type RowError } from './row';
import { orderFromDraft } from './to-order';
import { Market, MARKET_FORMATS } from './values';

export const ImportMode = z.enum(['all-or-nothing', 'valid-rows-only']);
export type ImportMode = z.infer<typeof ImportMode>;

export const ImportOptions = z.object({
  market: Market,
  /** The shop's offset from UTC in minutes (exports carry no timezone). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Import time from the caller's clock (epoch ms). */
  importedAt: z.number().int().nonnegative(),
  mode: ImportMode.default('all-or-nothing'),
  /** How many row errors to keep in the report; all are counted. */
  maxReportedErrors: z.number().int().positive().default(1000),
  /** Size limits (limits.ts); each one defaults separately. */
  limits: ImportLimits.prefault({}),
  /** The encoding the text was decoded with, named in an "undecodable" failure. */
  encoding: z.string().default('UTF-8'),
});
export type ImportOptions = z.input<typeof ImportOptions>;
export type ResolvedImportOptions = z.output<typeof ImportOptions>;

export interface ImportReport {
  /**
   * The orders to store: empty when the file has errors and the mode is all-or-nothing. Built in
   * full on first read; a large file is better written through `orderBatches`.
   */
  readonly orders: OrderRow[];
  /** How many orders `orders` / `orderBatches` hold. */
  ordersToStore: number;
  /**
   * The orders to store, `size` at a time, built as they are read: a large file never holds
   * every built order in memory at once (only the grouped rows). Each call starts over.
   */
  orderBatches(size: number): IterableIterator<OrderRow[]>;
  imported: boolean;
  /** Data rows read (the header and blank lines excluded). */
  rowCount: number;
  /** Distinct Order IDs among the valid rows. */
  orderCount: number;
  /** Units (one line per unit) in the orders returned. */
  lineCount: number;
  errors: RowError[];
  errorCount: number;
  /** Orders left out because one of their rows is bad (valid-rows-only mode). */
  skippedOrderIds: string[];
  /** Columns the bench does not read. */
  ignoredColumns: string[];
}

export type ImportFailure =
  | HeaderError
  | { code: 'empty-file' }
  | { code: 'no-header' }
  | { code: 'invalid-options'; message: string }
  | { code: 'unreadable'; message: string }
  | LimitFailure;

/** Consumes header and data records from any reader (CSV or XLSX) and builds the report. */
export class ExportRowSink {
  private match: HeaderMatch | undefined;
  private schema: ExportRowSchema | undefined;
  private readonly grouper = new OrderGrouper();
  private readonly badOrders = new Set<string>();
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private rowCount = 0;
  private headerFailure: HeaderError | undefined;

  constructor(private readonly options: z.output<typeof ImportOptions>) {}

  get hasHeader(): boolean {
    return this.match !== undefined;
  }

  /** The header of column `index` as the file writes it (or its number when there is none). */
  columnName(index: number): string {
    return this.match?.headers[index] ?? `#${index + 1}`;
  }

  /** Refuses the file at a cell whose bytes could not be decoded; names row and column. */
  private checkDecoded(cells: readonly string[], rowNumber: number, header = false): void {
    const index = cells.findIndex((c) => c.includes(UNDECODABLE));
    if (index < 0) return;
    throw new ImportLimitError({
      code: 'undecodable',
      encoding: this.options.encoding,
      row: rowNumber,
      column: header ? `#${index + 1}` : this.columnName(index),
    });
  }

  header(cells: readonly string[]): Result<HeaderMatch, HeaderError> {
    this.checkDecoded(cells, 1, true);
    const matched = matchHeader(cells);
    if (!matched.ok) {
      this.headerFailure = matched.error;
      return matched;
    }
    this.match = matched.value;
    this.schema = exportRowSchema({
      format: MARKET_FORMATS[this.options.market],
      utcOffsetMinutes: this.options.utcOffsetMinutes,
    });
    return matched;
  }

  private addError(error: RowError): void {
    this.errorCount += 1;
    if (this.errors.length < this.options.maxReportedErrors) this.errors.push(error);
    if (error.orderId !== undefined) this.badOrders.add(error.orderId);
  }

  record(cells: readonly string[], rowNumber: number, problem?: string): void {
    if (this.match === undefined || this.schema === undefined) return;
    if (cells.every((c) => c.trim() === '')) return; // blank line
    this.rowCount += 1;
    const limits = this.options.limits;
    if (this.rowCount > limits.maxRows) {
      throw new ImportLimitError({ code: 'too-many-rows', limit: limits.maxRows });
    }
    this.checkDecoded(cells, rowNumber);
    const long = cells.findIndex((c) => c.length > limits.maxFieldChars);
    if (long >= 0) {
      this.addError({
        row: rowNumber,
        column: this.columnName(long),
        message: `longer than ${limits.maxFieldChars} characters (${cells[long]?.length ?? 0})`,
      });
      return;
    }
    if (problem !== undefined) {
      this.addError({ row: rowNumber, column: '', message: problem });
      return;
    }
    const parsed = parseExportRow(cells, rowNumber, this.match, this.schema);
    if (parsed.ok) this.grouper.add(parsed.value);
    else for (const e of parsed.error) this.addError(e);
  }

  finish(): Result<ImportReport, ImportFailure> {
    if (this.headerFailure) return err(this.headerFailure);
    if (this.match === undefined) return err({ code: 'no-header' });
    const toOrder = {
      market: this.options.market,
      format: MARKET_FORMATS[this.options.market],
      importedAt: this.options.importedAt,
    };
    const importAll = this.errorCount === 0 || this.options.mode === 'valid-rows-only';
    const drafts: OrderDraft[] = [];
    const skipped = new Set<string>();
    let lineCount = 0;
    for (const draft of this.grouper.orders()) {
      if (this.badOrders.has(draft.orderId)) {
        skipped.add(draft.orderId);
        continue;
      }
      if (!importAll) continue;
      // One stored line per unit (see to-order.ts), so the units are the quantities' sum.
      for (const line of draft.lines) lineCount += line.quantity;
      drafts.push(draft);
    }
    // Orders whose every row was bad never reached the grouper.
    for (const id of this.badOrders) skipped.add(id);
    function* orderBatches(size: number): IterableIterator<OrderRow[]> {
      const step = Math.max(1, Math.floor(size));
      for (let i = 0; i < drafts.length; i += step) {
        yield drafts.slice(i, i + step).map((d) => orderFromDraft(d, toOrder));
      }
    }
    let built: OrderRow[] | undefined;
    return ok({
      get orders(): OrderRow[] {
        built ??= drafts.map((d) => orderFromDraft(d, toOrder));
        return built;
      },
      ordersToStore: drafts.length,
      orderBatches,
      imported: importAll,
      rowCount: this.rowCount,
      orderCount: this.grouper.orderCount,
      lineCount,
      errors: this.errors,
      errorCount: this.errorCount,
      skippedOrderIds: this.options.mode === 'valid-rows-only' ? [...skipped] : [],
      ignoredColumns: this.match.ignored,
    });
  }
}

/** A reader stopped at a limit (or an undecodable cell): the failure to report, else null. */
export function limitFailure(e: unknown, sink?: ExportRowSink): LimitFailure | null {
  if (e instanceof ImportLimitError) return e.failure;
  if (e instanceof RecordTooLongError) {
    return {
      code: 'row-too-long',
      row: e.rowNumber,
      column: sink?.columnName(e.columnIndex) ?? `#${e.columnIndex + 1}`,
      limit: e.limit,
    };
  }
  return null;
}

export function parseImportOptions(
  options: ImportOptions,
): Result<z.output<typeof ImportOptions>, ImportFailure> {
  const parsed = ImportOptions.safeParse(options);
  if (!parsed.success) return err({ code: 'invalid-options', message: parsed.error.message });
  return ok(parsed.data);
}

/** Imports a CSV export from a streaming text source (see `csv-stream.ts`). */
export async function importSellerCenterCsv(
  source: TextSource,
  options: ImportOptions,
  onProgress?: ProgressListener,
): Promise<Result<ImportReport, ImportFailure>> {
  const opts = parseImportOptions(options);
  if (!opts.ok) return opts;
  const sink = new ExportRowSink(opts.value);
  let headerError: HeaderError | undefined;
  let sawRecord = false;
  try {
    await readCsvRecords(
      source,
      ({ cells, rowNumber, problem }) => {
        sawRecord = true;
        if (headerError !== undefined) return;
        if (!sink.hasHeader) {
          const h = sink.header(cells);
          if (!h.ok) headerError = h.error;
          return;
        }
        sink.record(cells, rowNumber, problem);
      },
      onProgress,
      { maxRecordChars: opts.value.limits.maxRecordChars },
    );
  } catch (e) {
    const limit = limitFailure(e, sink);
    if (limit) return err(limit);
    return err({ code: 'unreadable', message: e instanceof Error ? e.message : String(e) });
  }
  if (!sawRecord) return err({ code: 'empty-file' });
  return sink.finish();
}
