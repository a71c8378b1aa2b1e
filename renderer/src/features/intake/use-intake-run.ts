import { useSyncExternalStore } from 'react';
import {
  activeIntake,
  subscribeActiveIntake,
  type IntakeController,
  type IntakeRunSnapshot,
} from './controller';

const IDLE: IntakeRunSnapshot = { running: false, progress: null, lastOutcome: null };

function subscribe(listener: () => void): () => void {
  let inner: (() => void) | null = null;
  let bound: IntakeController | null = null;
  const rebind = () => {
    const c = activeIntake();
    if (c === bound) return;
    inner?.();
    bound = c;
    inner = c ? c.subscribe(listener) : null;
    listener();
  };
  rebind();
  const outer = subscribeActiveIntake(rebind);
  return () => {
    outer();
    inner?.();
  };
}

/** The running pull (in memory), for the status bar and the Pull now button. */
export function useIntakeRun(): IntakeRunSnapshot {
  return useSyncExternalStore(subscribe, () => activeIntake()?.snapshot() ?? IDLE);
}
