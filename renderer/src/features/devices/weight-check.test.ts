import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderLine, OrderRow } from '#shared/domain/order';
import type { StationDb } from '../../data/db';
import { testOrder } from '../../data/outbox/test-support';
import { createRepositories, type Repositories } from '../../data/repositories';
import { stationDbPerTest } from '../../data/test-db';
import { recordWeightOverride, weighForLabel, type WeightCheckDeps } from './weight-check';

const stationDb = stationDbPerTest({ prefix: 'weight' });
let db: StationDb;
let repos: Repositories;

function line(skuId: string, n: number): OrderLine {
  return {
    id: `${skuId}-${n}`,
    skuId,
    sellerSku: skuId,
    productId: 'p',
    productName: skuId,
    skuName: skuId,
    salePrice: '1.00',
    originalPrice: '1.00',
    sellerDiscount: '0',
    platformDiscount: '0',
    packageId: '',
    isDangerousGood: false,
    isGift: false,
  };
}

function order(id: string, skus: string[]): OrderRow {
  return { ...testOrder(id, []), lines: skus.map((s, i) => line(s, i)) };
}

const who = { packer: 'Ann', station: 'S1' };

beforeEach(async () => {
  db = stationDb();
  repos = createRepositories(db);
  await db.products.bulkPut(
    [
      ['mug', 350],
      ['cap', 80],
    ].map(([id, g]) => ({
      id: String(id),
      productId: 'p',
      sellerSku: String(id),
      productName: String(id),
      skuName: String(id),
      barcodes: [],
      handling: [],
      weightGrams: Number(g),
      practice: true,
    })),
  );
});

function deps(weights: (number | null)[], over: Partial<WeightCheckDeps> = {}) {
  const state = { locked: 0 };
  let n = 0;
  const d: WeightCheckDeps = {
    repos,
    scale: () => ({ source: 'serial', packagingGrams: 70, waitMs: 0 }),
    waitForWeight: () => Promise.resolve(weights[n++] ?? null),
    lockWeight: () => void (state.locked += 1),
    now: () => 1_000 + n,
    newId: () => crypto.randomUUID(),
    ...over,
  };
  return Object.assign(d, { state });
}

describe('the weight check before the label', () => {
  it('passes at once, recording nothing, when no scale is configured (a bench as before)', async () => {
    const r = await weighForLabel(
      order('1', ['mug']),
      who,
      'after-pack',
      deps([], { scale: () => null }),
    );
    expect(r).toEqual({ kind: 'pass', weighing: null });
    expect(await db.weighings.count()).toBe(0);
  });

  it('accepts a parcel inside the tolerance, records it with an audit entry, and locks the weight', async () => {
    // 2 mugs + cap + 70 g box = 850 g
    const d = deps([853]);
    const r = await weighForLabel(order('1', ['mug', 'mug', 'cap']), who, 'after-pack', d);
    expect(r.kind).toBe('pass');
    expect(d.state.locked).toBe(1);
    const [row] = await db.weighings.toArray();
    expect(row).toMatchObject({
      grams: 853,
      expectedGrams: 850,
      verdict: 'ok',
      accepted: true,
      comboKey: 'cap×1|mug×2',
    });
    expect(await db.audit.where('kind').equals('weight.accepted').count()).toBe(1);
  });

  it('blocks a parcel with a missing item, and an order with no weight on the scale', async () => {
    const light = await weighForLabel(
      order('2', ['mug', 'mug', 'cap']),
      who,
      'after-pack',
      deps([500]),
    );
    expect(light).toMatchObject({ kind: 'blocked', reason: 'too-light' });
    const none = await weighForLabel(order('3', ['mug']), who, 'after-pack', deps([null]));
    expect(none).toMatchObject({ kind: 'blocked', reason: 'no-weight', weighing: null });
    expect(await db.audit.where('kind').equals('weight.blocked').count()).toBe(1);
  });

  it('an override is audited with supervisor and reason, never learned from, and lets the label print', async () => {
    const o = order('4', ['cap']);
    const blocked = await weighForLabel(o, who, 'after-pack', deps([400]));
    if (blocked.kind !== 'blocked') throw new Error('expected a block');
    await recordWeightOverride(o, blocked, who, 'Sam', 'gift box', {
      repos,
      now: () => 5_000,
      newId: () => 'ov-1',
      source: 'serial',
    });
    const audit = await db.audit.where('kind').equals('weight.override').toArray();
    expect(audit[0]?.detail).toMatchObject({ supervisor: 'Sam', reason: 'gift box', grams: 400 });
    expect(await repos.weighings.acceptedGrams('cap×1', 50)).toEqual([]);
    // The label by hand now passes without weighing again.
    const again = await weighForLabel(o, who, 'print-first', deps([]));
    expect(again).toMatchObject({ kind: 'pass', weighing: { verdict: 'overridden' } });
  });

  it('learns the combination: accepted parcels tighten the band until a 60 g shortfall is caught', async () => {
    const o = (n: number) => order(`9${n}`, ['mug', 'mug', 'cap']);
    // 850 g expected, default ±85 g: 790 g passes before anything is learned.
    expect((await weighForLabel(o(0), who, 'after-pack', deps([790]))).kind).toBe('pass');
    await db.weighings.clear();
    for (let i = 1; i <= 8; i += 1) {
      await weighForLabel(o(i), who, 'after-pack', deps([850 + (i % 3)]));
    }
    expect((await weighForLabel(o(20), who, 'after-pack', deps([790]))).kind).toBe('blocked');
    expect((await weighForLabel(o(21), who, 'after-pack', deps([852]))).kind).toBe('pass');
  });
});
