import { z } from 'zod';
import type { CarrierId, RateService, RateTable, RemoteArea } from './rates';

/**
 * Carrier and method suggestion. Platform logistics (TikTok Shipping) books a handover, PICKUP or
 * DROP_OFF; seller shipping picks a service from the editable rate table. Hard rules (country,
 * battery, liquid, size, weight, remote service) filter; cost, then fragile care, then speed rank.
 */

export const ShipmentFacts = z.strictObject({
  goods: z.strictObject({ battery: z.boolean(), liquid: z.boolean(), fragile: z.boolean() }),
  weightGrams: z.number().int().nonnegative(),
  dimensionsCm: z.strictObject({
    length: z.number().nonnegative(),
    width: z.number().nonnegative(),
    height: z.number().nonnegative(),
  }),
  destination: z.strictObject({
    country: z.string().length(2),
    region: z.string(),
    postalCode: z.string(),
  }),
  shippingType: z.enum(['TIKTOK', 'SELLER']),
  /** From GET …/handover_time_slots, for platform logistics. */
  handover: z.strictObject({ canPickup: z.boolean(), canDropOff: z.boolean() }).optional(),
});
export type ShipmentFacts = z.infer<typeof ShipmentFacts>;

export type ReasonCode =
  | 'platform-logistics'
  | 'pickup-available'
  | 'drop-off-only'
  | 'pickup-only'
  | 'heavy-prefers-pickup'
  | 'hazmat-label'
  | 'battery-allowed'
  | 'liquid-allowed'
  | 'fragile-care'
  | 'oversize'
  | 'overweight'
  | 'remote-area'
  | 'remote-surcharge'
  | 'cheapest'
  | 'fastest'
  | 'weight-bracket'
  | 'wrong-country'
  | 'battery-not-allowed'
  | 'liquid-not-allowed'
  | 'too-heavy'
  | 'too-long'
  | 'remote-not-served'
  /** An applied Insights suggestion put this carrier first for the destination. */
  | 'carrier-rule';

export interface Reason {
  code: ReasonCode;
  /** Values for the UI's message template (i18n happens in the renderer). */
  params: Record<string, string | number>;
}

export interface ServiceOption {
  type: 'seller';
  serviceId: string;
  carrier: CarrierId;
  name: string;
  priceMinor: number;
  currency: string;
  chargeableGrams: number;
  transitDays: readonly [number, number];
  reasons: Reason[];
}

export interface PlatformOption {
  type: 'platform';
  carrier: 'tiktok';
  handoverMethod: 'PICKUP' | 'DROP_OFF';
  reasons: Reason[];
}

export type ShippingOption = ServiceOption | PlatformOption;

export interface ShippingSuggestion {
  /** Null when nothing in the table can take the parcel: the packer decides. */
  suggestion: ShippingOption | null;
  /** Reasons that apply to the parcel itself (oversize, remote, hazmat). */
  parcelReasons: Reason[];
  alternatives: ShippingOption[];
  rejected: { serviceId: string; name: string; reasons: Reason[] }[];
}

function r(code: ReasonCode, params: Record<string, string | number> = {}): Reason {
  return { code, params };
}

function normalisePostcode(postalCode: string): string {
  return postalCode.replace(/[\s-]/g, '').toUpperCase();
}

/** The remote area a destination falls in, if any. */
export function findRemoteArea(
  destination: ShipmentFacts['destination'],
  table: Pick<RateTable, 'remoteAreas'>,
): RemoteArea | null {
  const postcode = normalisePostcode(destination.postalCode);
  const region = destination.region.toUpperCase();
  for (const area of table.remoteAreas) {
    if (area.country.toUpperCase() !== destination.country.toUpperCase()) continue;
    if (area.regions.some((reg) => reg.toUpperCase() === region)) return area;
    if (area.postalPrefixes.some((p) => postcode.startsWith(normalisePostcode(p)))) return area;
  }
  return null;
}

/** Billable weight: the larger of actual and volumetric weight, when the service uses one. */
export function chargeableGrams(
  facts: Pick<ShipmentFacts, 'weightGrams' | 'dimensionsCm'>,
  divisor: number | null,
): number {
  if (divisor === null) return facts.weightGrams;
  const { length, width, height } = facts.dimensionsCm;
  const volumetric = Math.ceil(((length * width * height) / divisor) * 1_000);
  return Math.max(facts.weightGrams, volumetric);
}

function longestSide(facts: ShipmentFacts): number {
  const { length, width, height } = facts.dimensionsCm;
  return Math.max(length, width, height);
}

type Priced = { ok: true; option: ServiceOption } | { ok: false; reasons: Reason[] };

