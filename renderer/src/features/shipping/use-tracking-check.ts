import { useEffect, useRef, useState, type RefObject } from 'react';
import {
  isTrackingUsedElsewhere,
  normaliseTracking,
  validateTracking,
  type CarrierId,
  type TrackingCheck,
} from '#shared/logic/shipping/index';
import { useRepos } from '../../data/context';
import { providerForCarrier } from './facts';
import { loadProviders } from './providers';

export interface Provider {
  id: string;
  name: string;
}

export interface ProviderList {
  providers: Provider[];
  fetchedAt: number;
  source: 'shop' | 'cache';
}

/**
 * The shipping providers of a delivery option: from the shop when it answers, else the list saved
 * in the station database. `loaded` turns true once the answer is in (`list` stays null when there
 * is none: offline and never fetched, or no delivery option).
 */
export function useShippingProviders(deliveryOptionId: string | null) {
  const repos = useRepos();
  const [list, setList] = useState<ProviderList | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let alive = true;
    setLoaded(false);
    if (!deliveryOptionId) {
      setList(null);
      setLoaded(true);
      return;
    }
    void loadProviders(repos, deliveryOptionId).then((r) => {
      if (!alive) return;
      setList(r);
      setLoaded(true);
    });
    return () => {
      alive = false;
    };
  }, [repos, deliveryOptionId]);
  return { list, loaded };
}

export interface TrackingEntryOptions {
  /** The order the number is for: its own packages never count as "used on another order". */
  orderId: string;
  deliveryOptionId: string | null;
  initialCarrier: CarrierId;
  /** A correction: the number being replaced (entering it again is refused). */
  replaces?: string;
  /**
   * The provider to use for `fallback.carrier` when the provider list has no entry for it
   * (offline with no saved list: the package's own provider still serves its carrier).
   */
  fallback?: { carrier: CarrierId; provider: Provider } | null;
}

export interface TrackingEntry {
  carrier: CarrierId;
  setCarrier: (carrier: CarrierId) => void;
  tracking: string;
  setTracking: (text: string) => void;
  /** The shared format check of `shared/logic/shipping/tracking.ts` for the chosen carrier. */
  check: TrackingCheck;
  /** The number is the one it replaces (corrections only). */
  same: boolean;
  /** Other orders that already carry this number. */
  usedBy: readonly string[];
  provider: Provider | null;
  providers: ProviderList | null;
  providersLoaded: boolean;
  /** Valid, new, not on another order, with a provider: ready to save. */
  ready: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
}

const NO_OWNERS: readonly string[] = [];

/**
 * The state of a tracking-number entry (new shipment or correction): carrier, provider, the
 * typed number, its check and whether another order already uses it. The input is focused on
 * start and whenever the carrier changes, so a scan goes straight into it.
 */
export function useTrackingEntry(options: TrackingEntryOptions): TrackingEntry {
  const repos = useRepos();
  const { orderId, fallback } = options;
  const [carrier, setCarrier] = useState<CarrierId>(options.initialCarrier);
  const [tracking, setTracking] = useState('');
  const [owners, setOwners] = useState<{ number: string; orderIds: readonly string[] } | null>(
    null,
  );
  const inputRef = useRef<HTMLInputElement>(null);
  const { list, loaded } = useShippingProviders(options.deliveryOptionId);

  const provider =
    providerForCarrier(carrier, list?.providers ?? []) ??
    (fallback && fallback.carrier === carrier ? fallback.provider : null);
  const check = validateTracking(tracking, carrier);
  const same =
    options.replaces !== undefined &&
    check.ok &&
    check.normalised === normaliseTracking(options.replaces);
  // The owners found for an earlier number never speak for this one.
  const usedBy = check.ok && owners?.number === check.normalised ? owners.orderIds : NO_OWNERS;

  useEffect(() => {
    inputRef.current?.focus();
  }, [carrier]);

  useEffect(() => {
    if (!check.ok) return;
    const number = check.normalised;
    let alive = true;
    void isTrackingUsedElsewhere(number, orderId, (n) => repos.shipping.trackingOwners(n)).then(
      (found) => {
        if (alive) setOwners({ number, orderIds: found.orderIds });
      },
    );
    return () => {
      alive = false;
    };
  }, [repos, check.ok, check.normalised, orderId]);

  return {
    carrier,
    setCarrier,
    tracking,
    setTracking,
    check,
    same,
    usedBy,
    provider,
    providers: list,
    providersLoaded: loaded,
    ready: check.ok && !same && usedBy.length === 0 && provider !== null,
    inputRef,
  };
}
