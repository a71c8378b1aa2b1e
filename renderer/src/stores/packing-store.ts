/**
 * The pack workflow at this station: the open order, its confirmation, the checklist state and
 * the last feedback. Workflow state only; orders, sessions and scans live in Dexie.
 *
 * The scan path runs here synchronously: `scanned` applies the scan to the checklist held in
 * memory (barcode index built when the order opened) and returns the step; the caller plays the
 * cue and persists the scan afterwards. Nothing on this path awaits IndexedDB
 * (performance-limits.md: an awaited read during a background write costs p99 250–390 ms).
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { OrderRow } from '#shared/domain/order';
import type { ReasonCode } from '#shared/i18n/reasons';
import type { ConfirmResult } from '#shared/logic/confirm/index';
import {
  applyManual,
  applyOverride,
  applyScan,
  createPackState,
  isVerified,
  outcomeFeedback,
  resolveAlerts,
  type BarcodeIndex,
  type OverrideAudit,
  type PackAlert,
  type PackError,
  type PackSound,
  type PackState,
  type PackTone,
  type ScanContext,
  type ScanStep,
} from '#shared/logic/pack/index';
import { err, ok, type Result } from '#shared/utils/result';

export type PackPhase =
  | 'idle'
  | 'loading'
  /** The confirmation result is shown; the packer confirms (or cannot). */
  | 'confirm'
  | 'packing'
  /** Verified; the upstream re-check runs before the pack is completed. */
  | 'sealing'
  | 'completed'
  /** Stop-ship raised at the seal: unpack, do not ship. */
  | 'stopped';

export type FeedbackText =
  | { kind: 'reason'; code: ReasonCode; params: Readonly<Record<string, string | number>> }
  /** A key under `packing.` in the feature's i18n. */
  | { kind: 'ui'; key: string; params: Readonly<Record<string, string | number>> };

export interface PackFeedbackState {
  seq: number;
  tone: PackTone;
  sound: PackSound;
  /** What happened: a scan outcome kind, or a decision. */
  event: string;
  text: FeedbackText;
  /** The scanned code, when a scan caused it. */
  code: string | null;
}

export interface RecheckState {
  state: 'idle' | 'checking' | 'ok' | 'offline' | 'stop';
  /** Stop reasons (confirmation codes) when `stop`. */
  codes: ReasonCode[];
  /** Why it counted as offline (bridge error message), shown on screen. */
  detail: string | null;
}

export type PackDialog =
  | { kind: 'manual'; skuId: string }
  | { kind: 'override'; skuId: string | null }
  | { kind: 'recount' };

export interface PackSession {
  id: string;
  startedAt: number;
}

/**
 * What stands between this window and packing the open order, shown above the confirm panel and
 * the checklist (issue 13 items 2–3): another window holds the order, an unfinished pack can be
 * continued, the order is packed already, the session was closed elsewhere, a write failed (a
 * full disk is named), or another window replaced the database (reload).
 */
export type PackGuard =
  | { kind: 'held-elsewhere' }
  | {
      kind: 'resume';
      sessionId: string;
      packer: string;
      counted: number;
      expected: number;
      scans: number;
      lastActivityAt: number;
    }
  | { kind: 'already-packed'; packer: string; station: string; at: number }
  | { kind: 'session-closed' }
  | { kind: 'write-failed'; quota: boolean; message: string }
  | { kind: 'db-replaced' };

interface PackingState {
  phase: PackPhase;
  orderId: string | null;
  order: OrderRow | null;
  confirmation: ConfirmResult | null;
  /** Stock was already reserved for this order (confirmed earlier, e.g. in a batch). */
  alreadyConfirmed: boolean;
  index: BarcodeIndex | null;
  pack: PackState | null;
  session: PackSession | null;
  feedback: PackFeedbackState | null;
  recheck: RecheckState;
  dialog: PackDialog | null;
  error: string | null;
  guard: PackGuard | null;
  actions: PackingActions;
}

