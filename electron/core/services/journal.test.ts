import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../handlers/dispatch';
import { createHandlers } from '../handlers/index';
import { describeFsError, diskErrorCode } from './fs-errors';
import { createJournal } from './journal';
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
});
