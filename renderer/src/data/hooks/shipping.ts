import { useLiveQuery } from 'dexie-react-hooks';
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import type { RateTable } from '#shared/logic/shipping/index';
import { useRepos } from '../context';
import type { HandoverRow } from '../rows';
import type { HandoverParcel } from '../repositories/shipping-repository';

export function usePackedAwaitingShipment(): OrderRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.shipping.packedAwaitingShipment(), [repos]);
}

export function useIsPacked(orderId: string | null): boolean | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (orderId ? repos.shipping.isPacked(orderId) : false),
    [repos, orderId],
  );
}

export function useOrderProducts(order: OrderRow | null | undefined): ProductRow[] | undefined {
  const repos = useRepos();
  const key = order ? order.lines.map((l) => l.skuId).join(',') : '';
  return useLiveQuery(
    async () => (order ? repos.shipping.products(order.lines.map((l) => l.skuId)) : []),
    [repos, key],
  );
}

export function useRateTable(): RateTable | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.shipping.rateTable(), [repos]);
}

export function useHandover(id: string | null): HandoverRow | null | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (id ? ((await repos.shipping.getHandover(id)) ?? null) : null),
    [repos, id],
  );
}

export function useHandoverExpected(carrier: string | null): HandoverParcel[] | undefined {
  const repos = useRepos();
  return useLiveQuery(
    async () => (carrier ? repos.shipping.handoverExpected(carrier) : []),
    [repos, carrier],
  );
}

export function useHandoverCarriers(): string[] | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.shipping.handoverCarriers(), [repos]);
}

export function useRecentHandovers(): HandoverRow[] | undefined {
  const repos = useRepos();
  return useLiveQuery(() => repos.shipping.recentHandovers(), [repos]);
}

/** Which order and tracking number each package id belongs to (for extra parcels). */
export function usePackagesInfo(
  packageIds: readonly string[],
): Map<string, { orderId: string; trackingNumber: string }> | undefined {
  const repos = useRepos();
  const key = packageIds.join(',');
  return useLiveQuery(() => repos.shipping.packagesInfo(packageIds), [repos, key]);
}
