/**
 * Tracking metrics (issue 18).
 *
 * 1. `refresh_ratio_to_limit`: N parcels refreshed by the station's tracking refresher against the
 *    practice shop's rate limit (each refresh is two signed reads: tracking and package detail),
 *    as requests per second over the limit (target ≥ 0.9). The parcels are made in the station's
 *    database for N practice orders (the practice data ships few orders; the shop answers the
 *    tracking of any order), all due at once; the refresher runs at the shop's limit.
 * 2. `delay_rules_full_pass_ms`: the delay rules (status from the events, every rule, urgency) over
 *    M parcels with realistic journeys, in Node, per full pass (p50/p99 over several passes).
 *
 * Scan → checklist while refreshing is not measured here (the packing group measures it with a
 * background writer); see the README.
 */
import type { Page } from 'playwright-core';
import {
  DEFAULT_THRESHOLDS,
  deriveParcelState,
  evaluateDelays,
  toEvent,
  urgency,
  type TrackingEvent,
} from '#shared/logic/tracking/index';
import type { Station } from './harness';
import { summarize, type Summary } from './stats';

export interface TrackingBenchOptions {
  parcels: number;
  rateLimitPerSecond: number;
  ruleParcels: number;
  passes: number;
  log: (m: string) => void;
}

export interface TrackingMetrics {
  parcels: number;
  rate_limit_per_s: number;
  refresh_ms: number;
  refreshed: number;
  refresh_requests_per_s: number;
  refresh_ratio_to_limit: number;
  rule_parcels: number;
  delay_rules_full_pass_ms: Summary;
  delay_rules_findings_last_pass: number;
}

/** Sandbox options for `startStation`: N orders and the rate limit. */
export function trackingBenchSandbox(opts: { parcels: number; rateLimitPerSecond: number }) {
  return {
    orderCount: opts.parcels + 100,
    faults: { rateLimitPerSecond: opts.rateLimitPerSecond },
  };
}

interface BenchWindow {
  __packbench?: {
    db: {
      orders: { limit(n: number): { toArray(): Promise<Array<Record<string, unknown>>> } };
      parcels: {
        clear(): Promise<void>;
        bulkPut(rows: unknown[]): Promise<unknown>;
        where(i: string): { belowOrEqual(v: number): { count(): Promise<number> } };
        filter(f: (p: { lastRefreshAt: number | null }) => boolean): { count(): Promise<number> };
      };
    };
  };
  __packbenchTracking?: { refreshNow(): Promise<void> };
}

async function refreshAll(page: Page, parcels: number): Promise<{ ms: number; refreshed: number }> {
  return page.evaluate(async (n) => {
    const w = window as unknown as BenchWindow;
    const hooks = w.__packbench;
    if (!hooks) throw new Error('dev hooks missing');
    const orders = await hooks.db.orders.limit(n).toArray();
    const now = Date.now();
    const rows = orders.map((o) => {
      const pkg = (o.packageIds as string[])[0] ?? '';
      return {
        id: pkg,
        orderId: o.id,
        trackingNumber: `PB${String(o.id).slice(-12)}`,
        carrier: 'USPS',
        destination: 'US',
        buyerName: 'Bench',
        handedOverAt: now - 86_400_000,
        promisedAt: null,
        events: [],
        status: 'info-received',
        lastEventAt: null,
        lastEventText: null,
        firstScanAt: null,
        deliveredAt: null,
        final: false,
        packageStatus: null,
        subStatus: null,
        exceptionReason: null,
        findings: [],
        urgency: 0,
        queue: 'none',
        resolvedCodes: [],
        nextRefreshAt: 0,
        lastRefreshAt: null,
        lastError: null,
        updatedAt: now,
      };
    });
    await hooks.db.parcels.clear();
    await hooks.db.parcels.bulkPut(rows);
    const refresher = w.__packbenchTracking;
    if (!refresher) throw new Error('tracking refresher hook missing');
    const t0 = performance.now();
    await refresher.refreshNow();
    const ms = performance.now() - t0;
    const refreshed = await hooks.db.parcels.filter((p) => p.lastRefreshAt !== null).count();
    return { ms, refreshed };
  }, parcels);
}

