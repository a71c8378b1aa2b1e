import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../handlers/dispatch';
import { createHandlers } from '../handlers/index';
import { describeFsError, diskErrorCode } from './fs-errors';
import { appendFile, open, stat, writeFile } from 'node:fs/promises';
import { createJournal, nodeJournalFs, readJournal, type JournalFs } from './journal';
import { createLogger } from './logger';

const entry = (id: string) => ({ id, kind: 'ship-package', at: 1, payload: { orderId: '57' } });

describe('journal', () => {
  it('appends JSON lines in order, serialising concurrent appends', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-journal-'));
    const journal = createJournal(join(dir, 'j', 'outbox.jsonl'));
    await Promise.all([journal.append([entry('a')]), journal.append([entry('b'), entry('c')])]);
    const lines = (await readFile(journal.path, 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['a', 'b', 'c']);
  });

  it.skipIf(!existsSync('/dev/full'))(
    'reports a full disk as disk-full with a clear message (Linux /dev/full)',
    async () => {
      const journal = createJournal('/dev/full');
      const failure = await journal.append([entry('x')]).then(
        () => null,
        (cause: unknown) => cause,
      );
      expect(diskErrorCode(failure)).toBe('disk-full');
      expect(describeFsError(failure)).toMatch(/disk is full/);
      // The next append still runs (a failed append does not jam the queue).
      const again = await journal.append([entry('y')]).then(
        () => 'ok',
        (cause: unknown) => diskErrorCode(cause),
      );
      expect(again).toBe('disk-full');
    },
  );

  it('the bridge answers disk-full as a value, and the host keeps running', async () => {
    const log = createLogger({ level: 'error', sink: () => {} });
    const dispatch = createDispatch(
      createHandlers({
        dataDir: '/dev/full/not-a-dir',
        log,
        info: {
          appName: 'P',
          version: '0',
          host: 'web',
          practice: true,
          platform: 'linux',
          dataDir: '',
        },
      }),
      log,
    );
    const res = await dispatch('journal.append', { entries: [entry('z')] });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(['disk-full', 'io-error']).toContain(res.error.code);
    expect((await dispatch('app.getInfo', {})).ok).toBe(true);
  });

  it('a write that fails half way (full disk) leaves no half line: the file is cut back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-journal-'));
    const path = join(dir, 'outbox.jsonl');
    let failNext = false;
    // A real file whose write lands half the bytes and then reports ENOSPC, as a disk filling
    // up during the write does.
    const fs: JournalFs = {
      mkdir: (p) => nodeJournalFs.mkdir(p),
      async openAppend(p) {
        const handle = await nodeJournalFs.openAppend(p);
        return {
          stat: () => handle.stat(),
          sync: () => handle.sync(),
          truncate: (len) => handle.truncate(len),
          close: () => handle.close(),
          async write(data) {
            if (!failNext) return handle.write(data);
            await handle.write(data.slice(0, Math.floor(data.length / 2)));
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
            });
          },
        };
      },
    };
    const journal = createJournal(path, fs);
    await journal.append([entry('a')]);
    const before = (await stat(path)).size;
    failNext = true;
    const failure = await journal.append([entry('b'), entry('c')]).then(
      () => null,
      (cause: unknown) => cause,
    );
    expect(diskErrorCode(failure)).toBe('disk-full');
    expect((await stat(path)).size).toBe(before);
    failNext = false;
    await journal.append([entry('d')]);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const page = await journal.read();
    expect(page.entries.map((e) => e.id)).toEqual(['a', 'd']);
    expect(page.skipped).toBe(0);
  });

  it('a short write (bytes lost without an error) is treated as a full disk and cut back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-journal-'));
    const path = join(dir, 'outbox.jsonl');
    await writeFile(path, JSON.stringify(entry('a')) + '\n');
    const fs: JournalFs = {
      mkdir: (p) => nodeJournalFs.mkdir(p),
      async openAppend(p) {
        const handle = await open(p, 'a');
        return {
          stat: () => handle.stat(),
          sync: () => handle.sync(),
          truncate: (len) => handle.truncate(len),
          close: () => handle.close(),
          write: (data) => handle.write(data.slice(0, 5)),
        };
      },
    };
    const failure = await createJournal(path, fs)
      .append([entry('b')])
      .then(
        () => null,
        (cause: unknown) => cause,
      );
    expect(diskErrorCode(failure)).toBe('disk-full');
    expect((await readJournal(path, 0, 10)).entries.map((e) => e.id)).toEqual(['a']);
  });

  it('reads back page by page, counts torn or foreign lines, and a missing file is empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-journal-'));
    const path = join(dir, 'outbox.jsonl');
    expect(await readJournal(path, 0, 10)).toEqual({ entries: [], nextOffset: null, skipped: 0 });
    const journal = createJournal(path);
    await journal.append(['a', 'b', 'c', 'd', 'e'].map(entry));
    // A torn line left by an older build, and a line that is JSON but not an entry.
    await appendFile(path, '{"id":"f","kind":"outbox.enq\n{"nope":1}\n');
    await journal.append([entry('g')]);
    const first = await journal.read(0, 3);
    expect(first.entries.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(first.nextOffset).toBe(3);
    const rest = await journal.read(3, 100);
    expect(rest.entries.map((e) => e.id)).toEqual(['d', 'e', 'g']);
    expect(rest.skipped).toBe(2);
    expect(rest.nextOffset).toBeNull();
  });
});
