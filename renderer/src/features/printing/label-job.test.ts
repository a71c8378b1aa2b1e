import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRINT_JOB_STATES, type PrintJobState } from '#shared/logic/printing/print-job';
import type { LabelRow } from '../../data/rows';
import {
  applyJobEvent,
  canMove,
  checkReason,
  decideVerify,
  mayPrintAutomatically,
  outcomeOfError,
  type JobEvent,
} from './label-job';

function job(state: PrintJobState, over: Partial<LabelRow> = {}): LabelRow {
  return {
    id: 'j1',
    orderId: 'O1',
    packageId: 'P1',
    trackingNumber: 'JT1',
    format: 'pdf',
    state,
    printedAt: 0,
    printedBy: 'Alice',
    reason: '',
    ...over,
  };
}

const events: JobEvent[] = [
  { kind: 'sent' },
  { kind: 'failed', code: 'print-failed', message: 'x' },
  { kind: 'unknown', code: 'unknown-outcome', message: 'x' },
  { kind: 'confirmed' },
  { kind: 'answered', printed: true, by: 'Bob' },
  { kind: 'answered', printed: false, by: 'Bob' },
  { kind: 'verified', code: 'JT1', by: 'Bob' },
];

describe('label job states', () => {
  it('follows queued → sent → confirmed | unknown | failed', () => {
    let row = job('queued');
    for (const e of [{ kind: 'sent' }, { kind: 'confirmed' }] as JobEvent[]) {
      const r = applyJobEvent(row, e, 5);
      expect(r.ok).toBe(true);
      if (r.ok) row = r.value;
    }
    expect(row.state).toBe('confirmed');
    expect(row.stateAt).toBe(5);
  });

  it('confirmed and failed are final; unknown is settled only by the packer', () => {
    expect(PRINT_JOB_STATES.filter((to) => canMove('confirmed', to))).toEqual([]);
    expect(PRINT_JOB_STATES.filter((to) => canMove('failed', to))).toEqual([]);
    expect(PRINT_JOB_STATES.filter((to) => canMove('unknown', to))).toEqual([
      'confirmed',
      'failed',
    ]);
    // From unknown, the printer side cannot move it; the packer's answer or scan can.
    for (const e of events.slice(0, 4)) {
      expect(applyJobEvent(job('unknown'), e, 1).ok).toBe(
        e.kind === 'confirmed' || e.kind === 'failed',
      );
    }
    expect(applyJobEvent(job('unknown'), events[4] as JobEvent, 1)).toMatchObject({
      ok: true,
      value: { state: 'confirmed', answeredBy: 'Bob' },
    });
    expect(applyJobEvent(job('unknown'), events[5] as JobEvent, 1)).toMatchObject({
      ok: true,
      value: { state: 'failed' },
    });
    expect(applyJobEvent(job('sent'), events[4] as JobEvent, 1).ok).toBe(false);
  });

  it('no sequence of events ever leaves a final state (model check)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 12 }), (seq) => {
        let row = job('queued');
        let final: PrintJobState | null = null;
        for (const e of seq) {
          const r = applyJobEvent(row, e, 1);
          if (!r.ok) continue;
          if (final === 'failed') return false;
          if (final === 'confirmed' && r.value.state !== 'confirmed') return false;
          row = r.value;
          if (row.state === 'failed' || row.state === 'confirmed') final = row.state;
        }
        return true;
      }),
    );
  });

  it('a scan verifies a sent or unknown label once, never a failed or queued one', () => {
    const verified = events[6] as JobEvent;
    expect(applyJobEvent(job('sent'), verified, 9)).toMatchObject({
      ok: true,
      value: { state: 'confirmed', verifiedAt: 9, verifiedBy: 'Bob', verifyCode: 'JT1' },
    });
    expect(applyJobEvent(job('unknown'), verified, 9).ok).toBe(true);
    expect(applyJobEvent(job('failed'), verified, 9).ok).toBe(false);
    expect(applyJobEvent(job('queued'), verified, 9).ok).toBe(false);
    expect(applyJobEvent(job('confirmed', { verifiedAt: 1 }), verified, 9).ok).toBe(false);
  });

  it('only "unknown-outcome" and an unreachable host are unknown; refusals are failures', () => {
    expect(outcomeOfError('unknown-outcome')).toBe('unknown');
    expect(outcomeOfError('host-unreachable')).toBe('unknown');
    for (const c of [
      'paper-out',
      'head-open',
      'paused',
      'offline',
      'print-failed',
      'printer-not-found',
    ]) {
      expect(outcomeOfError(c)).toBe('failed');
    }
  });
});

describe('never an automatic reprint', () => {
  it('prints by itself only for an order without any job, whatever its state', () => {
    expect(mayPrintAutomatically([])).toBe(true);
    for (const s of PRINT_JOB_STATES) expect(mayPrintAutomatically([job(s)])).toBe(false);
  });

  it('a reprint needs a reason of at least 3 characters', () => {
    expect(checkReason('').ok).toBe(false);
    expect(checkReason('  x ').ok).toBe(false);
    expect(checkReason('x'.repeat(501)).ok).toBe(false);
    expect(checkReason(' torn ')).toEqual({ ok: true, value: 'torn' });
  });
});

describe('verification decision', () => {
  const mine = job('sent', { orderId: 'O1', trackingNumber: 'JT1' });
  it('tracking number verifies; another order is a wrong label; own ids ask for the tracking', () => {
    expect(decideVerify(' jt1 ', mine, null)).toEqual({ kind: 'verified', code: 'jt1' });
    expect(decideVerify('JT2', mine, 'O2')).toEqual({
      kind: 'wrong-label',
      otherOrderId: 'O2',
      code: 'JT2',
    });
    expect(decideVerify('O1', mine, 'O1').kind).toBe('scan-tracking');
    expect(decideVerify('4006381333931', mine, null).kind).toBe('not-a-label');
  });
  it('without tracking, the order id is the label code', () => {
    expect(decideVerify('O1', job('sent', { trackingNumber: '' }), 'O1').kind).toBe('verified');
  });
});