/** A parcel's events along one of the practice journeys, in the carrier's words. */
function journeyEvents(i: number, now: number): TrackingEvent[] {
  const H = 3_600_000;
  const shipped = now - (i % 240) * H;
  const steps = [
    [0, 'Shipping label created, awaiting item'],
    [2, 'Picked up by carrier'],
    [20, 'Arrived at regional facility'],
    [30, 'Departed facility, in transit'],
    [60, i % 7 === 0 ? 'Delivery attempted - no one home' : 'Out for delivery'],
    [66, i % 11 === 0 ? 'Parcel lost - cannot be located' : 'Delivered, front door'],
  ] as const;
  return steps
    .map(([h, text]) => toEvent({ description: text, update_time_millis: shipped + h * H }))
    .filter((e) => e.at <= now - (i % 5) * 12 * H);
}

function measureRules(count: number, passes: number): { pass: Summary; findings: number } {
  const now = Date.UTC(2026, 10, 20, 12);
  const parcels = Array.from({ length: count }, (_, i) => ({
    events: journeyEvents(i, now),
    handedOverAt: now - (i % 240) * 3_600_000,
    timeZone: i % 3 === 0 ? 'America/New_York' : i % 3 === 1 ? 'Europe/London' : 'Asia/Shanghai',
  }));
  const t = DEFAULT_THRESHOLDS;
  const times: number[] = [];
  let findings = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    const t0 = performance.now();
    findings = 0;
    for (const p of parcels) {
      const state = deriveParcelState(p.events, null, now, t.expiredAfterDays * 86_400_000);
      const f = evaluateDelays(
        { state, handedOverAt: p.handedOverAt, promisedAt: null, timeZone: p.timeZone },
        t,
        now,
      );
      urgency(f, now);
      findings += f.length;
    }
    times.push(performance.now() - t0);
  }
  return { pass: summarize(times), findings };
}

export async function measureTracking(
  station: Station,
  opts: TrackingBenchOptions,
): Promise<TrackingMetrics> {
  opts.log(`tracking: delay rules over ${opts.ruleParcels} parcels × ${opts.passes} passes…`);
  const rules = measureRules(opts.ruleParcels, opts.passes);

  const { page } = await station.launch();
  const dev = { paused: true, ratePerSecond: opts.rateLimitPerSecond, batch: opts.parcels };
  await page.addInitScript(
    `localStorage.setItem('packbench.dev.tracking', ${JSON.stringify(JSON.stringify(dev))});`,
  );
  opts.log('tracking: first start pulls the practice orders…');
  await page.goto(`${station.host.url}?dev=1`);
  await page.waitForSelector('.queue-row[data-order-id]', { timeout: 600_000 });
  await page.waitForFunction(
    () => (window as unknown as BenchWindow).__packbenchTracking !== undefined,
  );
  opts.log(`tracking: refreshing ${opts.parcels} parcels at ${opts.rateLimitPerSecond} req/s…`);
  const r = await refreshAll(page, opts.parcels);
  const perSecond = (r.refreshed * 2) / (r.ms / 1000);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    parcels: opts.parcels,
    rate_limit_per_s: opts.rateLimitPerSecond,
    refresh_ms: Math.round(r.ms),
    refreshed: r.refreshed,
    refresh_requests_per_s: round(perSecond),
    refresh_ratio_to_limit: round(perSecond / opts.rateLimitPerSecond),
    rule_parcels: opts.ruleParcels,
    delay_rules_full_pass_ms: rules.pass,
    delay_rules_findings_last_pass: rules.findings,
  };
}
