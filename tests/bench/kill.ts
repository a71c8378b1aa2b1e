/**
 * Kill iterations (reliability.md §5 case 3/4, issue 13): the e2e kill-mid-sync loop at bench
 * scale. Each iteration starts Chromium on the station's profile, records two shipment updates,
 * waits until the sync worker has started on them, waits a random 0–300 ms and SIGKILLs every
 * process of that profile. A last start drains everything; the sandbox shop's audit of applied
 * writes is the oracle: every recorded update applied exactly once (0 lost, 0 duplicated).
 *
 * `npm run bench -- --only kill --kills 500`. Timings are reported, never asserted.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/env';
import type { Station } from './harness';

export interface KillBenchOptions {
  kills: number;
  log: (m: string) => void;
}

export interface KillMetrics {
  kills: number;
  /** Kills that landed while one of the iteration's rows was inflight (sent, outcome unknown). */
  kills_with_send_in_flight: number;
  intents: number;
  lost: number;
  duplicated: number;
  not_done: number;
  total_ms: number;
  per_kill_ms: number;
  /** Mean time from launching Chromium to the station ready (hooks installed) after a kill. */
  relaunch_to_ready_ms: number;
  /** Load average while the kills ran (a 2-core machine shared with other work varies a lot). */
  load_average_1m: number[];
}

/** Practice orders for `kills` iterations of two platform-shipped updates each. */
export function killBenchSandbox(kills: number) {
  // About a third of practice orders are TikTok-shipped and awaiting shipment.
  return { orderCount: Math.max(600, kills * 7 + 300), faults: { latencyMs: 150 } };
}

const SYNC = {
  engine: {
    backoff: { baseMs: 200, capMs: 2_000 },
    holdRecheckMs: 2_000,
    concurrency: 4,
    ratePerSecond: 50,
  },
  pollMs: 300,
};

interface KillHooks {
  outbox: {
    ship(id: string, c: unknown): Promise<{ id: string; idempotencyKey: string }>;
    rows(): Promise<{ id: string; idempotencyKey: string; state: string }[]>;
    freshOrders(n: number, t: 'TIKTOK', skip: string[]): Promise<string[]>;
  };
}
type KillWindow = { __packbench?: KillHooks };

async function pidsOf(profile: string): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if ((await readFile(`/proc/${entry}/cmdline`, 'utf8')).includes(profile)) out.push(+entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

async function sigkill(profile: string): Promise<number> {
  const pids = await pidsOf(profile);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids.length;
}

async function launch(
  profile: string,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  await context.addInitScript(
    `globalThis.__name ??= (f) => f; localStorage.setItem('packbench.dev.outbox', ${JSON.stringify(
      JSON.stringify(SYNC),
    )});`,
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}?dev=1`);
  await page.waitForSelector('.queue-row[data-order-id]', { timeout: 600_000 });
  await page.waitForFunction(() => (window as unknown as KillWindow).__packbench?.outbox, null, {
    timeout: 60_000,
  });
  return { context, page };
}

function rows(page: Page) {
  return page.evaluate(() => {
    const hooks = (window as unknown as KillWindow).__packbench;
    if (!hooks) throw new Error('dev hooks missing');
    return hooks.outbox.rows();
  });
}

export async function measureKills(station: Station, opts: KillBenchOptions): Promise<KillMetrics> {
  const profile = await mkdtemp(join(tmpdir(), 'pb-bench-kill-'));
  const intents: { id: string; idempotencyKey: string; orderId: string }[] = [];
  let inFlight = 0;
  let readyMs = 0;
  const loads: number[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < opts.kills; i += 1) {
      const launched = performance.now();
      const { context, page } = await launch(profile, station.host.url);
      if (i > 0) readyMs += performance.now() - launched;
      const skip = intents.map((x) => x.orderId);
      const made = await page.evaluate(async (s) => {
        const hooks = (window as unknown as KillWindow).__packbench;
        if (!hooks) throw new Error('dev hooks missing');
        const orders = await hooks.outbox.freshOrders(2, 'TIKTOK', s);
        const out: { id: string; idempotencyKey: string; orderId: string }[] = [];
        for (const orderId of orders) {
          const r = await hooks.outbox.ship(orderId, {
            kind: 'platform',
            handoverMethod: 'DROP_OFF',
          });
          out.push({ ...r, orderId });
        }
        return out;
      }, skip);
      if (made.length === 0) throw new Error(`no shippable orders left after ${i} kills`);
      intents.push(...made);
      const mine = new Set(made.map((m) => m.id));
      // Sync has started on this iteration's rows: then kill at a random point.
      const started = Date.now();
      for (;;) {
        const now = await rows(page);
        if (now.some((r) => mine.has(r.id) && r.state !== 'pending')) {
          if (now.some((r) => mine.has(r.id) && r.state === 'inflight')) inFlight += 1;
          break;
        }
        if (Date.now() - started > 30_000) throw new Error('sync never started');
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 300)));
      if ((await sigkill(profile)) === 0) throw new Error('nothing to kill');
      await context.close().catch(() => undefined);
      if ((i + 1) % 25 === 0 || i === 0) loads.push(Math.round((loadavg()[0] ?? 0) * 10) / 10);
      if ((i + 1) % 25 === 0) {
        const ms = performance.now() - t0;
        opts.log(`kill: ${i + 1}/${opts.kills} (${Math.round(ms / (i + 1))} ms per kill)`);
      }
    }
    const killsMs = performance.now() - t0;

    // The last start drains what is left; then the shop's audit is the oracle.
    const { context, page } = await launch(profile, station.host.url);
    const keys = new Set(intents.map((x) => x.idempotencyKey));
    const deadline = Date.now() + 600_000;
    let last: { id: string; idempotencyKey: string; state: string }[] = [];
    for (;;) {
      last = (await rows(page)).filter((r) => keys.has(r.idempotencyKey));
      if (last.length === intents.length && last.every((r) => r.state === 'done')) break;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await context.close();
    const writes = station.shop.sandbox?.admin.writes() ?? [];
    const perKey = new Map<string, number>();
    for (const w of writes) {
      if (w.idempotencyKey && keys.has(w.idempotencyKey)) {
        perKey.set(w.idempotencyKey, (perKey.get(w.idempotencyKey) ?? 0) + 1);
      }
    }
    return {
      kills: opts.kills,
      kills_with_send_in_flight: inFlight,
      intents: intents.length,
      lost: intents.filter((x) => !perKey.has(x.idempotencyKey)).length,
      duplicated: [...perKey.values()].filter((n) => n > 1).length,
      not_done: intents.length - last.filter((r) => r.state === 'done').length,
      total_ms: Math.round(killsMs),
      per_kill_ms: Math.round(killsMs / opts.kills),
      relaunch_to_ready_ms: opts.kills > 1 ? Math.round(readyMs / (opts.kills - 1)) : 0,
      load_average_1m: loads,
    };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
