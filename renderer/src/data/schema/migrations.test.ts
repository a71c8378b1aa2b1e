import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { StationDb } from '../db';
import type { OrderRowV1 } from '../rows';
import { upgradeOrderRowV2 } from './upgrades/v02-order-flags';
import { finalStores, LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './versions';

const root = join(import.meta.dirname, '../../../..');
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(root, 'tests/fixtures/db', name), 'utf8')) as OrderRowV1[];
const freshName = () => `test-${crypto.randomUUID()}`;

describe('schema versions', () => {
  it('are appended in order, each with a reason', () => {
    SCHEMA_VERSIONS.forEach((v, i) => {
      expect(v.version).toBe(i + 1);
      expect(v.why.length).toBeGreaterThan(10);
    });
  });

  it('match the committed snapshot (additive changes only; update the snapshot on purpose)', () => {
    const snapshot = JSON.parse(
      readFileSync(join(import.meta.dirname, 'schema-snapshot.json'), 'utf8'),
    ) as { version: number; stores: Record<string, string> };
    expect({ version: LATEST_SCHEMA_VERSION, stores: finalStores() }).toEqual(snapshot);
  });

  it('have a test file for every upgrade file, and a file for every upgrade', () => {
    const dir = join(import.meta.dirname, 'upgrades');
    const files = readdirSync(dir).filter(
      (f) => /^v\d+-.*\.ts$/.test(f) && !f.endsWith('.test.ts'),
    );
    const declared = SCHEMA_VERSIONS.flatMap((v) => (v.upgradeFile ? [`${v.upgradeFile}.ts`] : []));
    expect(files.sort()).toEqual(declared.sort());
    for (const f of files) {
      expect(readdirSync(dir)).toContain(f.replace(/\.ts$/, '.test.ts'));
    }
    for (const v of SCHEMA_VERSIONS) expect(Boolean(v.upgrade)).toBe(Boolean(v.upgradeFile));
  });
});

describe('v1 → latest on a seeded database', () => {
  it('keeps every row and backfills flags', async () => {
    const name = freshName();
    const rows = fixture('v1-orders.json');
    const v1 = new StationDb(name, 1);
    await v1.open();
    await v1.table('orders').bulkPut(rows);
    v1.close();

    const latest = new StationDb(name);
    await latest.open();
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    const after = await latest.orders.toArray();
    expect(after).toHaveLength(rows.length);
    for (const row of after) {
      const before = rows.find((r) => r.id === row.id);
      expect(before).toBeDefined();
      expect(row.flags).toEqual(upgradeOrderRowV2(before as OrderRowV1).flags);
    }
    const stopShip = await latest.orders.where('flags').equals('stop-ship').count();
    expect(stopShip).toBe(after.filter((r) => r.flags.includes('stop-ship')).length);
    latest.close();
    await Dexie.delete(name);
  });
});
