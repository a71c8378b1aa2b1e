/**
 * Browser glue for the Seller Center import: a `File` (or any `Blob`) → the pure import in
 * `shared/logic/seller-center`. CSV is streamed (`Blob.stream()` + a streaming `TextDecoder` in
 * the encoding detected from the first bytes, see encoding.ts), so a large export never sits in
 * memory as one string and progress is reported in bytes read. XLSX is a zip archive: its unzipped
 * size is checked first (zip-limit.ts), then it is read whole. A file over the size limit is
 * refused before it is read.
 */
import type {
  TextChunk,
  TextSource,
  ProgressListener,
} from '#shared/logic/seller-center/csv-stream';
import {
  importSellerCenterCsv,
  type ImportFailure,
  type ImportOptions,
  type ImportReport,
} from '#shared/logic/seller-center/import';
import { ImportLimits } from '#shared/logic/seller-center/limits';
import { importSellerCenterXlsx } from '#shared/logic/seller-center/xlsx';
import { err, type Result } from '#shared/utils/result';
import { detectEncoding, ENCODING_LABELS, SNIFF_BYTES, type TextEncodingName } from './encoding';

export type SellerCenterFileKind = 'csv' | 'xlsx';

const MAX_CHUNK_BYTES = 1024 * 1024;

/** A macrotask turn: lets input, timers and painting run between parsed chunks. */
const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Decoded text chunks of a Blob; `size` counts bytes, so progress is bytes read / file size.
 * Reading a Blob resolves in microtasks, so the parse would hold the main thread for the whole
 * file: it yields a macrotask turn once `yieldAfterMs` of work (reading and parsing the chunks
 * handed out) has passed since the last turn, so input and painting never wait long.
 */
export function blobTextSource(
  blob: Blob,
  opts: { yieldAfterMs?: number; now?: () => number; encoding?: TextEncodingName } = {},
): TextSource {
  const budget = opts.yieldAfterMs ?? 12;
  const now = opts.now ?? (() => performance.now());
  async function* chunks(): AsyncGenerator<TextChunk> {
    let turnStarted = now();
    // The BOM is left in the text (ignoreBOM) and stripped by the parser, so nothing depends on
    // the decoder's default. Invalid bytes become U+FFFD, which the import refuses by row and
    // column (not `fatal` here: a fatal decoder cannot say where in the file it stopped).
    const decoder = new TextDecoder(opts.encoding ?? 'utf-8', { ignoreBOM: true });
    const reader = blob.stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        // At most 1 MB of bytes per chunk, whatever the stream hands out, so the parser's
        // record limit sees a huge cell before it is held whole.
        for (let at = 0; at < value.byteLength; at += MAX_CHUNK_BYTES) {
          const piece = value.subarray(at, at + MAX_CHUNK_BYTES);
          yield { text: decoder.decode(piece, { stream: true }), size: piece.byteLength };
        }
        if (now() - turnStarted >= budget) {
          await yieldToEventLoop();
          turnStarted = now();
        }
      }
      const tail = decoder.decode();
      if (tail !== '') yield { text: tail, size: 0 };
    } finally {
      reader.releaseLock();
    }
  }
  return { chunks: chunks(), totalSize: blob.size };
}

/** XLSX files are zip archives: they start with "PK". The name is a hint only. */
export async function detectKind(file: Blob, name = ''): Promise<SellerCenterFileKind> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  return /\.xlsx$/i.test(name) && file.size === 0 ? 'xlsx' : 'csv';
}

/** Imports a Seller Center order export chosen by the user (CSV or XLSX). */
export async function importSellerCenterFile(
  file: Blob,
  options: ImportOptions,
  onProgress?: ProgressListener,
): Promise<Result<ImportReport, ImportFailure>> {
  const name = 'name' in file && typeof file.name === 'string' ? file.name : '';
  const limits = ImportLimits.safeParse(options.limits ?? {});
  if (limits.success && file.size > limits.data.maxFileBytes) {
    return err({ code: 'file-too-large', size: file.size, limit: limits.data.maxFileBytes });
  }
  const kind = await detectKind(file, name);
  if (kind === 'xlsx') {
    onProgress?.({ processed: 0, total: file.size, rows: 0, fraction: 0 });
    return importSellerCenterXlsx(await file.arrayBuffer(), options, onProgress);
  }
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const { encoding } = detectEncoding(head);
  return importSellerCenterCsv(
    blobTextSource(file, { encoding }),
    { ...options, encoding: ENCODING_LABELS[encoding] },
    onProgress,
  );
}
