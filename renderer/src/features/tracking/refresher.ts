import type { Repositories } from '../../data/repositories';
import { log } from '../../lib/logger';
import { bridge } from '../../platform/bridge';
import { getTrackingActions } from './tracking-store';

/**
 * The tracking refresher: keeps parcels in step with the shop. Every tick it adds parcels for
 * newly shipped orders, re-evaluates the delay rules on the clock (offline too), and — online —
 * refreshes the parcels that are due (adaptive schedule in `shared/logic/tracking/schedule.ts`),
 * inside the shop's rate limit: a token bucket of its own, at half its rate while the outbox has
 * updates waiting (shipments and messages go first), paused for the shop's Retry-After on a 429.
 */

export const DEV_TRACKING_KEY = 'packbench.dev.tracking';

export interface RefresherOptions {
  /** Requests per second to the shop (each refresh is two reads). Default 4. */
  ratePerSecond: number;
  /** Time between ticks. Default 60 s. */
  tickMs: number;
  /** Parcels refreshed at most per tick. Default 200. */
  batch: number;
  /** Dev/bench: no automatic ticks (refreshNow still works). */
  paused: boolean;
}

const DEFAULTS: RefresherOptions = { ratePerSecond: 4, tickMs: 60_000, batch: 200, paused: false };
const REQUESTS_PER_REFRESH = 2;

export interface RefresherHandle {
  /**
   * Runs one tick now; resolves when it is done. `all` (the Refresh button: a person asked)
   * refreshes every parcel that is not final, soonest due first, up to the batch.
   */
  refreshNow(opts?: { all?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

function devOptions(): Partial<RefresherOptions> {
  if (new URLSearchParams(window.location.search).get('dev') !== '1') return {};
  try {
    const raw = localStorage.getItem(DEV_TRACKING_KEY);
    return raw ? (JSON.parse(raw) as Partial<RefresherOptions>) : {};
  } catch {
    return {};
  }
}

let current: RefresherHandle | null = null;
export function currentRefresher(): RefresherHandle | null {
  return current;
}

export function startTrackingRefresher(
  repos: Repositories,
  initial: Partial<RefresherOptions> = {},
): RefresherHandle {
  const opts: RefresherOptions = { ...DEFAULTS, ...initial, ...devOptions() };
  const actions = getTrackingActions();
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let holdUntil = 0;
  let lastSync = 0;
  let nextSlot = 0;

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Waits for the next request slot of the bucket (no bursts). */
  async function slot(share: number): Promise<void> {
    const spacing = (1000 * REQUESTS_PER_REFRESH) / (opts.ratePerSecond * share);
    const now = performance.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + spacing;
    if (at > now) await sleep(at - now);
  }

  async function tick(all = false): Promise<void> {
    const now = Date.now();
    if (now - lastSync > 5 * 60_000) {
      lastSync = now;
      await repos.tracking.syncFromOrders(now);
    }
    await repos.tracking.reevaluate(now);
    if (!navigator.onLine || now < holdUntil) {
      actions.ticked({ at: now, refreshed: 0, online: navigator.onLine });
      return;
    }
    const due = await repos.tracking.due(all ? Number.MAX_SAFE_INTEGER : now, opts.batch);
    let refreshed = 0;
    actions.progress(0, due.length);
    for (const p of due) {
      if (stopped || !navigator.onLine) break;
      const share = (await repos.outbox.depth()) > 0 ? 0.5 : 1;
      await slot(share);
      const r = await bridge().shop.getParcel({ orderId: p.orderId, packageId: p.id });
      if (r.ok) {
        await repos.tracking.applyRefresh(p.id, r.value, Date.now());
        refreshed += 1;
      } else if (r.error.code === 'rate-limited') {
        holdUntil = Date.now() + (r.error.retryAfterMs ?? 5_000);
        break;
      } else if (r.error.code === 'host-unreachable' || /^no-network:/.test(r.error.message)) {
        break;
      } else {
        await repos.tracking.refreshFailed(p.id, r.error, Date.now());
      }
      actions.progress(refreshed, due.length);
    }
    actions.ticked({ at: Date.now(), refreshed, online: navigator.onLine });
  }

  function run(all = false): Promise<void> {
    running ??= tick(all)
      .catch((cause: unknown) => log.error('tracking refresh failed', { error: String(cause) }))
      .finally(() => {
        running = null;
      });
    return running;
  }

  function schedule(): void {
    if (stopped || opts.paused) return;
    timer = setTimeout(() => {
      void run().then(schedule);
    }, opts.tickMs);
  }

  void run().then(schedule);
  const handle: RefresherHandle = {
    async refreshNow(o = {}) {
      if (running) await running;
      await run(o.all ?? false);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) await running;
      if (current === handle) current = null;
    },
  };
  current = handle;
  // Benchmarks and tests drive it directly with `?dev=1`, in builds that carry the dev hooks.
  if (__DEV_HOOKS__ && new URLSearchParams(window.location.search).get('dev') === '1') {
    Object.assign(window, { __packbenchTracking: handle });
  }
  return handle;
}
