import { z } from 'zod';

/**
 * The editable rate table: services, their limits and price brackets, and remote areas. Money is
 * integer minor units (cents, pence). The default table is example data for a US or UK bench; the
 * seller edits it to their own contract prices (it is parsed with `RateTable` on every load).
 */

export const CARRIERS = [
  'usps',
  'ups',
  'fedex',
  'dhl',
  'royal-mail',
  'evri',
  'jt',
  'tiktok',
] as const;
export const CarrierId = z.enum(CARRIERS);
export type CarrierId = z.infer<typeof CarrierId>;

export const CARRIER_NAMES: Readonly<Record<CarrierId, string>> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  'royal-mail': 'Royal Mail',
  evri: 'Evri',
  jt: 'J&T Express',
  tiktok: 'TikTok Shipping',
};

export const PriceBracket = z.strictObject({
  /** Inclusive upper bound of the chargeable weight. */
  upToGrams: z.number().int().positive(),
  priceMinor: z.number().int().nonnegative(),
});
export type PriceBracket = z.infer<typeof PriceBracket>;

export const RateService = z
  .strictObject({
    id: z.string().min(1),
    carrier: CarrierId,
    name: z.string().min(1),
    /** ISO 3166-1 alpha-2 destination countries. */
    countries: z.array(z.string().length(2)).min(1),
    currency: z.string().length(3),
    transitDays: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
    maxWeightGrams: z.number().int().positive(),
    maxLongestCm: z.number().positive(),
    allowsBattery: z.boolean(),
    allowsLiquid: z.boolean(),
    /** Tracked, signed or otherwise gentler handling: preferred for fragile goods. */
    fragileCare: z.boolean(),
    remote: z.enum(['included', 'surcharge', 'no-service']),
    remoteSurchargeMinor: z.number().int().nonnegative(),
    /** Divisor for volumetric weight (cm³ per kg); null when the service charges actual weight. */
    volumetricDivisor: z.number().positive().nullable(),
    brackets: z.array(PriceBracket).min(1),
  })
  .refine(
    (s) => s.brackets.every((b, i, all) => i === 0 || b.upToGrams > (all[i - 1]?.upToGrams ?? 0)),
    'brackets must rise by weight',
  );
export type RateService = z.infer<typeof RateService>;

export const RemoteArea = z.strictObject({
  country: z.string().length(2),
  name: z.string(),
  /** Postcode prefixes, compared without spaces and in upper case. */
  postalPrefixes: z.array(z.string()),
  /** Region codes (states, provinces) wholly remote. */
  regions: z.array(z.string()),
});
export type RemoteArea = z.infer<typeof RemoteArea>;

export const RateTable = z.strictObject({
  version: z.literal(1),
  /** Longest side above which a parcel counts as oversize. */
  oversizeLongestCm: z.number().positive(),
  /** Weight above which a parcel counts as overweight (heavy-parcel handling). */
  overweightGrams: z.number().int().positive(),
  remoteAreas: z.array(RemoteArea),
  services: z.array(RateService).min(1),
});
export type RateTable = z.infer<typeof RateTable>;

function brackets(...pairs: [number, number][]): PriceBracket[] {
  return pairs.map(([upToGrams, priceMinor]) => ({ upToGrams, priceMinor }));
}

