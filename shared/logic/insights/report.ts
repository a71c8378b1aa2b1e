import { carrierFigures } from './carriers';
import { fulfilmentFigures } from './fulfilment';
import type { InsightDataset, InsightQuery } from './inputs';
import { packingFigures } from './packing';
import { skuFigures } from './skus';
import { DAY_MS, inRange, percentile, type Rate } from './stats';
import type { Suggestion } from './suggestions';

/** The numbers a review compares period against period. Rates are 0..1. */
export const HEADLINE_IDS = [
  'ordersPacked',
  'unitsPacked',
  'timePerOrderP50Min',
  'misScanRate',
  'overrides',
  'reprints',
  'stopShips',
  'lateDispatchRate',
  'validTrackingRate',
  'shipByCompliance',
  'sellerFaultCancellationRate',
  'syncLagP50Min',
  'onTimeRate',
  'exceptionRate',
  'lossRate',
  'returnRate',
  'damageRate',
] as const;
export type HeadlineId = (typeof HEADLINE_IDS)[number];

/** Whether a bigger number is better, for the report's arrows and the problem ranking. */
export const HIGHER_IS_BETTER: Readonly<Record<HeadlineId, boolean>> = {
  ordersPacked: true,
  unitsPacked: true,
  timePerOrderP50Min: false,
  misScanRate: false,
  overrides: false,
  reprints: false,
  stopShips: false,
  lateDispatchRate: false,
  validTrackingRate: true,
  shipByCompliance: true,
  sellerFaultCancellationRate: false,
  syncLagP50Min: false,
  onTimeRate: true,
  exceptionRate: false,
  lossRate: false,
  returnRate: false,
  damageRate: false,
};

export interface Headline {
  id: HeadlineId;
  value: number | null;
  /** For rates: the count and the sample. */
  numerator?: number;
  denominator?: number;
}

/** Rates added up: the sum of numerators over the sum of samples. */
export function sumRates(rates: readonly Rate[]): Rate {
  let n = 0;
  let d = 0;
  const ids: string[] = [];
  for (const r of rates) {
    n += r.numerator;
    d += r.denominator;
    ids.push(...r.orderIds);
  }
  return { numerator: n, denominator: d, value: d === 0 ? null : n / d, orderIds: ids };
}

function asRate(id: HeadlineId, r: Rate): Headline {
  return { id, value: r.value, numerator: r.numerator, denominator: r.denominator };
}

