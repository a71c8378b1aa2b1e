import type { ReadStream } from 'node:fs';
import { mkdir, open as fsOpen } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { JournalEntry } from '#shared/bridge/contract';

/** The part of a file handle the journal uses; injectable so tests can fail a write half way. */
export interface JournalFileHandle {
  stat(): Promise<{ size: number }>;
  write(data: string): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  truncate(len: number): Promise<void>;
  close(): Promise<void>;
}

export interface JournalFs {
  mkdir(path: string): Promise<unknown>;
  /** Opens for appending (`a`): every write lands at the end. */
  openAppend(path: string): Promise<JournalFileHandle>;
}

export const nodeJournalFs: JournalFs = {
  mkdir: (path) => mkdir(path, { recursive: true }),
  openAppend: (path) => fsOpen(path, 'a'),
};

/**
 * The outbox's second copy: an append-only JSON-lines file, fsynced after each append, so
 * intents can be rebuilt if IndexedDB is lost. Appends are serialised, and each is atomic as far
 * as readers go: the batch is one write of whole lines, and when the write fails part way (a full
 * disk) the file is cut back to its length before the append, so no half line is ever left.
 */
export function createJournal(path: string, fs: JournalFs = nodeJournalFs) {
  let tail: Promise<unknown> = Promise.resolve();
  async function appendNow(entries: readonly JournalEntry[]): Promise<number> {
    await fs.mkdir(dirname(path));
    const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
    const bytes = Buffer.byteLength(text);
    const handle = await fs.openAppend(path);
    try {
      const before = (await handle.stat()).size;
      try {
        const { bytesWritten } = await handle.write(text);
        if (bytesWritten !== bytes) {
          throw Object.assign(new Error(`short write: ${bytesWritten} of ${bytes} bytes`), {
            code: 'ENOSPC',
          });
        }
        await handle.sync();
      } catch (cause) {
        // Cut the torn tail off; a regular file can always be shortened, even on a full disk.
        await handle.truncate(before).catch(() => undefined);
        await handle.sync().catch(() => undefined);
        throw cause;
      }
    } finally {
      await handle.close();
    }
    return bytes;
  }
  return {
    path,
    append(entries: readonly JournalEntry[]): Promise<number> {
      const next = tail.then(
        () => appendNow(entries),
        () => appendNow(entries),
      );
      tail = next;
      return next;
    },
    /** Waits for appends in progress, then reads (see readJournal). */
    async read(offset = 0, limit = 2000): Promise<JournalPage> {
      await tail.catch(() => undefined);
      return readJournal(path, offset, limit);
    },
  };
}
export type Journal = ReturnType<typeof createJournal>;

export interface JournalPage {
  entries: JournalEntry[];
  /** Index of the next line to read, or null at the end of the file. */
  nextOffset: number | null;
  /** Lines on this page that were not a valid entry (a torn line from before this build). */
  skipped: number;
}

/**
 * Reads the journal from line `offset`, at most `limit` lines, streaming (the file may be large).
 * A missing file is an empty journal. Unreadable lines are counted, never thrown.
 */
export async function readJournal(
  path: string,
  offset: number,
  limit: number,
): Promise<JournalPage> {
  const entries: JournalEntry[] = [];
  let skipped = 0;
  let index = 0;
  let more = false;
  let stream: ReadStream;
  try {
    const handle = await fsOpen(path, 'r');
    stream = handle.createReadStream({ encoding: 'utf8' });
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ENOENT') {
      return { entries, nextOffset: null, skipped };
    }
    throw cause;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      if (index < offset) {
        index += 1;
        continue;
      }
      if (index >= offset + limit) {
        more = true;
        break;
      }
      index += 1;
      try {
        const parsed = JournalEntry.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
        else skipped += 1;
      } catch {
        skipped += 1;
      }
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return { entries, nextOffset: more ? index : null, skipped };
}