export interface PackingActions {
  loadStarted: (orderId: string) => void;
  orderLoaded: (p: {
    order: OrderRow;
    confirmation: ConfirmResult;
    index: BarcodeIndex;
    alreadyConfirmed: boolean;
  }) => void;
  loadFailed: (message: string) => void;
  sessionStarted: (session: PackSession) => void;
  /** An interrupted session continues with the checklist rebuilt from its stored counts. */
  sessionResumed: (session: PackSession, pack: PackState) => void;
  guardRaised: (guard: PackGuard) => void;
  guardCleared: () => void;
  /** Synchronous scan path. Null when no checklist is open. */
  scanned: (code: string, ctx?: ScanContext) => ScanStep | null;
  manualEntered: (skuId: string, qty: number) => Result<ScanStep, PackError>;
  overridden: (
    skuId: string | null,
    supervisorId: string,
    reason: string,
    at: number,
  ) => Result<OverrideAudit, PackError>;
  alertsResolved: (seq?: number) => PackAlert[];
  recounted: () => void;
  sealStarted: () => void;
  recheckFinished: (recheck: RecheckState) => void;
  completed: () => void;
  stopped: (codes: ReasonCode[]) => void;
  feedbackShown: (f: Omit<PackFeedbackState, 'seq'>) => void;
  dialogOpened: (dialog: PackDialog) => void;
  dialogClosed: () => void;
  closed: () => void;
  /** A background write failed: shown on screen, the workflow goes on. */
  persistFailed: (message: string) => void;
}

const IDLE_RECHECK: RecheckState = { state: 'idle', codes: [], detail: null };

const EMPTY = {
  phase: 'idle' as PackPhase,
  orderId: null,
  order: null,
  confirmation: null,
  alreadyConfirmed: false,
  index: null,
  pack: null,
  session: null,
  feedback: null,
  recheck: IDLE_RECHECK,
  dialog: null,
  error: null,
  guard: null,
};

function scanFeedback(step: ScanStep, seq: number, code: string | null): PackFeedbackState {
  const fb = outcomeFeedback(step.outcome);
  const o = step.outcome;
  const params: Record<string, string | number> = { code: 'code' in o ? o.code : (code ?? '') };
  if ('count' in o) params.count = o.count;
  if ('of' in o) params.of = o.of;
  return {
    seq,
    tone: fb.tone,
    sound: fb.sound,
    event: o.kind,
    text: { kind: 'reason', code: fb.message, params },
    code,
  };
}

