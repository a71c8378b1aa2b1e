/**
 * Outbox drain metric (issue 6): N shipment updates queued while the sync worker is paused, then
 * drained against the sandbox shop's rate limit. Reported as updates per second and as a ratio
 * to that limit (target ≥ 0.9), with the sandbox's applied writes as the exactly-once check.
 *
 * Start the station with `startStation({ sandbox: { orderCount, faults: { rateLimitPerSecond } } })`
 * so the shop has enough orders; `outboxBenchSandbox(opts)` gives those options.
 */
import type { Page } from 'playwright-core';
import type { Station } from './harness';

export interface OutboxBenchOptions {
  /** Shipment updates to queue and drain (default 10 000). */
  updates: number;
  /** The sandbox's rate limit, requests per second (must match the station's sandbox). */
  rateLimitPerSecond: number;
  log: (m: string) => void;
}

export interface OutboxMetrics {
  updates: number;
  rate_limit_per_s: number;
  enqueue_ms: number;
  drain_ms: number;
  drain_updates_per_s: number;
  drain_ratio_to_limit: number;
  /** Requests the shop saw beyond one per update (read-backs, retries after 429). */
  applied_writes: number;
  duplicate_writes: number;
  not_done: number;
}

/** Sandbox options for `startStation`: enough practice orders for `updates` shipments. */
export function outboxBenchSandbox(opts: { updates: number; rateLimitPerSecond: number }) {
  return {
    // About 65 % of practice orders can ship here: awaiting shipment, no cancel request, and
    // seller-shipped ones to the US only (Mark Package As Shipped markets).
    orderCount: Math.ceil(opts.updates * 1.6) + 200,
    faults: { rateLimitPerSecond: opts.rateLimitPerSecond },
  };
}

interface BenchHooks {
  outbox: {
    configure(o: unknown): void;
    ship(id: string, choice: unknown): Promise<{ id: string; idempotencyKey: string }>;
    status(): Promise<{ depth: number }>;
    rows(): Promise<{ state: string; idempotencyKey: string }[]>;
  };
  repos: {
    orders: {
      page(
        f: unknown,
        offset: number,
        limit: number,
      ): Promise<
        {
          id: string;
          flags: string[];
          isOnHold: boolean;
          shippingType: string;
          deliveryOptionId: string;
          recipient: { regionCode: string };
        }[]
      >;
    };
    shipping: {
      cachedProviders(id: string): Promise<{ providers: { id: string; name: string }[] } | null>;
    };
  };
}
type BenchWindow = { __packbench?: BenchHooks };

async function waitForDevHooks(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as BenchWindow).__packbench?.outbox !== undefined,
    undefined,
    { timeout: 600_000 },
  );
}

export async function measureOutboxDrain(
  station: Station,
  opts: OutboxBenchOptions,
): Promise<OutboxMetrics> {
  const { page } = await station.launch();
  const paused = {
    paused: true,
    pollMs: 200,
    engine: { ratePerSecond: opts.rateLimitPerSecond, burst: 1, concurrency: 8 },
  };
  await page.addInitScript(
    `localStorage.setItem('packbench.dev.outbox', ${JSON.stringify(JSON.stringify(paused))});`,
  );
  opts.log('outbox: first start pulls the practice orders…');
  await page.goto(`${station.host.url}?dev=1`);
  await waitForDevHooks(page);
  await page.waitForSelector('.queue-row[data-order-id]', { timeout: 600_000 });

  opts.log(`outbox: queueing ${opts.updates} shipments (sync paused)…`);
  const enqueue = await page.evaluate(async (count) => {
    const hooks = (window as unknown as BenchWindow).__packbench;
    if (!hooks) throw new Error('dev hooks missing');
    const filter = { kind: 'status', status: 'AWAITING_SHIPMENT' };
    const ids: { id: string; seller: boolean; option: string }[] = [];
    for (let offset = 0; ids.length < count; offset += 1000) {
      const page = await hooks.repos.orders.page(filter, offset, 1000);
      if (page.length === 0) break;
      for (const o of page) {
        if (o.flags.length > 0 || o.isOnHold) continue;
        if (o.shippingType === 'SELLER' && o.recipient.regionCode !== 'US') continue;
        ids.push({ id: o.id, seller: o.shippingType === 'SELLER', option: o.deliveryOptionId });
      }
    }
    const chosen = ids.slice(0, count);
    const providers = new Map<string, string>();
    for (const o of chosen) {
      if (!o.seller || providers.has(o.option)) continue;
      const cache = await hooks.repos.shipping.cachedProviders(o.option);
      const usps = cache?.providers.find((p) => p.name === 'USPS');
      if (!usps) throw new Error(`no cached USPS provider for ${o.option}`);
      providers.set(o.option, usps.id);
    }
    const t0 = performance.now();
    for (const o of chosen) {
      await hooks.outbox.ship(
        o.id,
        o.seller
          ? {
              kind: 'seller',
              carrier: 'usps',
              provider: { id: providers.get(o.option) ?? '', name: 'USPS' },
              trackingNumber: `PB${o.id.slice(-14)}`,
            }
          : { kind: 'platform', handoverMethod: 'DROP_OFF' },
      );
    }
    return { queued: chosen.length, ms: performance.now() - t0 };
  }, opts.updates);
  if (enqueue.queued < opts.updates) {
    opts.log(`outbox: only ${enqueue.queued} shippable orders; measuring those`);
  }

  opts.log('outbox: draining…');
  const drain = await page.evaluate(
    async ({ resume, queued }) => {
      const hooks = (window as unknown as BenchWindow).__packbench;
      if (!hooks) throw new Error('dev hooks missing');
      const t0 = performance.now();
      hooks.outbox.configure(resume);
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const { depth } = await hooks.outbox.status();
        if (depth === 0) break;
        if (performance.now() - t0 > Math.max(600_000, queued * 200)) {
          throw new Error(`drain stalled with ${depth} left`);
        }
      }
      const ms = performance.now() - t0;
      const rows = await hooks.outbox.rows();
      return {
        ms,
        notDone: rows.filter((r) => r.state !== 'done').length,
        keys: rows.map((r) => r.idempotencyKey),
      };
    },
    { resume: { ...paused, paused: false }, queued: enqueue.queued },
  );

  const admin = station.shop.sandbox?.admin;
  const writes = admin ? admin.writes() : [];
  const ours = new Set(drain.keys);
  const perKey = new Map<string, number>();
  for (const w of writes) {
    if (w.idempotencyKey && ours.has(w.idempotencyKey)) {
      perKey.set(w.idempotencyKey, (perKey.get(w.idempotencyKey) ?? 0) + 1);
    }
  }
  const perSecond = enqueue.queued / (drain.ms / 1000);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    updates: enqueue.queued,
    rate_limit_per_s: opts.rateLimitPerSecond,
    enqueue_ms: Math.round(enqueue.ms),
    drain_ms: Math.round(drain.ms),
    drain_updates_per_s: round(perSecond),
    drain_ratio_to_limit: round(perSecond / opts.rateLimitPerSecond),
    applied_writes: [...perKey.values()].reduce((a, b) => a + b, 0),
    duplicate_writes: [...perKey.values()].filter((n) => n > 1).length,
    not_done: drain.notDone,
  };
}
