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

export const FEATURE_TEXT: Record<string, FeatureText> = {};