export function createPackingStore() {
  return create<PackingState>()((set, get) => {
    const nextSeq = () => (get().feedback?.seq ?? 0) + 1;
    /** The guard that outlives an order: a replaced database (this window must reload). */
    const kept = (): PackGuard | null => (get().guard?.kind === 'db-replaced' ? get().guard : null);
    const packing = () => {
      const s = get();
      return s.phase === 'packing' && s.pack !== null ? s.pack : null;
    };
    return {
      ...EMPTY,
      actions: {
        loadStarted: (orderId) => set({ ...EMPTY, phase: 'loading', orderId, guard: kept() }),
        orderLoaded: ({ order, confirmation, index, alreadyConfirmed }) => {
          if (get().orderId !== order.id) return; // another order was opened meanwhile
          set({ phase: 'confirm', order, confirmation, index, alreadyConfirmed, error: null });
        },
        loadFailed: (message) => set({ phase: 'idle', error: message }),
        sessionStarted: (session) => {
          const { order, index } = get();
          if (!order || !index) return;
          set({
            phase: 'packing',
            session,
            pack: createPackState(order, index),
            alreadyConfirmed: true,
            feedback: null,
            guard: null,
          });
        },
        sessionResumed: (session, pack) => {
          const { order, index } = get();
          if (!order || !index || pack.orderId !== order.id) return;
          set({
            phase: 'packing',
            session,
            pack,
            alreadyConfirmed: true,
            guard: null,
            feedback: {
              seq: nextSeq(),
              tone: 'neutral',
              sound: 'none',
              event: 'resumed',
              text: {
                kind: 'ui',
                key: 'feedback.resumed',
                params: { counted: pack.countedTotal, of: pack.expectedTotal },
              },
              code: null,
            },
          });
        },
        guardRaised: (guard) => {
          // A replaced database outranks everything: this window must reload.
          if (get().guard?.kind === 'db-replaced') return;
          set({ guard });
        },
        guardCleared: () => set({ guard: null }),
        scanned: (code, ctx) => {
          const pack = packing();
          if (!pack) return null;
          const step = applyScan(pack, code, ctx);
          set({ pack: step.state, feedback: scanFeedback(step, nextSeq(), code.trim()) });
          return step;
        },
        manualEntered: (skuId, qty) => {
          const pack = packing();
          if (!pack) return err({ code: 'pack.sku-not-in-order', params: { skuId } });
          const r = applyManual(pack, skuId, qty);
          if (!r.ok) return r;
          const fb = scanFeedback(r.value, nextSeq(), null);
          set({
            pack: r.value.state,
            dialog: null,
            feedback: { ...fb, event: 'manual' },
          });
          return r;
        },
        overridden: (skuId, supervisorId, reason, at) => {
          const pack = packing();
          if (!pack) return err({ code: 'pack.sku-not-in-order', params: { skuId: skuId ?? '' } });
          const r = applyOverride(pack, skuId, supervisorId, reason, at);
          if (!r.ok) return r;
          set({
            pack: r.value.state,
            dialog: null,
            feedback: {
              seq: nextSeq(),
              tone: 'neutral',
              sound: 'none',
              event: 'override',
              text: {
                kind: 'ui',
                key: 'feedback.overridden',
                params: { supervisor: supervisorId },
              },
              code: null,
            },
          });
          return ok(r.value.audit);
        },
        alertsResolved: (seq) => {
          const pack = packing();
          if (!pack) return [];
          const r = resolveAlerts(pack, seq);
          if (r.resolved.length === 0) return [];
          set({
            pack: r.state,
            feedback: {
              seq: nextSeq(),
              tone: 'neutral',
              sound: 'none',
              event: 'resolved',
              text: { kind: 'ui', key: 'feedback.resolved', params: { n: r.resolved.length } },
              code: null,
            },
          });
          return r.resolved;
        },
        recounted: () => {
          const { order, index } = get();
          if (!order || !index || get().phase !== 'packing') return;
          set({
            pack: createPackState(order, index),
            dialog: null,
            feedback: {
              seq: nextSeq(),
              tone: 'neutral',
              sound: 'none',
              event: 'recount',
              text: { kind: 'ui', key: 'feedback.recount', params: {} },
              code: null,
            },
          });
        },
        sealStarted: () => {
          const pack = packing();
          if (!pack || !isVerified(pack)) return;
          set({ phase: 'sealing', recheck: { state: 'checking', codes: [], detail: null } });
        },
        recheckFinished: (recheck) => {
          if (get().phase !== 'sealing') return;
          set({ recheck });
        },
        completed: () => {
          if (get().phase !== 'sealing') return;
          set({ phase: 'completed', dialog: null });
        },
        stopped: (codes) =>
          set({
            phase: 'stopped',
            dialog: null,
            recheck: { ...get().recheck, state: 'stop', codes },
            feedback: {
              seq: nextSeq(),
              tone: 'error',
              sound: 'error',
              event: 'stop-ship',
              text: { kind: 'ui', key: 'feedback.stopShip', params: {} },
              code: null,
            },
          }),
        feedbackShown: (f) => set({ feedback: { ...f, seq: nextSeq() } }),
        dialogOpened: (dialog) => set({ dialog }),
        dialogClosed: () => set({ dialog: null }),
        closed: () => set({ ...EMPTY, guard: kept() }),
        persistFailed: (message) => set({ error: message }),
      },
    };
  });
}

export type PackingStore = ReturnType<typeof createPackingStore>;

export const packingStore: PackingStore = createPackingStore();

export const usePackPhase = () => packingStore((s) => s.phase);
export const usePackOrder = () => packingStore((s) => s.order);
export const usePackOrderId = () => packingStore((s) => s.orderId);
export const usePackConfirmation = () => packingStore((s) => s.confirmation);
export const usePackState = () => packingStore((s) => s.pack);
export const usePackFeedback = () => packingStore((s) => s.feedback);
export const usePackRecheck = () => packingStore((s) => s.recheck);
export const usePackDialog = () => packingStore((s) => s.dialog);
export const usePackError = () => packingStore((s) => s.error);
export const usePackGuard = () => packingStore((s) => s.guard);
export const usePackAlreadyConfirmed = () => packingStore((s) => s.alreadyConfirmed);
export const usePackingActions = () => packingStore(useShallow((s) => s.actions));
export const getPackingState = () => packingStore.getState();
