import { z } from 'zod';
import type { UpstreamDecision } from '../outbox/classify';
import { isDecisionApplied, isWithdrawn, nextActionFor } from './deadlines';
import { isReject, ReturnDecision, ReturnType } from './types';

/**
 * A seller's decision on an after-sales request as an outbox intent (`kind: 'return-decision'`):
 * sent once through the exactly-once outbox with the shop's own `idempotency_key` (Approve and
 * Reject Return take one), and read back by the request's status when the answer was ambiguous.
 */
export const ReturnDecisionPayload = z.strictObject({
  returnId: z.string().min(1),
  returnType: ReturnType,
  decision: ReturnDecision,
  /** Reject only: a reason name from the shop's list (`GET /return_refund/202309/reject_reasons`). */
  rejectReason: z.string().min(1).max(200).optional(),
  comment: z.string().max(500).optional(),
});
export type ReturnDecisionPayload = z.infer<typeof ReturnDecisionPayload>;

export function validDecisionPayload(p: ReturnDecisionPayload): string | null {
  if (isReject(p.decision) && !p.rejectReason) return 'a rejection needs a reason from the shop';
  return null;
}

/** The request as a read-back sees it. */
export interface UpstreamReturn {
  returnId: string;
  status: string;
}

/**
 * The conflict table for return decisions: applied already → done; still waiting for this very
 * decision → send; withdrawn by the buyer → conflict-cancelled; anything else → permanent (a
 * person looks: someone decided elsewhere, or the request moved on).
 */
export function decideReturnFromUpstream(
  payload: ReturnDecisionPayload,
  up: UpstreamReturn | null,
): UpstreamDecision {
  if (up === null) return { decision: 'permanent', reason: `return ${payload.returnId} not found` };
  if (isDecisionApplied(payload.returnType, payload.decision, up.status))
    return { decision: 'done' };
  if (isWithdrawn(up.status)) {
    return {
      decision: 'conflict',
      state: 'conflict-cancelled',
      reason: 'buyer withdrew the request',
    };
  }
  const waiting = nextActionFor(up.status);
  const wants = payload.decision.endsWith('_RECEIVED_PACKAGE')
    ? 'receive-package'
    : 'review-request';
  if (waiting === wants) return { decision: 'send' };
  return { decision: 'permanent', reason: `return is ${up.status} at the shop` };
}
