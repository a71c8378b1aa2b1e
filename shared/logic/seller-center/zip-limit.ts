/**
 * A zip-bomb check for XLSX files, streamed with fflate's `Unzip`: every entry is inflated chunk by
 * chunk and only counted (nothing is kept), and reading stops as soon as the entries together
 * would unzip past the limit. An entry whose header already declares more than the limit is refused
 * before any of it is inflated; a header that lies is caught by the count.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { err, ok, type Result } from '#shared/utils/result';
import type { LimitFailure } from './limits';

/** Bytes pushed at a time: a deflate stream expands ~1000×, so ≤ 16 MB past the limit. */
const SLICE = 16 * 1024;

export type ZipCheckFailure =
  Extract<LimitFailure, { code: 'unzipped-too-large' }> | { code: 'unreadable'; message: string };

/**
 * Reads the archive from `chunks` (bytes as they arrive) and returns the total unzipped size, or
 * the first limit broken. The archive is never held unzipped.
 */
export async function checkUnzippedSize(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limit: number,
): Promise<Result<{ unzippedBytes: number }, ZipCheckFailure>> {
  let total = 0;
  let failure: ZipCheckFailure | null = null;
  const open: UnzipFile[] = [];
  const stop = (f: ZipCheckFailure) => {
    failure ??= f;
    for (const file of open) file.terminate();
  };
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (file.originalSize !== undefined && total + file.originalSize > limit) {
      stop({ code: 'unzipped-too-large', limit, entry: file.name });
      return;
    }
    open.push(file);
    file.ondata = (e, data) => {
      if (failure) return;
      if (e) {
        stop({ code: 'unreadable', message: e.message });
        return;
      }
      total += data.length;
      if (total > limit) stop({ code: 'unzipped-too-large', limit, entry: file.name });
    };
    try {
      file.start();
    } catch (e) {
      stop({ code: 'unreadable', message: e instanceof Error ? e.message : String(e) });
    }
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of chunks) {
      if (failure) break;
      // Large chunks are fed in slices, so a bomb is stopped within one slice of the limit.
      for (let at = 0; at < chunk.length && !failure; at += SLICE) {
        unzip.push(chunk.subarray(at, at + SLICE));
      }
    }
    if (!failure) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    stop({ code: 'unreadable', message: e instanceof Error ? e.message : String(e) });
  }
  if (failure) return err(failure);
  return ok({ unzippedBytes: total });
}
