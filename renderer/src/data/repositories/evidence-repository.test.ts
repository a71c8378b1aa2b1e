import { beforeEach, describe, expect, it } from 'vitest';
import type { StationDb } from '../db';
import type { EvidenceRow } from '../rows-devices';
import { stationDbPerTest } from '../test-db';
import { createEvidenceRepository } from './evidence-repository';

const stationDb = stationDbPerTest({ prefix: 'evidence' });
let db: StationDb;

beforeEach(() => {
  db = stationDb();
});

function photo(id: string, orderId: string, at: number): EvidenceRow {
  const data = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, at % 256]).buffer;
  return {
    id,
    orderId,
    at,
    kind: 'open-box',
    mime: 'image/jpeg',
    bytes: data.byteLength,
    width: 640,
    height: 480,
    data,
    packer: 'Ann',
    station: 'S1',
    trigger: 'last-scan',
  };
}

describe('evidence repository', () => {
  it('stores photos with an audit entry and reads them back by order, bytes intact', async () => {
    const repo = createEvidenceRepository(db);
    expect(await repo.save(photo('a', 'o1', 10))).toEqual({ ok: true, pruned: 0 });
    await repo.save(photo('b', 'o2', 20));
    await repo.save(photo('c', 'o1', 30));
    const rows = await repo.forOrder('o1');
    expect(rows.map((r) => r.id)).toEqual(['a', 'c']);
    expect([...new Uint8Array(rows[0]?.data ?? new ArrayBuffer(0))]).toEqual([
      0xff, 0xd8, 0xff, 0xe0, 10,
    ]);
    expect(await db.audit.where('kind').equals('evidence.captured').count()).toBe(3);
    expect(await repo.totals()).toEqual({ count: 3, bytes: 15 });
  });

  it('prunes by retention and oldest first', async () => {
    const repo = createEvidenceRepository(db);
    for (let i = 0; i < 5; i += 1) await repo.save(photo(`p${i}`, 'o', i * 100));
    expect(await repo.pruneBefore(150)).toBe(2);
    expect(await repo.pruneOldest(2)).toBe(2);
    expect((await repo.forOrder('o')).map((r) => r.id)).toEqual(['p4']);
  });

  it('on a full disk prunes the oldest once and retries, then says so clearly', async () => {
    const repo = createEvidenceRepository(db);
    await repo.save(photo('old', 'o', 1));
    const quota = Object.assign(new Error('AbortError'), {
      name: 'AbortError',
      inner: { name: 'QuotaExceededError' },
    });
    const put = db.evidence.put.bind(db.evidence);
    let failures = 1;
    db.evidence.put = ((row: EvidenceRow) => {
      if (failures-- > 0) return Promise.reject(quota);
      return put(row);
    }) as typeof db.evidence.put;
    expect(await repo.save(photo('new', 'o', 2))).toEqual({ ok: true, pruned: 1 });
    expect((await repo.forOrder('o')).map((r) => r.id)).toEqual(['new']);
    failures = 2;
    expect(await repo.save(photo('newer', 'o', 3))).toMatchObject({
      ok: false,
      error: { code: 'quota', message: expect.stringMatching(/disk is full/) as unknown },
    });
  });
});
