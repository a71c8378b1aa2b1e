/**
 * A fake shop bridge for the intake unit tests: orders in memory, validated as the host validates
 * them (bad orders come back as parse errors), keyset pages sorted by (update_time, id), filters
 * as the real search. Records every call.
 */
import type { ArgsOf, BridgeResult, ShopOrderParseError } from '#shared/bridge/contract';
import { ApiOrder, type ApiOrderInput } from '#shared/domain/api-order';
import { err, ok } from '#shared/utils/result';
import type { IntakeShop } from './pull';

export interface FakeShop extends IntakeShop {
  orders: Map<string, Record<string, unknown>>;
  calls: Array<{ method: 'search' | 'detail'; args: Record<string, unknown> }>;
  /** Fails the next `times` searches with this error. */
  failSearches(times: number, code: string, message: string): void;
  /** Orders that parse badly in search answers but well in detail answers. */
  badInSearchOnly: Set<string>;
}

function parse(raw: readonly Record<string, unknown>[]): {
  orders: ApiOrder[];
  parseErrors: ShopOrderParseError[];
} {
  const orders: ApiOrder[] = [];
  const parseErrors: ShopOrderParseError[] = [];
  raw.forEach((o, index) => {
    const r = ApiOrder.safeParse(o);
    if (r.success) orders.push(r.data);
    else {
      parseErrors.push({
        index,
        id: typeof o.id === 'string' ? o.id : null,
        message: r.error.issues[0]?.message ?? 'invalid',
      });
    }
  });
  return { orders, parseErrors };
}

export function createFakeShop(initial: readonly ApiOrderInput[]): FakeShop {
  const orders = new Map<string, Record<string, unknown>>(
    initial.map((o) => [o.id, structuredClone(o) as unknown as Record<string, unknown>]),
  );
  const calls: FakeShop['calls'] = [];
  let failures: { times: number; code: string; message: string } | null = null;
  const badInSearchOnly = new Set<string>();
  const num = (o: Record<string, unknown>, k: string) => (typeof o[k] === 'number' ? o[k] : 0);

  return {
    orders,
    calls,
    badInSearchOnly,
    failSearches(times, code, message) {
      failures = { times, code, message };
    },
    async searchOrders(
      args: ArgsOf<'shop.searchOrders'>,
    ): Promise<BridgeResult<'shop.searchOrders'>> {
      calls.push({ method: 'search', args: { ...args } });
      if (failures && failures.times > 0) {
        failures.times -= 1;
        return err({ code: failures.code as 'retryable', message: failures.message });
      }
      const size = args.pageSize ?? 100;
      const rows = [...orders.values()]
        .filter(
          (o) =>
            (args.orderStatus === undefined || o.status === args.orderStatus) &&
            (args.updateTimeGe === undefined || num(o, 'update_time') >= args.updateTimeGe) &&
            (args.updateTimeLt === undefined || num(o, 'update_time') < args.updateTimeLt),
        )
        .sort(
          (a, b) =>
            num(a, 'update_time') - num(b, 'update_time') ||
            String(a.id).localeCompare(String(b.id)),
        );
      let start = 0;
      if (args.pageToken) {
        const [v, id] = JSON.parse(atob(args.pageToken)) as [number, string];
        start = rows.findIndex(
          (r) => num(r, 'update_time') > v || (num(r, 'update_time') === v && String(r.id) > id),
        );
        if (start < 0) start = rows.length;
      }
      const page = rows.slice(start, start + size);
      const last = page.at(-1);
      const more = start + size < rows.length && last !== undefined;
      const served = page.map((o) =>
        badInSearchOnly.has(String(o.id)) ? { ...o, status: 'SOMETHING_NEW' } : o,
      );
      return ok({
        ...parse(served),
        totalCount: rows.length,
        nextPageToken: more
          ? btoa(JSON.stringify([num(last, 'update_time'), String(last.id)]))
          : '',
      });
    },
    async getOrders(args: ArgsOf<'shop.getOrders'>): Promise<BridgeResult<'shop.getOrders'>> {
      calls.push({ method: 'detail', args: { ...args } });
      const found = args.ids.map((id) => orders.get(id)).filter((o) => o !== undefined);
      return ok(parse(found));
    },
  };
}
