import type { ShopService } from '../services/shop/service';
import { shopCaller } from './shop';
import type { Handlers } from './types';

/** Bridge handlers of tracking and buyer messages. No secrets out; results, never throws. */
type TrackingMethods = 'shop.getParcel' | 'shop.sendBuyerMessage' | 'shop.findBuyerMessage';

export function createTrackingHandlers(shop: ShopService): Pick<Handlers, TrackingMethods> {
  const run = shopCaller(shop);

  return {
    'shop.getParcel': async ({ orderId, packageId }) =>
      run((api) => api.getParcel(orderId, packageId)),
    'shop.sendBuyerMessage': async ({ orderId, text, idempotencyKey }) =>
      run((api) => api.sendBuyerMessage(orderId, text, idempotencyKey)),
    'shop.findBuyerMessage': async ({ orderId, text, sinceMs }) =>
      run((api) => api.findBuyerMessage(orderId, text, sinceMs)),
  };
}
