export { Barcode } from './Barcode';
export { LabelPreview } from './LabelPreview';
export { PackingSlip } from './PackingSlip';
export { PrintDocument } from './PrintDocument';
export { WaybillLabel } from './WaybillLabel';
export {
  carrierOf,
  DEFAULT_SENDER,
  loadDocuments,
  SENDER_SETTING_KEY,
  trackingNumberOf,
  type DocumentData,
  type Sender,
} from './documents';
