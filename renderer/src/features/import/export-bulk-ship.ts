/** The bulk-ship upload file for orders shipped at the bench, as a download. */
import {
  bulkShipCsv,
  bulkShipRowsFromOrders,
  bulkShipXlsx,
  type BulkShipSelection,
} from '#shared/logic/seller-center/bulk-ship';
import type { IntakeRepository } from '../../data/repositories/intake-repository';

export type BulkShipFormat = 'csv' | 'xlsx';

export interface BulkShipFile {
  name: string;
  blob: Blob;
  selection: BulkShipSelection;
}

export async function buildBulkShipFile(
  repo: Pick<IntakeRepository, 'shippedOrders'>,
  format: BulkShipFormat,
  now: Date,
): Promise<BulkShipFile> {
  const selection = bulkShipRowsFromOrders(await repo.shippedOrders());
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  if (format === 'csv') {
    return {
      name: `bulk-ship-${stamp}.csv`,
      blob: new Blob([bulkShipCsv(selection.rows)], { type: 'text/csv;charset=utf-8' }),
      selection,
    };
  }
  const bytes = await bulkShipXlsx(selection.rows);
  return {
    name: `bulk-ship-${stamp}.xlsx`,
    blob: new Blob([new Uint8Array(bytes)], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    selection,
  };
}

/** Hands a Blob to the browser as a file download. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
