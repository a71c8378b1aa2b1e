/**
 * The weight check before the label: the parcel's settled weight against what that order should
 * weigh (its SKUs' unit weights plus packaging) with the tolerance learned for its SKU
 * combination. Outside the tolerance the label is blocked like a mis-scan, until the parcel is
 * weighed again or a supervisor overrides (PIN, reason; audited). With no scale configured the
 * check passes at once: a bench without a scale works as before.
 */
import type { OrderRow } from '#shared/domain/order';
import {
  checkWeight,
  comboKey,
  DEFAULT_WEIGHT_POLICY,
  expectedGrams,
  learnTolerance,
  type Tolerance,
  type WeightPolicy,
} from '#shared/logic/weight/tolerance';
import type { Repositories } from '../../data/repositories';
import type { WeighingRow } from '../../data/rows-devices';

export interface Who {
  packer: string;
  station: string;
}

export type WeightGate =
  | { kind: 'pass'; weighing: WeighingRow | null }
  | {
      kind: 'blocked';
      reason: 'no-weight' | 'too-light' | 'too-heavy';
      weighing: WeighingRow | null;
      tolerance: Tolerance | null;
    };

export interface WeightCheckDeps {
  repos: Pick<Repositories, 'catalog' | 'weighings'>;
  /** Null when no scale is configured (the check is off). */
  scale: () => {
    source: 'serial' | 'hid';
    packagingGrams: number;
    waitMs: number;
  } | null;
  /** A settled, unlocked weight within `ms`, or null. */
  waitForWeight: (ms: number) => Promise<number | null>;
  /** The padlock: the weight now belongs to this parcel. */
  lockWeight: () => void;
  now: () => number;
  newId: () => string;
  policy?: WeightPolicy;
}

/** One order line is one unit (the API has no quantity field). */
function unitsOf(order: Pick<OrderRow, 'lines'>) {
  return order.lines.map((l) => ({ skuId: l.skuId, qty: 1 }));
}

/** Expected weight and tolerance of an order, from the catalog and past accepted parcels. */
export async function toleranceFor(
  order: Pick<OrderRow, 'lines'>,
  packagingGrams: number,
  deps: Pick<WeightCheckDeps, 'repos' | 'policy'>,
): Promise<{ key: string; expected: number | null; tolerance: Tolerance | null }> {
  const policy = deps.policy ?? DEFAULT_WEIGHT_POLICY;
  const lines = unitsOf(order);
  const key = comboKey(lines);
  const products = await deps.repos.catalog.bySkuIds(lines.map((l) => l.skuId));
  const grams = new Map<string, number>();
  for (const p of products) if (p) grams.set(p.id, p.weightGrams);
  const expected = expectedGrams(lines, grams, packagingGrams);
  const samples = await deps.repos.weighings.acceptedGrams(key, policy.maxSamples);
  return { key, expected, tolerance: learnTolerance(expected, samples, policy) };
}

/**
 * Weighs the parcel of `order` for its label. `print-first` (a label by hand) passes when the
 * order already has an accepted or overridden weighing; `after-pack` always weighs.
 */
export async function weighForLabel(
  order: OrderRow,
  who: Who,
  mode: 'after-pack' | 'print-first',
  deps: WeightCheckDeps,
): Promise<WeightGate> {
  const scale = deps.scale();
  if (!scale) return { kind: 'pass', weighing: null };
  if (mode === 'print-first') {
    const latest = await deps.repos.weighings.latestFor(order.id);
    if (latest && latest.verdict !== 'too-light' && latest.verdict !== 'too-heavy') {
      return { kind: 'pass', weighing: latest };
    }
  }
  const { key, expected, tolerance } = await toleranceFor(order, scale.packagingGrams, deps);
  const grams = await deps.waitForWeight(scale.waitMs);
  if (grams === null) return { kind: 'blocked', reason: 'no-weight', weighing: null, tolerance };
  deps.lockWeight();
  const verdict = checkWeight(grams, tolerance);
  const passed = verdict.kind === 'ok' || verdict.kind === 'unchecked';
  const row: WeighingRow = {
    id: deps.newId(),
    orderId: order.id,
    comboKey: key,
    at: deps.now(),
    grams,
    source: scale.source,
    expectedGrams: expected,
    centreGrams: tolerance?.centreGrams ?? null,
    toleranceGrams: tolerance?.toleranceGrams ?? null,
    samples: tolerance?.samples ?? 0,
    learned: tolerance?.learned ?? false,
    verdict: verdict.kind,
    accepted: passed,
    packer: who.packer,
    station: who.station,
  };
  await deps.repos.weighings.record(
    row,
    verdict.kind === 'ok'
      ? 'weight.accepted'
      : verdict.kind === 'unchecked'
        ? 'weight.unchecked'
        : 'weight.blocked',
  );
  if (passed) return { kind: 'pass', weighing: row };
  return {
    kind: 'blocked',
    reason: verdict.kind === 'too-light' ? 'too-light' : 'too-heavy',
    weighing: row,
    tolerance,
  };
}

/** A supervisor lets a parcel through whose weight is off (never learned from). */
export async function recordWeightOverride(
  order: OrderRow,
  blocked: Extract<WeightGate, { kind: 'blocked' }>,
  who: Who,
  supervisor: string,
  reason: string,
  deps: Pick<WeightCheckDeps, 'repos' | 'now' | 'newId'> & { source: 'serial' | 'hid' },
): Promise<WeighingRow> {
  const base = blocked.weighing;
  const row: WeighingRow = {
    id: deps.newId(),
    orderId: order.id,
    comboKey: base?.comboKey ?? comboKey(unitsOf(order)),
    at: deps.now(),
    grams: base?.grams ?? 0,
    source: base?.source ?? deps.source,
    expectedGrams: base?.expectedGrams ?? blocked.tolerance?.expectedGrams ?? null,
    centreGrams: base?.centreGrams ?? blocked.tolerance?.centreGrams ?? null,
    toleranceGrams: base?.toleranceGrams ?? blocked.tolerance?.toleranceGrams ?? null,
    samples: base?.samples ?? 0,
    learned: base?.learned ?? false,
    verdict: 'overridden',
    accepted: false,
    packer: who.packer,
    station: who.station,
    supervisor,
    reason,
  };
  return deps.repos.weighings.record(row, 'weight.override');
}