function ratio(id: HeadlineId, numerator: number, denominator: number): Headline {
  return { id, value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** The headline numbers of one period (already filtered). */
export function headlines(ds: InsightDataset, q: Pick<InsightQuery, 'from' | 'to'>): Headline[] {
  const packers = packingFigures(ds, q, 'packer');
  const ful = fulfilmentFigures(ds, q);
  const carriers = carrierFigures(ds, q, 'carrier');
  const skus = skuFigures(ds, q);
  const sum = (f: (p: (typeof packers)[number]) => number) => packers.reduce((s, p) => s + f(p), 0);
  const timed = ds.sessions
    .filter(
      (s) =>
        s.status === 'completed' &&
        !s.manual &&
        s.endedAt !== null &&
        inRange(s.endedAt, q.from, q.to),
    )
    .map((s) => (s.endedAt ?? 0) - s.startedAt);
  const median = percentile(timed, 50);
  const units = skus.reduce((s, k) => s + k.unitsShipped, 0);
  return [
    { id: 'ordersPacked', value: sum((p) => p.ordersPacked.count) },
    { id: 'unitsPacked', value: sum((p) => p.unitsPacked) },
    { id: 'timePerOrderP50Min', value: median === null ? null : median / 60_000 },
    asRate('misScanRate', sumRates(packers.map((p) => p.misScans))),
    { id: 'overrides', value: sum((p) => p.overrides.count) },
    { id: 'reprints', value: sum((p) => p.reprints.count) },
    { id: 'stopShips', value: sum((p) => p.stopShips.count) },
    asRate('lateDispatchRate', ful.lateDispatch),
    asRate('validTrackingRate', ful.validTracking),
    asRate('shipByCompliance', ful.shipByCompliance),
    asRate('sellerFaultCancellationRate', ful.sellerFaultCancellations),
    { id: 'syncLagP50Min', value: ful.syncLagP50Ms === null ? null : ful.syncLagP50Ms / 60_000 },
    asRate('onTimeRate', sumRates(carriers.map((c) => c.onTime))),
    asRate('exceptionRate', sumRates(carriers.map((c) => c.exceptions))),
    asRate('lossRate', sumRates(carriers.map((c) => c.losses))),
    ratio(
      'returnRate',
      skus.reduce((s, k) => s + k.returns.numerator, 0),
      units,
    ),
    ratio(
      'damageRate',
      skus.reduce((s, k) => s + k.damaged.numerator, 0),
      units,
    ),
  ];
}

/** A problem of the period, ranked by how many orders it hurt. */
export interface Problem {
  kind:
    | 'late-dispatch'
    | 'seller-fault-cancellation'
    | 'mis-scans'
    | 'carrier-late'
    | 'carrier-lost'
    | 'sku-damaged'
    | 'sync-pending';
  /** Who or what: a packer, "USPS → US/Texas", a SKU id; "" for the whole shop. */
  subject: string;
  /** Orders affected. */
  impact: number;
  rate: number | null;
  sample: number;
  orderIds: string[];
}

const PROBLEM_MIN_SAMPLE = 20;

export function problems(
  ds: InsightDataset,
  q: Pick<InsightQuery, 'from' | 'to'>,
  limit = 8,
): Problem[] {
  const out: Problem[] = [];
  const push = (kind: Problem['kind'], subject: string, r: Rate) => {
    if (r.numerator === 0) return;
    out.push({
      kind,
      subject,
      impact: r.numerator,
      rate: r.value,
      sample: r.denominator,
      orderIds: r.orderIds,
    });
  };
  const ful = fulfilmentFigures(ds, q);
  push('late-dispatch', '', ful.lateDispatch);
  push('seller-fault-cancellation', '', ful.sellerFaultCancellations);
  if (ful.syncPending.length > 0) {
    out.push({
      kind: 'sync-pending',
      subject: '',
      impact: ful.syncPending.length,
      rate: null,
      sample: ful.syncPending.length,
      orderIds: ful.syncPending,
    });
  }
  for (const p of packingFigures(ds, q, 'packer')) {
    if (p.misScans.denominator >= PROBLEM_MIN_SAMPLE) push('mis-scans', p.key, p.misScans);
  }
  for (const c of carrierFigures(ds, q, 'region')) {
    if (c.late.denominator >= PROBLEM_MIN_SAMPLE)
      push('carrier-late', `${c.carrier} → ${c.destination}`, c.late);
  }
  for (const c of carrierFigures(ds, q, 'carrier')) {
    if (c.parcels >= PROBLEM_MIN_SAMPLE) push('carrier-lost', c.carrier, c.losses);
  }
  for (const s of skuFigures(ds, q)) {
    if (s.unitsShipped >= PROBLEM_MIN_SAMPLE) push('sku-damaged', s.skuId, s.damaged);
  }
  return out.sort((a, b) => b.impact - a.impact || a.kind.localeCompare(b.kind)).slice(0, limit);
}

/** A suggestion someone applied, as the audit trail and the next report show it. */
export interface AppliedSuggestion {
  suggestion: Suggestion;
  appliedAt: number;
  appliedBy: string;
  revertedAt: number | null;
  revertedBy: string | null;
}

export interface BeforeAfter {
  suggestionId: string;
  rule: Suggestion['rule'];
  metric: string;
  before: { value: number | null; numerator: number; sample: number };
  after: { value: number | null; numerator: number; sample: number };
}

function lite(r: Rate) {
  return { value: r.value, numerator: r.numerator, sample: r.denominator };
}

/**
 * Before/after of each applied suggestion: its metric over the same length of time before it
 * was applied, and from its application to `to` (or its revert).
 */
export function beforeAfter(
  ds: InsightDataset,
  applied: readonly AppliedSuggestion[],
  to: number,
): BeforeAfter[] {
  return applied.map((a) => {
    const end = Math.min(to, a.revertedAt ?? to);
    const span = Math.max(DAY_MS, end - a.appliedAt);
    const before = { from: a.appliedAt - span, to: a.appliedAt };
    const after = { from: a.appliedAt, to: end };
    const s = a.suggestion;
    const measure = (q: { from: number; to: number }): Rate => {
      switch (s.action.kind) {
        case 'carrier-rule': {
          const dest =
            s.action.region === '' ? s.action.country : `${s.action.country}/${s.action.region}`;
          const by = s.action.region === '' ? 'country' : 'region';
          return sumRates(
            carrierFigures(ds, q, by)
              .filter((c) => c.destination === dest)
              .map((c) => c.late),
          );
        }
        case 'packing-note': {
          const sku = s.action.skuId;
          const f = skuFigures(ds, q).find((x) => x.skuId === sku);
          return f ? f.damaged : { numerator: 0, denominator: 0, value: null, orderIds: [] };
        }
        case 'packer-check': {
          const packer = s.action.packer;
          const f = packingFigures(ds, q, 'packer').find((x) => x.key === packer);
          return f ? f.misScans : { numerator: 0, denominator: 0, value: null, orderIds: [] };
        }
      }
    };
    return {
      suggestionId: s.id,
      rule: s.rule,
      metric: s.evidence.metric,
      before: lite(measure(before)),
      after: lite(measure(after)),
    };
  });
}

export type ReviewKind = 'week' | 'month' | 'custom';

export interface ReviewReport {
  kind: ReviewKind;
  current: { from: number; to: number; figures: Headline[] };
  previous: { from: number; to: number; figures: Headline[] };
  problems: Problem[];
  applied: BeforeAfter[];
}

/** The period a weekly or monthly review covers, ending at `to` (exclusive). */
export function reviewPeriod(
  kind: ReviewKind,
  to: number,
  customFrom?: number,
): { from: number; to: number } {
  if (kind === 'week') return { from: to - 7 * DAY_MS, to };
  if (kind === 'month') return { from: to - 28 * DAY_MS, to };
  return { from: customFrom ?? to - 7 * DAY_MS, to };
}

/** The periodic review: this period against the one before, top problems, applied changes. */
export function reviewReport(
  ds: InsightDataset,
  period: { kind: ReviewKind; from: number; to: number },
  applied: readonly AppliedSuggestion[] = [],
): ReviewReport {
  const span = period.to - period.from;
  const prev = { from: period.from - span, to: period.from };
  return {
    kind: period.kind,
    current: { from: period.from, to: period.to, figures: headlines(ds, period) },
    previous: { ...prev, figures: headlines(ds, prev) },
    problems: problems(ds, period),
    applied: beforeAfter(
      ds,
      applied.filter((a) => a.appliedAt < period.to),
      period.to,
    ),
  };
}

/** The report as rows for CSV and XLSX: one header row, then one row per figure and problem. */
export function reportRows(report: ReviewReport): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ['section', 'name', 'current', 'previous', 'change', 'count', 'sample'],
  ];
  const prev = new Map(report.previous.figures.map((f) => [f.id, f]));
  for (const f of report.current.figures) {
    const p = prev.get(f.id);
    const change =
      f.value !== null && p?.value !== null && p?.value !== undefined ? f.value - p.value : null;
    rows.push([
      'figure',
      f.id,
      f.value,
      p?.value ?? null,
      change,
      f.numerator ?? null,
      f.denominator ?? null,
    ]);
  }
  for (const pr of report.problems) {
    rows.push([
      'problem',
      `${pr.kind}${pr.subject ? `: ${pr.subject}` : ''}`,
      pr.rate,
      null,
      null,
      pr.impact,
      pr.sample,
    ]);
  }
  for (const a of report.applied) {
    rows.push([
      'applied',
      `${a.rule}: ${a.suggestionId}`,
      a.after.value,
      a.before.value,
      a.after.value !== null && a.before.value !== null ? a.after.value - a.before.value : null,
      a.after.numerator,
      a.after.sample,
    ]);
  }
  return rows;
}
