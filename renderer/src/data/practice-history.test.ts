import { describe, expect, it } from 'vitest';
import { carrierLateRule, packerMisScanRule, suggest } from '#shared/logic/insights/index';
import { parseStoredRow } from './outbox';
import { practiceHistory, seedPracticeHistory, historyOrderId } from './practice-history';
import {
  createInsightsRepository,
  toInsightDelivery,
  toInsightOrder,
  toInsightScan,
  toInsightSession,
} from './repositories/insights-repository';
import { stationDbPerTest } from './test-db';
import { SEQ_KEY } from './outbox/enqueue';

const NOW = Date.UTC(2026, 11, 4, 15);
const END = Date.UTC(2026, 11, 4);

describe('practice history', () => {
  const h = practiceHistory({ endDay: END, now: NOW });

  it('is deterministic and never reuses the practice shop’s order ids', () => {
    const again = practiceHistory({ endDay: END, now: NOW });
    expect(again.orders.map((o) => o.id)).toEqual(h.orders.map((o) => o.id));
    expect(again.scans.length).toBe(h.scans.length);
    expect(h.orders[0]?.id).toBe(historyOrderId(1));
    expect(h.orders.every((o) => o.id.startsWith('5800'))).toBe(true);
    expect(h.orders.some((o) => o.status === 'AWAITING_SHIPMENT')).toBe(false);
  });

  it('has weeks of packs, shipments and deliveries', () => {
    expect(h.orders.length).toBeGreaterThan(2000);
    expect(h.outbox.every((r) => parseStoredRow({ ...r, seq: 1 }) !== null)).toBe(true);
    const days = new Set(h.sessions.map((s) => Math.floor((s.endedAt ?? 0) / 86_400_000)));
    expect(days.size).toBeGreaterThanOrEqual(42);
  });

  it('gives the carrier and packer rules something to find', () => {
    const ds = {
      orders: h.orders.map(toInsightOrder),
      sessions: h.sessions.map(toInsightSession),
      scans: h.scans.map(toInsightScan),
      audit: [],
      labels: [],
      shipments: [],
      deliveries: h.deliveries.map((d) => toInsightDelivery(d)),
      returns: [],
      weights: [],
    };
    const carrier = carrierLateRule(ds, END);
    expect(carrier.map((s) => s.action)).toContainEqual({
      kind: 'carrier-rule',
      country: 'US',
      region: 'Texas',
      prefer: 'ups',
      avoid: 'usps',
    });
    expect(packerMisScanRule(ds, END).map((s) => s.action)).toContainEqual({
      kind: 'packer-check',
      packer: 'Sam',
    });
  });
});

describe('practice history in the station database', () => {
  const db = stationDbPerTest({ prefix: 'history' });

  it('is written once, with outbox sequence numbers after the station’s own', async () => {
    await db().meta.put({ key: SEQ_KEY, value: 7 });
    const first = await seedPracticeHistory(db(), { now: NOW, days: 7, perDay: 10 });
    expect(first.seeded).toBe(true);
    expect(await db().orders.count()).toBe(first.orders);
    const seqs = (await db().outbox.toArray()).map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs[0]).toBe(8);
    expect((await db().meta.get(SEQ_KEY))?.value).toBe(seqs.at(-1));
    expect((await seedPracticeHistory(db(), { now: NOW, days: 7, perDay: 10 })).seeded).toBe(false);
  });

  it('maps back into metric inputs, and a carrier suggestion applies and reverts with audit', async () => {
    await seedPracticeHistory(db(), { now: NOW, days: 7, perDay: 10 });
    const repo = createInsightsRepository(db());
    const ds = await repo.loadDataset();
    expect(ds.orders.length).toBe(await db().orders.count());
    expect(ds.shipments.length).toBe(await db().outbox.count());
    expect(ds.shipments.every((s) => s.appliedAt !== null)).toBe(true);
    expect(ds.shipments.filter((s) => s.trackingValid).length).toBeGreaterThan(0);
    expect(ds.shipments.some((s) => s.costMinor !== null)).toBe(true);

    const s = suggest(ds, END)[0] ?? {
      id: 'carrier-late-region:usps:US/Texas:2026-12-04',
      rule: 'carrier-late-region' as const,
      evidence: {
        metric: 'late',
        value: 0.2,
        numerator: 20,
        sample: 100,
        from: 0,
        to: END,
        orderIds: [],
      },
      action: {
        kind: 'carrier-rule' as const,
        country: 'US',
        region: 'Texas',
        prefer: 'ups' as const,
        avoid: 'usps' as const,
      },
    };
    const actor = { name: 'Mei', station: 'bench-1', now: NOW };
    await repo.applySuggestion(s, actor);
    await repo.applySuggestion(s, actor); // twice: no second entry
    expect(await repo.appliedSuggestions()).toHaveLength(1);
    const audits = await db().audit.where('kind').equals('insights.suggestion-applied').toArray();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ suggestionId: s.id });
    expect(await repo.revertSuggestion(s.id, { ...actor, now: NOW + 1 })).toBe(true);
    expect((await repo.appliedSuggestions())[0]?.revertedAt).toBe(NOW + 1);
    expect(await repo.carrierRules()).toEqual([]);
    expect(await db().audit.where('kind').equals('insights.suggestion-reverted').count()).toBe(1);
  });
});
