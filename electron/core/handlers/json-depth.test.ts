import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../services/logger';
import { createDispatch } from './dispatch';
import { createHandlers } from './index';
import { jsonDepthExceeds, MAX_ARGS_DEPTH } from './json-depth';

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) v = i % 2 === 0 ? { a: v } : [v];
  return v;
}

describe('deeply nested JSON', () => {
  it('measures depth without recursion, even a million levels', () => {
    expect(jsonDepthExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    expect(jsonDepthExceeds(nested(1_000_000), MAX_ARGS_DEPTH)).toBe(true);
  });

  it('is refused as invalid input, never written, never reported as a disk error', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pb-depth-'));
    const log = createLogger({ level: 'error', sink: () => {} });
    const dispatch = createDispatch(
      createHandlers({
        dataDir,
        log,
        info: {
          appName: 'P',
          version: '0',
          host: 'web',
          practice: true,
          platform: 'linux',
          dataDir,
        },
      }),
      log,
    );
    // Parsed from a request body: JSON.parse copes with the depth, JSON.stringify would not.
    const args = JSON.parse(
      `{"entries":[{"id":"x","kind":"k","at":1,"payload":{"p":${'['.repeat(200_000)}${']'.repeat(200_000)}}}]}`,
    ) as unknown;
    const res = await dispatch('journal.append', args);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    if (!res.ok) expect(res.error.message).toMatch(/nested more than 64 levels/);
    await expect(readFile(join(dataDir, 'journal', 'outbox.jsonl'), 'utf8')).rejects.toThrow();
    // An ordinary entry still goes through.
    const fine = await dispatch('journal.append', {
      entries: [{ id: 'y', kind: 'k', at: 1, payload: { p: nested(10) as object } }],
    });
    expect(fine.ok).toBe(true);
  });
});
