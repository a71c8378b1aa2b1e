/**
 * `?dev=1` hooks for benches and tests: pull now, and a Seller Center file import with in-page
 * timings (the bench also writes the same orders raw to IndexedDB for its denominator).
 */
import type { OrderRow } from '#shared/domain/order';
import type { Repositories } from '../../data/repositories';
import { importSellerCenterFile } from '../import/parse-file';
import { writeImportedOrders } from '../import/write-orders';
import { activeIntake } from './controller';

export function intakeDevHooks(repos: Repositories, practice: boolean) {
  // The last import's report: its orders are rebuilt on demand for the raw write, so they are
  // not held in memory while the import itself is measured.
  let lastReport: { orders: OrderRow[] } | null = null;
  return {
    pullNow: () => activeIntake()?.pullNow() ?? Promise.resolve(null),
    /** Forgets orders and intake state: the next pull is a full first pull (bench only). */
    resetForBench: () => repos.intake.resetForBench(),
    /** Parses and writes a file as the Import screen does; returns counts and timings (ms). */
    async importFile(file: File, chunkSize?: number) {
      const t0 = performance.now();
      const parsed = await importSellerCenterFile(file, {
        market: 'US',
        utcOffsetMinutes: -300,
        importedAt: Date.now(),
      });
      const t1 = performance.now();
      if (!parsed.ok) throw new Error(`import failed: ${parsed.error.code}`);
      const counts = await writeImportedOrders(repos.intake, parsed.value, {
        practice,
        ...(chunkSize !== undefined ? { chunkSize } : {}),
      });
      const t2 = performance.now();
      lastReport = parsed.value;
      return {
        rows: parsed.value.rowCount,
        orders: counts.orders,
        lines: counts.lines,
        parseMs: t1 - t0,
        writeMs: t2 - t1,
      };
    },
    /** The orders of the last importFile, for a raw write of the same data. */
    lastImportedOrders: () => lastReport?.orders ?? [],
    clearLastImport: () => {
      lastReport = null;
    },
  };
}
