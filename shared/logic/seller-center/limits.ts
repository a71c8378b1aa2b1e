/**
 * Limits on what a Seller Center file may hold, so a hostile or broken file is refused with a
 * clear reason instead of filling memory or the database (issue 13 item 4). The defaults are
 * generous for real exports (Seller Center exports at most a few hundred thousand rows; names,
 * addresses and messages are far below 10,000 characters) and every limit can be lowered by the
 * caller (tests use small ones).
 */
import { z } from 'zod';

export const DEFAULT_IMPORT_LIMITS = {
  /** Bytes of the file as chosen (CSV or XLSX). */
  maxFileBytes: 256 * 1024 * 1024,
  /** Bytes an XLSX archive may unzip to, all entries together (a zip bomb stops here). */
  maxUnzippedBytes: 256 * 1024 * 1024,
  /** Data rows (the header excluded). */
  maxRows: 300_000,
  /** Characters in one cell. A longer cell is a row error naming the row and column. */
  maxFieldChars: 10_000,
  /**
   * Characters in one record while it is being read. A longer record is never held: the file is
   * refused at once (a 50 MB cell does not become an order's name, nor sit in memory).
   */
  maxRecordChars: 1_000_000,
} as const;

export const ImportLimits = z.object({
  maxFileBytes: z.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxFileBytes),
  maxUnzippedBytes: z.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxUnzippedBytes),
  maxRows: z.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxRows),
  maxFieldChars: z.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxFieldChars),
  maxRecordChars: z.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxRecordChars),
});
export type ImportLimits = z.output<typeof ImportLimits>;

/** A file refused because it is over a limit or cannot be decoded. */
export type LimitFailure =
  | { code: 'file-too-large'; size: number; limit: number }
  | { code: 'unzipped-too-large'; limit: number; entry: string }
  | { code: 'too-many-rows'; limit: number }
  | { code: 'row-too-long'; row: number; column: string; limit: number }
  | { code: 'undecodable'; encoding: string; row: number; column: string };

/** Thrown by a reader to stop at a limit; the import turns it into its failure value. */
export class ImportLimitError extends Error {
  constructor(readonly failure: LimitFailure) {
    super(failure.code);
    this.name = 'ImportLimitError';
  }
}

/**
 * The character a decoder writes for bytes that are not valid in the file's encoding (U+FFFD).
 * Files are decoded with replacement, and any cell holding it is refused with its row and column.
 */
export const UNDECODABLE = '\uFFFD';
