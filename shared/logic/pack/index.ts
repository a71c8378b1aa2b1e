export { buildBarcodeIndex } from './barcode-index';
export type { BarcodeIndex, BarcodeProblem } from './barcode-index';
export { applyManual, applyScan, createPackState, isVerified, PACK_ERROR_CODES } from './checklist';
export type {
  AlertKind,
  PackAlert,
  PackError,
  PackErrorCode,
  PackLine,
  PackState,
  ScanContext,
  ScanOutcome,
  ScanStep,
} from './checklist';
export { outcomeFeedback, PACK_MESSAGE_CODES } from './feedback';
export type { PackFeedback, PackMessageCode, PackSound, PackTone } from './feedback';
export { applyOverride, resolveAlerts } from './override';
export { resumePackState } from './resume';
export type { OverrideAudit, OverrideStep } from './override';
