import type { Disposition, UnitGrade } from './types';
import type { Finding } from './reasons';

/**
 * Return intake at the bench, as pure rules: each scanned unit is matched against what the
 * request says comes back (missing, extra and wrong items flagged as at packing), graded, and
 * given a disposition. Restocking is planned per unit: a unit is restocked at most once (its id is
 * the restock's id), and never more units of a SKU than came back.
 */

export interface ExpectedUnit {
  skuId: string;
  sellerSku: string;
  productName: string;
}

/** expected: one of the units the request names; extra: one more of a SKU than named; wrong: a
 * SKU the request does not name (or a code no product has). */
export type UnitMatch = 'expected' | 'extra' | 'wrong';

export interface IntakeUnit {
  id: string;
  /** What was scanned. */
  code: string;
  /** The product the code resolved to; null for an unknown code. */
  skuId: string | null;
  match: UnitMatch;
  grade: UnitGrade | null;
  finding: Finding | null;
  note: string;
  /** A photo or other evidence, by id (the camera's store), when the bench has one. */
  evidenceId: string | null;
  disposition: Disposition | null;
  /** When its stock came back (+1); null until then. */
  restockedAt: number | null;
}

export function expectedCounts(expected: readonly ExpectedUnit[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of expected) m.set(e.skuId, (m.get(e.skuId) ?? 0) + 1);
  return m;
}

/** How a newly scanned unit of `skuId` matches, given the units scanned before it. */
export function matchScan(
  expected: readonly ExpectedUnit[],
  before: readonly Pick<IntakeUnit, 'skuId' | 'match'>[],
  skuId: string | null,
): UnitMatch {
  if (skuId === null) return 'wrong';
  const want = expectedCounts(expected).get(skuId) ?? 0;
  if (want === 0) return 'wrong';
  const got = before.filter((u) => u.skuId === skuId && u.match === 'expected').length;
  return got < want ? 'expected' : 'extra';
}

export interface IntakeSummary {
  expected: number;
  matched: number;
  missing: Array<{ skuId: string; sellerSku: string; productName: string; count: number }>;
  extra: number;
  wrong: number;
  ungraded: number;
  undecided: number;
  /** Every unit graded and given a disposition (missing units do not block: they are recorded). */
  complete: boolean;
}

export function summarise(
  expected: readonly ExpectedUnit[],
  units: readonly IntakeUnit[],
): IntakeSummary {
  const counts = expectedCounts(expected);
  const missing: IntakeSummary['missing'] = [];
  for (const [skuId, want] of counts) {
    const got = units.filter((u) => u.skuId === skuId && u.match === 'expected').length;
    if (got < want) {
      const e = expected.find((x) => x.skuId === skuId);
      missing.push({
        skuId,
        sellerSku: e?.sellerSku ?? '',
        productName: e?.productName ?? '',
        count: want - got,
      });
    }
  }
  const ungraded = units.filter((u) => u.grade === null).length;
  const undecided = units.filter((u) => u.disposition === null).length;
  return {
    expected: expected.length,
    matched: units.filter((u) => u.match === 'expected').length,
    missing,
    extra: units.filter((u) => u.match === 'extra').length,
    wrong: units.filter((u) => u.match === 'wrong').length,
    ungraded,
    undecided,
    complete: units.length > 0 && ungraded === 0 && undecided === 0,
  };
}

/**
 * The units to restock now: disposition `restock`, a known SKU, not restocked before, and never
 * more per SKU than units of that SKU came back (scanned). `done` holds the unit ids whose restock
 * is already recorded (the restock rows), so running the plan again after a crash adds nothing.
 */
export function planRestocks(
  units: readonly IntakeUnit[],
  done: ReadonlySet<string>,
): Array<{ unitId: string; skuId: string }> {
  const returned = new Map<string, number>();
  const restocked = new Map<string, number>();
  for (const u of units) {
    if (u.skuId === null) continue;
    returned.set(u.skuId, (returned.get(u.skuId) ?? 0) + 1);
    if (done.has(u.id)) restocked.set(u.skuId, (restocked.get(u.skuId) ?? 0) + 1);
  }
  const out: Array<{ unitId: string; skuId: string }> = [];
  for (const u of units) {
    if (u.skuId === null || u.disposition !== 'restock' || done.has(u.id)) continue;
    const already = restocked.get(u.skuId) ?? 0;
    if (already >= (returned.get(u.skuId) ?? 0)) continue;
    restocked.set(u.skuId, already + 1);
    out.push({ unitId: u.id, skuId: u.skuId });
  }
  return out;
}

/** Stock change per SKU of a restock plan. */
export function stockDelta(plan: ReadonlyArray<{ skuId: string }>): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of plan) m.set(p.skuId, (m.get(p.skuId) ?? 0) + 1);
  return m;
}
