/**
 * Browser glue for the Seller Center import: a `File` (or any `Blob`) → the pure import in
 * `shared/logic/seller-center`. CSV is streamed (`Blob.stream()` + a streaming `TextDecoder`), so a
 * large export never sits in memory as one string and progress is reported in bytes read.
 * XLSX is a zip archive and is read whole.
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
import { importSellerCenterXlsx } from '#shared/logic/seller-center/xlsx';
import type { Result } from '#shared/utils/result';

export type SellerCenterFileKind = 'csv' | 'xlsx';

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
  opts: { yieldAfterMs?: number; now?: () => number } = {},
): TextSource {
  const budget = opts.yieldAfterMs ?? 12;
  const now = opts.now ?? (() => performance.now());
  async function* chunks(): AsyncGenerator<TextChunk> {
    let turnStarted = now();
    // The BOM is left in the text (ignoreBOM) and stripped by the parser, so nothing depends on
    // the decoder's default.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const reader = blob.stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield { text: decoder.decode(value, { stream: true }), size: value.byteLength };
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
  const kind = await detectKind(file, name);
  if (kind === 'xlsx') {
    onProgress?.({ processed: 0, total: file.size, rows: 0, fraction: 0 });
    return importSellerCenterXlsx(await file.arrayBuffer(), options, onProgress);
  }
  return importSellerCenterCsv(blobTextSource(file), options, onProgress);
}
