import {
  createMonotonicClock,
  OutboxEngine,
  runOutboxWorker,
  type OutboxClock,
  type OutboxEngineOptions,
} from '#shared/logic/outbox/index';
import { createSettledBatcher } from '#shared/logic/recovery/settled';
import type { Repositories } from '../../data/repositories';
import { log } from '../../lib/logger';
import { bridge } from '../../platform/bridge';
import { getSessionState } from '../../stores/session-store';
import { prefetchProviders } from '../shipping/providers';
import { createBridgeShop } from './shop-adapter';
import { getSyncActions } from './sync-store';

/**
 * The outbox sync worker in the renderer: one drainer per profile (a Web Lock, so two windows or
 * tabs never drain at once), its own timer (not user actions), `recover()` at every start
 * (inflight → verify), and a fresh engine when the browser comes back online, so an offline hold
 * from a long outage does not delay the drain. Everything durable is in the station database.
 */

export const OUTBOX_LOCK = 'packbench-outbox';
/** Dev/test timing overrides, read only with `?dev=1`. Production defaults never change. */
export const DEV_OPTIONS_KEY = 'packbench.dev.outbox';

export interface SyncOptions {
  engine?: Partial<OutboxEngineOptions>;
  /** Longest sleep between drains. */
  pollMs?: number;
  /** Dev/bench only: hold the queue (nothing is sent) until restarted without it. */
  paused?: boolean;
}

export interface SyncHandle {
  stop(): Promise<void>;
  /** Drain now: a new intent was committed, or the network came back. */
  wake(): void;
  /** Start over with a fresh engine (and new options, when given). */
  restart(options?: SyncOptions): void;
}

let current: SyncHandle | null = null;

/** Wakes the running worker, if any (after an enqueue). */
export function wakeOutboxSync(): void {
  current?.wake();
}

export function currentOutboxSync(): SyncHandle | null {
  return current;
}

function isDev(): boolean {
  return new URLSearchParams(window.location.search).get('dev') === '1';
}

/** Overrides for tests and benches: only with `?dev=1`, from localStorage. */
export function devSyncOptions(): SyncOptions {
  if (!__DEV_HOOKS__ || !isDev()) return {};
  try {
    const raw = localStorage.getItem(DEV_OPTIONS_KEY);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as SyncOptions;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function actor() {
  const s = getSessionState();
  return { actor: s.operator?.name ?? 'sync', station: s.stationId };
}

export function startOutboxSync(repos: Repositories, initial: SyncOptions = {}): SyncHandle {
  const actions = getSyncActions();
  let options: SyncOptions = { ...initial, ...devSyncOptions() };
  let stopped = false;
  let restartRequested = false;
  let wakeSleeper: (() => void) | null = null;
  const abort = new AbortController();

  const store = repos.outbox.store({
    actor,
    onInvalidRow: (id, message) => log.error('outbox row invalid', { id, message }),
  });
  const shop = createBridgeShop(bridge().shop, {
    isOnline: () => navigator.onLine,
    onOutcome: (reached) => actions.reached(reached, Date.now()),
  });
  // Monotonic: setting the computer's clock back or forward never stalls or rushes a retry.
  const clock = createMonotonicClock(
    () => Date.now(),
    () => performance.now(),
  );
  const engineClock: OutboxClock = {
    now: clock.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  // The worker's own sleeps can be cut short by wake(); the engine's (rate spacing) cannot.
  const workerClock: OutboxClock = {
    now: clock.now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wakeSleeper = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wakeSleeper = done;
      }),
  };

  async function loop(): Promise<void> {
    while (!stopped) {
      restartRequested = false;
      const engine = new OutboxEngine({
        store,
        shop,
        clock: engineClock,
        random: Math.random,
        ...(options.engine ? { options: options.engine } : {}),
        onTransition: (e) => {
          settled.note(e.row.id, e.row.state);
          // Problems only: a log line per synced row would cost a bridge call each on a drain.
          if (e.row.state !== e.from && e.row.state !== 'inflight' && e.row.state !== 'done') {
            log.info('outbox transition', {
              id: e.row.id,
              orderId: e.row.orderId,
              from: e.from,
              to: e.row.state,
              reason: e.reason,
            });
          }
        },
      });
      if (options.paused) {
        actions.gateChanged(null);
        while (options.paused && !stopped && !restartRequested) await workerClock.sleep(1_000);
        continue;
      }
      try {
        const moved = await engine.recover();
        if (moved > 0) log.warn('outbox: rows read back after a restart', { moved });
      } catch (cause) {
        actions.errored(String(cause));
      }
      await runOutboxWorker(engine, workerClock, {
        ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
        shouldStop: () => {
          const g = engine.gates();
          const now = clock.now();
          actions.gateChanged(
            g.auth.state === 'open'
              ? { gate: 'auth', until: g.auth.probeAt }
              : now < g.offline.until
                ? { gate: 'offline', until: g.offline.until }
                : now < g.rateLimit.until
                  ? { gate: 'rate-limit', until: g.rateLimit.until }
                  : null,
          );
          return stopped || restartRequested;
        },
        onError: (cause) => {
          log.error('outbox drain failed', { error: String(cause) });
          actions.errored(String(cause));
        },
      });
    }
  }

  const wake = () => wakeSleeper?.();
  const onOnline = () => {
    actions.browserOnlineChanged(true);
    restartRequested = true;
    wake();
  };
  const onOffline = () => actions.browserOnlineChanged(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  // Final states go to the host journal in batches, so a rebuild skips confirmed updates.
  const settled = createSettledBatcher({
    write: (entries) => bridge().journal.append({ entries }),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    schedule: () => setTimeout(() => void settled.flush(), 2_000),
  });

  // Seller shipping needs the shop's provider ids; keep them so shipping works offline.
  void prefetchProviders(repos).catch((cause: unknown) =>
    log.warn('shipping providers not prefetched', { error: String(cause) }),
  );

  const running: Promise<void> = (async () => {
    if (navigator.locks?.request) {
      try {
        await navigator.locks.request(OUTBOX_LOCK, { signal: abort.signal }, async () => {
          actions.drainingChanged(true);
          try {
            await loop();
          } finally {
            actions.drainingChanged(false);
          }
        });
      } catch (cause) {
        if (!abort.signal.aborted) log.error('outbox lock failed', { error: String(cause) });
      }
    } else {
      actions.drainingChanged(true);
      await loop();
      actions.drainingChanged(false);
    }
  })();

  const handle: SyncHandle = {
    async stop() {
      stopped = true;
      abort.abort();
      wake();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      await running;
      await settled.flush();
      if (current === handle) current = null;
    },
    wake,
    restart(next) {
      if (next) options = { ...options, ...next };
      restartRequested = true;
      wake();
    },
  };
  current = handle;
  return handle;
}
