import { z } from 'zod';

/**
 * After-sales requests as the TikTok Shop Open API (202309, `return_refund`) spells them
 * (`tiktok-shop-api.md` §5.5, §6.3), and what the bench records when a parcel comes back.
 */

export const RETURN_TYPES = ['REFUND', 'RETURN_AND_REFUND', 'REPLACEMENT'] as const;
export const ReturnType = z.enum(RETURN_TYPES);
export type ReturnType = z.infer<typeof ReturnType>;

/** `return_status` values (§6.3); unknown values are kept as text, never dropped. */
export const RETURN_STATUSES = [
  'RETURN_OR_REFUND_REQUEST_PENDING',
  'REFUND_OR_RETURN_REQUEST_REJECT',
  'AWAITING_BUYER_SHIP',
  'BUYER_SHIPPED_ITEM',
  'REJECT_RECEIVE_PACKAGE',
  'RETURN_OR_REFUND_REQUEST_SUCCESS',
  'RETURN_OR_REFUND_REQUEST_CANCEL',
  'RETURN_OR_REFUND_REQUEST_COMPLETE',
  'REPLACEMENT_REQUEST_PENDING',
  'REPLACEMENT_REQUEST_REJECT',
  'REPLACEMENT_REQUEST_REFUND_SUCCESS',
  'REPLACEMENT_REQUEST_CANCEL',
  'REPLACEMENT_REQUEST_COMPLETE',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** Decisions a seller sends (Approve/Reject Return `decision` values). */
export const RETURN_DECISIONS = [
  'APPROVE_REFUND',
  'APPROVE_RETURN',
  'APPROVE_RECEIVED_PACKAGE',
  'APPROVE_REPLACEMENT',
  'REJECT_REFUND',
  'REJECT_RETURN',
  'REJECT_RECEIVED_PACKAGE',
  'REJECT_REPLACEMENT',
] as const;
export const ReturnDecision = z.enum(RETURN_DECISIONS);
export type ReturnDecision = z.infer<typeof ReturnDecision>;

export function isReject(decision: ReturnDecision): boolean {
  return decision.startsWith('REJECT_');
}

/** How the inspector grades one returned unit. */
export const UNIT_GRADES = [
  'resellable',
  'opened',
  'damaged',
  'wrong-item',
  'missing-parts',
] as const;
export const UnitGrade = z.enum(UNIT_GRADES);
export type UnitGrade = z.infer<typeof UnitGrade>;

/** Where one returned unit goes. Only `restock` changes stock (+1, exactly once). */
export const DISPOSITIONS = ['restock', 'quarantine', 'dispose', 'return-to-supplier'] as const;
export const Disposition = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof Disposition>;

/** The grade's usual destination; the inspector may choose another. */
export function defaultDisposition(grade: UnitGrade): Disposition {
  switch (grade) {
    case 'resellable':
      return 'restock';
    case 'opened':
    case 'missing-parts':
      return 'quarantine';
    case 'damaged':
      return 'dispose';
    case 'wrong-item':
      return 'quarantine';
  }
}
