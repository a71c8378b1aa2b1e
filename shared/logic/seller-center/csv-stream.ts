/**
 * Streaming CSV reading with papaparse's RFC 4180 parser, fed by text chunks from any host:
 * the renderer decodes a `File` stream, Node tests decode a file or pass a string. A record that is
 * cut by a chunk boundary (even inside a quoted multi-line cell) is carried into the next chunk.
 * Pure: no DOM or Node APIs.
 */
import Papa from 'papaparse';

/** A piece of decoded text and how much of the source it covers (bytes for files). */
export interface TextChunk {
  text: string;
  size: number;
}

export interface TextSource {
  chunks: AsyncIterable<TextChunk>;
  /** Total source size in the unit of `TextChunk.size`, when known. */
  totalSize: number | null;
}

export interface ParseProgress {
  /** Source units consumed so far; never decreases. */
  processed: number;
  total: number | null;
  /** Records (rows) read so far, the header included. */
  rows: number;
  /** processed / total, from 0 to 1; `null` when the total is unknown. Ends at exactly 1. */
  fraction: number | null;
}

export type ProgressListener = (progress: ParseProgress) => void;

/**
 * Thrown when one record grows past `maxRecordChars` while it is read (a huge cell): reading stops
 * there, so the record is never held whole. `columnIndex` is the cell that was still open.
 */
export class RecordTooLongError extends Error {
  constructor(
    readonly rowNumber: number,
    readonly columnIndex: number,
    readonly limit: number,
  ) {
    super(`row ${rowNumber} is longer than ${limit} characters`);
    this.name = 'RecordTooLongError';
  }
}

export interface ReadCsvOptions {
  /** Longest record (characters) ever held while reading; longer throws RecordTooLongError. */
  maxRecordChars?: number;
}

/** A string as a source, cut into chunks (the size unit is UTF-16 code units). */
export function textSource(text: string, chunkSize = 1 << 20): TextSource {
  async function* chunks(): AsyncGenerator<TextChunk> {
    for (let i = 0; i < text.length; i += chunkSize) {
      const piece = text.slice(i, i + chunkSize);
      yield { text: piece, size: piece.length };
    }
  }
  return { chunks: chunks(), totalSize: text.length };
}

/** Chunks produced by any iterable of strings (size counted in UTF-16 code units). */
export function stringChunksSource(pieces: Iterable<string>, totalSize: number | null): TextSource {
  async function* chunks(): AsyncGenerator<TextChunk> {
    for (const piece of pieces) yield { text: piece, size: piece.length };
  }
  return { chunks: chunks(), totalSize };
}

export interface CsvRecord {
  cells: string[];
  /** 1-based record number as a spreadsheet shows it. */
  rowNumber: number;
  /** A structural problem papaparse reported for this record (for example an unclosed quote). */
  problem?: string;
}

interface ParserOutput {
  data: string[][];
  errors: { row?: number; message: string }[];
  meta: { cursor: number };
}

function isParserOutput(value: unknown): value is ParserOutput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof ParserOutput, unknown>>;
  const meta = v.meta as { cursor?: unknown } | undefined;
  return Array.isArray(v.data) && Array.isArray(v.errors) && typeof meta?.cursor === 'number';
}

function detectDialect(head: string): { delimiter: string; newline: '\n' | '\r\n' | '\r' } {
  const firstLine = head.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const guess = Papa.parse<string[]>(firstLine, {
    preview: 1,
    delimitersToGuess: [',', '\t', ';', '|'],
  });
  const delimiter = guess.meta.delimiter || ',';
  const nl = /\r\n|\n|\r/.exec(head)?.[0];
  const newline = nl === '\r\n' || nl === '\r' ? nl : '\n';
  return { delimiter, newline };
}

/**
 * Reads every record of a CSV source and hands it to `onRecord` in file order. Progress is
 * reported after every chunk and once more at the end with `fraction` 1.
 */
export async function readCsvRecords(
  source: TextSource,
  onRecord: (record: CsvRecord) => void,
  onProgress?: ProgressListener,
  options: ReadCsvOptions = {},
): Promise<{ rows: number }> {
  const maxRecord = options.maxRecordChars ?? Number.POSITIVE_INFINITY;
  let dialect: { delimiter: string; newline: '\n' | '\r\n' | '\r' } | undefined;
  let parser: Papa.Parser | undefined;
  let pending = '';
  let baseIndex = 0;
  let rows = 0;
  let processed = 0;
  let lastReported = -1;
  const total = source.totalSize;

  const report = (done: boolean): void => {
    const shown = done ? Math.max(processed, total ?? processed) : processed;
    const capped = total === null || done ? shown : Math.min(shown, total);
    if (capped < lastReported) return;
    lastReported = capped;
    const fraction = done ? 1 : total === null || total === 0 ? null : capped / total;
    onProgress?.({ processed: capped, total, rows, fraction });
  };

  const consume = (text: string, last: boolean): void => {
    if (parser === undefined) {
      dialect = detectDialect(text);
      parser = new Papa.Parser({ ...dialect, quoteChar: '"' });
    }
    const out: unknown = parser.parse(text, baseIndex, !last);
    if (!isParserOutput(out)) throw new Error('papaparse returned an unexpected result');
    const problems = new Map<number, string>();
    for (const e of out.errors) {
      if (e.row !== undefined && e.row < out.data.length && !problems.has(e.row)) {
        problems.set(e.row, e.message);
      }
    }
    for (const [index, cells] of out.data.entries()) {
      if (maxRecord !== Number.POSITIVE_INFINITY) {
        let length = 0;
        for (const c of cells) length += c.length;
        if (length > maxRecord) {
          const longest = cells.reduce(
            (a, c, i) => (c.length > (cells[a]?.length ?? 0) ? i : a),
            0,
          );
          throw new RecordTooLongError(rows + 1, longest, maxRecord);
        }
      }
      rows += 1;
      const problem = problems.get(index);
      onRecord(
        problem === undefined ? { cells, rowNumber: rows } : { cells, rowNumber: rows, problem },
      );
    }
    if (!last) {
      pending = text.substring(out.meta.cursor - baseIndex);
      baseIndex = out.meta.cursor;
      if (pending.length > maxRecord) tooLong(pending);
    } else {
      pending = '';
    }
  };

  /** Stops at a record that is still open past the limit, naming its row and open cell. */
  function tooLong(open: string): never {
    const head = open.slice(0, maxRecord + 1);
    const partial = Papa.parse<string[]>(head, { ...(dialect ?? detectDialect(head)) });
    const cells = partial.data[0] ?? [];
    throw new RecordTooLongError(rows + 1, Math.max(0, cells.length - 1), maxRecord);
  }

  let first = true;
  for await (const chunk of source.chunks) {
    processed += chunk.size;
    let text = pending + chunk.text;
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      // Wait for the whole header line before guessing the delimiter and line ending.
      if (!/[\r\n]/.test(text)) {
        pending = text;
        if (pending.length > maxRecord) tooLong(pending);
        report(false);
        continue;
      }
      first = false;
    }
    consume(text, false);
    report(false);
  }
  const rest = first ? pending.replace(/^\uFEFF/, '') : pending;
  if (rest !== '') consume(rest, true);
  report(true);
  return { rows };
}
