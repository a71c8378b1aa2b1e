export { checkAmounts } from './amounts';
export {
  BATCHABLE_WARNINGS,
  batchBlockers,
  blockingReasons,
  canBatchConfirm,
  confirmBatch,
  confirmOrder,
  isBatchClean,
} from './confirm';
export type { BatchBlocker, BatchOutcome, ConfirmContext, ConfirmResult } from './confirm';
export {
  checkAddress,
  checkName,
  checkPhone,
  checkPostalCode,
  checkRecipient,
  isMasked,
  POSTAL_RULES,
} from './recipient';
export { CONFIRM_CODES, stop, warn } from './reasons';
export type { ConfirmCode, Reason, Severity } from './reasons';
export { checkShipBy, SHIP_BY_SOON_MS, shipByCountdown } from './shipby';
export type { Countdown } from './shipby';
export { available, consume, release, reserve, unitsBySku, withRows } from './stock';
export type { StockMap } from './stock';
