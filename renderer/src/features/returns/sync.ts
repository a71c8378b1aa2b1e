import type { Api } from '#shared/bridge/contract';
import type { Repositories } from '../../data/repositories';

/**
 * After-sales sync: pulls return, refund and replacement requests from the shop incrementally,
 * like orders — by update time from a stored cursor with a 5-minute overlap, page by page, each
 * page written before the next is asked for, the cursor saved after the last. Requests that fail
 * validation are counted, never written half.
 */
export const OVERLAP_S = 5 * 60;
const MAX_PAGES = 200;

export interface PullResult {
  written: number;
  invalid: number;
  cursor: number | null;
}

export type PullOutcome = { ok: true; value: PullResult } | { ok: false; message: string };

export async function pullReturns(
  shop: Pick<Api['shop'], 'searchReturns'>,
  repos: Pick<Repositories, 'returns'>,
  opts: { now: number; practice: boolean; onPage?: (done: number, total: number) => void },
): Promise<PullOutcome> {
  const cursor = await repos.returns.cursor();
  const since = cursor === null ? undefined : Math.max(0, cursor - OVERLAP_S);
  let token: string | undefined;
  let written = 0;
  let invalid = 0;
  let newest = cursor;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const r = await shop.searchReturns({
      pageSize: 50,
      ...(since !== undefined ? { updateTimeGe: since } : {}),
      ...(token ? { pageToken: token } : {}),
    });
    if (!r.ok) return { ok: false, message: r.error.message };
    const { returns, parseErrors, nextPageToken, totalCount } = r.value;
    await repos.returns.upsertFromShop(returns, { now: opts.now, practice: opts.practice });
    written += returns.length;
    invalid += parseErrors.length;
    for (const x of returns) newest = Math.max(newest ?? 0, x.update_time);
    opts.onPage?.(written + invalid, totalCount);
    if (!nextPageToken) break;
    token = nextPageToken;
  }
  if (newest !== null) await repos.returns.saveCursor(newest);
  return { ok: true, value: { written, invalid, cursor: newest } };
}