/** Example prices only: edit them to the seller's contract. */
export const DEFAULT_RATE_TABLE: RateTable = {
  version: 1,
  oversizeLongestCm: 60,
  overweightGrams: 10_000,
  remoteAreas: [
    {
      country: 'US',
      name: 'Alaska, Hawaii and territories',
      postalPrefixes: ['995', '996', '997', '998', '999', '967', '968', '006', '007', '009', '969'],
      regions: ['AK', 'HI', 'PR', 'GU', 'VI', 'AS', 'MP'],
    },
    {
      country: 'GB',
      name: 'Highlands, islands and Northern Ireland',
      postalPrefixes: ['HS', 'ZE', 'KW', 'IV', 'BT', 'IM', 'GY', 'JE', 'PH4', 'PH5', 'PA2', 'PA3'],
      regions: [],
    },
  ],
  services: [
    {
      id: 'usps-ground-advantage',
      carrier: 'usps',
      name: 'USPS Ground Advantage',
      countries: ['US'],
      currency: 'USD',
      transitDays: [2, 5],
      maxWeightGrams: 31_751,
      maxLongestCm: 108,
      allowsBattery: true,
      allowsLiquid: true,
      fragileCare: false,
      remote: 'included',
      remoteSurchargeMinor: 0,
      volumetricDivisor: null,
      brackets: brackets(
        [113, 475],
        [227, 550],
        [454, 690],
        [907, 890],
        [2268, 1250],
        [9072, 2100],
        [31_751, 5200],
      ),
    },
    {
      id: 'usps-priority',
      carrier: 'usps',
      name: 'USPS Priority Mail',
      countries: ['US'],
      currency: 'USD',
      transitDays: [1, 3],
      maxWeightGrams: 31_751,
      maxLongestCm: 108,
      allowsBattery: false,
      allowsLiquid: true,
      fragileCare: true,
      remote: 'included',
      remoteSurchargeMinor: 0,
      volumetricDivisor: 5_000,
      brackets: brackets([454, 920], [907, 1080], [2268, 1490], [9072, 2650], [31_751, 6400]),
    },
    {
      id: 'ups-ground',
      carrier: 'ups',
      name: 'UPS Ground',
      countries: ['US'],
      currency: 'USD',
      transitDays: [1, 5],
      maxWeightGrams: 68_000,
      maxLongestCm: 274,
      allowsBattery: true,
      allowsLiquid: true,
      fragileCare: true,
      remote: 'surcharge',
      remoteSurchargeMinor: 1_500,
      volumetricDivisor: 5_000,
      brackets: brackets([454, 1150], [2268, 1390], [9072, 1990], [31_751, 3600], [68_000, 7900]),
    },
    {
      id: 'fedex-home',
      carrier: 'fedex',
      name: 'FedEx Home Delivery',
      countries: ['US'],
      currency: 'USD',
      transitDays: [1, 5],
      maxWeightGrams: 31_751,
      maxLongestCm: 274,
      allowsBattery: true,
      allowsLiquid: true,
      fragileCare: true,
      remote: 'no-service',
      remoteSurchargeMinor: 0,
      volumetricDivisor: 5_000,
      brackets: brackets([454, 1120], [2268, 1360], [9072, 1940], [31_751, 3500]),
    },
    {
      id: 'royal-mail-tracked-48',
      carrier: 'royal-mail',
      name: 'Royal Mail Tracked 48',
      countries: ['GB'],
      currency: 'GBP',
      transitDays: [2, 3],
      maxWeightGrams: 20_000,
      maxLongestCm: 61,
      allowsBattery: true,
      allowsLiquid: true,
      fragileCare: false,
      remote: 'included',
      remoteSurchargeMinor: 0,
      volumetricDivisor: null,
      brackets: brackets([1_000, 335], [2_000, 405], [10_000, 595], [20_000, 945]),
    },
    {
      id: 'royal-mail-tracked-24',
      carrier: 'royal-mail',
      name: 'Royal Mail Tracked 24',
      countries: ['GB'],
      currency: 'GBP',
      transitDays: [1, 2],
      maxWeightGrams: 20_000,
      maxLongestCm: 61,
      allowsBattery: false,
      allowsLiquid: true,
      fragileCare: true,
      remote: 'included',
      remoteSurchargeMinor: 0,
      volumetricDivisor: null,
      brackets: brackets([1_000, 435], [2_000, 505], [10_000, 695], [20_000, 1045]),
    },
    {
      id: 'evri-48',
      carrier: 'evri',
      name: 'Evri 48',
      countries: ['GB'],
      currency: 'GBP',
      transitDays: [2, 4],
      maxWeightGrams: 15_000,
      maxLongestCm: 120,
      allowsBattery: false,
      allowsLiquid: false,
      fragileCare: false,
      remote: 'surcharge',
      remoteSurchargeMinor: 250,
      volumetricDivisor: 5_000,
      brackets: brackets([1_000, 299], [2_000, 349], [5_000, 449], [15_000, 749]),
    },
    {
      id: 'dhl-parcel-uk',
      carrier: 'dhl',
      name: 'DHL Parcel UK',
      countries: ['GB'],
      currency: 'GBP',
      transitDays: [1, 2],
      maxWeightGrams: 31_500,
      maxLongestCm: 120,
      allowsBattery: true,
      allowsLiquid: true,
      fragileCare: true,
      remote: 'surcharge',
      remoteSurchargeMinor: 600,
      volumetricDivisor: 5_000,
      brackets: brackets([5_000, 695], [15_000, 895], [31_500, 1295]),
    },
  ],
};
