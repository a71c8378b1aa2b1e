/** Confirmation reasons: stable codes with a severity. Texts live in `#shared/i18n/reasons`. */
import type { ReasonParams } from '#shared/logic/scan/rejections';

export const CONFIRM_CODES = [
  'order.cancelled',
  'order.on-hold',
  'order.cancel-requested',
  'order.stop-ship',
  'order.not-paid',
  'order.already-shipped',
  'order.already-arranged',
  'order.address-changed',
  'order.no-lines',
  'recipient.name-missing',
  'recipient.name-implausible',
  'recipient.phone-missing',
  'recipient.phone-implausible',
  'recipient.address-missing',
  'recipient.address-implausible',
  'recipient.postal-missing',
  'recipient.postal-invalid',
  'amount.unparseable',
  'amount.lines-mismatch',
  'amount.total-mismatch',
  'sku.unknown',
  'sku.no-barcode',
  'stock.short',
  'stock.untracked',
  'shipby.overdue',
  'shipby.soon',
] as const;
export type ConfirmCode = (typeof CONFIRM_CODES)[number];

/** `stop`: the order must not be confirmed. `warn`: confirm with care. */
export type Severity = 'stop' | 'warn';

export interface Reason {
  readonly code: ConfirmCode;
  readonly severity: Severity;
  readonly params: ReasonParams;
  /** Shown loudly (colour and sound), e.g. an overdue ship-by. */
  readonly loud?: true;
}

export function stop(code: ConfirmCode, params: ReasonParams = {}): Reason {
  return { code, severity: 'stop', params };
}

export function warn(code: ConfirmCode, params: ReasonParams = {}, loud = false): Reason {
  return loud ? { code, severity: 'warn', params, loud: true } : { code, severity: 'warn', params };
}
