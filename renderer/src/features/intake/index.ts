import { bridge } from '../../platform/bridge';
import { log } from '../../lib/logger';
import type { Repositories } from '../../data/repositories';
import { createIntakeController, type IntakeController } from './controller';
import { runPull, type PullProgress } from './pull';

export { IntakeStatus } from './IntakeStatus';
export { PullNowButton } from './PullNowButton';
export { setActiveIntake, activeIntake } from './controller';
export type { PullOutcome, PullProgress } from './pull';

/** The periodic pull; the first pull at first start takes the same path. */
export const PULL_INTERVAL_MS = 60_000;

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/** Runs one pull through the bridge (the practice shop and a real shop alike). */
export function pullOnce(
  repos: Repositories,
  opts: { practice: boolean; onProgress?: (p: PullProgress) => void },
) {
  return runPull({
    shop: bridge().shop,
    repo: repos.intake,
    now: Date.now,
    pause: yieldToEventLoop,
    practice: opts.practice,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    log: (level, message, context) => log[level](message, context),
  });
}

export function createStationIntake(
  repos: Repositories,
  opts: { practice: boolean; intervalMs?: number },
): IntakeController {
  return createIntakeController({
    intervalMs: opts.intervalMs ?? PULL_INTERVAL_MS,
    run: (onProgress) => pullOnce(repos, { practice: opts.practice, onProgress }),
  });
}
