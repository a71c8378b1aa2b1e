import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '#shared/bridge/recovery';
import { createBackupStore } from '../services/backups';
import { createJournal } from '../services/journal';
import { createDispatch } from './dispatch';
import { createRecoveryHandlers } from './recovery';
import type { Handlers, Logger } from './types';

const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

async function setup(keep = 3) {
  const dir = await mkdtemp(join(tmpdir(), 'pb-recovery-'));
  let clock = Date.UTC(2026, 11, 4, 15, 0, 0);
  const journal = createJournal(join(dir, 'journal', 'outbox.jsonl'));
  const backups = createBackupStore({ dir: join(dir, 'backups'), keep, now: () => clock });
  const handlers = createRecoveryHandlers({ journal, backups, log: silentLog });
  const dispatch = createDispatch(handlers as unknown as Handlers, silentLog);
  return { dir, dispatch, journal, tick: (ms: number) => (clock += ms) };
}

const summary = (activeUpdates: number) => ({
  dbName: 'packbench-practice',
  schemaVersion: 3,
  appVersion: '0.1.0',
  counts: { orders: 10, outbox: activeUpdates },
  activeUpdates,
  newestUpdateAt: null,
});

describe('recovery handlers', () => {
  it('journal.read pages through the journal over the bridge', async () => {
    const { dispatch, journal } = await setup();
    await journal.append(
      ['a', 'b', 'c'].map((id) => ({ id, kind: 'outbox.enqueued', at: 1, payload: {} })),
    );
    const first = await dispatch('journal.read', { offset: 0, limit: 2 });
    expect(first).toMatchObject({ ok: true, value: { nextOffset: 2, skipped: 0 } });
    const rest = await dispatch('journal.read', { offset: 2 });
    expect(rest.ok && (rest.value as { entries: { id: string }[] }).entries).toEqual([
      expect.objectContaining({ id: 'c' }),
    ]);
    expect((await dispatch('journal.read', { offset: -1 })).ok).toBe(false);
  });

  it('writes backups with a summary, lists newest first, keeps the newest N, reads one back', async () => {
    const { dir, dispatch, tick } = await setup(3);
    const written: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await dispatch('backup.write', {
        summary: summary(i),
        content: JSON.stringify({ n: i }),
      });
      expect(res.ok).toBe(true);
      if (res.ok) written.push((res.value as BackupInfo).name);
      tick(60_000);
    }
    expect(written[0]).toMatch(/^packbench-practice\.v3\.20261204T150000000Z\.backup\.json$/);
    const listed = await dispatch('backup.list', { dbName: 'packbench-practice' });
    expect(listed.ok).toBe(true);
    const infos = (listed.ok ? listed.value : []) as BackupInfo[];
    expect(infos.map((b) => b.activeUpdates)).toEqual([4, 3, 2]);
    expect(infos[0]).toMatchObject({ counts: { orders: 10, outbox: 4 }, schemaVersion: 3 });
    // Rotated: two data files and their summaries are gone, no temp files are left.
    const files = await readdir(join(dir, 'backups'));
    expect(files).toHaveLength(6);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    const read = await dispatch('backup.read', { name: infos[0]?.name });
    expect(read).toEqual({ ok: true, value: { content: '{"n":4}' } });
    // Another database's backups are not listed.
    const other = await dispatch('backup.list', { dbName: 'packbench' });
    expect(other).toEqual({ ok: true, value: [] });
  });

  it('refuses paths and unknown names; a backup without a summary is not offered', async () => {
    const { dir, dispatch } = await setup();
    for (const name of ['../journal/outbox.jsonl', '/etc/passwd', 'x.json']) {
      expect(await dispatch('backup.read', { name })).toMatchObject({
        ok: false,
        error: { code: 'invalid-args' },
      });
    }
    expect(
      await dispatch('backup.read', {
        name: 'packbench-practice.v3.20260101T000000000Z.backup.json',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await dispatch('backup.write', { summary: summary(1), content: '{}' });
    await writeFile(
      join(dir, 'backups', 'packbench-practice.v3.20270101T000000000Z.backup.json'),
      '{}',
    );
    const listed = await dispatch('backup.list', { dbName: 'packbench-practice' });
    expect(listed.ok && (listed.value as BackupInfo[]).length).toBe(1);
  });

  it('a full disk is reported as disk-full, and no backup is listed', async () => {
    const log = silentLog;
    const backups = createBackupStore({ dir: '/dev/full/backups' });
    const handlers = createRecoveryHandlers({
      journal: createJournal('/dev/full/j.jsonl'),
      backups,
      log,
    });
    const dispatch = createDispatch(handlers as unknown as Handlers, log);
    const res = await dispatch('backup.write', { summary: summary(1), content: '{}' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(['disk-full', 'io-error']).toContain(res.error.code);
  });
});
