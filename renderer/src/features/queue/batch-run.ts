/**
 * Starts and stops the one "Confirm clean orders" run of this window. The run is not tied to a
 * component: it goes on (and its summary stays) while the packer uses other screens.
 */
import type { Repositories } from '../../data/repositories';
import { log } from '../../lib/logger';
import { getBatchConfirmState } from '../../stores/batch-confirm-store';
import { getSessionState } from '../../stores/session-store';
import { runBatchConfirm } from './batch-confirm';
import { toQueueFilter, type QueueFilterKey } from './filters';

let current: AbortController | null = null;

/** The signed-in packer at this station, as the pack controller records it. */
export function signedInPacker(): { packer: string; station: string } | null {
  const s = getSessionState();
  return s.operator ? { packer: s.operator.name, station: s.stationId } : null;
}

/** Runs the batch for `filterKey`; false when a run is already going or nobody is signed in. */
export function startBatchConfirm(repos: Repositories, filterKey: QueueFilterKey): boolean {
  const who = signedInPacker();
  if (current || !who) return false;
  const actions = getBatchConfirmState().actions;
  const controller = new AbortController();
  current = controller;
  actions.runStarted();
  void runBatchConfirm({
    repos,
    filter: toQueueFilter(filterKey),
    who,
    now: () => Date.now(),
    signal: controller.signal,
    onProgress: (counts) => actions.chunkDone(counts),
  })
    .then((result) => {
      // Checked before the run started; a sign-out meanwhile does not undo finished chunks.
      if (result.ok) actions.runFinished(result.value);
      else actions.runFailed(result.error.code);
    })
    .catch((cause: unknown) => {
      const message = cause instanceof Error ? cause.message : String(cause);
      log.error('queue: confirm clean orders failed', { error: message });
      actions.runFailed(message);
    })
    .finally(() => {
      if (current === controller) current = null;
    });
  return true;
}

/** Asks the run to stop after the chunk in hand (that chunk is one transaction). */
export function stopBatchConfirm(): void {
  if (!current) return;
  getBatchConfirmState().actions.stopAsked();
  current.abort();
}
