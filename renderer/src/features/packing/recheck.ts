/**
 * Re-check at the seal (issue 4 item 4): before a verified pack is completed, the order is read
 * again from the shop. A cancel, a buyer cancel request or an address change since the order was
 * confirmed raises a stop-ship. When the shop cannot be asked (offline, not connected, an error),
 * the pack goes on and the screen says it was not re-checked.
 */
import type { ApiOrder } from '#shared/domain/api-order';
import type { OrderRow } from '#shared/domain/order';
import type { ConfirmCode } from '#shared/logic/confirm/index';
import type { RecheckState } from '../../stores/packing-store';

/** Why the upstream order must not ship now, compared with the order as confirmed. */
export function compareUpstream(confirmed: OrderRow, upstream: ApiOrder): ConfirmCode[] {
  const codes: ConfirmCode[] = [];
  if (upstream.status === 'CANCELLED') codes.push('order.cancelled');
  if (upstream.is_buyer_request_cancel) codes.push('order.cancel-requested');
  if (upstream.status === 'ON_HOLD' || upstream.is_on_hold_order === true) {
    codes.push('order.on-hold');
  }
  const addr = upstream.recipient_address;
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (addr) {
    const before = confirmed.recipient;
    const changed =
      (addr.full_address !== '' && norm(addr.full_address) !== norm(before.fullAddress)) ||
      (addr.postal_code !== '' && norm(addr.postal_code) !== norm(before.postalCode));
    if (changed) codes.push('order.address-changed');
  }
  return codes;
}

export interface RecheckDeps {
  getOrders: (
    ids: string[],
  ) => Promise<
    | { ok: true; value: { orders: ApiOrder[] } }
    | { ok: false; error: { code: string; message: string } }
  >;
  online: () => boolean;
  timeoutMs: number;
}

/** Asks the shop; never throws and never waits longer than `timeoutMs`. */
export async function recheckUpstream(order: OrderRow, deps: RecheckDeps): Promise<RecheckState> {
  if (!deps.online()) return { state: 'offline', codes: [], detail: 'offline' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deps.timeoutMs);
  });
  try {
    const res = await Promise.race([deps.getOrders([order.id]), timeout]);
    if (res === 'timeout') return { state: 'offline', codes: [], detail: 'timeout' };
    if (!res.ok) return { state: 'offline', codes: [], detail: `${res.error.code}` };
    const upstream = res.value.orders.find((o) => o.id === order.id);
    if (!upstream) return { state: 'offline', codes: [], detail: 'not-returned' };
    const codes = compareUpstream(order, upstream);
    return codes.length > 0
      ? { state: 'stop', codes, detail: null }
      : { state: 'ok', codes: [], detail: null };
  } catch (cause) {
    return { state: 'offline', codes: [], detail: String(cause) };
  } finally {
    clearTimeout(timer);
  }
}
