/**
 * The label step's transient state on the pack screen: what the hand-over said (waiting for the
 * platform label, not configured, ZPL fell back to PDF…) and the last verification scan. The
 * jobs themselves (states, verified) live in Dexie and are read live.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { VerifyDecision } from './label-job';
import type { HandOver } from './label-service';

export interface WrongLabel {
  parcelOrderId: string;
  labelOrderId: string;
  code: string;
  at: number;
}

export type StepOutcome = HandOver | { kind: 'error'; message: string };

interface LabelStepState {
  orderId: string | null;
  busy: boolean;
  handOver: StepOutcome | null;
  /** The last scan at the label step and a counter, so the same result twice still shows. */
  lastScan: { decision: VerifyDecision; seq: number } | null;
  wrong: WrongLabel | null;
  actions: {
    started: (orderId: string) => void;
    handedOver: (orderId: string, out: StepOutcome) => void;
    scanned: (orderId: string, decision: VerifyDecision, at: number) => void;
    wrongDismissed: () => void;
    reset: () => void;
  };
}

const EMPTY = { orderId: null, busy: false, handOver: null, lastScan: null, wrong: null };

export const labelStepStore = create<LabelStepState>()((set, get) => ({
  ...EMPTY,
  actions: {
    started: (orderId) => set({ ...EMPTY, orderId, busy: true }),
    handedOver: (orderId, out) => {
      if (get().orderId !== orderId) set({ ...EMPTY, orderId });
      set({ busy: false, handOver: out });
    },
    scanned: (orderId, decision, at) => {
      if (get().orderId !== orderId) set({ ...EMPTY, orderId });
      const seq = (get().lastScan?.seq ?? 0) + 1;
      set({
        lastScan: { decision, seq },
        // A wrong label stays on screen until the right label is scanned or it is dismissed.
        ...(decision.kind === 'wrong-label'
          ? {
              wrong: {
                parcelOrderId: orderId,
                labelOrderId: decision.otherOrderId,
                code: decision.code,
                at,
              },
            }
          : decision.kind === 'verified'
            ? { wrong: null }
            : {}),
      });
    },
    wrongDismissed: () => set({ wrong: null }),
    reset: () => set({ ...EMPTY }),
  },
}));

export function useLabelStep() {
  return labelStepStore(
    useShallow((s) => ({
      orderId: s.orderId,
      busy: s.busy,
      handOver: s.handOver,
      lastScan: s.lastScan,
      wrong: s.wrong,
    })),
  );
}

export function useLabelStepActions() {
  return labelStepStore((s) => s.actions);
}
