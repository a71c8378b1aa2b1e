import type { DelayCode } from './delay-rules';
import type { ExceptionKind, ParcelStatus } from './taxonomy';

/**
 * zh-CN and English texts of every delay reason and parcel status. Pure data; `satisfies`
 * makes a missing code or language a compile error. `{hours}`/`{days}` are filled by the caller.
 */
type Texts = Readonly<{ 'zh-CN': string; en: string }>;

export const DELAY_TEXTS = {
  'no-first-scan': {
    'zh-CN': '交接后 {hours} 小时仍无承运商扫描',
    en: 'No carrier scan {hours} hours after handover',
  },
  'no-movement': {
    'zh-CN': '{days} 天没有物流更新',
    en: 'No movement for {days} days',
  },
  'past-promised-date': {
    'zh-CN': '已超过承诺送达日期',
    en: 'Past the promised delivery date',
  },
  'failed-attempt': { 'zh-CN': '投递失败', en: 'Delivery attempt failed' },
  exception: {
    'zh-CN': '物流异常（破损、丢失或销毁）',
    en: 'Carrier exception (damaged, lost or scrapped)',
  },
  'returned-to-sender': { 'zh-CN': '包裹正在退回发件人', en: 'Returned to sender' },
} as const satisfies Record<DelayCode, Texts>;

export const STATUS_TEXTS = {
  'info-received': { 'zh-CN': '已创建运单', en: 'Info received' },
  'in-transit': { 'zh-CN': '运输中', en: 'In transit' },
  'out-for-delivery': { 'zh-CN': '派送中', en: 'Out for delivery' },
  'failed-attempt': { 'zh-CN': '投递失败', en: 'Failed attempt' },
  'available-for-pickup': { 'zh-CN': '待取件', en: 'Available for pickup' },
  delivered: { 'zh-CN': '已签收', en: 'Delivered' },
  exception: { 'zh-CN': '异常', en: 'Exception' },
  expired: { 'zh-CN': '长期无更新', en: 'Expired (no updates)' },
} as const satisfies Record<ParcelStatus, Texts>;

export const EXCEPTION_TEXTS = {
  damaged: { 'zh-CN': '破损', en: 'Damaged' },
  lost: { 'zh-CN': '丢失', en: 'Lost' },
  'returned-to-sender': { 'zh-CN': '退回发件人', en: 'Returned to sender' },
  scrapped: { 'zh-CN': '已销毁', en: 'Scrapped' },
  other: { 'zh-CN': '其他异常', en: 'Other exception' },
} as const satisfies Record<ExceptionKind, Texts>;

export function delayText(
  code: DelayCode,
  locale: 'zh-CN' | 'en',
  params: { hours?: number; days?: number } = {},
): string {
  return DELAY_TEXTS[code][locale]
    .replace('{hours}', String(params.hours ?? ''))
    .replace('{days}', String(params.days ?? ''));
}
