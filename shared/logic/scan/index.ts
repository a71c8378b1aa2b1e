export { createScanClassifier, DEFAULT_SCAN_CONFIG } from './classifier';
export type {
  ClassifierStatus,
  KeyAction,
  RawScan,
  ScanClassifier,
  ScanClassifierConfig,
  ScanEffect,
  ScanFragment,
  ScanTerminator,
  StepResult,
} from './classifier';
export { emulateKeys, mergeByTime, replay } from './emulate';
export type { EmulateOptions, Replay } from './emulate';
export { parseGs1, parseGs1Bracketed } from './gs1';
export type { Gs1Data, Gs1Element } from './gs1';
export { decodeKey, GS, usCharForCode, usCodeForChar } from './keys';
export type { DecodedKey, ScanKeyEvent } from './keys';
export { DEFAULT_NORMALISE, looksLikeLayoutMismatch, normaliseScan, swapCase } from './normalise';
export type {
  NormaliseChange,
  NormaliseInput,
  NormaliseOptions,
  NormalisedScan,
} from './normalise';
export {
  isOrderIdFormat,
  isPackageIdFormat,
  isTrackingFormat,
  itemKey,
  MAX_SCAN_LENGTH,
  parseScan,
  readScan,
  toGtin14,
} from './parse';
export type { GtinFormat, ScanContent } from './parse';
export { rejection, SCAN_REJECT_CODES } from './rejections';
export type { ReasonParams, ScanRejectCode, ScanRejection } from './rejections';