function priceService(
  service: RateService,
  facts: ShipmentFacts,
  remote: RemoteArea | null,
): Priced {
  const rejections: Reason[] = [];
  const country = facts.destination.country.toUpperCase();
  if (!service.countries.includes(country)) rejections.push(r('wrong-country', { country }));
  if (facts.goods.battery && !service.allowsBattery) rejections.push(r('battery-not-allowed'));
  if (facts.goods.liquid && !service.allowsLiquid) rejections.push(r('liquid-not-allowed'));
  const longest = longestSide(facts);
  if (longest > service.maxLongestCm) {
    rejections.push(r('too-long', { longestCm: longest, maxCm: service.maxLongestCm }));
  }
  if (remote && service.remote === 'no-service') {
    rejections.push(r('remote-not-served', { area: remote.name }));
  }
  const grams = chargeableGrams(facts, service.volumetricDivisor);
  const bracket = service.brackets.find((b) => grams <= b.upToGrams);
  if (facts.weightGrams > service.maxWeightGrams || !bracket) {
    rejections.push(r('too-heavy', { grams, maxGrams: service.maxWeightGrams }));
  }
  if (rejections.length > 0 || !bracket) return { ok: false, reasons: rejections };

  const reasons: Reason[] = [r('weight-bracket', { grams, upToGrams: bracket.upToGrams })];
  let priceMinor = bracket.priceMinor;
  if (remote && service.remote === 'surcharge') {
    priceMinor += service.remoteSurchargeMinor;
    reasons.push(
      r('remote-surcharge', { area: remote.name, amountMinor: service.remoteSurchargeMinor }),
    );
  }
  if (facts.goods.battery) reasons.push(r('battery-allowed'));
  if (facts.goods.liquid) reasons.push(r('liquid-allowed'));
  if (facts.goods.fragile && service.fragileCare) reasons.push(r('fragile-care'));
  return {
    ok: true,
    option: {
      type: 'seller',
      serviceId: service.id,
      carrier: service.carrier,
      name: service.name,
      priceMinor,
      currency: service.currency,
      chargeableGrams: grams,
      transitDays: service.transitDays,
      reasons,
    },
  };
}

function parcelReasons(
  facts: ShipmentFacts,
  table: RateTable,
  remote: RemoteArea | null,
): Reason[] {
  const reasons: Reason[] = [];
  const longest = longestSide(facts);
  if (longest > table.oversizeLongestCm) {
    reasons.push(r('oversize', { longestCm: longest, limitCm: table.oversizeLongestCm }));
  }
  if (facts.weightGrams > table.overweightGrams) {
    reasons.push(r('overweight', { grams: facts.weightGrams, limitGrams: table.overweightGrams }));
  }
  if (remote) reasons.push(r('remote-area', { area: remote.name }));
  if (facts.goods.battery) reasons.push(r('hazmat-label'));
  return reasons;
}

function suggestPlatform(facts: ShipmentFacts, parcel: Reason[]): ShippingSuggestion {
  const canPickup = facts.handover?.canPickup ?? true;
  const canDropOff = facts.handover?.canDropOff ?? true;
  const heavy = parcel.some((p) => p.code === 'overweight' || p.code === 'oversize');
  const options: PlatformOption[] = [];
  const pickup: PlatformOption = {
    type: 'platform',
    carrier: 'tiktok',
    handoverMethod: 'PICKUP',
    reasons: [r('platform-logistics'), r(canDropOff ? 'pickup-available' : 'pickup-only')],
  };
  const dropOff: PlatformOption = {
    type: 'platform',
    carrier: 'tiktok',
    handoverMethod: 'DROP_OFF',
    reasons: canPickup ? [r('platform-logistics')] : [r('platform-logistics'), r('drop-off-only')],
  };
  if (heavy && canPickup) {
    pickup.reasons.push(r('heavy-prefers-pickup'));
    options.push(pickup);
    if (canDropOff) options.push(dropOff);
  } else {
    if (canDropOff) options.push(dropOff);
    if (canPickup) options.push(pickup);
  }
  return {
    suggestion: options[0] ?? null,
    parcelReasons: parcel,
    alternatives: options.slice(1),
    rejected: [],
  };
}

/** Suggests how to ship one parcel, with reasons and ranked alternatives. */
export function suggestShipping(facts: ShipmentFacts, table: RateTable): ShippingSuggestion {
  const remote = findRemoteArea(facts.destination, table);
  const parcel = parcelReasons(facts, table, remote);
  if (facts.shippingType === 'TIKTOK') return suggestPlatform(facts, parcel);

  const eligible: ServiceOption[] = [];
  const rejected: ShippingSuggestion['rejected'] = [];
  for (const service of table.services) {
    const priced = priceService(service, facts, remote);
    if (priced.ok) eligible.push(priced.option);
    else rejected.push({ serviceId: service.id, name: service.name, reasons: priced.reasons });
  }
  const fragile = facts.goods.fragile;
  const careOf = (o: ServiceOption) =>
    fragile && o.reasons.some((x) => x.code === 'fragile-care') ? 0 : 1;
  eligible.sort(
    (a, b) =>
      careOf(a) - careOf(b) ||
      a.priceMinor - b.priceMinor ||
      a.transitDays[1] - b.transitDays[1] ||
      a.serviceId.localeCompare(b.serviceId),
  );
  const cheapest = Math.min(...eligible.map((o) => o.priceMinor));
  const fastest = Math.min(...eligible.map((o) => o.transitDays[1]));
  for (const o of eligible) {
    if (o.priceMinor === cheapest) o.reasons.unshift(r('cheapest', { priceMinor: o.priceMinor }));
    if (o.transitDays[1] === fastest) o.reasons.push(r('fastest', { days: fastest }));
  }
  return {
    suggestion: eligible[0] ?? null,
    parcelReasons: parcel,
    alternatives: eligible.slice(1),
    rejected,
  };
}
