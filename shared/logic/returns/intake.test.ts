import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matchScan,
  planRestocks,
  stockDelta,
  summarise,
  type ExpectedUnit,
  type IntakeUnit,
} from './intake';
import { DISPOSITIONS, type Disposition } from './types';

const EXPECTED: ExpectedUnit[] = [
  { skuId: 'A', sellerSku: 'SKU-A', productName: 'Mug' },
  { skuId: 'A', sellerSku: 'SKU-A', productName: 'Mug' },
  { skuId: 'B', sellerSku: 'SKU-B', productName: 'Lamp' },
];

function unit(
  id: string,
  skuId: string | null,
  before: IntakeUnit[],
  disposition: Disposition | null = null,
): IntakeUnit {
  return {
    id,
    code: skuId ?? 'unknown',
    skuId,
    match: matchScan(EXPECTED, before, skuId),
    grade: disposition ? 'resellable' : null,
    finding: null,
    note: '',
    evidenceId: null,
    disposition,
    restockedAt: null,
  };
}

function scanAll(skus: Array<string | null>, disposition: Disposition | null = null): IntakeUnit[] {
  const out: IntakeUnit[] = [];
  skus.forEach((s, i) => out.push(unit(`u${i}`, s, out, disposition)));
  return out;
}

describe('scanning items back', () => {
  it('flags missing, extra and wrong items as at packing', () => {
    const units = scanAll(['A', 'C', 'A', 'A', null]);
    expect(units.map((u) => u.match)).toEqual(['expected', 'wrong', 'expected', 'extra', 'wrong']);
    const s = summarise(EXPECTED, units);
    expect(s).toMatchObject({ expected: 3, matched: 2, extra: 1, wrong: 2, complete: false });
    expect(s.missing).toEqual([{ skuId: 'B', sellerSku: 'SKU-B', productName: 'Lamp', count: 1 }]);
  });

  it('is complete once every scanned unit is graded and has a disposition', () => {
    const units = scanAll(['A', 'B'], 'quarantine');
    expect(summarise(EXPECTED, units).complete).toBe(true);
    expect(summarise(EXPECTED, []).complete).toBe(false);
  });
});

describe('stock arithmetic', () => {
  it('restocks each restock unit once; quarantine, dispose and supplier returns leave stock alone', () => {
    const units = scanAll(['A', 'A', 'B']);
    const dispositions: Disposition[] = ['restock', 'quarantine', 'restock'];
    units.forEach((u, i) => (u.disposition = dispositions[i] ?? null));
    const plan = planRestocks(units, new Set());
    expect(Object.fromEntries(stockDelta(plan))).toEqual({ A: 1, B: 1 });
    // Recorded: a second run plans nothing.
    expect(planRestocks(units, new Set(plan.map((p) => p.unitId)))).toEqual([]);
  });

  it('an unknown code is never restocked', () => {
    const units = scanAll([null], 'restock');
    expect(planRestocks(units, new Set())).toEqual([]);
  });

  const skuArb = fc.constantFrom<string | null>('A', 'B', 'C', null);
  const unitsArb = fc
    .array(fc.tuple(skuArb, fc.constantFrom(...DISPOSITIONS)), { maxLength: 12 })
    .map((pairs) => {
      const out: IntakeUnit[] = [];
      pairs.forEach(([sku, d], i) => out.push(unit(`u${i}`, sku, out, d)));
      return out;
    });

  it('property: restocks never exceed the units returned, per SKU and in total', () => {
    fc.assert(
      fc.property(unitsArb, fc.array(fc.nat(11)), (units, doneIdx) => {
        const done = new Set(
          doneIdx
            .map((i) => `u${i}`)
            .filter((id) =>
              units.some((u) => u.id === id && u.disposition === 'restock' && u.skuId !== null),
            ),
        );
        const plan = planRestocks(units, done);
        const returned = new Map<string, number>();
        for (const u of units) if (u.skuId) returned.set(u.skuId, (returned.get(u.skuId) ?? 0) + 1);
        const all = new Map<string, number>();
        for (const id of [...done, ...plan.map((p) => p.unitId)]) {
          const sku = units.find((u) => u.id === id)?.skuId as string;
          all.set(sku, (all.get(sku) ?? 0) + 1);
        }
        for (const [sku, n] of all) expect(n).toBeLessThanOrEqual(returned.get(sku) ?? 0);
        expect(new Set(plan.map((p) => p.unitId)).size).toBe(plan.length);
        for (const p of plan) expect(done.has(p.unitId)).toBe(false);
      }),
    );
  });

  it('property: a kill mid-intake never restocks twice (each restock is atomic with its record; the plan re-runs after restart)', () => {
    fc.assert(
      fc.property(unitsArb, fc.array(fc.nat(20), { maxLength: 5 }), (units, kills) => {
        // The database: stock per SKU and restock records by unit id, written together.
        const stock = new Map<string, number>();
        const records = new Set<string>();
        const apply = (p: { unitId: string; skuId: string }) => {
          if (records.has(p.unitId)) return; // the transaction re-reads the record first
          records.add(p.unitId);
          stock.set(p.skuId, (stock.get(p.skuId) ?? 0) + 1);
        };
        // Each run gets killed after `k` restocks, then the station restarts and plans again.
        for (const k of kills) {
          const plan = planRestocks(units, records);
          for (const p of plan.slice(0, k)) apply(p);
        }
        for (const p of planRestocks(units, records)) apply(p);
        expect(planRestocks(units, records)).toEqual([]);
        const want = new Map<string, number>();
        for (const u of units) {
          if (u.disposition === 'restock' && u.skuId !== null) {
            want.set(u.skuId, (want.get(u.skuId) ?? 0) + 1);
          }
        }
        expect(Object.fromEntries(stock)).toEqual(Object.fromEntries(want));
      }),
    );
  });
});
