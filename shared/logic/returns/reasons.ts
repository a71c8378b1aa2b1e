import type { UnitGrade } from './types';

/**
 * One reason taxonomy for after-sales: the shop's reason codes (what the buyer said) and the
 * inspector's findings (what came back) map to the same categories, so step 6 can compare them
 * ("buyer said damaged, inspector found a crushed box: carrier") and count them per SKU, carrier
 * and packer. The shop's codes are long snake_case names (`ecom_order_delivered_refund_and_return_
 * reason_wrong_item`…) that differ per market and version: they are matched by their words, and
 * anything unknown is `other`, never an error.
 */

export const REASON_CATEGORIES = [
  'damaged',
  'defective',
  'wrong-item',
  'missing-item',
  'not-as-described',
  'size-fit',
  'changed-mind',
  'not-received',
  'late',
  'other',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

/** Who most likely caused it: the seller's packing, the carrier, the supplier, or the buyer. */
export type Liability = 'seller' | 'carrier' | 'supplier' | 'buyer' | 'unknown';

export const FINDINGS = [
  'as-new',
  'no-fault-found',
  'opened-used',
  'crushed-box',
  'broken-in-transit',
  'defect-confirmed',
  'wrong-item-sent',
  'wrong-item-returned',
  'missing-parts',
  'empty-parcel',
] as const;
export type Finding = (typeof FINDINGS)[number];

/** Word patterns of the shop's reason names, first match wins (order matters). */
const BUYER_PATTERNS: ReadonlyArray<readonly [RegExp, ReasonCategory]> = [
  [/not_?received|never_?arrived|lost|package_?not_?delivered|no_?delivery/, 'not-received'],
  [/wrong|incorrect|different_?item|not_?ordered/, 'wrong-item'],
  [/missing|incomplete|empty|parts?_?missing|lack/, 'missing-item'],
  [/damage|broken|crush|leak|shatter|dent/, 'damaged'],
  [/defect|faulty|not_?work|malfunction|quality|expired/, 'defective'],
  [/not_?as_?described|description|fake|counterfeit|mismatch|not_?match/, 'not-as-described'],
  [/size|fit|too_?(small|large|big|tight)/, 'size-fit'],
  [/late|delay|arrived_?late|took_?too_?long/, 'late'],
  [
    /no_?longer|change_?of_?mind|changed_?mind|dont_?want|do_?not_?want|better_?price|mistake|accident/,
    'changed-mind',
  ],
];

/** The category of a buyer's reason code (or its text). */
export function categoryOfReason(code: string): ReasonCategory {
  const key = code
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');
  for (const [re, category] of BUYER_PATTERNS) if (re.test(key)) return category;
  return 'other';
}

const FINDING_MAP: Readonly<Record<Finding, { category: ReasonCategory; liability: Liability }>> = {
  'as-new': { category: 'changed-mind', liability: 'buyer' },
  'no-fault-found': { category: 'changed-mind', liability: 'buyer' },
  'opened-used': { category: 'changed-mind', liability: 'buyer' },
  'crushed-box': { category: 'damaged', liability: 'carrier' },
  'broken-in-transit': { category: 'damaged', liability: 'carrier' },
  'defect-confirmed': { category: 'defective', liability: 'supplier' },
  'wrong-item-sent': { category: 'wrong-item', liability: 'seller' },
  'wrong-item-returned': { category: 'other', liability: 'buyer' },
  'missing-parts': { category: 'missing-item', liability: 'unknown' },
  'empty-parcel': { category: 'missing-item', liability: 'unknown' },
};

export function categoryOfFinding(finding: Finding): ReasonCategory {
  return FINDING_MAP[finding].category;
}

export function liabilityOfFinding(finding: Finding): Liability {
  return FINDING_MAP[finding].liability;
}

/** The finding a grade implies when the inspector names none. */
export function findingOfGrade(grade: UnitGrade): Finding {
  switch (grade) {
    case 'resellable':
      return 'as-new';
    case 'opened':
      return 'opened-used';
    case 'damaged':
      return 'broken-in-transit';
    case 'wrong-item':
      return 'wrong-item-returned';
    case 'missing-parts':
      return 'missing-parts';
  }
}

export interface ReasonAnalysis {
  buyerCategory: ReasonCategory;
  foundCategory: ReasonCategory | null;
  /** Null until something was inspected. */
  agrees: boolean | null;
  liability: Liability;
}

/** How severe a finding is, to pick the one finding that speaks for a whole parcel. */
const SEVERITY: Readonly<Record<Finding, number>> = {
  'wrong-item-sent': 9,
  'empty-parcel': 8,
  'defect-confirmed': 7,
  'broken-in-transit': 6,
  'crushed-box': 5,
  'missing-parts': 4,
  'wrong-item-returned': 3,
  'opened-used': 2,
  'no-fault-found': 1,
  'as-new': 0,
};

/** Compares what the buyer said with what the inspector found across a parcel's units. */
export function analyseReturn(buyerReason: string, findings: readonly Finding[]): ReasonAnalysis {
  const buyerCategory = categoryOfReason(buyerReason);
  if (findings.length === 0) {
    return { buyerCategory, foundCategory: null, agrees: null, liability: 'unknown' };
  }
  const worst = [...findings].sort((a, b) => SEVERITY[b] - SEVERITY[a])[0] as Finding;
  const foundCategory = categoryOfFinding(worst);
  return {
    buyerCategory,
    foundCategory,
    agrees: foundCategory === buyerCategory,
    liability: liabilityOfFinding(worst),
  };
}
