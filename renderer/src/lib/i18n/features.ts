import { devicesText } from '../../features/devices/i18n';
import { handoverText } from '../../features/handover/i18n';
import { importText } from '../../features/import/i18n';
import { insightsText } from '../../features/insights/i18n';
import { intakeText } from '../../features/intake/i18n';
import { historyText } from '../../features/order/i18n';
import { outboxText } from '../../features/outbox/i18n';
import { shopSettingsText } from '../../features/settings/shop-i18n';
import { packingText } from '../../features/packing/i18n';
import { printingText } from '../../features/printing/i18n';
import { recoveryText } from '../../features/recovery/i18n';
import { batchConfirmText } from '../../features/queue/i18n';
import { returnsText } from '../../features/returns/i18n';
import { scannerText } from '../../features/scanner/i18n';
import { shippingText } from '../../features/shipping/i18n';
import { trackingText } from '../../features/tracking/i18n';

/**
 * Translations owned by features, merged under their own top-level key at start-up, so each
 * feature keeps its strings beside its code. Add one line per feature:
 *   import { packingText } from '../../features/packing/i18n';   →   packing: packingText,
 * where `packingText = { en: {...}, zhCN: {...} }` with the same keys in both languages.
 */
export interface FeatureText {
  en: Record<string, unknown>;
  zhCN: Record<string, unknown>;
}

export const FEATURE_TEXT: Record<string, FeatureText> = {
  packing: packingText,
  history: historyText,
  printing: printingText,
  scanner: scannerText,
  import: importText,
  intake: intakeText,
  shopSettings: shopSettingsText,
  shipping: shippingText,
  handover: handoverText,
  outbox: outboxText,
  batchConfirm: batchConfirmText,
  tracking: trackingText,
  insights: insightsText,
  returns: returnsText,
  devices: devicesText,
  recovery: recoveryText,
};
