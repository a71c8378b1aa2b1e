/**
 * The pack workflow's glue: store actions first (synchronous, from memory), then cues, then
 * persistence in the background. One controller per data context; state lives in the packing
 * store, so controllers are cheap and stateless apart from a write queue.
 *
 * Scan path (`scan`): packing store `scanned` (applyScan on the in-memory checklist) → cue →
 * return. The scan event is queued for IndexedDB afterwards; a failed write is reported on
 * screen and in the log, and never undoes what the packer saw.
 */
import type { OrderRow } from '#shared/domain/order';
import {
  buildBarcodeIndex,
  isVerified,
  outcomeFeedback,
  resumePackState,
} from '#shared/logic/pack/index';
import type { OverrideAudit, PackError, PackSound, ScanStep } from '#shared/logic/pack/index';
import { err, ok, type Result } from '#shared/utils/result';
import type { Repositories } from '../../data/repositories';
import {
  PackConflictError,
  type Actor,
  type ConfirmStartError,
  type PackConflict,
} from '../../data/repositories/packing-repository';
import { isQuotaError } from '../../data/storage-errors';
import type { PackingStore } from '../../stores/packing-store';
import { completedScan, onPackCompleted } from './after-pack';
import { recheckUpstream, type RecheckDeps } from './recheck';

export interface PackControllerDeps {
  repos: Repositories;
  store: PackingStore;
  /** The signed-in packer and this station, or null when nobody is signed in. */
  who: () => { packer: string; station: string } | null;
  setOperator: (name: string, badge: string | null, at: number) => void;
  now: () => number;
  play: (sound: PackSound) => void;
  getOrders: RecheckDeps['getOrders'];
  online: () => boolean;
  showPackScreen: () => void;
  log: (level: 'info' | 'error', message: string, context?: Record<string, unknown>) => void;
  recheckTimeoutMs?: number;
  /**
   * Takes this station's lock on an order (a Web Lock in the app), or null when another window
   * holds it. Without it every order is lockable (tests); the data layer still refuses a second
   * pack of one order.
   */
  lockOrder?: (orderId: string) => Promise<OrderLock | null>;
}

/** A held order lock; `release` lets another window pack the order. */
export interface OrderLock {
  release(): void;
}

export type OverrideError = 'no-pin' | 'bad-pin' | 'no-packer' | PackError['code'];

export interface PackController {
  openOrder(orderId: string): Promise<boolean>;
  /** An order id, package id or tracking number: opens that order on the pack screen. */
  openByCode(code: string): Promise<boolean>;
  confirmAndStart(): Promise<Result<null, ConfirmStartError | { code: 'no-packer' }>>;
  /** Continues the order's interrupted session with the scans so far (audited). */
  resume(): Promise<Result<null, PackConflict | { code: 'no-packer' | 'nothing-to-resume' }>>;
  /** Drops the interrupted session's scans and starts a new session (audited). */
  restart(): Promise<Result<null, ConfirmStartError | { code: 'no-packer' }>>;
  /** Synchronous: decides from memory, updates the store, plays the cue; persists later. */
  scan(code: string): ScanStep | null;
  manual(skuId: string, qty: number): Result<null, PackError>;
  override(
    skuId: string | null,
    supervisor: string,
    pin: string,
    reason: string,
  ): Promise<Result<OverrideAudit, OverrideError>>;
  resolve(seq?: number): void;
  recount(): void;
  close(): Promise<void>;
  signIn(name: string, badge: string | null): void;
  /** Resolves when every queued write has finished (tests, benches, shutdown). */
  settled(): Promise<void>;
}

const RECHECK_TIMEOUT_MS = 5000;

