/**
 * zh-CN and English texts for every reason and message code of the confirmation rules, the scan
 * parser and the pack checklist. Pure data plus one formatter; `{name}` is filled from params.
 * The `satisfies` clause makes a missing code or language a compile error.
 */
import { CONFIRM_CODES, type ConfirmCode } from '#shared/logic/confirm/reasons';
import { PACK_ERROR_CODES, type PackErrorCode } from '#shared/logic/pack/checklist';
import { PACK_MESSAGE_CODES, type PackMessageCode } from '#shared/logic/pack/feedback';
import { SCAN_REJECT_CODES, type ScanRejectCode } from '#shared/logic/scan/rejections';

export const REASON_LOCALES = ['zh-CN', 'en'] as const;
export type ReasonLocale = (typeof REASON_LOCALES)[number];

export type ReasonCode = ConfirmCode | ScanRejectCode | PackMessageCode | PackErrorCode;

export const ALL_REASON_CODES: readonly ReasonCode[] = [
  ...CONFIRM_CODES,
  ...SCAN_REJECT_CODES,
  ...PACK_MESSAGE_CODES,
  ...PACK_ERROR_CODES,
];

type Texts = Readonly<Record<ReasonLocale, string>>;

export const REASON_TEXTS = {
  // ---------------------------------------------------------------- order status
  'order.cancelled': { 'zh-CN': '订单已取消，禁止发货', en: 'Order cancelled: do not ship' },
  'order.on-hold': {
    'zh-CN': '订单处于买家免费取消期（暂缓发货），请稍后再处理',
    en: 'Order on hold (buyer can still cancel free): do not ship yet',
  },
  'order.cancel-requested': {
    'zh-CN': '买家已申请取消，请先处理取消申请，禁止发货',
    en: 'Buyer asked to cancel: handle the request first, do not ship',
  },
  'order.stop-ship': { 'zh-CN': '订单被标记为停止发货', en: 'Order marked stop-ship' },
  'order.not-paid': { 'zh-CN': '订单未付款', en: 'Order not paid' },
  'order.already-shipped': {
    'zh-CN': '订单已发货（状态：{status}）',
    en: 'Order already shipped (status: {status})',
  },
  'order.already-arranged': {
    'zh-CN': '该订单已安排揽收，请确认尚未打包交接',
    en: 'Shipment already arranged: check it has not been packed and handed over',
  },
  'order.address-changed': {
    'zh-CN': '收货地址已变更，请核对后再封箱',
    en: 'Address changed: check it before sealing',
  },
  'order.no-lines': { 'zh-CN': '订单没有商品', en: 'Order has no items' },
  // ---------------------------------------------------------------- recipient
  'recipient.name-missing': { 'zh-CN': '缺少收件人姓名', en: 'Recipient name missing' },
  'recipient.name-implausible': {
    'zh-CN': '收件人姓名可疑：{name}',
    en: 'Recipient name looks wrong: {name}',
  },
  'recipient.phone-missing': { 'zh-CN': '缺少收件人电话', en: 'Recipient phone missing' },
  'recipient.phone-implausible': {
    'zh-CN': '收件人电话可疑：{phone}',
    en: 'Recipient phone looks wrong: {phone}',
  },
  'recipient.address-missing': { 'zh-CN': '缺少收货地址', en: 'Delivery address missing' },
  'recipient.address-implausible': {
    'zh-CN': '收货地址过短或可疑：{address}',
    en: 'Delivery address too short or odd: {address}',
  },
  'recipient.postal-missing': {
    'zh-CN': '缺少邮编（{region}）',
    en: 'Postal code missing ({region})',
  },
  'recipient.postal-invalid': {
    'zh-CN': '邮编格式不符（{region}）：{postalCode}，例如 {example}',
    en: 'Postal code does not fit {region}: {postalCode} (e.g. {example})',
  },
  // ---------------------------------------------------------------- amounts
  'amount.unparseable': {
    'zh-CN': '金额无法识别：{field} = {value}',
    en: 'Amount unreadable: {field} = {value}',
  },
  'amount.lines-mismatch': {
    'zh-CN': '商品金额合计 {linesTotal} 与小计 {subTotal} {currency} 不符',
    en: 'Item prices add up to {linesTotal}, subtotal says {subTotal} {currency}',
  },
  'amount.total-mismatch': {
    'zh-CN': '订单总额应为 {expected}，实际为 {totalAmount} {currency}',
    en: 'Total should be {expected} but is {totalAmount} {currency}',
  },
  // ---------------------------------------------------------------- SKUs and stock
  'sku.unknown': {
    'zh-CN': '未知商品 {sellerSku}（SKU {skuId}），请先同步商品',
    en: 'Unknown item {sellerSku} (SKU {skuId}): sync the catalog first',
  },
  'sku.no-barcode': {
    'zh-CN': '{sellerSku} 没有条码，打包时需手动输入数量',
    en: '{sellerSku} has no barcode: enter its quantity by hand when packing',
  },
  'stock.short': {
    'zh-CN': '{sellerSku} 库存不足：需要 {needed}，可用 {available}',
    en: '{sellerSku} short: need {needed}, available {available}',
  },
  'stock.untracked': {
    'zh-CN': '{sellerSku} 未记录本地库存',
    en: '{sellerSku} has no local stock record',
  },
  // ---------------------------------------------------------------- ship-by
  'shipby.overdue': {
    'zh-CN': '已超过最晚发货时间 {minutes} 分钟，请立即发货',
    en: 'Ship-by passed {minutes} min ago: ship now',
  },
  'shipby.soon': {
    'zh-CN': '距最晚发货时间仅剩 {minutes} 分钟',
    en: 'Only {minutes} min left to ship',
  },
  // ---------------------------------------------------------------- scans
  'scan.empty': { 'zh-CN': '扫描内容为空', en: 'Empty scan' },
  'scan.too-long': {
    'zh-CN': '扫描内容过长（{length} 个字符，最多 {max}）',
    en: 'Scan too long ({length} characters, max {max})',
  },
  'scan.control-chars': {
    'zh-CN': '扫描内容含有控制字符',
    en: 'Scan contains control characters',
  },
  'scan.bad-check-digit': {
    'zh-CN': '条码 {code} 校验位错误，可能误读，请重扫',
    en: 'Barcode {code} fails its check digit: misread, scan again',
  },
  'scan.gs1-malformed': {
    'zh-CN': 'GS1 条码格式错误：{detail}',
    en: 'Malformed GS1 barcode: {detail}',
  },
  'scan.layout-mismatch': {
    'zh-CN': '扫描结果 {text} 疑似键盘布局不符，请将扫码枪设为美式键盘或在设置中开启按键位解码',
    en: 'Scan {text} looks garbled by the keyboard layout: set the scanner to US layout',
  },
  'scan.ime-lost-chars': {
    'zh-CN': '输入法吞掉了 {lost} 个字符：请切换到英文输入后重扫',
    en: 'The input method ate {lost} characters: switch to English input and scan again',
  },
  'scan.incomplete': {
    'zh-CN': '扫描未能识别 — 请重新扫描（不计数）',
    en: 'Scan not understood — scan again (not counted)',
  },
  // ---------------------------------------------------------------- pack outcomes
  'pack.ticked': { 'zh-CN': '已核对 {count}/{of}', en: 'Checked {count}/{of}' },
  'pack.complete': { 'zh-CN': '全部商品已核对，可以封箱', en: 'All items checked: ready to seal' },
  'pack.complete-blocked': {
    'zh-CN': '商品已齐，但仍有未处理的警告',
    en: 'All items counted, but an alert is still open',
  },
  'pack.wrong-item': {
    'zh-CN': '错误商品！此商品不属于本订单，请取出',
    en: 'Wrong item! Not in this order: take it out',
  },
  'pack.over-scan': {
    'zh-CN': '数量超出！该商品只需 {of} 件，请取出多余的',
    en: 'Too many! Only {of} needed: take the extra out',
  },
  'pack.unknown-barcode': {
    'zh-CN': '未知条码 {code}，不计数',
    en: 'Unknown barcode {code}: not counted',
  },
  'pack.other-order': {
    'zh-CN': '这是另一个订单的条码（{code}），不计数',
    en: 'That code belongs to another order ({code}): not counted',
  },
  'pack.this-order': { 'zh-CN': '已是当前订单', en: 'This order is already open' },
  'pack.invalid': {
    'zh-CN': '无效条码 {code}，请重扫',
    en: 'Invalid barcode {code}: scan again',
  },
  'pack.sku-not-in-order': {
    'zh-CN': '该商品不在本订单中',
    en: 'That item is not in this order',
  },
  'pack.manual-not-allowed': {
    'zh-CN': '有条码的商品必须扫码，或由主管授权',
    en: 'Items with a barcode must be scanned, or a supervisor must override',
  },
  'pack.qty-out-of-range': {
    'zh-CN': '数量 {qty} 无效，应在 0 到 {max} 之间',
    en: 'Quantity {qty} invalid: must be 0 to {max}',
  },
  'pack.reason-required': { 'zh-CN': '请填写原因', en: 'A reason is required' },
  'pack.supervisor-required': {
    'zh-CN': '需要主管授权',
    en: 'A supervisor must approve',
  },
} as const satisfies Record<ReasonCode, Texts>;

/** The `{name}` placeholders a text uses. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

/** The text for a code in a locale, with params filled in; unknown placeholders stay visible. */
export function formatReason(
  reason: { code: ReasonCode; params?: Readonly<Record<string, string | number>> },
  locale: ReasonLocale,
): string {
  const template: string = REASON_TEXTS[reason.code][locale];
  const params = reason.params ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
