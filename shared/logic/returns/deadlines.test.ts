import { describe, expect, it } from 'vitest';
import {
  actionFromShop,
  allowedDecisions,
  compareUrgency,
  countdown,
  DUE_SOON_MS,
  formatSpan,
  isDecisionApplied,
  nextActionFor,
} from './deadlines';
import { decideReturnFromUpstream } from './outbox-decision';

const NOW = Date.UTC(2026, 11, 4, 12);
const H = 3_600_000;

describe('deadline rules', () => {
  it('a pending request waits for a review, a shipped-back parcel for its receipt', () => {
    expect(nextActionFor('RETURN_OR_REFUND_REQUEST_PENDING')).toBe('review-request');
    expect(nextActionFor('REPLACEMENT_REQUEST_PENDING')).toBe('review-request');
    expect(nextActionFor('BUYER_SHIPPED_ITEM')).toBe('receive-package');
    expect(nextActionFor('AWAITING_BUYER_SHIP')).toBe('none');
    expect(nextActionFor('RETURN_OR_REFUND_REQUEST_COMPLETE')).toBe('none');
    expect(nextActionFor('SOMETHING_NEW')).toBe('none');
  });

  it("reads the shop's action names, falling back to the status", () => {
    expect(actionFromShop('SELLER_RESPOND_RETURN', 'X')).toBe('review-request');
    expect(actionFromShop('SELLER_RECEIVE_PACKAGE', 'X')).toBe('receive-package');
    expect(actionFromShop('', 'BUYER_SHIPPED_ITEM')).toBe('receive-package');
  });

  it('counts down: ok, due soon under 24 h, overdue once past (negative time left)', () => {
    expect(countdown('review-request', NOW + 48 * H, NOW)).toMatchObject({
      urgency: 'ok',
      msLeft: 48 * H,
    });
    expect(countdown('review-request', NOW + DUE_SOON_MS - 1, NOW).urgency).toBe('due-soon');
    expect(countdown('review-request', NOW + DUE_SOON_MS, NOW).urgency).toBe('ok');
    expect(countdown('receive-package', NOW - 1, NOW)).toMatchObject({
      urgency: 'overdue',
      msLeft: -1,
    });
    expect(countdown('review-request', NOW, NOW).urgency).toBe('due-soon');
    expect(countdown('none', NOW - H, NOW).urgency).toBe('none');
    expect(countdown('review-request', null, NOW)).toMatchObject({ urgency: 'ok', msLeft: null });
  });

  it('formats spans for the countdown', () => {
    expect(formatSpan(2 * 24 * H + 4 * H + 59_000)).toBe('2d 4h');
    expect(formatSpan(3 * H + 5 * 60_000)).toBe('3h 05m');
    expect(formatSpan(-12 * 60_000)).toBe('12m');
  });

  it('sorts overdue first, then by deadline, then no deadline, then nothing due', () => {
    const rows = [
      { id: 'none', action: 'none' as const, deadline: NOW - 10 * H },
      { id: 'nodl', action: 'review-request' as const, deadline: null },
      { id: 'later', action: 'review-request' as const, deadline: NOW + 5 * H },
      { id: 'overdue', action: 'receive-package' as const, deadline: NOW - H },
    ];
    expect(rows.sort(compareUrgency).map((r) => r.id)).toEqual([
      'overdue',
      'later',
      'nodl',
      'none',
    ]);
  });

  it('offers the decisions the request type and status allow', () => {
    expect(allowedDecisions('REFUND', 'RETURN_OR_REFUND_REQUEST_PENDING')).toEqual([
      'APPROVE_REFUND',
      'REJECT_REFUND',
    ]);
    expect(allowedDecisions('RETURN_AND_REFUND', 'RETURN_OR_REFUND_REQUEST_PENDING')).toEqual([
      'APPROVE_RETURN',
      'REJECT_RETURN',
    ]);
    expect(allowedDecisions('REPLACEMENT', 'REPLACEMENT_REQUEST_PENDING')).toEqual([
      'APPROVE_REPLACEMENT',
      'REJECT_REPLACEMENT',
    ]);
    expect(allowedDecisions('RETURN_AND_REFUND', 'BUYER_SHIPPED_ITEM')).toEqual([
      'APPROVE_RECEIVED_PACKAGE',
      'REJECT_RECEIVED_PACKAGE',
    ]);
    expect(allowedDecisions('RETURN_AND_REFUND', 'AWAITING_BUYER_SHIP')).toEqual([]);
  });

  it('a decision counts as applied when the request reached its status or a later one', () => {
    expect(isDecisionApplied('RETURN_AND_REFUND', 'APPROVE_RETURN', 'AWAITING_BUYER_SHIP')).toBe(
      true,
    );
    expect(isDecisionApplied('RETURN_AND_REFUND', 'APPROVE_RETURN', 'BUYER_SHIPPED_ITEM')).toBe(
      true,
    );
    expect(
      isDecisionApplied('RETURN_AND_REFUND', 'APPROVE_RETURN', 'RETURN_OR_REFUND_REQUEST_PENDING'),
    ).toBe(false);
    expect(
      isDecisionApplied(
        'RETURN_AND_REFUND',
        'APPROVE_RECEIVED_PACKAGE',
        'RETURN_OR_REFUND_REQUEST_COMPLETE',
      ),
    ).toBe(true);
    expect(isDecisionApplied('REFUND', 'REJECT_REFUND', 'REFUND_OR_RETURN_REQUEST_REJECT')).toBe(
      true,
    );
  });
});

describe('read-back of a return decision (outbox conflict table)', () => {
  const approveReceipt = {
    returnId: 'R1',
    returnType: 'RETURN_AND_REFUND' as const,
    decision: 'APPROVE_RECEIVED_PACKAGE' as const,
  };
  it('applied → done; still waiting → send; withdrawn → conflict; moved on → permanent', () => {
    expect(
      decideReturnFromUpstream(approveReceipt, {
        returnId: 'R1',
        status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
      }),
    ).toEqual({ decision: 'done' });
    expect(
      decideReturnFromUpstream(approveReceipt, { returnId: 'R1', status: 'BUYER_SHIPPED_ITEM' }),
    ).toEqual({ decision: 'send' });
    expect(
      decideReturnFromUpstream(approveReceipt, {
        returnId: 'R1',
        status: 'RETURN_OR_REFUND_REQUEST_CANCEL',
      }),
    ).toMatchObject({ decision: 'conflict', state: 'conflict-cancelled' });
    expect(
      decideReturnFromUpstream(approveReceipt, {
        returnId: 'R1',
        status: 'REJECT_RECEIVE_PACKAGE',
      }),
    ).toMatchObject({ decision: 'permanent' });
    expect(decideReturnFromUpstream(approveReceipt, null)).toMatchObject({ decision: 'permanent' });
  });
});
