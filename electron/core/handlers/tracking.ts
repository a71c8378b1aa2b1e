import type { BridgeError } from '#shared/bridge/contract';
import { err, ok, type Result } from '#shared/utils/result';
import type { ShopCallError } from '../services/shop/client';
import type { ShopService } from '../services/shop/service';
import { toBridge, type ShopCode } from './shop';
import type { Handlers } from './types';

/** Bridge handlers of tracking and buyer messages. No secrets out; results, never throws. */
type TrackingMethods = 'shop.getParcel' | 'shop.sendBuyerMessage' | 'shop.findBuyerMessage';

const NOT_CONNECTED = err({
  code: 'not-connected' as const,
  message: 'not-connected: no shop is connected and practice mode is off',
});

export function createTrackingHandlers(shop: ShopService): Pick<Handlers, TrackingMethods> {
  async function run<T, U>(
    call: (api: NonNullable<ReturnType<ShopService['api']>>) => Promise<Result<T, ShopCallError>>,
    map: (value: T) => U,
  ): Promise<Result<U, BridgeError<ShopCode>>> {
    const api = shop.api();
    if (!api) return NOT_CONNECTED;
    const r = shop.track(await call(api));
    return r.ok ? ok(map(r.value)) : err(toBridge(r.error));
  }
  const same = <T>(v: T) => v;

  return {
    'shop.getParcel': async ({ orderId, packageId }) =>
      run((api) => api.getParcel(orderId, packageId), same),
    'shop.sendBuyerMessage': async ({ orderId, text, idempotencyKey }) =>
      run((api) => api.sendBuyerMessage(orderId, text, idempotencyKey), same),
    'shop.findBuyerMessage': async ({ orderId, text, sinceMs }) =>
      run((api) => api.findBuyerMessage(orderId, text, sinceMs), same),
  };
}
