import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberedName, writeExport } from './exports';

describe('exports', () => {
  it('never overwrites an existing file: a taken name gets -2, -3…', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-export-'));
    await writeFile(join(dir, 'orders.json'), 'the seller’s own file');
    const first = await writeExport(dir, 'orders.json', '{"n":1}');
    const second = await writeExport(dir, 'orders.json', '{"n":2}');
    expect(first.path).toBe(join(dir, 'orders-2.json'));
    expect(second.path).toBe(join(dir, 'orders-3.json'));
    expect(await readFile(join(dir, 'orders.json'), 'utf8')).toBe('the seller’s own file');
    expect(await readFile(second.path, 'utf8')).toBe('{"n":2}');
    // No temp files are left behind.
    expect((await readdir(dir)).sort()).toEqual(['orders-2.json', 'orders-3.json', 'orders.json']);
  });

  it('numbers before the extension', () => {
    expect(numberedName('a.csv', 1)).toBe('a.csv');
    expect(numberedName('a.csv', 2)).toBe('a-2.csv');
    expect(numberedName('backup', 3)).toBe('backup-3');
  });
});
