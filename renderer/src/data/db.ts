import Dexie, { type EntityTable } from 'dexie';
import semverGt from 'semver/functions/gt';
import semverValid from 'semver/functions/valid';
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow, StockRow } from '#shared/domain/product';
import type {
  AuditRow,
  DocumentRow,
  HandoverRow,
  LabelRow,
  MetaRow,
  OutboxRow,
  PackSessionRow,
  ScanEventRow,
  SettingRow,
  Stamp,
} from './rows';
import type { DeliveryRow } from './rows-insights';
import type { EvidenceRow, WeighingRow } from './rows-devices';
import type { RestockRow, ReturnIntakeRow, ReturnRow } from './rows-returns';
import type { MessageRow, ParcelRow } from './rows-tracking';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema/versions';

export const PRACTICE_DB_NAME = 'packbench-practice';
export const LIVE_DB_NAME = 'packbench';

/**
 * The station database. Pack state, labels, outbox and audit share it, and so share
 * transactions; commits are reported only once on disk (durability strict).
 */
export class StationDb extends Dexie {
  orders!: EntityTable<OrderRow, 'id'>;
  products!: EntityTable<ProductRow, 'id'>;
  stock!: EntityTable<StockRow, 'skuId'>;
  packSessions!: EntityTable<PackSessionRow, 'id'>;
  scanEvents!: EntityTable<ScanEventRow, 'id'>;
  labels!: EntityTable<LabelRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  audit!: EntityTable<AuditRow, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;
  documents!: EntityTable<DocumentRow, 'id'>;
  handovers!: EntityTable<HandoverRow, 'id'>;
  parcels!: EntityTable<ParcelRow, 'id'>;
  messages!: EntityTable<MessageRow, 'id'>;
  returns!: EntityTable<ReturnRow, 'id'>;
  returnIntakes!: EntityTable<ReturnIntakeRow, 'id'>;
  restocks!: EntityTable<RestockRow, 'id'>;
  weighings!: EntityTable<WeighingRow, 'id'>;
  evidence!: EntityTable<EvidenceRow, 'id'>;
  deliveries!: EntityTable<DeliveryRow, 'id'>;

  constructor(name: string, upTo = LATEST_SCHEMA_VERSION) {
    super(name, { chromeTransactionDurability: 'strict' });
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

export type OpenOutcome =
  | { kind: 'ready'; db: StationDb; persisted: boolean | null }
  | {
      kind: 'too-new';
      dbName: string;
      found: { schemaVersion: number | null; appVersion: string | null };
      ours: { schemaVersion: number; appVersion: string };
    }
  | { kind: 'error'; dbName: string; message: string };

const STAMP_KEY = 'stamp';

function errorName(cause: unknown): string {
  return (cause as { name?: unknown } | null)?.name === undefined
    ? ''
    : String((cause as { name: unknown }).name);
}

async function tryOpen(db: StationDb): Promise<unknown> {
  try {
    await db.open();
    return null;
  } catch (cause) {
    return cause;
  }
}

/**
 * Opens the station database without ever deleting anything. A database written by a newer
 * schema or a newer app version is refused ("too new"); other failures are retried once and then
 * reported, so the UI can offer an export instead of a wipe.
 */
export async function openStationDb(
  name: string,
  appVersion: string,
  opts: { requestPersistence?: () => Promise<boolean> } = {},
): Promise<OpenOutcome> {
  const ours = { schemaVersion: LATEST_SCHEMA_VERSION, appVersion };
  // Dexie 4 opens a newer database anyway and "adds missing parts", bumping its version: that
  // would modify a newer app's data. Look at the native version first, without opening it.
  const existing = await nativeVersion(name);
  if (existing !== null && existing > LATEST_SCHEMA_VERSION * 10) {
    return {
      kind: 'too-new',
      dbName: name,
      found: { schemaVersion: Math.floor(existing / 10), appVersion: null },
      ours,
    };
  }
  let db = new StationDb(name);
  let failure = await tryOpen(db);
  if (failure && errorName(failure) !== 'VersionError') {
    // Backing-store errors are sometimes transient (reliability.md §2.5): one retry.
    db.close();
    await new Promise((r) => setTimeout(r, 250));
    db = new StationDb(name);
    failure = await tryOpen(db);
  }
  if (failure) {
    db.close();
    if (errorName(failure) === 'VersionError') {
      return {
        kind: 'too-new',
        dbName: name,
        found: { schemaVersion: await rawSchemaVersion(name), appVersion: null },
        ours,
      };
    }
    const inner = (failure as { inner?: unknown }).inner;
    return {
      kind: 'error',
      dbName: name,
      message: `${errorName(failure)}: ${String((failure as Error).message ?? failure)}${
        inner ? ` (${inner instanceof Error ? inner.message : JSON.stringify(inner)})` : ''
      }`,
    };
  }
  const stampRow = await db.meta.get(STAMP_KEY);
  const stamp = stampRow?.value as Partial<Stamp> | undefined;
  const foundVersion = typeof stamp?.appVersion === 'string' ? stamp.appVersion : null;
  if (foundVersion && semverValid(foundVersion) && semverValid(appVersion)) {
    if (semverGt(foundVersion, appVersion)) {
      db.close();
      return {
        kind: 'too-new',
        dbName: name,
        found: { schemaVersion: stamp?.schemaVersion ?? null, appVersion: foundVersion },
        ours,
      };
    }
  }
  const next: Stamp = {
    schemaVersion: LATEST_SCHEMA_VERSION,
    appVersion,
    writtenAt: Date.now(),
  };
  await db.meta.put({ key: STAMP_KEY, value: next });
  let persisted: boolean | null = null;
  if (opts.requestPersistence) {
    persisted = await opts.requestPersistence().catch(() => null);
  }
  return { kind: 'ready', db, persisted };
}

/** The native IndexedDB version of an existing database, or null when there is none. */
async function nativeVersion(name: string): Promise<number | null> {
  const dbs = await indexedDB.databases();
  const found = dbs.find((d) => d.name === name);
  return found?.version ?? null;
}

/** The version of an existing database as Dexie numbers it (native / 10). */
async function rawSchemaVersion(name: string): Promise<number | null> {
  const native = await nativeVersion(name);
  return native === null ? null : Math.floor(native / 10);
}

/** Deletes a whole station database. Only the practice shop's reset calls this. */
export async function deleteStationDb(name: string): Promise<void> {
  if (name !== PRACTICE_DB_NAME) throw new Error('Only the practice database can be reset');
  await Dexie.delete(name);
}
