/**
 * One status taxonomy for a parcel after it leaves the bench, whatever the carrier calls it.
 * The shop gives two things (tiktok-shop-api.md §5.3, §6.2): the package detail's
 * `package_status` / `package_sub_status` / `ship_exception_reason`, and the order's tracking
 * events (free carrier text with a time in milliseconds). Both map here through tables, in
 * English and Chinese carrier wording; the carrier's original text is always kept beside it.
 */

export const PARCEL_STATUSES = [
  'info-received',
  'in-transit',
  'out-for-delivery',
  'failed-attempt',
  'available-for-pickup',
  'delivered',
  'exception',
  'expired',
] as const;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

export const EXCEPTION_KINDS = [
  'damaged',
  'lost',
  'returned-to-sender',
  'scrapped',
  'other',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export interface Classified {
  status: ParcelStatus;
  exception?: ExceptionKind;
}

interface TextRule {
  /** Matched against the lower-cased text. */
  pattern: RegExp;
  result: Classified;
}

/**
 * Carrier wording → status, most specific first: the first rule that matches wins ("delivery
 * attempted" is a failed attempt, not a delivery; "returned to sender" is an exception, not an
 * event of transit). English and 简体中文 (as Chinese carriers and cross-border lines write it).
 */
export const CARRIER_TEXT_RULES: readonly TextRule[] = [
  // exceptions
  {
    pattern: /return(ed|ing)? to (sender|shipper|origin)|退回发件人|退回寄件人|已退回|退件|退回/,
    result: { status: 'exception', exception: 'returned-to-sender' },
  },
  {
    pattern: /\blost\b|cannot be located|missing parcel|丢失|遗失|丢件/,
    result: { status: 'exception', exception: 'lost' },
  },
  {
    pattern: /damaged|broken|破损|损坏/,
    result: { status: 'exception', exception: 'damaged' },
  },
  {
    pattern: /scrapp?ed|destroyed|disposed|销毁|报废/,
    result: { status: 'exception', exception: 'scrapped' },
  },
  // a failed delivery attempt (before "delivered": "delivery attempted")
  {
    pattern:
      /attempt(ed)? (delivery|to deliver)|delivery attempt|unable to deliver|could not be delivered|no one (was )?(home|available)|recipient (not available|absent)|address (problem|issue|incorrect|not found)|投递失败|派送失败|派送不成功|无人签收|联系不上收件人|地址错误|地址有误/,
    result: { status: 'failed-attempt' },
  },
  // pickup point
  {
    pattern:
      /available for (pick ?up|collection)|ready for (pick ?up|collection)|held at (post office|pick ?up point)|awaiting collection by (the )?(recipient|buyer)|待取件|已到达自提点|已放入快递柜|已存放|驿站|自提/,
    result: { status: 'available-for-pickup' },
  },
  // delivered
  {
    pattern: /\bdelivered\b|签收|已送达|妥投|已投递/,
    result: { status: 'delivered' },
  },
  // out for delivery
  {
    pattern:
      /out for delivery|with (the )?courier for delivery|on (its|the) way to (you|the recipient)|派送中|正在派送|派件中|安排投递|开始派送/,
    result: { status: 'out-for-delivery' },
  },
  // the carrier knows about it, nothing moved yet ("awaiting pickup" before "picked up")
  {
    pattern:
      /label (created|printed)|shipping label|shipment information received|pre-?shipment|electronic notification|awaiting (carrier|pickup)|order (information )?received|已下单|电子面单|等待揽收|待揽收|已创建运单/,
    result: { status: 'info-received' },
  },
  // in transit (any movement)
  {
    pattern:
      /picked up|pick-up scan|accepted|arrived|departed|in transit|processed|sorting|sorted|transit|customs|clearance|hub|facility|揽收|已揽件|收件|到达|离开|发往|运输中|转运|中转|分拣|清关|航班|装车/,
    result: { status: 'in-transit' },
  },
];

/** A carrier text's status, or null when no rule knows it (kept, shown as is, not counted). */
export function classifyCarrierText(text: string): Classified | null {
  const t = text.toLowerCase().normalize('NFKC');
  for (const rule of CARRIER_TEXT_RULES) if (rule.pattern.test(t)) return rule.result;
  return null;
}

/** `ship_exception_reason` of the package detail (§6.2; `PACKAGE_DAMAGAED` is the API's spelling). */
export const EXCEPTION_REASONS: Readonly<Record<string, ExceptionKind>> = {
  PACKAGE_DAMAGAED: 'damaged',
  PACKAGE_DAMAGED: 'damaged',
  PACKAGE_LOST: 'lost',
  RETURNED_TO_SHIPPER: 'returned-to-sender',
  PACKAGE_SCRAP: 'scrapped',
};

/**
 * The package detail → status, or null when it says nothing beyond "shipped". `COMPLETED` is
 * delivered; `CANCELLED` after shipping, or a `Ship_exception` sub-status, is an exception with
 * the reason the shop names.
 */
export function classifyPackage(pkg: {
  packageStatus: string;
  subStatus?: string | null;
  exceptionReason?: string | null;
}): Classified | null {
  const reason = pkg.exceptionReason ? EXCEPTION_REASONS[pkg.exceptionReason.toUpperCase()] : null;
  const sub = (pkg.subStatus ?? '').toUpperCase();
  if (reason) return { status: 'exception', exception: reason };
  if (sub === 'SHIP_EXCEPTION') return { status: 'exception', exception: 'other' };
  switch (pkg.packageStatus.toUpperCase().replace(/\s+/g, '_')) {
    case 'COMPLETED':
      return { status: 'delivered' };
    case 'CANCELLED':
      return { status: 'exception', exception: 'other' };
    case 'FULFILLING':
      return sub === 'DELIVERY' ? { status: 'out-for-delivery' } : { status: 'in-transit' };
    case 'PROCESSING':
      return { status: 'info-received' };
    default:
      return null;
  }
}

/** No more refreshes after these: the parcel's journey is over. */
export function isFinal(c: Classified): boolean {
  if (c.status === 'delivered' || c.status === 'expired') return true;
  return c.status === 'exception' && c.exception !== 'damaged' && c.exception !== 'other';
}

/** How far along a status is; a later event never moves a parcel back (except exceptions). */
const RANK: Record<ParcelStatus, number> = {
  'info-received': 0,
  'in-transit': 1,
  'out-for-delivery': 2,
  'failed-attempt': 2,
  'available-for-pickup': 3,
  delivered: 4,
  exception: 5,
  expired: 6,
};

export function statusRank(s: ParcelStatus): number {
  return RANK[s];
}
