import type { TFunction } from 'i18next';
import { CARRIER_NAMES } from '#shared/logic/shipping/index';
import type { Suggestion } from '#shared/logic/insights/index';
import { pct } from './format';

/** One sentence per suggestion, with its evidence and sample size. */
export function suggestionText(
  t: TFunction,
  s: Suggestion,
  skuName: (id: string) => string,
): string {
  const e = s.evidence;
  const base = {
    rate: pct(e.value),
    numerator: e.numerator,
    sample: e.sample,
    compare: pct(e.compareValue),
    compareSample: e.compareSample ?? 0,
  };
  switch (s.action.kind) {
    case 'carrier-rule':
      return t('insights.suggestions.carrier-late-region', {
        ...base,
        avoid: CARRIER_NAMES[s.action.avoid],
        prefer: CARRIER_NAMES[s.action.prefer],
        place: s.action.region ? `${s.action.country}/${s.action.region}` : s.action.country,
      });
    case 'packing-note':
      return t('insights.suggestions.sku-damage', { ...base, sku: skuName(s.action.skuId) });
    case 'packer-check':
      return t('insights.suggestions.packer-mis-scans', { ...base, packer: s.action.packer });
  }
}
