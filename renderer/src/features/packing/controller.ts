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
import { buildBarcodeIndex, isVerified, outcomeFeedback } from '#shared/logic/pack/index';
import type { OverrideAudit, PackError, PackSound, ScanStep } from '#shared/logic/pack/index';
import { err, ok, type Result } from '#shared/utils/result';
import type { Repositories } from '../../data/repositories';
import type { Actor, ConfirmStartError } from '../../data/repositories/packing-repository';
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
}

export type OverrideError = 'no-pin' | 'bad-pin' | 'no-packer' | PackError['code'];

export interface PackController {
  openOrder(orderId: string): Promise<boolean>;
  /** An order id, package id or tracking number: opens that order on the pack screen. */
  openByCode(code: string): Promise<boolean>;
  confirmAndStart(): Promise<Result<null, ConfirmStartError | { code: 'no-packer' }>>;
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

  function enqueue(what: string, op: () => Promise<unknown>): void {
    queue = queue
      .then(op)
      .then(() => undefined)
      .catch((cause: unknown) => {
        const message = cause instanceof Error ? cause.message : String(cause);
        deps.log('error', `packing: ${what} failed`, { error: message });
        act().persistFailed(message);
      });
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
      act().loadStarted(orderId);
      deps.showPackScreen();
      try {
        const order = await repos.orders.get(orderId);
        if (!order) {
          act().loadFailed(`order ${orderId} not found`);
          return false;
        }
        remember(order);
        const [catalog, checked] = await Promise.all([
          repos.packing.catalog(),
          repos.packing.check(order, deps.now()),
        ]);
        act().orderLoaded({
          order,
          confirmation: checked.confirmation,
          index: buildBarcodeIndex(catalog),
          alreadyConfirmed: checked.alreadyConfirmed,
        });
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
      const started = await repos.packing.confirmAndStart(s.order.id, a);
      if (!started.ok) {
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
