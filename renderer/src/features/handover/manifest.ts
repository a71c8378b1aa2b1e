import Papa from 'papaparse';
import { FORMULA_START } from '#shared/logic/spreadsheet/formula';

/** A carrier handover batch compared with what was expected: matched, missing and extra parcels. */
export interface ExpectedParcel {
  orderId: string;
  packageId: string;
  trackingNumber: string;
}

export interface ManifestLine {
  packageId: string;
  orderId: string;
  trackingNumber: string;
  status: 'scanned' | 'missing' | 'extra';
}

export interface Manifest {
  carrier: string;
  expected: number;
  scanned: number;
  lines: ManifestLine[];
  missing: ManifestLine[];
  extra: ManifestLine[];
}

export function buildManifest(
  carrier: string,
  expected: readonly ExpectedParcel[],
  scannedIds: readonly string[],
  /** What the station knows about a scanned id that was not expected (null: unknown parcel). */
  describe: (id: string) => { orderId: string; trackingNumber: string } | null,
): Manifest {
  const scanned = new Set(scannedIds);
  const byId = new Map(expected.map((p) => [p.packageId, p]));
  const lines: ManifestLine[] = expected.map((p) => ({
    packageId: p.packageId,
    orderId: p.orderId,
    trackingNumber: p.trackingNumber,
    status: scanned.has(p.packageId) ? 'scanned' : 'missing',
  }));
  for (const id of scannedIds) {
    if (byId.has(id)) continue;
    const known = describe(id);
    lines.push({
      packageId: id,
      orderId: known?.orderId ?? '',
      trackingNumber: known?.trackingNumber ?? '',
      status: 'extra',
    });
  }
  return {
    carrier,
    expected: expected.length,
    scanned: scannedIds.length,
    lines,
    missing: lines.filter((l) => l.status === 'missing'),
    extra: lines.filter((l) => l.status === 'extra'),
  };
}

/** The manifest as CSV (RFC 4180 quoting by papaparse), one parcel per line. */
export function manifestCsv(m: Manifest, handedOverAt: string): string {
  return Papa.unparse(
    m.lines.map((l) => ({
      carrier: m.carrier,
      package_id: l.packageId,
      order_id: l.orderId,
      tracking_number: l.trackingNumber,
      status: l.status,
      handed_over_at: handedOverAt,
    })),
    {
      columns: ['carrier', 'package_id', 'order_id', 'tracking_number', 'status', 'handed_over_at'],
      escapeFormulae: FORMULA_START,
    },
  );
}
