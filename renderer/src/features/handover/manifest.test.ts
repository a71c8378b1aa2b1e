import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildManifest, manifestCsv } from './manifest';

describe('handover manifest', () => {
  const expected = [
    { orderId: 'o1', packageId: 'p1', trackingNumber: 'T1' },
    { orderId: 'o2', packageId: 'p2', trackingNumber: 'T2' },
  ];

  it('names missing and extra parcels and counts both sides', () => {
    const m = buildManifest('USPS', expected, ['p1', 'p9', 'ZZ-unknown'], (id) =>
      id === 'p9' ? { orderId: 'o9', trackingNumber: 'T9' } : null,
    );
    expect(m.expected).toBe(2);
    expect(m.scanned).toBe(3);
    expect(m.missing.map((l) => l.packageId)).toEqual(['p2']);
    expect(m.extra.map((l) => [l.packageId, l.orderId])).toEqual([
      ['p9', 'o9'],
      ['ZZ-unknown', ''],
    ]);
  });

  it('writes a CSV that reads back to the same lines, quoting awkward values', () => {
    const m = buildManifest('DHL, "eCommerce"', expected, ['p1'], () => null);
    const csv = manifestCsv(m, '2026-03-02T09:00:00Z');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.data.map((r) => [r.carrier, r.package_id, r.status])).toEqual([
      ['DHL, "eCommerce"', 'p1', 'scanned'],
      ['DHL, "eCommerce"', 'p2', 'missing'],
    ]);
  });

  it('neutralises a scanned code that looks like a formula', () => {
    const m = buildManifest('USPS', expected, ['=cmd|"/c calc"!A1'], () => null);
    const csv = manifestCsv(m, '2026-03-02T09:00:00Z');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.data.map((r) => r.package_id)).toContain(`'=cmd|"/c calc"!A1`);
    expect(csv).not.toMatch(/(^|,)"?=/m);
  });
});
