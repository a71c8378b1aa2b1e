import { z } from 'zod';
import { CarrierId, type ShipmentFacts, type ShippingSuggestion } from '../shipping/index';

/**
 * A carrier rule from an applied suggestion: "to US/Texas, prefer UPS over USPS". It reorders the
 * ship step's options: the preferred carrier's best option comes first, with a reason. It never
 * makes a service eligible that the hard rules (weight, size, goods, remote areas) refused.
 */
export const CarrierRule = z.strictObject({
  id: z.string().min(1),
  country: z.string().length(2),
  /** State or province as the address gives it; "" for the whole country. */
  region: z.string(),
  prefer: CarrierId,
  avoid: CarrierId,
  /** The suggestion this rule came from. */
  suggestionId: z.string().min(1),
  createdAt: z.number(),
  createdBy: z.string(),
});
export type CarrierRule = z.infer<typeof CarrierRule>;

export const CarrierRules = z.array(CarrierRule);

export function ruleMatches(rule: CarrierRule, destination: ShipmentFacts['destination']): boolean {
  if (rule.country.toUpperCase() !== destination.country.toUpperCase()) return false;
  return rule.region === '' || rule.region.toLowerCase() === destination.region.toLowerCase();
}

/** The suggestion with the first matching carrier rule applied (unchanged when none applies). */
export function applyCarrierRules(
  suggestion: ShippingSuggestion,
  rules: readonly CarrierRule[],
  destination: ShipmentFacts['destination'],
): ShippingSuggestion {
  const current = suggestion.suggestion;
  if (!current || current.type !== 'seller') return suggestion;
  const options = [current, ...suggestion.alternatives];
  for (const rule of rules) {
    if (!ruleMatches(rule, destination)) continue;
    const preferred = options.find((o) => o.type === 'seller' && o.carrier === rule.prefer);
    if (!preferred || preferred.type !== 'seller') continue;
    if (preferred === current) return suggestion;
    const place = rule.region === '' ? rule.country : `${rule.country}/${rule.region}`;
    const chosen = {
      ...preferred,
      reasons: [
        { code: 'carrier-rule' as const, params: { avoid: rule.avoid, place } },
        ...preferred.reasons,
      ],
    };
    return {
      ...suggestion,
      suggestion: chosen,
      alternatives: options.filter((o) => o !== preferred),
    };
  }
  return suggestion;
}
