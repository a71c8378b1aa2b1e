import type { OutboxEngine } from './engine';
import type { OutboxClock } from './ports';

export interface WorkerOptions {
  shouldStop: () => boolean;
  /** Longest sleep between drains; new rows are picked up by this poll. Default 2 s. */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The sync loop, on its own timer rather than on user actions (bench-realities.md §8): drain, then
 * sleep until the next row is due, a gate opens, or `pollMs` passes. Store errors are reported
 * and the loop carries on.
 */
export async function runOutboxWorker(
  engine: OutboxEngine,
  clock: OutboxClock,
  opts: WorkerOptions,
): Promise<void> {
  const pollMs = opts.pollMs ?? 2_000;
  while (!opts.shouldStop()) {
    let wakeAt: number | null = null;
    try {
      wakeAt = (await engine.drain()).wakeAt;
    } catch (e) {
      opts.onError?.(e);
    }
    const now = clock.now();
    const wait = wakeAt === null ? pollMs : Math.min(Math.max(0, wakeAt - now), pollMs);
    if (!opts.shouldStop()) await clock.sleep(Math.max(wait, 1));
  }
}
