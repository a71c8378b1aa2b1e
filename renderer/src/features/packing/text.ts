import type { TFunction } from 'i18next';
import { formatReason, type ReasonCode } from '#shared/i18n/reasons';
import type { FeedbackText } from '../../stores/packing-store';

export function reasonLocale(language: string): 'zh-CN' | 'en' {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}

export function reasonText(
  code: ReasonCode,
  params: Readonly<Record<string, string | number>>,
  language: string,
): string {
  return formatReason({ code, params }, reasonLocale(language));
}

export function feedbackText(text: FeedbackText, language: string, t: TFunction): string {
  return text.kind === 'reason'
    ? reasonText(text.code, text.params, language)
    : t(`packing.${text.key}`, { ...text.params });
}
