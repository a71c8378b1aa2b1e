import { z } from 'zod';
import { ApiReturn } from '#shared/domain/api-return';
import type { ReturnDecision } from '#shared/logic/returns/types';
import { isReject } from '#shared/logic/returns/types';
import { ok } from '#shared/utils/result';
import type { ShopClient, ShopResult } from './client';

/**
 * After-sales endpoints (`return_refund`, 202309; `tiktok-shop-api.md` §5.5): search returns,
 * reject reasons, approve and reject with the shop's `idempotency_key` (a query parameter, so it
 * is signed). Spread into the shop API by `createShopApi`.
 */

const Loose = z.looseObject({});
const ReturnsData = z.looseObject({
  return_orders: z.array(z.unknown()).default([]),
  next_page_token: z.string().default(''),
  total_count: z.number().int().default(0),
});
const ReasonsData = z.looseObject({
  reasons: z
    .array(z.looseObject({ name: z.string().default(''), text: z.string().default('') }))
    .default([]),
});

export interface ReturnParseError {
  index: number;
  id: string | null;
  message: string;
}

export interface ReturnPage {
  returns: ApiReturn[];
  parseErrors: ReturnParseError[];
  nextPageToken: string;
  totalCount: number;
}

/** Each request validated on its own: one bad request is reported, never fatal. */
export function parseReturns(raw: readonly unknown[]): {
  returns: ApiReturn[];
  parseErrors: ReturnParseError[];
} {
  const out: ApiReturn[] = [];
  const parseErrors: ReturnParseError[] = [];
  raw.forEach((item, index) => {
    const parsed = ApiReturn.safeParse(item);
    if (parsed.success) {
      out.push(parsed.data);
      return;
    }
    const id = (item as { return_id?: unknown } | null)?.return_id;
    parseErrors.push({
      index,
      id: typeof id === 'string' ? id : null,
      message: parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(return)'}: ${i.message}`)
        .join('; '),
    });
  });
  return { returns: out, parseErrors };
}

export function createReturnsApi(client: ShopClient) {
  return {
    async searchReturns(input: {
      pageSize: number;
      pageToken?: string;
      filter?: { update_time_ge?: number; return_ids?: string[]; order_ids?: string[] };
    }): Promise<ShopResult<ReturnPage>> {
      const r = await client.call({
        method: 'POST',
        path: '/return_refund/202309/returns/search',
        query: {
          page_size: input.pageSize,
          page_token: input.pageToken,
          sort_field: 'update_time',
          sort_order: 'ASC',
        },
        body: input.filter ?? {},
        write: false,
        data: ReturnsData,
      });
      if (!r.ok) return r;
      return ok({
        ...parseReturns(r.value.return_orders),
        nextPageToken: r.value.next_page_token,
        totalCount: r.value.total_count,
      });
    },

    async getRejectReasons(returnId: string, locale?: string) {
      return client.call({
        method: 'GET',
        path: '/return_refund/202309/reject_reasons',
        query: { return_or_cancel_id: returnId, locale },
        write: false,
        data: ReasonsData,
      });
    },

    async decideReturn(input: {
      returnId: string;
      decision: ReturnDecision;
      rejectReason?: string;
      comment?: string;
      idempotencyKey: string;
    }) {
      const reject = isReject(input.decision);
      return client.call({
        method: 'POST',
        path: `/return_refund/202309/returns/${encodeURIComponent(input.returnId)}/${reject ? 'reject' : 'approve'}`,
        query: { idempotency_key: input.idempotencyKey },
        body: reject
          ? {
              decision: input.decision,
              reject_reason: input.rejectReason ?? '',
              ...(input.comment ? { comment: input.comment } : {}),
            }
          : { decision: input.decision },
        write: true,
        data: Loose,
        headers: { 'x-packbench-idempotency-key': input.idempotencyKey },
      });
    },
  };
}
