import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openStationDb, StationDb } from './db';
import { exportRawDatabase } from './export';
import { LATEST_SCHEMA_VERSION } from './schema/versions';

const freshName = () => `test-${crypto.randomUUID()}`;

describe('openStationDb', () => {
  it('opens a new database, writes the stamp and asks for persistence', async () => {
    const name = freshName();
    let asked = 0;
    const out = await openStationDb(name, '1.2.0', {
      requestPersistence: async () => {
        asked += 1;
        return true;
      },
    });
    expect(out.kind).toBe('ready');
    if (out.kind !== 'ready') return;
    expect(asked).toBe(1);
    expect(out.persisted).toBe(true);
    const stamp = (await out.db.meta.get('stamp'))?.value as {
      appVersion: string;
      schemaVersion: number;
    };
    expect(stamp).toMatchObject({ appVersion: '1.2.0', schemaVersion: LATEST_SCHEMA_VERSION });
    out.db.close();
  });

  it('refuses a database stamped by a newer app, and changes nothing', async () => {
    const name = freshName();
    const first = await openStationDb(name, '2.0.0');
    if (first.kind !== 'ready') throw new Error('setup');
    await first.db.orders.put({ id: 'keep-me' } as never);
    first.db.close();

    const out = await openStationDb(name, '1.0.0');
    expect(out).toMatchObject({ kind: 'too-new', found: { appVersion: '2.0.0' } });
    const raw = await exportRawDatabase(name);
    expect(raw.stores.orders).toEqual([{ id: 'keep-me' }]);
    expect(raw.stores.meta).toContainEqual(
      expect.objectContaining({
        key: 'stamp',
        value: expect.objectContaining({ appVersion: '2.0.0' }),
      }),
    );
  });

  it('refuses a database with a newer schema version (VersionError), and exports it intact', async () => {
    const name = freshName();
    const future = new Dexie(name);
    future.version(LATEST_SCHEMA_VERSION + 5).stores({ orders: 'id', futureTable: 'id' });
    await future.open();
    await future.table('futureTable').put({ id: 'x', note: 'from the future' });
    future.close();

    const out = await openStationDb(name, '9.9.9');
    expect(out.kind).toBe('too-new');
    const raw = await exportRawDatabase(name);
    expect(raw.stores.futureTable).toEqual([{ id: 'x', note: 'from the future' }]);
    expect(raw.version).toBe((LATEST_SCHEMA_VERSION + 5) * 10);
  });

  it('reports a damaged database as an error, keeps it, and can still export it', async () => {
    const name = freshName();
    // An old-version database whose orders store has another primary key: Dexie cannot upgrade it.
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.open(name, 10);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('orders', { keyPath: 'uuid' }).put({ uuid: 'u1', id: 'o1' });
      };
      r.onsuccess = () => {
        r.result.close();
        resolve();
      };
      r.onerror = () => reject(r.error ?? new Error('setup failed'));
    });
    const out = await openStationDb(name, '1.0.0');
    expect(out.kind).toBe('error');
    if (out.kind === 'error') expect(out.message.length).toBeGreaterThan(0);
    const raw = await exportRawDatabase(name);
    expect(raw.stores.orders).toEqual([{ uuid: 'u1', id: 'o1' }]);
  });

  it('exports nothing and creates nothing for a missing database', async () => {
    const name = freshName();
    await expect(exportRawDatabase(name)).rejects.toBeTruthy();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(name);
  });

  it('StationDb opens with strict durability requested', () => {
    const db = new StationDb(freshName());
    expect(
      (db as unknown as { _options: { chromeTransactionDurability: string } })._options,
    ).toMatchObject({ chromeTransactionDurability: 'strict' });
  });
});
