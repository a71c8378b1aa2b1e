import { err } from '#shared/utils/result';
import type { ShopService } from '../services/shop/service';
import { shopCaller } from './shop';
import type { Handlers } from './types';

/** Bridge handlers of after-sales: search returns, reject reasons, decisions. No secrets out. */
type ReturnMethods = 'shop.searchReturns' | 'shop.getRejectReasons' | 'shop.decideReturn';

export function createReturnsHandlers(shop: ShopService): Pick<Handlers, ReturnMethods> {
  const run = shopCaller(shop);

  return {
    'shop.searchReturns': async (a) =>
      run(
        (api) =>
          api.searchReturns({
            pageSize: a.pageSize,
            ...(a.pageToken !== undefined ? { pageToken: a.pageToken } : {}),
            filter: {
              ...(a.updateTimeGe !== undefined ? { update_time_ge: a.updateTimeGe } : {}),
              ...(a.returnIds !== undefined ? { return_ids: a.returnIds } : {}),
              ...(a.orderIds !== undefined ? { order_ids: a.orderIds } : {}),
            },
          }),
        (page) => page,
      ),
    'shop.getRejectReasons': async (a) =>
      run(
        (api) => api.getRejectReasons(a.returnId, a.locale),
        (data) => ({
          reasons: data.reasons
            .filter((r) => r.name !== '')
            .map((r) => ({ name: r.name, text: r.text || r.name })),
        }),
      ),
    'shop.decideReturn': async (a) => {
      if (a.decision.startsWith('REJECT_') && !a.rejectReason) {
        return err({
          code: 'permanent' as const,
          message: 'invalid-param: a rejection needs a reason from the shop’s list',
        });
      }
      return run(
        (api) =>
          api.decideReturn({
            returnId: a.returnId,
            decision: a.decision,
            idempotencyKey: a.idempotencyKey,
            ...(a.rejectReason !== undefined ? { rejectReason: a.rejectReason } : {}),
            ...(a.comment !== undefined ? { comment: a.comment } : {}),
          }),
        () => null,
      );
    },
  };
}
