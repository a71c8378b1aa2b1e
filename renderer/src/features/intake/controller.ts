/**
 * Runs the pull worker: one run at a time, every `intervalMs` and on "Pull now". The current
 * run's progress is kept in memory for the status bar; everything durable is in the database.
 */
import type { PullOutcome, PullProgress } from './pull';

export interface IntakeRunSnapshot {
  running: boolean;
  progress: PullProgress | null;
  lastOutcome: PullOutcome | null;
}

export interface IntakeController {
  /** Starts a run now, or joins the one already running. */
  pullNow(): Promise<PullOutcome>;
  start(): void;
  stop(): void;
  subscribe(listener: () => void): () => void;
  snapshot(): IntakeRunSnapshot;
}

export interface ControllerDeps {
  run: (onProgress: (p: PullProgress) => void) => Promise<PullOutcome>;
  intervalMs: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function createIntakeController(deps: ControllerDeps): IntakeController {
  const listeners = new Set<() => void>();
  let snap: IntakeRunSnapshot = { running: false, progress: null, lastOutcome: null };
  let current: Promise<PullOutcome> | null = null;
  let timer: unknown = null;
  const every = deps.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
  const cancel =
    deps.clearInterval ??
    ((h) => globalThis.clearInterval(h as ReturnType<typeof globalThis.setInterval>));

  function set(next: Partial<IntakeRunSnapshot>) {
    snap = { ...snap, ...next };
    for (const l of listeners) l();
  }

  function pullNow(): Promise<PullOutcome> {
    if (current) return current;
    set({ running: true, progress: null });
    current = deps
      .run((progress) => set({ progress }))
      .catch((cause: unknown): PullOutcome => ({
        ok: false,
        code: 'internal',
        message: String(cause),
      }))
      .then((outcome) => {
        current = null;
        set({ running: false, lastOutcome: outcome });
        return outcome;
      });
    return current;
  }

  return {
    pullNow,
    start() {
      if (timer !== null) return;
      timer = every(() => void pullNow(), deps.intervalMs);
    },
    stop() {
      if (timer !== null) cancel(timer);
      timer = null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => snap,
  };
}

/* The station's one controller, set by the app once the database is open. */
let active: IntakeController | null = null;
const activeListeners = new Set<() => void>();

export function setActiveIntake(controller: IntakeController | null): void {
  active = controller;
  for (const l of activeListeners) l();
}

export function activeIntake(): IntakeController | null {
  return active;
}

export function subscribeActiveIntake(listener: () => void): () => void {
  activeListeners.add(listener);
  return () => activeListeners.delete(listener);
}
