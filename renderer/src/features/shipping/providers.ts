import type { Repositories } from '../../data/repositories';
import type { ProviderCache } from '../../data/repositories/shipping-repository';
import { bridge } from '../../platform/bridge';

/**
 * Shipping providers of a delivery option (`shop.getShippingProviders`): fetched when the shop is
 * reachable and kept in the station database, so seller shipping still works offline.
 */
export async function loadProviders(
  repos: Repositories,
  deliveryOptionId: string,
): Promise<(ProviderCache & { source: 'shop' | 'cache' }) | null> {
  if (/^\d+$/.test(deliveryOptionId) && navigator.onLine) {
    const r = await bridge().shop.getShippingProviders({ deliveryOptionId });
    if (r.ok) {
      const cache: ProviderCache = {
        providers: r.value.shipping_providers.map((p) => ({ id: p.id, name: p.name })),
        fetchedAt: Date.now(),
      };
      await repos.shipping.saveProviders(deliveryOptionId, cache);
      return { ...cache, source: 'shop' };
    }
  }
  const cached = await repos.shipping.cachedProviders(deliveryOptionId);
  return cached ? { ...cached, source: 'cache' } : null;
}

/** Fills the provider cache for the delivery options of the orders waiting to ship. */
export async function prefetchProviders(repos: Repositories): Promise<void> {
  for (const id of await repos.shipping.sellerDeliveryOptions()) {
    await loadProviders(repos, id);
  }
}
