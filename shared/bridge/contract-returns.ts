/**
 * Bridge methods of after-sales (returns, refunds, replacements), merged into the one contract's
 * method table (`contract.ts`). Kept apart so the returns work edits the shared table by one line;
 * this file imports no values from `contract.ts` (that would be a cycle).
 */
import { z } from 'zod';
import type { ApiReturn } from '../domain/api-return';
import { ReturnDecision } from '../logic/returns/types';

function returns<T>(): T {
  return undefined as T;
}

/** The shop's error classes (the same list as `SHOP_ERRORS` in contract.ts). */
const SHOP_ERRORS = [
  'not-connected',
  'auth',
  'rate-limited',
  'retryable',
  'permanent',
  'ambiguous',
  'already-done',
] as const;

const ShopId = z.string().regex(/^\d{1,30}$/, 'digits only');

export interface ShopReturnParseError {
  index: number;
  id: string | null;
  message: string;
}

export interface ShopReturnPage {
  returns: ApiReturn[];
  parseErrors: ShopReturnParseError[];
  nextPageToken: string;
  totalCount: number;
}

export interface ShopRejectReason {
  name: string;
  text: string;
}

export const returnsMethods = {
  /** POST /return_refund/202309/returns/search, paged by update time (incremental pull). */
  'shop.searchReturns': {
    args: z.strictObject({
      pageSize: z.number().int().min(1).max(50).default(50),
      pageToken: z.string().max(4000).optional(),
      updateTimeGe: z.number().int().min(0).optional(),
      returnIds: z.array(ShopId).min(1).max(50).optional(),
      orderIds: z.array(ShopId).min(1).max(50).optional(),
    }),
    ok: returns<ShopReturnPage>(),
    errors: SHOP_ERRORS,
  },
  /** GET /return_refund/202309/reject_reasons for one request: the shop's list to reject with. */
  'shop.getRejectReasons': {
    args: z.strictObject({ returnId: ShopId, locale: z.enum(['en-US', 'zh-CN']).optional() }),
    ok: returns<{ reasons: ShopRejectReason[] }>(),
    errors: SHOP_ERRORS,
  },
  /** POST …/returns/{return_id}/approve | /reject with the shop's `idempotency_key`. */
  'shop.decideReturn': {
    args: z.strictObject({
      returnId: ShopId,
      decision: ReturnDecision,
      rejectReason: z.string().trim().min(1).max(200).optional(),
      comment: z.string().max(500).optional(),
      idempotencyKey: z.string().min(1).max(255),
    }),
    ok: returns<null>(),
    errors: SHOP_ERRORS,
  },
} as const;