export function createPackController(deps: PackControllerDeps): PackController {
  const { repos, store } = deps;
  const act = () => store.getState().actions;
  let queue: Promise<void> = Promise.resolve();
  /** Codes of orders seen at this station → order id, for "that is another order's barcode". */
  const knownCodes = new Map<string, string>();

  let lock: { orderId: string; held: OrderLock } | null = null;

  function releaseLock(): void {
    lock?.held.release();
    lock = null;
  }

  /** A refused or failed write, shown on the pack screen with what it means. */
  function writeFailed(what: string, cause: unknown): void {
    const message = cause instanceof Error ? cause.message : String(cause);
    deps.log('error', `packing: ${what} failed`, { error: message });
    act().persistFailed(message);
    if (cause instanceof PackConflictError) {
      showConflict(cause.conflict);
      deps.play('error');
      return;
    }
    act().guardRaised({ kind: 'write-failed', quota: isQuotaError(cause), message });
    deps.play('error');
  }

  function showConflict(c: PackConflict): void {
    if (c.code === 'already-packed') {
      act().guardRaised({ kind: 'already-packed', packer: c.packer, station: c.station, at: c.at });
    } else {
      act().guardRaised({ kind: 'session-closed' });
    }
  }

  function enqueue(what: string, op: () => Promise<unknown>): void {
    queue = queue
      .then(op)
      .then(() => undefined)
      .catch((cause: unknown) => writeFailed(what, cause));
  }

  function actor(): Actor | null {
    const w = deps.who();
    return w ? { ...w, now: deps.now() } : null;
  }

  function remember(order: OrderRow) {
    for (const code of [order.id, ...order.packageIds, ...order.trackingNumbers]) {
      const c = code.trim().toUpperCase();
      if (c) knownCodes.set(c, order.id);
    }
  }

  function counts(): Record<string, number> {
    const pack = store.getState().pack;
    return Object.fromEntries((pack?.lines ?? []).map((l) => [l.skuId, l.counted]));
  }

  function maybeSeal(cuePlayed: boolean) {
    const s = store.getState();
    if (s.phase !== 'packing' || !s.pack || !isVerified(s.pack)) return;
    if (!cuePlayed) deps.play('complete');
    void seal();
  }

  async function seal(): Promise<void> {
    const s0 = store.getState();
    const order = s0.order;
    const session = s0.session;
    const a = actor();
    if (!order || !session || !a) return;
    act().sealStarted();
    const recheck = await recheckUpstream(order, {
      getOrders: deps.getOrders,
      online: deps.online,
      timeoutMs: deps.recheckTimeoutMs ?? RECHECK_TIMEOUT_MS,
    });
    if (store.getState().session?.id !== session.id) return; // closed meanwhile
    if (recheck.state === 'stop') {
      act().stopped(recheck.codes);
      deps.play('error');
      enqueue('stop-ship', () =>
        repos.packing.abandon(
          session.id,
          order,
          { ...a, now: deps.now() },
          'pack.stop-ship',
          { codes: recheck.codes },
          true,
        ),
      );
      return;
    }
    act().recheckFinished(recheck);
    const pack = store.getState().pack;
    const forced = (pack?.lines ?? []).some((l) => l.overriddenBy !== null);
    const finalCounts = counts();
    const done = { recheck: recheck.state === 'ok' ? ('ok' as const) : ('offline' as const) };
    enqueue('complete', async () => {
      const at = deps.now();
      await repos.packing.complete(
        session.id,
        order,
        finalCounts,
        { ...a, now: at },
        {
          recheck: recheck.state,
          recheckDetail: recheck.detail,
          forced,
        },
      );
      act().completed();
      onPackCompleted({
        order,
        sessionId: session.id,
        packer: a.packer,
        station: a.station,
        at,
        forced,
        recheck: done.recheck,
      });
    });
    await queue;
  }

  const controller: PackController = {
    async openOrder(orderId) {
      if (lock && lock.orderId !== orderId) releaseLock();
      act().loadStarted(orderId);
      deps.showPackScreen();
      try {
        const order = await repos.orders.get(orderId);
        if (!order) {
          act().loadFailed(`order ${orderId} not found`);
          return false;
        }
        remember(order);
        const now = deps.now();
        const [catalog, checked, open, sessions] = await Promise.all([
          repos.packing.catalog(),
          repos.packing.check(order, now),
          repos.packing.openSessionFor(order.id, now),
          repos.packing.sessionsFor(order.id),
        ]);
        act().orderLoaded({
          order,
          confirmation: checked.confirmation,
          index: buildBarcodeIndex(catalog),
          alreadyConfirmed: checked.alreadyConfirmed,
        });
        if (store.getState().orderId !== order.id) return true; // another order meanwhile
        const packed = sessions.find((x) => x.status === 'completed');
        if (packed) {
          showConflict({
            code: 'already-packed',
            packer: packed.packer,
            station: packed.station,
            at: packed.endedAt ?? packed.startedAt,
          });
          return true;
        }
        // One window packs an order at a time: the lock is held until the order is closed.
        if (lock?.orderId !== order.id) {
          const held = deps.lockOrder ? await deps.lockOrder(order.id) : { release() {} };
          if (store.getState().orderId !== order.id) {
            held?.release();
            return true;
          }
          if (!held) {
            act().guardRaised({ kind: 'held-elsewhere' });
            return true;
          }
          lock = { orderId: order.id, held };
        }
        if (open) {
          const expected = order.lines.length;
          const counted = resumePackState(
            order,
            buildBarcodeIndex(catalog),
            open.session.counts,
          ).countedTotal;
          act().guardRaised({
            kind: 'resume',
            sessionId: open.session.id,
            packer: open.session.packer,
            counted,
            expected,
            scans: open.scans,
            lastActivityAt: open.lastActivityAt,
          });
        }
        return true;
      } catch (cause) {
        act().loadFailed(String(cause));
        return false;
      }
    },

    async openByCode(code) {
      // After the pack, the label step may take the scan (the label on the parcel).
      if (store.getState().phase === 'completed' && (await completedScan(code))) return true;
      const hit = await repos.orders.findByAnyId(code);
      if (!hit) return false;
      return controller.openOrder(hit.order.id);
    },

    async confirmAndStart() {
      const s = store.getState();
      const a = actor();
      if (!a) return err({ code: 'no-packer' as const });
      if (!s.order || s.phase !== 'confirm') {
        return err({ code: 'order-changed' as const, message: 'no order awaiting confirmation' });
      }
      const blocked = s.guard?.kind;
      if (
        blocked === 'held-elsewhere' ||
        blocked === 'db-replaced' ||
        blocked === 'already-packed'
      ) {
        deps.play('error');
        return err({ code: 'order-changed' as const, message: `pack blocked: ${blocked}` });
      }
      let started;
      try {
        started = await repos.packing.confirmAndStart(s.order.id, a);
      } catch (cause) {
        writeFailed('start', cause);
        return err({ code: 'order-changed' as const, message: String(cause) });
      }
      if (!started.ok) {
        if (started.error.code === 'already-packed' || started.error.code === 'session-closed') {
          showConflict(started.error);
        }
        if (started.error.code === 'confirm-stopped') {
          const { order, index } = store.getState();
          if (order && index) {
            act().orderLoaded({
              order,
              confirmation: started.error.confirmation,
              index,
              alreadyConfirmed: false,
            });
          }
        }
        deps.play('error');
        return started;
      }
      act().sessionStarted({
        id: started.value.session.id,
        startedAt: started.value.session.startedAt,
      });
      return ok(null);
    },

    async resume() {
      const s = store.getState();
      const a = actor();
      if (!a) return err({ code: 'no-packer' as const });
      const guard = s.guard;
      if (!s.order || !s.index || s.phase !== 'confirm' || guard?.kind !== 'resume') {
        return err({ code: 'nothing-to-resume' as const });
      }
      let resumed;
      try {
        resumed = await repos.packing.resume(guard.sessionId, a);
      } catch (cause) {
        writeFailed('resume', cause);
        return err({ code: 'nothing-to-resume' as const });
      }
      if (!resumed.ok) {
        showConflict(resumed.error);
        deps.play('error');
        return resumed;
      }
      const session = resumed.value;
      const pack = resumePackState(s.order, s.index, session.counts);
      act().sessionResumed({ id: session.id, startedAt: session.startedAt }, pack);
      maybeSeal(false);
      return ok(null);
    },

    async restart() {
      if (store.getState().guard?.kind === 'resume') act().guardCleared();
      return controller.confirmAndStart();
    },

    scan(code) {
      const step = act().scanned(code, {
        lookupOrder: (c) => knownCodes.get(c.trim().toUpperCase()) ?? null,
      });
      if (!step) return null;
      const fb = outcomeFeedback(step.outcome);
      deps.play(fb.sound);
      const s = store.getState();
      const a = actor();
      if (s.session && s.orderId && a) {
        const o = step.outcome;
        const event = {
          sessionId: s.session.id,
          orderId: s.orderId,
          code: code.trim(),
          outcome: o.kind,
          skuId: 'skuId' in o ? o.skuId : null,
          packer: a.packer,
          station: a.station,
          at: a.now,
        };
        const snapshot = counts();
        enqueue('scan', () => repos.packing.recordScan(event, snapshot));
      }
      maybeSeal(fb.sound === 'complete');
      return step;
    },

    manual(skuId, qty) {
      const r = act().manualEntered(skuId, qty);
      if (!r.ok) {
        deps.play('error');
        return r;
      }
      const fb = outcomeFeedback(r.value.outcome);
      deps.play(fb.sound);
      const s = store.getState();
      const a = actor();
      if (s.orderId && a) {
        enqueue('manual', () =>
          repos.packing.recordAudit('pack.manual', s.orderId ?? '', a, {
            sessionId: s.session?.id ?? null,
            skuId,
            qty,
          }),
        );
      }
      maybeSeal(fb.sound === 'complete');
      return ok(null);
    },

    async override(skuId, supervisor, pin, reason) {
      const a = actor();
      if (!a) return err('no-packer' as const);
      if (!(await repos.packing.hasSupervisorPin())) return err('no-pin' as const);
      if (!(await repos.packing.verifySupervisorPin(pin))) {
        deps.play('error');
        enqueue('override refused', () =>
          repos.packing.recordAudit('pack.override', store.getState().orderId ?? '', a, {
            refused: 'bad-pin',
            supervisor,
            skuId,
          }),
        );
        return err('bad-pin' as const);
      }
      const r = act().overridden(skuId, supervisor, reason, deps.now());
      if (!r.ok) return err(r.error.code);
      const audit = r.value;
      enqueue('override', () =>
        repos.packing.recordAudit('pack.override', audit.orderId, a, {
          sessionId: store.getState().session?.id ?? null,
          supervisor: audit.supervisorId,
          reason: audit.reason,
          lines: audit.lines,
          clearedAlerts: audit.clearedAlerts,
        }),
      );
      maybeSeal(false);
      return ok(audit);
    },

    resolve(seq) {
      const resolved = act().alertsResolved(seq);
      const s = store.getState();
      const a = actor();
      if (resolved.length > 0 && s.orderId && a) {
        enqueue('resolve', () =>
          repos.packing.recordAudit('pack.alerts-resolved', s.orderId ?? '', a, {
            sessionId: s.session?.id ?? null,
            alerts: resolved,
          }),
        );
      }
      maybeSeal(false);
    },

    recount() {
      act().recounted();
      const s = store.getState();
      const a = actor();
      if (s.orderId && a) {
        enqueue('recount', () =>
          repos.packing.recordAudit('pack.recount', s.orderId ?? '', a, {
            sessionId: s.session?.id ?? null,
          }),
        );
      }
    },

    async close() {
      const s = store.getState();
      const a = actor();
      if (s.order && s.session && a && (s.phase === 'packing' || s.phase === 'sealing')) {
        const order = s.order;
        const sessionId = s.session.id;
        // The order stays confirmed (stock reserved); only the session ends.
        enqueue('abandon', () =>
          repos.packing.abandon(sessionId, order, a, 'pack.abandoned', { counts: counts() }, false),
        );
      }
      act().closed();
      releaseLock();
      await queue;
    },

    signIn(name, badge) {
      const trimmed = name.trim();
      if (!trimmed) return;
      const at = deps.now();
      deps.setOperator(trimmed, badge, at);
      const w = deps.who();
      if (w) {
        enqueue('sign-in', () =>
          repos.packing.recordAudit('packer.signed-in', '', { ...w, now: at }, { badge }),
        );
      }
    },

    settled: () => queue,
  };
  return controller;
}
