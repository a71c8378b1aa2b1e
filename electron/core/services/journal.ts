import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalEntry } from '#shared/bridge/contract';

/**
 * The outbox's second copy: an append-only JSON-lines file, fsynced after each append, so
 * intents can be rebuilt if IndexedDB is lost. Appends are serialised.
 */
export function createJournal(path: string) {
  let tail: Promise<unknown> = Promise.resolve();
  async function appendNow(entries: readonly JournalEntry[]): Promise<number> {
    await mkdir(dirname(path), { recursive: true });
    const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
    const handle = await open(path, 'a');
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return Buffer.byteLength(text);
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
  };
}
export type Journal = ReturnType<typeof createJournal>;
